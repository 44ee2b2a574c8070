using System.Globalization;
using System.Text;
using LocalIam.Storage.Entities;

namespace LocalIam.Iam.Policies;

/// <summary>
/// One AWS managed policy of the catalogue, at its default version. The document is a slice of the
/// catalogue's one UTF-8 buffer: nothing is decoded, parsed or compiled until someone uses it.
/// </summary>
public sealed class AwsManagedPolicy(
    string name, string path, string policyId, string defaultVersionId, DateTime createdAt, DateTime updatedAt,
    string? description, bool isAttachable, ReadOnlyMemory<byte> document)
{
    public string Name { get; } = name;

    public string Path { get; } = path;

    public string Arn { get; } = AwsManagedPolicyCatalog.ArnPrefix + path[1..] + name;

    public string PolicyId { get; } = policyId;

    public string DefaultVersionId { get; } = defaultVersionId;

    public DateTime CreatedAt { get; } = createdAt;

    /// <summary>When the default version was made the default (IAM's UpdateDate).</summary>
    public DateTime UpdatedAt { get; } = updatedAt;

    public string? Description { get; } = description;

    /// <summary>False for a policy AWS retired from new attachments but still lists.</summary>
    public bool IsAttachable { get; } = isAttachable;

    public ReadOnlyMemory<byte> DocumentUtf8 { get; } = document;

    /// <summary>The default version's document, as compact JSON.</summary>
    public string Document => Encoding.UTF8.GetString(DocumentUtf8.Span);

    /// <summary>A fresh, untracked entity for the services: callers may keep or change it freely.</summary>
    public ManagedPolicy ToPolicy() => new()
    {
        Id = PolicyId,
        AccountId = ManagedPolicy.AwsAccount,
        Name = Name,
        NameKey = Name.ToUpperInvariant(),
        Path = Path,
        Arn = Arn,
        Description = Description,
        DefaultVersionId = DefaultVersionId,
        NextVersionNumber = int.Parse(DefaultVersionId.AsSpan(1), CultureInfo.InvariantCulture) + 1,
        CreatedAt = CreatedAt,
        UpdatedAt = UpdatedAt,
        IsAttachable = IsAttachable,
    };

    public PolicyVersion ToDefaultVersion() => new() { PolicyId = PolicyId, VersionId = DefaultVersionId, Document = Document, CreatedAt = UpdatedAt };
}
