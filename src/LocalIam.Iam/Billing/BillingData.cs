using LocalIam.Storage.Billing;

namespace LocalIam.Iam.Billing;

// TEMPORARY stand-in for the lead's BillingData (same signatures); removed before merging main.
public sealed class BillingData(BillingStore store, TimeProvider clock)
{
    public BillingStore Store => store;

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public async Task EnsureAsync(string accountId, CancellationToken cancellationToken = default)
    {
        if (await store.ReadAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.Accounts, a => a.AccountId == accountId, cancellationToken)))
        {
            return;
        }

        await store.WriteAsync(accountId, (_, _) => Task.FromResult(0), cancellationToken);
    }
}
