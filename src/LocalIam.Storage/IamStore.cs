using LocalIam.Storage.Entities;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace LocalIam.Storage;

/// <summary>
/// Opens contexts on one store and runs writes. Every write transaction first increments the
/// store's change stamp: that takes the stamp row's lock, so writers are serialized and a
/// check-then-insert (a quota, a unique name) cannot race; and every node can compare the stamp
/// with the one its caches were built at.
/// </summary>
public sealed class IamStore
{
    private readonly DbContextOptions _options;

    public IamStore(StoreLocation location)
    {
        Location = location;
        _options = location.Provider switch
        {
            StoreProvider.Sqlite => new DbContextOptionsBuilder<SqliteIamDbContext>()
                .UseSqlite(location.ConnectionString, o => o.CommandTimeout(30)).Options,
            _ => new DbContextOptionsBuilder<PostgresIamDbContext>()
                .UseNpgsql(location.ConnectionString).Options,
        };
    }

    public StoreLocation Location { get; }

    public IamDbContext OpenContext() => Location.Provider == StoreProvider.Sqlite
        ? new SqliteIamDbContext((DbContextOptions<SqliteIamDbContext>)_options)
        : new PostgresIamDbContext((DbContextOptions<PostgresIamDbContext>)_options);

    /// <summary>Creates or upgrades the schema; for SQLite also switches the file to WAL mode.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = OpenContext();
        if (Location.Provider == StoreProvider.Sqlite)
        {
            var file = new SqliteConnectionStringBuilder(Location.ConnectionString).DataSource;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        await db.Database.MigrateAsync(cancellationToken);
    }

    /// <summary>The current change stamp, read without taking a lock.</summary>
    public async Task<long> ReadRevisionAsync(CancellationToken cancellationToken = default)
    {
        await using var db = OpenContext();
        return await db.StoreStamps.AsNoTracking().Where(s => s.Id == StoreStamp.SingletonId).Select(s => s.Revision).SingleAsync(cancellationToken);
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
