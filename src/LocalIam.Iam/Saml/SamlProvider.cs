using LocalIam.Iam.Tags;

namespace LocalIam.Iam.Saml;

/// <summary>A SAML 2.0 identity provider as stored, with the IdP's metadata document as given.</summary>
public sealed record SamlProvider
{
    public required string Name { get; init; }

    /// <summary>AWS's SAMLProviderUUID: upper-case letters and digits.</summary>
    public required string Uuid { get; init; }

    public required string MetadataDocument { get; init; }

    public string AssertionEncryptionMode { get; init; } = "Allowed";

    public required DateTime CreateDate { get; init; }

    public required DateTime ValidUntil { get; init; }

    public IReadOnlyList<TagInput> Tags { get; init; } = [];

    public string Arn(string accountId) => $"arn:aws:iam::{accountId}:saml-provider/{Name}";
}
