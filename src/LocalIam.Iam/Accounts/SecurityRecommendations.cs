using LocalIam.Iam.Mfa;
using LocalIam.Storage;
using LocalIam.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace LocalIam.Iam.Accounts;

/// <summary>
/// The IAM dashboard's security recommendations, computed from the account in one read: root
/// without MFA, root access keys, IAM users without an MFA device, and active access keys older
/// than <see cref="KeyRotationAge"/> (AWS's console flags keys unrotated for 90 days).
/// </summary>
public sealed record SecurityRecommendations(
    bool RootHasMfa,
    int RootActiveAccessKeys,
    IReadOnlyList<string> UsersWithoutMfa,
    IReadOnlyList<OldAccessKey> OldAccessKeys)
{
    public static readonly TimeSpan KeyRotationAge = TimeSpan.FromDays(90);

    /// <summary>Every active key of an IAM user, oldest first; <see cref="At"/> keeps those past the rotation age.</summary>
    internal IReadOnlyList<OldAccessKey> ActiveUserKeys { get; init; } = [];

    /// <summary>The recommendations at <paramref name="now"/>: the account read once, the key ages judged now.</summary>
    internal SecurityRecommendations At(DateTimeOffset now) =>
        this with { OldAccessKeys = [.. ActiveUserKeys.TakeWhile(k => k.CreatedAt < now.UtcDateTime - KeyRotationAge)] };

    internal static async Task<SecurityRecommendations> LoadAsync(IamDbContext db, string accountId)
    {
        var users = await db.Users.Where(u => u.AccountId == accountId).Select(u => new { u.Id, u.Name }).ToListAsync();
        var withMfa = (await db.AccountObjects.Where(o => o.AccountId == accountId && o.Kind == MfaDeviceService.Kind && o.OwnerId != null)
            .Select(o => o.OwnerId!).ToListAsync()).ToHashSet(StringComparer.Ordinal);
        var keys = await db.AccessKeys.Where(k => k.AccountId == accountId && k.Status == AccessKeyStatus.Active)
            .Select(k => new { k.Id, k.UserId, k.CreatedAt }).ToListAsync();
        var names = users.ToDictionary(u => u.Id, u => u.Name, StringComparer.Ordinal);

        // Root's MFA: LocalIam has no MFA device for root yet, so root never has one.
        return new(
            RootHasMfa: withMfa.Contains(accountId),
            RootActiveAccessKeys: keys.Count(k => k.UserId is null),
            UsersWithoutMfa: [.. users.Where(u => !withMfa.Contains(u.Id)).Select(u => u.Name).Order(StringComparer.OrdinalIgnoreCase)],
            OldAccessKeys: [])
        {
            ActiveUserKeys = [.. keys.Where(k => k.UserId is not null)
                .Select(k => new OldAccessKey(names.GetValueOrDefault(k.UserId!, k.UserId!), k.Id, k.CreatedAt))
                .OrderBy(k => k.CreatedAt)],
        };
    }
}

/// <summary>An active access key of an IAM user, older than the rotation age.</summary>
public sealed record OldAccessKey(string UserName, string AccessKeyId, DateTime CreatedAt);
