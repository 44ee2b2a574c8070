using LocalIam.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace LocalIam.Storage;

/// <summary>
/// Writes last-access rows in batches: one transaction per batch, outside the store's write lock
/// and without moving the change stamp (bookkeeping, as an access key's last use). A row keeps the
/// latest attempt whichever node wrote it first, and a row for a user or role deleted meanwhile is
/// dropped.
/// </summary>
public static class ServiceLastAccessRows
{
    /// <summary>Both providers read this alike: the newer attempt wins, an older one leaves the row as it is.</summary>
    private const string KeepNewest =
        "ON CONFLICT (principal_id, action) DO UPDATE SET accessed_at = excluded.accessed_at, region = excluded.region " +
        "WHERE excluded.accessed_at > service_last_access.accessed_at";

    /// <summary>Ids are looked up in chunks, far below either provider's parameter limit.</summary>
    private const int IdsPerQuery = 500;

    public static async Task UpsertAsync(IamStore store, IReadOnlyList<ServiceLastAccess> rows, CancellationToken cancellationToken = default)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await using var db = store.OpenContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var existing = await ExistingPrincipalsAsync(db, [.. rows.Select(r => r.PrincipalId).Distinct(StringComparer.Ordinal)], cancellationToken);
        var kept = rows.Where(r => existing.Contains(r.PrincipalId)).ToList();
        await BulkInsert.RunAsync(db, store.Location.Provider, kept, cancellationToken, KeepNewest);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The rows of these users and roles with an attempt at or after <paramref name="since"/>.</summary>
    public static async Task<IReadOnlyList<ServiceLastAccess>> ForPrincipalsAsync(IamStore store, IReadOnlyList<string> principalIds, DateTime since)
    {
        await using var db = store.OpenContext();
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        var rows = new List<ServiceLastAccess>();
        foreach (var chunk in principalIds.Chunk(IdsPerQuery))
        {
            rows.AddRange(await db.ServiceLastAccesses.Where(r => chunk.Contains(r.PrincipalId) && r.AccessedAt >= since).ToListAsync());
        }

        return rows;
    }

    /// <summary>Removes a deleted user's or role's rows, inside the write that deletes it.</summary>
    public static Task ForgetAsync(IamDbContext db, string principalId) =>
        db.ServiceLastAccesses.Where(r => r.PrincipalId == principalId).ExecuteDeleteAsync();

    /// <summary>Removes every attempt older than <paramref name="before"/> (past the tracking period nothing reads them).</summary>
    public static async Task<int> PruneAsync(IamStore store, DateTime before, CancellationToken cancellationToken = default)
    {
        await using var db = store.OpenContext();
        return await db.ServiceLastAccesses.Where(r => r.AccessedAt < before).ExecuteDeleteAsync(cancellationToken);
    }

    private static async Task<HashSet<string>> ExistingPrincipalsAsync(IamDbContext db, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var existing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in ids.Chunk(IdsPerQuery))
        {
            existing.UnionWith(await db.Users.Where(u => chunk.Contains(u.Id)).Select(u => u.Id).ToListAsync(cancellationToken));
            existing.UnionWith(await db.Roles.Where(r => chunk.Contains(r.Id)).Select(r => r.Id).ToListAsync(cancellationToken));
        }

        return existing;
    }
}
