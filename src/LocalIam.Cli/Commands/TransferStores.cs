using System.Data.Common;
using System.Text.Json;
using LocalIam.Server.Hosting;
using LocalIam.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace LocalIam.Cli.Commands;

/// <summary>
/// What import and status need beyond <see cref="Accounts.StoreAccounts"/>: a store's place
/// whether or not it exists yet (import makes one), and facts of a store whose schema may not be
/// there yet. Plain SQL: building IAM's whole EF model for them would cost seconds.
/// </summary>
internal static class TransferStores
{
    /// <summary>Where the store is, whether or not it exists yet; the folder is null for PostgreSQL.</summary>
    public static (StoreLocation Location, string? Folder) Locate(string? dataOption, string? databaseOption)
    {
        if (dataOption is not null && databaseOption is not null)
        {
            throw new CommandInputException("give `--data` or `--database`, not both");
        }

        var database = databaseOption ?? (dataOption is null ? Environment.GetEnvironmentVariable("LOCALIAM_DATABASE") : null);
        if (database is { Length: > 0 })
        {
            return (StoreLocation.Postgres(database), null);
        }

        var folder = Path.GetFullPath(dataOption ?? LocalIamOptions.DefaultDataFolder());
        return (StoreLocation.SqliteIn(folder), folder);
    }

    public static bool SqliteExists(string folder) => File.Exists(Path.Combine(folder, StoreLocation.SqliteFileName));

    /// <summary>The store's account ids; none when its schema is not there yet.</summary>
    public static async Task<List<string>> AccountIdsAsync(StoreLocation location, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        await using var connection = Open(location);
        await connection.OpenAsync(cancellationToken);
        if (!await HasTableAsync(connection, location, "accounts", cancellationToken))
        {
            return ids;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM accounts ORDER BY id";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    /// <summary>The account id a data folder's credentials.json names, if it has one (an account bootstrapped there before).</summary>
    public static string? SavedAccountId(string folder)
    {
        var path = Path.Combine(folder, "credentials.json");
        if (!File.Exists(path))
        {
            return null;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.TryGetProperty("AccountId", out var id) ? id.GetString() : null;
    }

    public static DbConnection Open(StoreLocation location) => location.Provider == StoreProvider.Sqlite
        ? new SqliteConnection(location.ConnectionString)
        : new NpgsqlConnection(location.ConnectionString);

    private static async Task<bool> HasTableAsync(DbConnection connection, StoreLocation location, string table, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = location.Provider == StoreProvider.Sqlite
            ? "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $name"
            : "SELECT count(*) FROM information_schema.tables WHERE table_name = @name";
        var parameter = command.CreateParameter();
        parameter.ParameterName = location.Provider == StoreProvider.Sqlite ? "$name" : "@name";
        parameter.Value = table;
        command.Parameters.Add(parameter);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }
}
