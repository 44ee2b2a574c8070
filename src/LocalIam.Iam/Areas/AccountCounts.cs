using LocalIam.Storage;
using Microsoft.EntityFrameworkCore;

namespace LocalIam.Iam.Areas;

/// <summary>
/// What GetAccountSummary reports about one account, read in a fixed number of queries (one
/// count per entity table, one grouped count of every kind of account object), whatever the
/// areas declare; each area's <see cref="SummaryCount"/> reads its value from here.
/// </summary>
public sealed class AccountCounts
{
    private readonly List<ObjectCount> _objects;

    private AccountCounts(int users, int groups, int roles, int customerPolicies, int attachments, bool rootHasAccessKeys, List<ObjectCount> objects)
    {
        Users = users;
        Groups = groups;
        Roles = roles;
        CustomerPolicies = customerPolicies;
        Attachments = attachments;
        RootHasAccessKeys = rootHasAccessKeys;
        _objects = objects;
    }

    public int Users { get; }

    public int Groups { get; }

    public int Roles { get; }

    public int CustomerPolicies { get; }

    /// <summary>Policy attachments of users, groups and roles, AWS managed and customer managed.</summary>
    public int Attachments { get; }

    public bool RootHasAccessKeys { get; }

    /// <summary>Account objects of a kind (MFA devices, providers, certificates…).</summary>
    public int Objects(string kind) => _objects.Where(o => o.Kind == kind).Sum(o => o.Count);

    /// <summary>Account objects of a kind that have an owner (an MFA device enabled for a user).</summary>
    public int OwnedObjects(string kind) => _objects.Where(o => o.Kind == kind && o.Owned).Sum(o => o.Count);

    /// <summary>Account objects of a kind owned by root (root's signing certificates).</summary>
    public int RootObjects(string kind) => _objects.Where(o => o.Kind == kind && o.ByRoot).Sum(o => o.Count);

    public static async Task<AccountCounts> LoadAsync(IamDbContext db, string account)
    {
        var objects = await db.AccountObjects.Where(o => o.AccountId == account)
            .GroupBy(o => new { o.Kind, Owned = o.OwnerId != null, ByRoot = o.OwnerId == account })
            .Select(g => new ObjectCount(g.Key.Kind, g.Key.Owned, g.Key.ByRoot, g.Count()))
            .ToListAsync();
        return new AccountCounts(
            await db.Users.CountAsync(u => u.AccountId == account),
            await db.Groups.CountAsync(g => g.AccountId == account),
            await db.Roles.CountAsync(r => r.AccountId == account),
            await db.ManagedPolicies.CountAsync(p => p.AccountId == account),
            await db.PolicyAttachments.CountAsync(a => a.AccountId == account),
            await db.AccessKeys.AnyAsync(k => k.AccountId == account && k.UserId == null),
            objects);
    }

    private sealed record ObjectCount(string Kind, bool Owned, bool ByRoot, int Count);
}
