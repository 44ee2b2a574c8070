using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace LocalIam.Storage.Billing;

/// <summary>
/// The billing data of every account of a store. Writes are serialized per account (the account's
/// <see cref="BillingAccount"/> row is taken first) and move that account's billing revision; they
/// never touch IAM's tables, lock or change stamp, so a long import leaves IAM writes and
/// authorization caches alone. On SQLite the data is a file of its own, so even SQLite's one-writer
/// lock is not shared with IAM.
/// </summary>
public sealed class BillingStore
{
    public const string SqliteFileName = "billing.db";

    private readonly Func<BillingDbContext> _create;

    public BillingStore(StoreLocation iamStore)
    {
        Location = iamStore.Provider == StoreProvider.Sqlite ? SqliteBeside(iamStore) : iamStore;
        if (Location.Provider == StoreProvider.Sqlite)
        {
            var pool = new PooledDbContextFactory<SqliteBillingDbContext>(new DbContextOptionsBuilder<SqliteBillingDbContext>()
                .UseSqlite(Location.ConnectionString, o => o.CommandTimeout(120).MigrationsHistoryTable(BillingDbContext.MigrationsHistoryTable)).Options);
            _create = pool.CreateDbContext;
        }
        else
        {
            var pool = new PooledDbContextFactory<PostgresBillingDbContext>(new DbContextOptionsBuilder<PostgresBillingDbContext>()
                .UseNpgsql(Location.ConnectionString, o => o.CommandTimeout(120).MigrationsHistoryTable(BillingDbContext.MigrationsHistoryTable)).Options);
            _create = pool.CreateDbContext;
        }
    }

    /// <summary>Where the billing data lives: <c>billing.db</c> beside a SQLite store, the same PostgreSQL database otherwise.</summary>
    public StoreLocation Location { get; }

    public BillingDbContext OpenContext() => _create();

    /// <summary>Creates or upgrades the billing schema (and on SQLite makes the file private and WAL).</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = OpenContext();
        if (Location.Provider == StoreProvider.Sqlite)
        {
            var file = SqliteFile();
            StoreFiles.SecureDatabase(file);
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        await db.Database.MigrateAsync(cancellationToken);
        if (Location.Provider == StoreProvider.Sqlite)
        {
            StoreFiles.SecureDatabase(SqliteFile());
        }
    }

    /// <summary>The account's billing revision (0 before it has billing data); one small read, done on every billing request.</summary>
    public async Task<long> ReadRevisionAsync(string accountId, CancellationToken cancellationToken = default)
    {
        await using var db = OpenContext();
        return await db.Accounts.Where(a => a.AccountId == accountId).Select(a => (long?)a.Revision).SingleOrDefaultAsync(cancellationToken) ?? 0;
    }

    /// <summary>Runs a read in a context that tracks nothing.</summary>
    public async Task<T> ReadAsync<T>(Func<BillingDbContext, Task<T>> work)
    {
        await using var db = OpenContext();
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        return await work(db);
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction that holds the account's billing row (created
    /// on first use with <paramref name="create"/>'s defaults): writers of one account wait in turn,
    /// nothing is saved when it throws, and the account's revision moves with every committed write.
    /// </summary>
    public async Task<T> WriteAsync<T>(string accountId, Func<BillingDbContext, BillingAccount, Task<T>> work, CancellationToken cancellationToken = default)
    {
        await using var db = OpenContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // Insert the row if missing, then write it unchanged to take its lock (PostgreSQL; SQLite's
        // BEGIN IMMEDIATE already holds the file's write lock).
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO billing_accounts (account_id, revision, uses_legacy_actions, currency, pdf_invoice_by_email, free_tier_alerts, cloud_watch_billing_alerts) VALUES ({accountId}, 0, FALSE, 'USD', TRUE, TRUE, FALSE) ON CONFLICT (account_id) DO NOTHING",
            cancellationToken);
        await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE billing_accounts SET revision = revision + 1 WHERE account_id = {accountId}", cancellationToken);
        var account = await db.Accounts.SingleAsync(a => a.AccountId == accountId, cancellationToken);
        var result = await work(db, account);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>Inserts many new rows of one entity type inside a <see cref="WriteAsync{T}"/> of <paramref name="db"/>, without change tracking.</summary>
    public Task<int> InsertManyAsync<T>(BillingDbContext db, IReadOnlyList<T> rows, CancellationToken cancellationToken = default)
        where T : class =>
        BulkInsert.RunAsync(db, Location.Provider, rows, cancellationToken);

    /// <summary>Deletes every account's billing data (the store's reset for test suites); it is generated again on first use.</summary>
    public async Task ResetAsync(CancellationToken cancellationToken = default)
    {
        string[] tables =
        [
            "billing_budget_subscribers", "billing_budget_notifications", "billing_budgets", "billing_cost_rows", "billing_invoices",
            "billing_payment_methods", "billing_tax_registrations", "billing_cost_allocation_tags", "billing_cost_imports", "billing_accounts",
        ];
        await using var db = OpenContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var table in tables)
        {
#pragma warning disable EF1002 // Table names come from the constant list above, never from input.
            await db.Database.ExecuteSqlRawAsync($"DELETE FROM {table}", cancellationToken);
#pragma warning restore EF1002
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private string SqliteFile() => Path.GetFullPath(new SqliteConnectionStringBuilder(Location.ConnectionString).DataSource);

    private static StoreLocation SqliteBeside(StoreLocation iamStore)
    {
        var builder = new SqliteConnectionStringBuilder(iamStore.ConnectionString);
        var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource)) ?? ".";
        builder.DataSource = Path.Combine(folder, SqliteFileName);
        return new StoreLocation(StoreProvider.Sqlite, builder.ConnectionString);
    }
}
