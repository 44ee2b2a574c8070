using LocalIam.Policy.Authorization;

namespace LocalIam.Iam.Authorization;

/// <summary>Who signed a request: the engine's principal plus the store ids behind it.</summary>
public sealed record AuthenticatedPrincipal(Principal Principal, string? UserId = null, string? RoleId = null, bool IsTemporary = false)
{
    /// <summary>The ASIA key of a temporary session, when the request was signed with one.</summary>
    public string? SessionKeyId { get; init; }

    /// <summary>The session policy passed to AssumeRole, if any.</summary>
    public string? SessionPolicy { get; init; }

    public DateTime? TokenIssuedAt { get; init; }

    public string AccountId => Principal.AccountId;

    public IamCaller Caller => new(Principal.AccountId, Principal.Arn);

    /// <summary>The cache key: one entry per principal, whichever key or session it signed with.</summary>
    public string CacheKey => UserId ?? RoleId ?? Principal.Arn;
}
