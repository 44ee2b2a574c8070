namespace LocalIam.Storage.Entities;

/// <summary>What users, groups, roles and managed policies share: an AWS id, a name unique per account regardless of case, a path.</summary>
public abstract class NamedEntity
{
    /// <summary>AWS's unique id (AIDA..., AGPA..., AROA..., ANPA...).</summary>
    public required string Id { get; set; }

    public required string AccountId { get; set; }

    public required string Name { get; set; }

    /// <summary>The name in upper case: the unique index that makes names case-insensitive.</summary>
    public required string NameKey { get; set; }

    public string Path { get; set; } = "/";

    public DateTime CreatedAt { get; set; }
}

public sealed class User : NamedEntity
{
    public string? PermissionsBoundaryArn { get; set; }

    public DateTime? PasswordLastUsed { get; set; }
}

public sealed class Group : NamedEntity
{
}

public sealed class Role : NamedEntity
{
    public required string TrustPolicy { get; set; }

    public string? Description { get; set; }

    /// <summary>Seconds, 3600 to 43200.</summary>
    public int MaxSessionDuration { get; set; } = 3600;

    public string? PermissionsBoundaryArn { get; set; }

    public DateTime? LastUsedAt { get; set; }
}

/// <summary>
/// A managed policy: customer managed (AccountId is the account, a row of the store) or AWS managed
/// (AccountId is <c>aws</c>, built from the embedded catalogue in LocalIam.Iam, never stored).
/// </summary>
public sealed class ManagedPolicy : NamedEntity
{
    public const string AwsAccount = "aws";

    public required string Arn { get; set; }

    public string? Description { get; set; }

    public required string DefaultVersionId { get; set; }

    /// <summary>The number the next version gets: AWS never reuses a version id.</summary>
    public int NextVersionNumber { get; set; } = 2;

    public DateTime UpdatedAt { get; set; }

    public bool IsAwsManaged => AccountId == AwsAccount;

    /// <summary>Not stored: customer managed policies are always attachable; AWS retires some of its own this way.</summary>
    public bool IsAttachable { get; set; } = true;
}

public sealed class PolicyVersion
{
    public required string PolicyId { get; set; }

    /// <summary><c>v1</c>, <c>v2</c>, ...</summary>
    public required string VersionId { get; set; }

    public required string Document { get; set; }

    public DateTime CreatedAt { get; set; }
}
