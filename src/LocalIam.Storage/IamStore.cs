using LocalIam.Storage.Entities;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LocalIam.Storage;

/// <summary>
/// Opens contexts on one store and runs writes. Every write transaction first increments the
/// store's change stamp: that takes the stamp row's lock, so writers are serialized and a
/// check-then-insert (a quota, a unique name) cannot race; and every node can compare the stamp
/// with the one its caches were built at.
/// </summary>
public sealed class IamStore
{
    // Pooled contexts: creating a fresh one per query costs more than the query on SQLite.
    private readonly Func<IamDbContext> _create;
    private readonly NpgsqlDataSource? _postgres;

    public IamStore(StoreLocation location)
    {
        Location = location;
        if (location.Provider == StoreProvider.Sqlite)
        {
            var pool = new Microsoft.EntityFrameworkCore.Infrastructure.PooledDbContextFactory<SqliteIamDbContext>(
                new DbContextOptionsBuilder<SqliteIamDbContext>().UseSqlite(location.ConnectionString, o => o.CommandTimeout(30)).Options);
            _create = pool.CreateDbContext;
        }
        else
        {
            var pool = new Microsoft.EntityFrameworkCore.Infrastructure.PooledDbContextFactory<PostgresIamDbContext>(
                new DbContextOptionsBuilder<PostgresIamDbContext>().UseNpgsql(location.ConnectionString).Options);
            _create = pool.CreateDbContext;
            _postgres = NpgsqlDataSource.Create(location.ConnectionString);
        }
    }

    public StoreLocation Location { get; }

    public IamDbContext OpenContext() => _create();

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

    private async Task<long> ReadStoredRevisionAsync(CancellationToken cancellationToken)
    {
        const string Sql = "SELECT revision FROM store_stamp WHERE id = 1";
        if (_postgres is not null)
        {
            await using var command = _postgres.CreateCommand(Sql);
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }

        await using var connection = new SqliteConnection(Location.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var sqlite = connection.CreateCommand();
        sqlite.CommandText = Sql;
        return Convert.ToInt64(await sqlite.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a write transaction that holds the store's write lock.
    /// Nothing is saved when it throws.
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<IamDbContext, Task<T>> work, CancellationToken cancellationToken = default)
    {
        await using var db = OpenContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("UPDATE store_stamp SET revision = revision + 1 WHERE id = 1", cancellationToken);
        var result = await work(db);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        // This request moved the stamp: anything it reads next must see the new revision.
        if (RequestRevision.Value is { } scope)
        {
            scope.Revision = null;
        }

        return result;
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
