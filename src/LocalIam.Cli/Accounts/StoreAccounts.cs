using System.Data.Common;
using LocalIam.Cli.Commands;
using LocalIam.Server.Hosting;
using LocalIam.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace LocalIam.Cli.Accounts;

/// <summary>Finds a store as <c>serve</c> does and chooses its account, with one-line refusals a user can act on.</summary>
internal static class StoreAccounts
{
    /// <summary><c>--database</c> (or LOCALIAM_DATABASE unless <c>--data</c> is given), else SQLite in the data folder.</summary>
    public static StoreLocation Locate(string? dataOption, string? databaseOption)
    {
        if (dataOption is not null && databaseOption is not null)
        {
            throw new CommandInputException("give `--data` or `--database`, not both");
        }

        var database = databaseOption ?? (dataOption is null ? Environment.GetEnvironmentVariable("LOCALIAM_DATABASE") : null);
        if (database is { Length: > 0 })
        {
            return StoreLocation.Postgres(database);
        }

        var folder = Path.GetFullPath(dataOption ?? LocalIamOptions.DefaultDataFolder());
        if (!File.Exists(Path.Combine(folder, StoreLocation.SqliteFileName)))
        {
            throw new CommandInputException($"no LocalIam store in `{folder}`: start `localiam serve --data {folder}` once to create it, or give `--data` or `--database`");
        }

        return StoreLocation.SqliteIn(folder);
    }

    public static async Task<string> ChooseAsync(StoreLocation location, string? accountOption, CancellationToken cancellationToken)
    {
        var accounts = await IdsAsync(location, cancellationToken);
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
            _ => throw new CommandInputException($"the store has {accounts.Count} accounts: choose one with `--account-id` ({string.Join(", ", accounts)})"),
        };
    }

    /// <summary>The store's account ids, by one plain query: building IAM's whole EF model for it would cost seconds.</summary>
    public static async Task<List<string>> IdsAsync(StoreLocation location, CancellationToken cancellationToken)
    {
        await using DbConnection connection = location.Provider == StoreProvider.Sqlite
            ? new SqliteConnection(location.ConnectionString)
            : new NpgsqlConnection(location.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM accounts ORDER BY id";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ids = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }
}
