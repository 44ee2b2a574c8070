using System.Collections.Concurrent;
using LocalIam.Storage.Billing;
using Microsoft.EntityFrameworkCore;

namespace LocalIam.Iam.Billing;

/// <summary>
/// The account's billing data: generated on first use (13 months of costs and everything around
/// them), extended day by day to today while it is generated, never over an imported Cost and
/// Usage Report; and the account's costs in memory, kept per billing revision.
/// </summary>
public sealed class BillingData(BillingStore store, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, DateOnly> _ensuredOn = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CostDataset> _costs = new(StringComparer.Ordinal);

    public BillingStore Store => store;

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>Makes sure the account's data exists and generated costs reach today; cheap once done today.</summary>
    public async Task EnsureAsync(string accountId, CancellationToken cancellationToken = default)
    {
        var today = Today;
        if (_ensuredOn.TryGetValue(accountId, out var day) && day == today)
        {
            return;
        }

        var state = await store.ReadAsync(db => db.Accounts.Where(a => a.AccountId == accountId)
            .Select(a => new { a.GeneratedThrough, Rows = db.CostRows.Any(r => r.AccountId == accountId) }).SingleOrDefaultAsync(cancellationToken));
        var needed = state is null || (state.GeneratedThrough is { } through && through < today) || (state.GeneratedThrough is not null && !state.Rows);
        if (needed)
        {
            await store.WriteAsync(accountId, (db, account) => GenerateAsync(db, account, today, cancellationToken), cancellationToken);
        }

        _ensuredOn[accountId] = today;
    }

    /// <summary>The account's costs, read once per billing revision.</summary>
    public async Task<CostDataset> CostsAsync(string accountId, CancellationToken cancellationToken = default)
    {
        await EnsureAsync(accountId, cancellationToken);
        var revision = await store.ReadRevisionAsync(accountId, cancellationToken);
        if (_costs.TryGetValue(accountId, out var cached) && cached.Revision == revision)
        {
            return cached;
        }

        var rows = await store.ReadAsync(db => db.CostRows.Where(r => r.AccountId == accountId).OrderBy(r => r.UsageDate).ThenBy(r => r.Id).ToListAsync(cancellationToken));
        var dataset = new CostDataset(accountId, revision, CostDataset.Share(rows));
        _costs[accountId] = dataset;
        return dataset;
    }

    /// <summary>Forgets what this node knows of every account (after a store reset).</summary>
    public void Forget()
    {
        _ensuredOn.Clear();
        _costs.Clear();
    }

    private async Task<int> GenerateAsync(BillingDbContext db, BillingAccount account, DateOnly today, CancellationToken cancellationToken)
    {
        // Another node or request may have done it while this one waited for the lock.
        var hasRows = await db.CostRows.AnyAsync(r => r.AccountId == account.AccountId, cancellationToken);
        var isNew = account.GeneratedThrough is null && !hasRows && !await db.CostImports.AnyAsync(i => i.AccountId == account.AccountId, cancellationToken);
        if (!isNew && (account.GeneratedThrough is null || account.GeneratedThrough >= today))
        {
            return 0;
        }

        var generator = new BillingGenerator(account.AccountId);
        var first = BillingGenerator.FirstDay(today);
        var from = isNew ? first : account.GeneratedThrough!.Value.AddDays(1);
        var nextId = isNew ? 1 : await db.CostRows.Where(r => r.AccountId == account.AccountId).MaxAsync(r => (long?)r.Id, cancellationToken) + 1 ?? 1;
        var rows = new List<CostRow>();
        for (var day = from; day <= today; day = day.AddDays(1))
        {
            rows.AddRange(generator.Day(day));

            // A month closes when its last day is generated and a later day exists: tax, credits, refunds.
            if (day.AddDays(1).Day == 1 && day < today)
            {
                var monthIndex = ((day.Year - first.Year) * 12) + day.Month - first.Month;
                rows.AddRange(generator.MonthEnd(day.Year, day.Month, monthIndex));
            }
        }

        foreach (var row in rows)
        {
            row.Id = nextId++;
        }

        await store.InsertManyAsync(db, rows, cancellationToken);
        if (isNew)
        {
            BillingExtras.Add(db, generator, account, today);
        }

        // Invoices of months closed since the last generation (the whole year for a new account).
        var known = await db.Invoices.Where(i => i.AccountId == account.AccountId).Select(i => i.BillingPeriod).ToListAsync(cancellationToken);
        var totals = await MonthTotalsAsync(db, account.AccountId, cancellationToken);
        var defaultMethod = await db.PaymentMethods.Where(m => m.AccountId == account.AccountId && m.IsDefault).Select(m => m.MethodId).FirstOrDefaultAsync(cancellationToken)
            ?? db.PaymentMethods.Local.FirstOrDefault(m => m.IsDefault)?.MethodId;
        var schedule = InvoiceSchedule.Build(account.AccountId, totals, today, defaultMethod);
        db.Invoices.AddRange(schedule.Where(i => !known.Contains(i.BillingPeriod)));

        // The last closed month's invoice is paid once its day comes.
        var paid = schedule.Where(i => i.Status == "Paid").ToDictionary(i => i.BillingPeriod, StringComparer.Ordinal);
        foreach (var due in await db.Invoices.Where(i => i.AccountId == account.AccountId && i.Status == "Unpaid").ToListAsync(cancellationToken))
        {
            if (paid.TryGetValue(due.BillingPeriod, out var settled))
            {
                (due.Status, due.PaidOn) = (settled.Status, settled.PaidOn);
            }
        }

        account.GeneratedThrough = today;
        return rows.Count;
    }

    private static async Task<Dictionary<string, decimal>> MonthTotalsAsync(BillingDbContext db, string accountId, CancellationToken cancellationToken)
    {
        // Decimals are text on SQLite: summed here, not in SQL.
        var costs = await db.CostRows.Where(r => r.AccountId == accountId).Select(r => new { r.UsageDate, r.UnblendedCost }).ToListAsync(cancellationToken);
        return costs.GroupBy(c => c.UsageDate.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(c => c.UnblendedCost), StringComparer.Ordinal);
    }
}
