using LocalIam.Iam.Tags;

namespace LocalIam.Iam.ServerCertificates;

/// <summary>A server certificate as stored: body and chain as uploaded, the private key encrypted at rest and never returned.</summary>
public sealed record ServerCertificate
{
    public required string Name { get; init; }

    /// <summary>The ServerCertificateId, <c>ASCA...</c>.</summary>
    public required string Id { get; init; }

    public required string Path { get; init; }

    public required string Body { get; init; }

    public string? Chain { get; init; }

    /// <summary>The PEM private key, encrypted with the store's secret key (base64).</summary>
    public required string ProtectedPrivateKey { get; init; }

    public required DateTime UploadDate { get; init; }

    /// <summary>The certificate's NotAfter, UTC.</summary>
    public required DateTime Expiration { get; init; }

    public IReadOnlyList<TagInput> Tags { get; init; } = [];

    public string Arn(string accountId) => $"arn:aws:iam::{accountId}:server-certificate{Path}{Name}";
}
