using LocalIam.Storage;
using LocalIam.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace LocalIam.Iam.Audit;

/// <summary>Reads the audit trail that every change appends to.</summary>
public sealed class AuditLog(IamStore store)
{
    /// <summary>Events of one account, newest first, optionally within a time window and for one principal.</summary>
    public Task<IReadOnlyList<AuditEvent>> QueryAsync(string accountId, DateTime? from = null, DateTime? to = null, string? principalArn = null, int limit = 100) =>
        store.ReadAsync<IReadOnlyList<AuditEvent>>(async db =>
        {
            var query = db.AuditEvents.Where(e => e.AccountId == accountId);
            if (from is { } start)
            {
                query = query.Where(e => e.Time >= start);
            }

            if (to is { } end)
            {
                query = query.Where(e => e.Time < end);
            }

            if (principalArn is not null)
            {
                query = query.Where(e => e.PrincipalArn == principalArn);
            }

            return await query.OrderByDescending(e => e.Id).Take(limit).ToListAsync();
        });
}
