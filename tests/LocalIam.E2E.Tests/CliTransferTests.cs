using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using LocalIam.Iam.Accounts;
using LocalIam.Iam.Authorization;
using LocalIam.Iam.Generation;
using LocalIam.Iam.Transfer;
using LocalIam.E2E.Tests.Support;
using LocalIam.Server.Hosting;
using LocalIam.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace LocalIam.E2E.Tests;

/// <summary>
/// <c>localiam import</c>, <c>export</c> and <c>status</c> as users run them: the real AWS CLI's
/// get-account-authorization-details of a running LocalIam imports into a fresh store with the same
/// who-can answers, and exports back to what the CLI printed; malformed files and wrong stores are
/// refused with exit code 2 and nothing written; status finds the server and reads a store.
/// </summary>
public sealed class CliTransferTests(LocalIamServer server) : IClassFixture<LocalIamServer>, IAsyncLifetime
{
    private const string Account = LocalIamServer.AccountId;

    private readonly string _folder = Directory.CreateTempSubdirectory("localiam-cli-transfer-").FullName;
    private readonly AwsCli _root = new(server.Endpoint, LocalIamServer.RootAccessKeyId, LocalIamServer.RootSecret);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await server.ResetAsync();

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Import_AwsCliOutputOfTheServer_SameDecisionsAndExportsWhatTheCliPrinted()
    {
        var serverStore = server.Services.GetRequiredService<IamStore>();
        await AccountGenerator.GenerateAsync(serverStore, Account, AccountShape.Small with { BillingAccessEnabled = false }, seed: 4, Ct);
        var printed = await _root.RunAsync("iam", "get-account-authorization-details");
        Assert.True(printed.Succeeded, printed.Error);
        var file = Path.Combine(_folder, "account.json");
        await File.WriteAllTextAsync(file, printed.Output, Ct);
        var data = Path.Combine(_folder, "fresh");

        var run = await LocalIamAsync("import", file, "--data", data);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains($"Imported account.json into account {Account} (Data Source={data}/localiam.db)\n  users                     120\n", run.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains($"A new store was made in {data}; root's generated credentials are in {data}/credentials.json (readable only by you)", run.Output, StringComparison.Ordinal);
        var fresh = new IamStore(StoreLocation.SqliteIn(data));
        var before = await new AccountSnapshots(serverStore).CurrentAsync(Account, Ct);
        var after = await new AccountSnapshots(fresh).CurrentAsync(Account, Ct);
        foreach (var question in new AccessQuestion[] { new("aws-portal:ViewBilling"), new("iam:PassRole", before.Roles[1].Arn), new("s3:GetObject", "arn:aws:s3:::orders-bucket/a.csv") })
        {
            Assert.Equal(Decisions(AccessQuery.Answer(before, question, DateTimeOffset.UtcNow, Ct)), Decisions(AccessQuery.Answer(after, question, DateTimeOffset.UtcNow, Ct)));
        }

        // Member for member what the CLI printed, plus LocalIam's own setting.
        var export = await LocalIamAsync("export", "--data", data);
        Assert.True(export.ExitCode == 0, export.Error);
        var exported = JsonNode.Parse(export.Output)!.AsObject();
        Assert.Equal("""{"BillingAccessEnabled":false}""", exported["LocalIam"]!.ToJsonString());
        exported.Remove("LocalIam");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(printed.Output), exported), "the export differs from what the AWS CLI printed");
    }

    [Fact]
    public async Task Import_MalformedFile_Exit2WithThePathAndNoStoreMade()
    {
        var file = Path.Combine(_folder, "bad.json");
        await File.WriteAllTextAsync(file, """{"UserDetailList": [{"UserName": "a", "Arn": "arn:aws:iam::111122223333:user/a", "AttachedManagedPolicies": [{"PolicyArn": 5}]}]}""", Ct);
        var data = Path.Combine(_folder, "none");

        var run = await LocalIamAsync("import", file, "--data", data);

        Assert.Equal(
            (2, "localiam import: `bad.json` $.UserDetailList[0].AttachedManagedPolicies[0].PolicyArn: expected a string; nothing was imported\n"),
            (run.ExitCode, run.Error.ReplaceLineEndings("\n")));
        Assert.False(Directory.Exists(data));
    }

    [Fact]
    public async Task Import_StoreOfAnotherAccount_Exit2AndReplaceNeededForSameAccount()
    {
        var file = await ExportServerAsync();
        var data = Path.Combine(_folder, "other");
        await MakeStoreAsync(data, "999988887777");

        var other = await LocalIamAsync("import", file, "--data", data);
        var first = await LocalIamAsync("import", file, "--data", Path.Combine(_folder, "same"));
        var again = await LocalIamAsync("import", file, "--data", Path.Combine(_folder, "same"));
        var replaced = await LocalIamAsync("import", file, "--data", Path.Combine(_folder, "same"), "--replace");

        Assert.Equal(
            (2, $"localiam import: the store `Data Source={data}/localiam.db` is for account 999988887777, and `server.json` is account {Account}: import into a new data folder with `--data DIR`; nothing was imported\n"),
            (other.ExitCode, other.Error.ReplaceLineEndings("\n")));
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("already has users, groups, roles or customer managed policies", again.Error, StringComparison.Ordinal);
        Assert.True(replaced.ExitCode == 0, replaced.Error);
        Assert.Contains(", replacing its identities\n", replaced.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_ToFile_WrittenAndReimportable()
    {
        var file = await ExportServerAsync();
        var data = Path.Combine(_folder, "copy");
        Assert.Equal(0, (await LocalIamAsync("import", file, "--data", data)).ExitCode);
        var target = Path.Combine(_folder, "copy.json");

        var run = await LocalIamAsync("export", "--data", data, "--file", target);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal($"Exported account {Account} to {target}: 1 users, 1 groups, 0 roles, 2 managed policies\n", run.Output.ReplaceLineEndings("\n"));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(await File.ReadAllTextAsync(file, Ct)), JsonNode.Parse(await File.ReadAllTextAsync(target, Ct))));
        Assert.Empty(Directory.EnumerateFiles(_folder, "*.tmp"));
    }

    [Fact]
    public async Task Export_NoStore_Exit2()
    {
        var empty = Path.Combine(_folder, "nothing");

        var run = await LocalIamAsync("export", "--data", empty);

        Assert.Equal(
            (2, $"localiam export: no LocalIam store in `{empty}`: start `localiam serve --data {empty}` once to create it, or give `--data` or `--database`\n"),
            (run.ExitCode, run.Error.ReplaceLineEndings("\n")));
    }

    [Fact]
    public async Task Status_RunningServerAndStore_Exit0WithAccountAndStore()
    {
        var file = await ExportServerAsync();
        var data = Path.Combine(_folder, "status");
        Assert.Equal(0, (await LocalIamAsync("import", file, "--data", data)).ExitCode);

        var run = await LocalIamAsync("status", "--endpoint", server.Endpoint, "--data", data, "--output", "json");

        Assert.True(run.ExitCode == 0, run.Error);
        var status = JsonDocument.Parse(run.Output).RootElement;
        var s = status.GetProperty("Server");
        Assert.Equal((true, Account, "sqlite"), (s.GetProperty("Running").GetBoolean(), s.GetProperty("Account").GetString(), s.GetProperty("StoreKind").GetString()));
        Assert.EndsWith("localiam.db", s.GetProperty("StoreLocation").GetString(), StringComparison.Ordinal);
        var account = status.GetProperty("Store").GetProperty("Accounts")[0];
        Assert.Equal((Account, 1, 1, 0, 1, false), (account.GetProperty("AccountId").GetString(), account.GetProperty("Users").GetInt32(), account.GetProperty("Groups").GetInt32(),
            account.GetProperty("Roles").GetInt32(), account.GetProperty("CustomerPolicies").GetInt32(), account.GetProperty("BillingAccessEnabled").GetBoolean()));
    }

    [Fact]
    public async Task Status_NothingListening_Exit1SayingSo()
    {
        var endpoint = "http://127.0.0.1:9";

        var run = await LocalIamAsync("status", "--endpoint", endpoint);

        Assert.Equal((1, $"Server    not running at {endpoint} (nothing answers there as LocalIam)\n"), (run.ExitCode, run.Output.ReplaceLineEndings("\n")));
    }

    [Fact]
    public async Task Import_PostgresStore_ImportedThroughDatabaseOptionAndExportedBack()
    {
        var admin = Environment.GetEnvironmentVariable("LOCALIAM_TEST_POSTGRES");
        Assert.SkipWhen(string.IsNullOrEmpty(admin), "LOCALIAM_TEST_POSTGRES is not set: run scripts/test.sh, which starts PostgreSQL");
        var file = await ExportServerAsync();
        var name = "localiam_transfer_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync(Ct);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync(Ct);
        }

        var database = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        try
        {
            var app = LocalIamApp.Build(
                new LocalIamOptions { Urls = "http://127.0.0.1:0", DataFolder = Path.Combine(_folder, "node"), Database = database },
                new Dictionary<string, string> { ["LOCALIAM_ACCOUNT_ID"] = Account }.GetValueOrDefault,
                TextWriter.Null);
            await LocalIamApp.StartAsync(app);
            await app.DisposeAsync();

            var run = await LocalIamAsync("import", file, "--database", database);
            var export = await LocalIamAsync("export", "--database", database);

            Assert.True(run.ExitCode == 0, run.Error);
            Assert.True(export.ExitCode == 0, export.Error);
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(await File.ReadAllTextAsync(file, Ct)), JsonNode.Parse(export.Output)));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync(Ct);
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync(Ct);
        }
    }

    /// <summary>A small account made through the AWS CLI on the server, exported by the core (with LocalIam's member) to server.json.</summary>
    private async Task<string> ExportServerAsync()
    {
        await _root.OkAsync("iam", "create-user", "--user-name", "gexter1");
        await _root.OkAsync("iam", "create-group", "--group-name", "BillingReadOnlyGroup");
        await _root.OkAsync("iam", "add-user-to-group", "--user-name", "gexter1", "--group-name", "BillingReadOnlyGroup");
        await _root.OkAsync("iam", "attach-group-policy", "--group-name", "BillingReadOnlyGroup", "--policy-arn", "arn:aws:iam::aws:policy/job-function/Billing");
        await _root.OkAsync("iam", "create-policy", "--policy-name", "reports", "--policy-document", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""");
        await _root.OkAsync("iam", "attach-user-policy", "--user-name", "gexter1", "--policy-arn", $"arn:aws:iam::{Account}:policy/reports");
        var file = Path.Combine(_folder, "server.json");
        await using var output = File.Create(file);
        await AuthorizationDetailsExporter.ExportAsync(server.Services.GetRequiredService<IamStore>(), Account, output, Ct);
        return file;
    }

    /// <summary>A store as `localiam serve` leaves it after its first start, for <paramref name="accountId"/>.</summary>
    private static async Task MakeStoreAsync(string folder, string accountId)
    {
        var app = LocalIamApp.Build(new LocalIamOptions { Urls = "http://127.0.0.1:0", DataFolder = folder }, new Dictionary<string, string> { ["LOCALIAM_ACCOUNT_ID"] = accountId }.GetValueOrDefault, TextWriter.Null);
        try
        {
            await LocalIamApp.StartAsync(app);
        }
        finally
        {
            await app.DisposeAsync();
            SqliteConnection.ClearAllPools();
        }
    }

    private static List<string> Decisions(AccessAnswer answer) =>
        [.. answer.Allowed.Concat(answer.Denied)
            .Select(e => $"{e.Decision} {e.Principal.Arn} {e.Reason} {string.Join(">", e.Chain.Select(h => h.Role.Arn))}")
            .Order(StringComparer.Ordinal)];

    /// <summary>Runs `localiam` with its output redirected (so plain progress lines, no bar).</summary>
    private static async Task<(int ExitCode, string Output, string Error)> LocalIamAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "localiam.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("LOCALIAM_DATABASE");
        start.Environment.Remove("LOCALIAM_ACCOUNT_ID");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Ct);
        var error = process.StandardError.ReadToEndAsync(Ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
