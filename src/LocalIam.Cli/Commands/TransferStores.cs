using System.Data.Common;
using System.Text.Json;
using LocalIam.Server.Hosting;
using LocalIam.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace LocalIam.Cli.Commands;

/// <summary>
/// How import, export and status find a store, as <c>serve</c> does: <c>--database</c> (or
/// LOCALIAM_DATABASE unless <c>--data</c> is given), else SQLite in the data folder. Plain SQL for
/// the few facts they need: building IAM's whole EF model for them would cost seconds.
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

    public static string NoStore(string folder) =>
        $"no LocalIam store in `{folder}`: start `localiam serve --data {folder}` once to create it, or give `--data` or `--database`";

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

    /// <summary>The one account of the store, or the one asked for; refusals say what the store holds.</summary>
    public static async Task<string> ChooseAsync(StoreLocation location, string? accountOption, CancellationToken cancellationToken)
    {
        var accounts = await AccountIdsAsync(location, cancellationToken);
        if (accountOption is not null)
        {
            return accounts.Contains(accountOption, StringComparer.Ordinal)
                ? accountOption
                : throw new CommandInputException($"the store has no account `{accountOption}`" + (accounts.Count > 0 ? $" (its accounts: {string.Join(", ", accounts)})" : string.Empty));
        }

        return accounts.Count switch
        {
            1 => accounts[0],
            0 => throw new CommandInputException("the store has no account yet: start `localiam serve` once to create it"),
            _ => throw new CommandInputException($"the store has {accounts.Count} accounts: choose one with `--account` ({string.Join(", ", accounts)})"),
        };
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
