using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LocalIam.Iam.Identifiers;
using LocalIam.Storage;
using LocalIam.Storage.Entities;
using LocalIam.Storage.Secrets;
using Microsoft.EntityFrameworkCore;

namespace LocalIam.Iam.Credentials;

/// <summary>What a new session is: its kind and length, whose it is, and what STS records with it.</summary>
public sealed record SessionGrant(SessionKind Kind, TimeSpan Duration)
{
    /// <summary>The user of a GetSessionToken session; null for root's.</summary>
    public string? UserId { get; init; }

    public string? RoleId { get; init; }

    public string? SessionName { get; init; }

    /// <summary>The inline session policy.</summary>
    public string? SessionPolicy { get; init; }

    /// <summary>Managed session policies, by ARN: read at each request.</summary>
    public IReadOnlyList<string> PolicyArns { get; init; } = [];

    public IReadOnlyList<SessionTag> Tags { get; init; } = [];

    public string? SourceIdentity { get; init; }

    /// <summary>When an MFA code was proved for this session or the session that created it.</summary>
    public DateTime? MfaAuthenticatedAt { get; init; }
}

/// <summary>Temporary credentials as STS returns them; the secret and token are shown once.</summary>
public sealed record IssuedSession(Session Session, string SecretAccessKey, string SessionToken);

/// <summary>A session found by its key id, with its decrypted secret and its role or user's name and path, for SigV4.</summary>
public sealed record SessionKey(Session Session, string Secret, string? OwnerName, string? OwnerPath);

/// <summary>
/// STS sessions: ASIA keys with a secret (encrypted at rest) and a session token (only its hash is
/// stored). Issuing one is bookkeeping for the caller, not a change to the account's authorization
/// data, so it does not move the change stamp.
/// </summary>
public sealed class SessionService(IamStore store, TimeProvider clock, SecretProtector secrets)
{
    public async Task<IssuedSession> IssueAsync(string accountId, SessionGrant grant)
    {
        var secret = IamIds.NewSecretAccessKey();
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(192));
        var now = clock.GetUtcNow().UtcDateTime;
        var session = new Session
        {
            AccessKeyId = IamIds.NewAccessKeyId(IamIds.TemporaryAccessKeyPrefix),
            AccountId = accountId,
            Kind = grant.Kind,
            UserId = grant.UserId,
            RoleId = grant.RoleId,
            SessionName = grant.SessionName,
            SessionPolicy = grant.SessionPolicy,
            SessionPolicyArns = grant.PolicyArns.Count == 0 ? null : JsonSerializer.Serialize(grant.PolicyArns),
            SessionTags = grant.Tags.Count == 0 ? null : JsonSerializer.Serialize(grant.Tags),
            SourceIdentity = grant.SourceIdentity,
            MfaAuthenticatedAt = grant.MfaAuthenticatedAt,
            SecretCiphertext = secrets.Protect(secret),
            TokenHash = Hash(token),
            IssuedAt = now,
            ExpiresAt = now + grant.Duration,
        };
        await store.TouchAsync(async db =>
        {
            db.Sessions.Add(session);
            await db.SaveChangesAsync();
        });
        return new IssuedSession(session, secret, token);
    }

    public Task<SessionKey?> FindAsync(string accessKeyId) =>
        store.ReadAsync(async db =>
        {
            if (await db.Sessions.SingleOrDefaultAsync(s => s.AccessKeyId == accessKeyId) is not { } session)
            {
                return null;
            }

            var owner = session.RoleId is not null
                ? await db.Roles.Where(r => r.Id == session.RoleId).Select(r => new { r.Name, r.Path }).SingleOrDefaultAsync()
                : await db.Users.Where(u => u.Id == session.UserId).Select(u => new { u.Name, u.Path }).SingleOrDefaultAsync();
            return new SessionKey(session, secrets.Unprotect(session.SecretCiphertext), owner?.Name, owner?.Path);
        });

    /// <summary>The managed session policy ARNs a session was issued with.</summary>
    public static IReadOnlyList<string> PolicyArnsOf(Session session) =>
        session.SessionPolicyArns is { } json ? JsonSerializer.Deserialize<List<string>>(json) ?? [] : [];

    /// <summary>The session tags a session was issued with, passed and inherited.</summary>
    public static IReadOnlyList<SessionTag> TagsOf(Session session) =>
        session.SessionTags is { } json ? JsonSerializer.Deserialize<List<SessionTag>>(json) ?? [] : [];

    /// <summary>Constant-time check of a presented session token against the stored hash.</summary>
    public static bool TokenMatches(Session session, string? token) =>
        token is not null && CryptographicOperations.FixedTimeEquals(session.TokenHash, Hash(token));

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
