using LocalIam.Policy.Authorization;

namespace LocalIam.Iam.Authorization;

/// <summary>Who signed a request: the engine's principal plus the store ids behind it.</summary>
public sealed record AuthenticatedPrincipal(Principal Principal, string? UserId = null, string? RoleId = null, bool IsTemporary = false)
{
    /// <summary>The ASIA key of a temporary session, when the request was signed with one.</summary>
    public string? SessionKeyId { get; init; }

    /// <summary>The session policy passed to AssumeRole, if any.</summary>
    public string? SessionPolicy { get; init; }

    /// <summary>The managed session policies passed to AssumeRole, by ARN.</summary>
    public IReadOnlyList<string> SessionPolicyArns { get; init; } = [];

    /// <summary>The session's tags (passed and inherited): they override the role's own tags of the same key.</summary>
    public IReadOnlyList<Credentials.SessionTag> SessionTags { get; init; } = [];

    /// <summary>The source identity set on the session or the first session of its chain.</summary>
    public string? SourceIdentity { get; init; }

    /// <summary>When the session's MFA code was proved; null for sessions without MFA and long-term keys.</summary>
    public DateTime? MfaAuthenticatedAt { get; init; }

    public DateTime? TokenIssuedAt { get; init; }

    /// <summary>When the session signing the request expires; null for long-term keys.</summary>
    public DateTime? SessionExpiresAt { get; init; }

    /// <summary>A session with session policies: its permissions are the intersection of its role's and theirs.</summary>
    public bool HasSessionPolicies => SessionPolicy is not null || SessionPolicyArns.Count > 0;

    /// <summary>The partition the request was signed in (its signing region's); the principal's ARNs are stored as <c>aws</c>'s.</summary>
    public string Partition { get; init; } = ArnPartition.Stored;

    public string AccountId => Principal.AccountId;

    public IamCaller Caller => new(Principal.AccountId, Principal.Arn) { Partition = Partition };

    /// <summary>The cache key: one entry per principal, whichever key or session it signed with.</summary>
    public string CacheKey => UserId ?? RoleId ?? Principal.Arn;
}
