using LocalIam.Storage;
using Npgsql;

namespace LocalIam.Server.Hosting;

/// <summary>
/// <c>GET /_localiam/health</c>: that the server runs, its account, its store's revision, and which
/// store it is (for <c>localiam status</c>). Unauthenticated, so it names the store only by its
/// kind and place: the SQLite file, or PostgreSQL's host, port and database; never a user or password.
/// </summary>
internal static class HealthReport
{
    public static object Of(string accountId, StoreLocation location, long revision) =>
        new { status = "ok", account = accountId, revision, store = new { kind = location.Provider == StoreProvider.Sqlite ? "sqlite" : "postgres", location = Place(location) } };

    public static string Place(StoreLocation location)
    {
        if (location.Provider == StoreProvider.Sqlite)
        {
            return new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(location.ConnectionString).DataSource;
        }

        var postgres = new NpgsqlConnectionStringBuilder(location.ConnectionString);
        return $"{postgres.Host}:{postgres.Port}/{postgres.Database}";
    }
}
