using LocalIam.Storage.Billing;
using Microsoft.EntityFrameworkCore;

namespace LocalIam.Iam.Billing.Import;

/// <summary>
/// <c>localiam billing import</c>: loads a Cost and Usage Report into an account's billing data.
/// The whole file is read, checked and summed first; only then one billing write replaces the
/// account's costs, the invoices of the report's months and adds its tag keys, so a refused or
/// failed import leaves everything as it was. The write is the billing store's alone: IAM's
/// tables, write lock and change stamp (and so every authorization cache) are never touched.
/// </summary>
public sealed class CostReportImporter(BillingStore store, BillingData data, TimeProvider clock)
{
    public async Task<CostImportResult> ImportAsync(string path, string accountId, IProgress<CostImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var (costs, form, container, lines) = await CostReportFile.ReadAsync(path, accountId, progress, cancellationToken);
        var bytes = new FileInfo(path).Length;
        void Report(CostImportStage stage) => progress?.Report(new CostImportProgress(stage, bytes, bytes, lines));

        // The account's other billing data (payment methods, preferences …) exists before its costs are replaced.
        Report(CostImportStage.Writing);
        await data.EnsureAsync(accountId, cancellationToken);

        var rows = costs.Rows;
        var result = new CostImportResult(
            Path.GetFileName(path), form, container, lines, rows.Count,
            rows.Select(r => r.UsageDate).Distinct().Count(), rows[0].UsageDate, rows[^1].UsageDate,
            rows.Sum(r => r.UnblendedCost), [.. costs.MonthTotals.Keys], []);

        var newTags = await store.WriteAsync(
            accountId,
            async (db, account) =>
            {
                await db.CostRows.Where(r => r.AccountId == accountId).ExecuteDeleteAsync(cancellationToken);
                Report(CostImportStage.OldRowsDeleted);
                await store.InsertManyAsync(db, rows, cancellationToken);
                Report(CostImportStage.RowsInserted);

                await ReplaceInvoicesAsync(db, accountId, costs.MonthTotals, cancellationToken);
                var added = await AddTagKeysAsync(db, accountId, costs.TagKeys, cancellationToken);

                // Generated data never comes back over imported data.
                account.GeneratedThrough = null;
                db.CostImports.Add(new CostImport
                {
                    AccountId = accountId,
                    FileName = result.FileName,
                    Format = result.Format,
                    LinesRead = lines,
                    RowsStored = rows.Count,
                    FirstDay = result.FirstDay,
                    LastDay = result.LastDay,
                    ImportedAt = clock.GetUtcNow().UtcDateTime,
                });
                return added;
            },
            cancellationToken);

        Report(CostImportStage.Done);
        return result with { NewTagKeys = newTags };
    }

    /// <summary>The invoices of the report's months, made again from its totals; other months keep theirs.</summary>
    private async Task ReplaceInvoicesAsync(BillingDbContext db, string accountId, IReadOnlyDictionary<string, decimal> monthTotals, CancellationToken cancellationToken)
    {
        var months = monthTotals.Keys.ToList();
        await db.Invoices.Where(i => i.AccountId == accountId && months.Contains(i.BillingPeriod)).ExecuteDeleteAsync(cancellationToken);
        var defaultMethod = await db.PaymentMethods.Where(m => m.AccountId == accountId && m.IsDefault).Select(m => m.MethodId).FirstOrDefaultAsync(cancellationToken);
        db.Invoices.AddRange(InvoiceSchedule.Build(accountId, monthTotals, data.Today, defaultMethod));
    }

    /// <summary>
    /// Tag keys the account did not know become user-defined cost allocation tags, inactive as AWS
    /// lists a newly seen key; known keys get their last use moved on.
    /// </summary>
    private async Task<List<string>> AddTagKeysAsync(BillingDbContext db, string accountId, IReadOnlyDictionary<string, DateOnly> tagKeys, CancellationToken cancellationToken)
    {
        var known = await db.CostAllocationTags.Where(t => t.AccountId == accountId).ToDictionaryAsync(t => t.TagKey, StringComparer.Ordinal, cancellationToken);
        var added = new List<string>();
        foreach (var (key, lastUsed) in tagKeys.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            if (known.TryGetValue(key, out var tag))
            {
                tag.LastUsed = tag.LastUsed is { } before && before > lastUsed ? before : lastUsed;
                continue;
            }

            // AWS's limit for a tag key; a longer one still groups costs, it just cannot be activated.
            if (key.Length > MaxTagKeyLength)
            {
                continue;
            }

            db.CostAllocationTags.Add(new CostAllocationTag
            {
                AccountId = accountId,
                TagKey = key,
                Type = "UserDefined",
                Status = "Inactive",
                LastUpdated = clock.GetUtcNow().UtcDateTime,
                LastUsed = lastUsed,
            });
            added.Add(key);
        }

        return added;
    }

    private const int MaxTagKeyLength = 128;
}
