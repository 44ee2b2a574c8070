using LocalIam.Iam.Tags;

namespace LocalIam.Iam.OpenIdConnect;

/// <summary>An OpenID Connect identity provider as stored; <see cref="Url"/> is its host and path, without https://.</summary>
public sealed record OidcProvider
{
    public required string Url { get; init; }

    public IReadOnlyList<string> ClientIds { get; init; } = [];

    public IReadOnlyList<string> Thumbprints { get; init; } = [];

    public required DateTime CreateDate { get; init; }

    public IReadOnlyList<TagInput> Tags { get; init; } = [];

    public string Arn(string accountId) => $"arn:aws:iam::{accountId}:oidc-provider/{Url}";
}
