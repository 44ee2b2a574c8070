using System.Data;
using System.Data.Common;
using LocalIam.Storage.Entities;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace LocalIam.Storage;

/// <summary>
/// Opens contexts on one store and runs writes. Every write transaction first takes the store's
/// change stamp row: writers are serialized, so a check-then-insert (a quota, a unique name) cannot
/// race. A write that changed something moves the stamp in the same transaction, so every node can
/// compare it with the one its caches were built at; a write that changed nothing leaves it.
/// </summary>
public sealed class IamStore
{
    // Pooled contexts: creating a fresh one per query costs more than the query on SQLite. Made on
    // first use: a CLI question reads only plain SQL (ReadConsistentAsync) and never needs EF Core.
    private readonly Lazy<Func<IamDbContext>> _create;
    private readonly NpgsqlDataSource? _postgres;
    private readonly IPlainCommandObserver[] _plainObservers;

    /// <param name="location">The database.</param>
    /// <param name="interceptors">More EF Core interceptors (tests count the commands a read issues); those that are also
    /// <see cref="IPlainCommandObserver"/>s see the store's plain reads as well.</param>
    public IamStore(StoreLocation location, IReadOnlyList<IInterceptor>? interceptors = null)
    {
        Location = location;
        IInterceptor[] all = [CommandWriteCounter.Instance, .. interceptors ?? []];
        _plainObservers = [.. all.OfType<IPlainCommandObserver>()];
        _create = new(() => Pool(location, all));
        if (location.Provider == StoreProvider.Postgres)
        {
            _postgres = NpgsqlDataSource.Create(location.ConnectionString);
        }
    }

    private static Func<IamDbContext> Pool(StoreLocation location, IInterceptor[] interceptors)
    {
        if (location.Provider == StoreProvider.Sqlite)
        {
            return new Microsoft.EntityFrameworkCore.Infrastructure.PooledDbContextFactory<SqliteIamDbContext>(
                new DbContextOptionsBuilder<SqliteIamDbContext>().UseSqlite(location.ConnectionString, o => o.CommandTimeout(30)).AddInterceptors(interceptors).Options).CreateDbContext;
        }

        return new Microsoft.EntityFrameworkCore.Infrastructure.PooledDbContextFactory<PostgresIamDbContext>(
            new DbContextOptionsBuilder<PostgresIamDbContext>().UseNpgsql(location.ConnectionString).AddInterceptors(interceptors).Options).CreateDbContext;
    }

    public StoreLocation Location { get; }

    public IamDbContext OpenContext() => _create.Value();

    /// <summary>Creates or upgrades the schema; for SQLite also switches the file to WAL mode.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = OpenContext();
        if (Location.Provider == StoreProvider.Sqlite)
        {
            var file = Path.GetFullPath(new SqliteConnectionStringBuilder(Location.ConnectionString).DataSource);
            StoreFiles.SecureFolder(Path.GetDirectoryName(file)!);
            StoreFiles.SecureDatabase(file);
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        await db.Database.MigrateAsync(cancellationToken);
        if (Location.Provider == StoreProvider.Sqlite)
        {
            StoreFiles.SecureDatabase(Path.GetFullPath(new SqliteConnectionStringBuilder(Location.ConnectionString).DataSource));
        }
    }

    /// <summary>
    /// The current change stamp, read without taking a lock. Read on every request, so it skips
    /// EF Core and asks the pooled connection directly.
    /// </summary>
    public async Task<long> ReadRevisionAsync(CancellationToken cancellationToken = default)
    {
        if (RequestRevision.Value is { } scope)
        {
            return scope.Revision ??= await ReadStoredRevisionAsync(cancellationToken);
        }

        return await ReadStoredRevisionAsync(cancellationToken);
    }

    /// <summary>
    /// Within the returned scope (one API request), the change stamp is read once and every cache
    /// check of that request uses the same value.
    /// </summary>
    public static IDisposable RevisionScope()
    {
        var previous = RequestRevision.Value;
        RequestRevision.Value = new RevisionHolder();
        return new ScopeEnd(previous);
    }

    private static readonly AsyncLocal<RevisionHolder?> RequestRevision = new();

    private sealed class RevisionHolder
    {
        public long? Revision { get; set; }
    }

    private sealed class ScopeEnd(RevisionHolder? previous) : IDisposable
    {
        public void Dispose() => RequestRevision.Value = previous;
    }

    /// <summary>The change stamp as stored now, even inside a request that already read it.</summary>
    public Task<long> ReadLatestRevisionAsync(CancellationToken cancellationToken = default) => ReadStoredRevisionAsync(cancellationToken);

    private async Task<long> ReadStoredRevisionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenPlainConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT revision FROM store_stamp WHERE id = 1";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a write transaction that holds the store's write lock.
    /// Nothing is saved when it throws. The change stamp moves only when the work changed
    /// something other than the audit trail: a write that finds everything as asked (the same
    /// tags again, a rename to the same name) leaves every node's caches in place.
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<IamDbContext, Task<T>> work, CancellationToken cancellationToken = default)
    {
        await using var db = OpenContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // Writing the stamp row without changing it takes its lock: writers wait here, in turn.
        await db.Database.ExecuteSqlRawAsync("UPDATE store_stamp SET revision = revision WHERE id = 1", cancellationToken);
        db.RowsWrittenByCommands = 0;
        var result = await work(db);
        var changed = Changed(db);
        if (changed)
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE store_stamp SET revision = revision + 1 WHERE id = 1", cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        // This request moved the stamp: anything it reads next must see the new revision.
        if (changed && RequestRevision.Value is { } scope)
        {
            scope.Revision = null;
        }

        return result;
    }

    /// <summary>Did the work change a row: a tracked entity other than an audit event, or any row through a command.</summary>
    private static bool Changed(IamDbContext db)
    {
        if (db.RowsWrittenByCommands > 0)
        {
            return true;
        }

        // Snapshot change tracking: a property set to the value it had does not count as modified.
        db.ChangeTracker.DetectChanges();
        return db.ChangeTracker.Entries().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && e.Entity is not AuditEvent);
    }

    /// <summary>
    /// Inserts many new rows of one entity type in one write transaction, without change tracking,
    /// for the account generator (tests, benchmarks, the CLI): through EF Core's inserts an account
    /// at AWS's limits would take minutes. Not an API write path: it checks no name or quota (only
    /// the database's own constraints hold) and writes no audit event; callers insert parents
    /// before children. The change stamp moves as for any write.
    /// </summary>
    public Task InsertManyAsync<T>(IReadOnlyList<T> rows, CancellationToken cancellationToken = default)
        where T : class =>
        WriteAsync(async db =>
        {
            // These commands bypass EF Core's interceptors: count their rows as written here.
            db.RowsWrittenByCommands += await BulkInsert.RunAsync(db, Location.Provider, rows, cancellationToken);
            return 0;
        }, cancellationToken);

    /// <summary>
    /// <see cref="InsertManyAsync{T}(IReadOnlyList{T}, CancellationToken)"/> inside a write the caller
    /// runs with <see cref="WriteAsync{T}"/>: many tables in one transaction, all or nothing (the
    /// importer of authorization details). The same caveats: no name or quota check, parents first.
    /// </summary>
    public async Task InsertManyAsync<T>(IamDbContext db, IReadOnlyList<T> rows, CancellationToken cancellationToken = default)
        where T : class
    {
        if (rows.Count > 0)
        {
            db.RowsWrittenByCommands += await BulkInsert.RunAsync(db, Location.Provider, rows, cancellationToken);
        }
    }

    /// <summary>
    /// Runs several reads that must agree with each other (the account snapshot) in one read
    /// transaction: every query sees the same committed state, and none takes a write lock. Plain
    /// SQL on a plain connection, as <see cref="ReadRevisionAsync"/>: a process that starts for one
    /// question (the CLI offline) would otherwise spend most of its time building EF Core's model
    /// and compiling each LINQ query on its first use.
    /// </summary>
    public async Task<T> ReadConsistentAsync<T>(Func<ConsistentRead, Task<T>> work, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenPlainConnectionAsync(cancellationToken);

        // PostgreSQL: repeatable read sees one snapshot from the first query on. SQLite in WAL mode:
        // a deferred transaction reads one snapshot from its first read on, and does not take the
        // write lock that BEGIN IMMEDIATE would.
        await using var transaction = connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: true)
            : await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        return await work(new ConsistentRead(connection, transaction, _plainObservers, cancellationToken));
    }

    /// <summary>An open connection outside EF Core: PostgreSQL's from the data source's pool, SQLite's from its own.</summary>
    private async Task<DbConnection> OpenPlainConnectionAsync(CancellationToken cancellationToken)
    {
        if (_postgres is not null)
        {
            return await _postgres.OpenConnectionAsync(cancellationToken);
        }

        var connection = new SqliteConnection(Location.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>
    /// Runs bookkeeping (a key's last use) outside the serialized write path: it changes no
    /// authorization data, so it neither takes the lock nor moves the change stamp.
    /// </summary>
    public async Task TouchAsync(Func<IamDbContext, Task> work)
    {
        await using var db = OpenContext();
        await work(db);
    }

    /// <summary>Runs a read in a context that tracks nothing.</summary>
    public async Task<T> ReadAsync<T>(Func<IamDbContext, Task<T>> work)
    {
        await using var db = OpenContext();
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        return await work(db);
    }
}
