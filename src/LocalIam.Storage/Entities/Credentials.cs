namespace LocalIam.Storage.Entities;

public enum AccessKeyStatus
{
    Active,
    Inactive,
}

/// <summary>A long-term access key of an IAM user, or of root when <see cref="UserId"/> is null.</summary>
public sealed class AccessKey
{
    /// <summary>AKIA... (20 characters).</summary>
    public required string Id { get; set; }

    public required string AccountId { get; set; }

    public string? UserId { get; set; }

    /// <summary>The secret access key, encrypted at rest (AES-GCM); never stored in clear.</summary>
    public required byte[] SecretCiphertext { get; set; }

    public AccessKeyStatus Status { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? LastUsedAt { get; set; }

    public string? LastUsedService { get; set; }

    public string? LastUsedRegion { get; set; }
}

/// <summary>A user's console password.</summary>
public sealed class LoginProfile
{
    public required string UserId { get; set; }

    public required string PasswordHash { get; set; }

    public bool PasswordResetRequired { get; set; }

    public DateTime CreatedAt { get; set; }
}

public enum SessionKind
{
    /// <summary>GetSessionToken: the same principal (user or root) with temporary credentials.</summary>
    SessionToken,

    /// <summary>AssumeRole: a session of a role.</summary>
    AssumedRole,

    /// <summary>GetFederationToken: a federated user of an IAM user, named by the caller (SessionName).</summary>
    FederatedUser,
}

/// <summary>Temporary credentials issued by STS (ASIA... keys with a session token).</summary>
public sealed class Session
{
    /// <summary>ASIA... (20 characters).</summary>
    public required string AccessKeyId { get; set; }

    public required string AccountId { get; set; }

    public SessionKind Kind { get; set; }

    /// <summary>The user behind a GetSessionToken session; null for root's.</summary>
    public string? UserId { get; set; }

    public string? RoleId { get; set; }

    public string? SessionName { get; set; }

    /// <summary>The session policy passed to AssumeRole, if any.</summary>
    public string? SessionPolicy { get; set; }

    /// <summary>
    /// The managed session policies passed to AssumeRole, as a JSON array of ARNs. Only the ARNs are
    /// kept: each request reads the policy's current default version, as AWS evaluates it.
    /// </summary>
    public string? SessionPolicyArns { get; set; }

    /// <summary>Session tags, passed and inherited: a JSON array of <c>{"Key","Value","Transitive"}</c>.</summary>
    public string? SessionTags { get; set; }

    /// <summary>The source identity set when the session (or the first session of its chain) was created.</summary>
    public string? SourceIdentity { get; set; }

    /// <summary>When the caller proved an MFA code for this session (or its chain); null without MFA.</summary>
    public DateTime? MfaAuthenticatedAt { get; set; }

    public required byte[] SecretCiphertext { get; set; }

    /// <summary>SHA-256 of the session token: the token itself is never stored.</summary>
    public required byte[] TokenHash { get; set; }

    public DateTime IssuedAt { get; set; }

    public DateTime ExpiresAt { get; set; }
}
