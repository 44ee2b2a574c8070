namespace LocalIam.Storage;

public enum StoreProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Where the store lives: a SQLite file in a data folder, or a PostgreSQL database.</summary>
public sealed record StoreLocation(StoreProvider Provider, string ConnectionString)
{
    public const string SqliteFileName = "localiam.db";

    public static StoreLocation SqliteIn(string dataFolder) =>
        new(StoreProvider.Sqlite, $"Data Source={Path.Combine(dataFolder, SqliteFileName)};Pooling=True;Default Timeout=30");

    public static StoreLocation Postgres(string connectionString) => new(StoreProvider.Postgres, connectionString);

    /// <summary>For messages: the connection string without its password.</summary>
    public override string ToString() => Provider == StoreProvider.Sqlite
        ? ConnectionString.Split(';')[0]
        : string.Join(';', ConnectionString.Split(';').Where(p => !p.TrimStart().StartsWith("Password", StringComparison.OrdinalIgnoreCase)));
}
