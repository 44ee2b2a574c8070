using System.CommandLine;
using System.Data.Common;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using LocalIam.Cli.Output;
using LocalIam.Server.Hosting;
using LocalIam.Storage;
using Microsoft.Data.Sqlite;

namespace LocalIam.Cli.Commands;

/// <summary>
/// <c>localiam status [--endpoint URL] [--data DIR] [--output table|json]</c>: is a server running
/// there (its <c>/_localiam/health</c>), which store and account it serves; with <c>--data</c> also
/// the store's own facts, read from the file without a server. Exit codes: 0 a server answered (or,
/// with <c>--data</c>, the store exists), 1 neither.
/// </summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var endpoint = new Option<string>("--endpoint") { Description = "Where the server listens", DefaultValueFactory = _ => LocalIamOptions.DefaultUrls.Split(';')[0], HelpName = "URL" };
        var data = new Option<string?>("--data") { Description = "Also describe the SQLite store in this data folder, read without a server", HelpName = "DIR" };
        var output = CliOutput.CreateOption();
        var command = new Command(
            "status",
            "Is a LocalIam server running, which store and account does it use; with --data, what the store holds.\n"
            + "Example: localiam status --data ~/.local/share/localiam --output json")
        {
            endpoint, data, output,
        };
        command.SetAction((parse, cancellationToken) => Verb.RunAsync("status", async () =>
        {
            var url = parse.GetValue(endpoint)!.TrimEnd('/');
            var server = await ServerAsync(url, cancellationToken);
            var folder = parse.GetValue(data) is { } given ? Path.GetFullPath(given) : null;
            var store = folder is null ? null : await StoreAsync(folder, cancellationToken);
            var status = new Status(server, store);
            var cli = CliOutput.Create(parse.GetValue(output));
            if (cli.IsJson)
            {
                cli.WriteJson(status);
            }
            else
            {
                cli.Line(Table(status));
            }

            return server.Running || store?.Exists == true ? ExitCodes.Ok : ExitCodes.DeniedOrFailed;
        }));
        return command;
    }

    /// <summary>The server's health answer, within two seconds; not running when nothing answers as LocalIam does.</summary>
    private static async Task<ServerStatus> ServerAsync(string endpoint, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            using var health = await http.GetFromJsonAsync<JsonDocument>($"{endpoint}/_localiam/health", cancellationToken);
            var root = health!.RootElement;
            string? Text(JsonElement e, string name) => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            var storeInfo = root.TryGetProperty("store", out var s) ? s : default;
            return new ServerStatus(endpoint, Text(root, "status") == "ok", Text(root, "account"), Text(storeInfo, "kind"), Text(storeInfo, "location"),
                root.TryGetProperty("revision", out var r) && r.TryGetInt64(out var revision) ? revision : null, null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or NotSupportedException)
        {
            return new ServerStatus(endpoint, false, null, null, null, null, ex is TaskCanceledException ? "no answer within 2 seconds" : "nothing answers there as LocalIam");
        }
    }

    /// <summary>The store's facts by plain SQL: the file, its accounts, how many identities and policies, the billing setting.</summary>
    private static async Task<StoreStatus> StoreAsync(string folder, CancellationToken cancellationToken)
    {
        var file = Path.Combine(folder, StoreLocation.SqliteFileName);
        if (!File.Exists(file))
        {
            return new StoreStatus(file, false, []);
        }

        var location = StoreLocation.SqliteIn(folder);
        var accounts = new List<AccountStatus>();
        try
        {
            await using var connection = TransferStores.Open(location);
            await connection.OpenAsync(cancellationToken);
            foreach (var (id, billing) in await AccountsAsync(connection, cancellationToken))
            {
                accounts.Add(new AccountStatus(
                    id,
                    await CountAsync(connection, "users", id, cancellationToken),
                    await CountAsync(connection, "groups", id, cancellationToken),
                    await CountAsync(connection, "roles", id, cancellationToken),
                    await CountAsync(connection, "managed_policies", id, cancellationToken),
                    billing));
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
        }

        return new StoreStatus(file, true, accounts);
    }

    private static async Task<List<(string Id, bool Billing)>> AccountsAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var accounts = new List<(string, bool)>();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, billing_access_enabled FROM accounts ORDER BY id";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            accounts.Add((reader.GetString(0), reader.GetBoolean(1)));
        }

        return accounts;
    }

    private static async Task<int> CountAsync(DbConnection connection, string table, string accountId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // The table name is one of four constants above; the account id goes in a parameter.
        command.CommandText = $"SELECT count(*) FROM {table} WHERE account_id = $account";
#pragma warning restore CA2100
        var parameter = command.CreateParameter();
        parameter.ParameterName = "$account";
        parameter.Value = accountId;
        command.Parameters.Add(parameter);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private static string Table(Status status)
    {
        var c = CultureInfo.InvariantCulture;
        var s = status.Server;
        var lines = new List<string>
        {
            s.Running
                ? $"Server    running at {s.Endpoint}"
                : $"Server    not running at {s.Endpoint} ({s.Problem})",
        };
        if (s.Running)
        {
            lines.Add($"  account {s.Account}");
            lines.Add($"  store   {s.StoreKind} {s.StoreLocation}");
            lines.Add(string.Create(c, $"  revision {s.Revision}"));
        }

        if (status.Store is { } store)
        {
            lines.Add(store.Exists ? $"Store     {store.File}" : $"Store     none at {store.File}");
            foreach (var a in store.Accounts)
            {
                lines.Add($"  account {a.AccountId}");
                lines.Add(string.Create(c, $"    users {a.Users:N0}, groups {a.Groups:N0}, roles {a.Roles:N0}, customer managed policies {a.CustomerPolicies:N0}"));
                lines.Add($"    billing access for IAM users and roles {(a.BillingAccessEnabled ? "on" : "off")}");
            }
        }

        return string.Join(Environment.NewLine, lines);
    }

    private sealed record Status(ServerStatus Server, StoreStatus? Store);

    private sealed record ServerStatus(string Endpoint, bool Running, string? Account, string? StoreKind, string? StoreLocation, long? Revision, string? Problem);

    private sealed record StoreStatus(string File, bool Exists, IReadOnlyList<AccountStatus> Accounts);

    private sealed record AccountStatus(string AccountId, int Users, int Groups, int Roles, int CustomerPolicies, bool BillingAccessEnabled);
}
