using LocalIam.Storage;
using LocalIam.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace LocalIam.Iam.LastAccessed;

/// <summary>
/// A role's RoleLastUsed (GetRole, GetAccountAuthorizationDetails): the latest attempt any session
/// of the role made, and in which region, from the last-access rows (so within AWS's 400-day
/// tracking period, as AWS reports it). A role imported with a LastUsedDate keeps that date until a
/// later use is recorded here.
/// </summary>
public readonly record struct RoleLastUse(DateTime? LastUsedDate, string? Region)
{
    /// <summary>The last use of each role, keyed by role id (every role given has an entry).</summary>
    public static async Task<IReadOnlyDictionary<string, RoleLastUse>> ReadAsync(IamDbContext db, IReadOnlyList<Role> roles)
    {
        var result = roles.ToDictionary(r => r.Id, r => new RoleLastUse(r.LastUsedAt, null), StringComparer.Ordinal);
        if (roles.Count == 0)
        {
            return result;
        }

        List<string> ids = [.. result.Keys];
        var attempts = await db.ServiceLastAccesses.AsNoTracking().Where(a => ids.Contains(a.PrincipalId))
            .Select(a => new { a.PrincipalId, a.AccessedAt, a.Region }).ToListAsync();
        foreach (var attempt in attempts)
        {
            if (result[attempt.PrincipalId].LastUsedDate is not { } known || attempt.AccessedAt > known)
            {
                result[attempt.PrincipalId] = new RoleLastUse(attempt.AccessedAt, attempt.Region);
            }
        }

        return result;
    }
}
