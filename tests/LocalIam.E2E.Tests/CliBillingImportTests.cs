using System.Diagnostics;
using System.Globalization;
using LocalIam.Iam.Tests.Billing.Import;
using LocalIam.Server.Hosting;
using LocalIam.Storage;
using LocalIam.Storage.Billing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LocalIam.E2E.Tests;

/// <summary>
/// <c>localiam billing import</c> as users run it (the CLI's build output beside the tests), on a
/// store that <c>serve</c> created: a generated report imported and summed up; malformed,
/// truncated and wrong-column reports refused with exit code 2, the file, line and column, and
/// nothing imported; IAM's revision untouched. LOCALIAM_LONG_TESTS=1 adds the 1,000,000-line report.
/// </summary>
public sealed class CliBillingImportTests : IAsyncLifetime
{
    private const string Account = "111122223333";

    private readonly string _folder = Directory.CreateTempSubdirectory("localiam-cli-import-").FullName;

    private string Data => Path.Combine(_folder, "data");

    public async ValueTask InitializeAsync()
    {
        // The store as `localiam serve` leaves it after its first start.
        var environment = new Dictionary<string, string> { ["LOCALIAM_ACCOUNT_ID"] = Account };
        var app = LocalIamApp.Build(new LocalIamOptions { Urls = "http://127.0.0.1:0", DataFolder = Data }, environment.GetValueOrDefault, TextWriter.Null);
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

    [Fact]
    public async Task Import_GeneratedReport_SummedUpAndStoredWithoutMovingIamRevision()
    {
        var report = Path.Combine(_folder, "report.csv.gz");
        CurSamples.WriteRealisticLegacy(report, 50_000, gzip: true);
        var iamRevision = await IamRevisionAsync();

        var run = await RunAsync("billing", "import", report, "--data", Data);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(string.Empty, run.Error);
        Assert.Contains("Reading report.csv.gz (", run.Output, StringComparison.Ordinal);
        var unblended = await StoredUnblendedAsync();
        var summary = string.Join('\n',
            "Imported report.csv.gz (legacy CUR csv.gz) into account 111122223333",
            "  line items read  50,000",
            "  days             2 (2024-03-01 to 2024-03-02)",
            "  cost rows        2,688",
            string.Create(CultureInfo.InvariantCulture, $"  unblended cost   {unblended:N2} USD"),
            // The account's generated data already knows the key Project.
            "  new tag keys     Team (inactive until activated on the Cost allocation tags page)");
        Assert.EndsWith(summary + "\n", run.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Equal((2688, 1), await StoredAsync());
        Assert.Equal(iamRevision, await IamRevisionAsync());
    }

    [Fact]
    public async Task Import_PostgresStore_ImportedThroughDatabaseOption()
    {
        var admin = Environment.GetEnvironmentVariable("LOCALIAM_TEST_POSTGRES");
        Assert.SkipWhen(string.IsNullOrEmpty(admin), "LOCALIAM_TEST_POSTGRES is not set: run scripts/test.sh, which starts PostgreSQL");
        var name = "localiam_import_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
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
            var report = Path.Combine(_folder, "report.csv");
            CurSamples.WriteRealisticLegacy(report, 5_000, gzip: false);
            var iamRevision = await new IamStore(StoreLocation.Postgres(database)).ReadRevisionAsync(TestContext.Current.CancellationToken);

            var run = await RunAsync("billing", "import", report, "--database", database);

            Assert.True(run.ExitCode == 0, run.Error);
            Assert.Contains("  cost rows        1,344\n", run.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
            var rows = await new BillingStore(StoreLocation.Postgres(database)).ReadAsync(db => db.CostRows.CountAsync(r => r.AccountId == Account, TestContext.Current.CancellationToken));
            Assert.Equal(1344, rows);
            Assert.Equal(iamRevision, await new IamStore(StoreLocation.Postgres(database)).ReadRevisionAsync(TestContext.Current.CancellationToken));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task Import_MalformedValue_Exit2WithLineAndColumnAndNothingImported()
    {
        await ImportGoodAsync();
        var report = Path.Combine(_folder, "bad.csv");
        var text = CurSamples.LegacyCsv(Enumerable.Range(0, 10).Select(i => new CurLine { ResourceId = "r" + i }));
        await File.WriteAllTextAsync(report, text.Replace(",r1,1,0.0104,", ",r1,1,ten,", StringComparison.Ordinal), TestContext.Current.CancellationToken);

        var run = await RunAsync("billing", "import", report, "--data", Data);

        Assert.Equal((2, "localiam billing import: `bad.csv` line 3, column 10 (`lineItem/UnblendedCost`): `ten` is not a number\n"), (run.ExitCode, run.Error.ReplaceLineEndings("\n")));
        Assert.Equal((2688, 1), await StoredAsync());
    }

    [Fact]
    public async Task Import_TruncatedGzip_Exit2AndNothingImported()
    {
        await ImportGoodAsync();
        var report = Path.Combine(_folder, "cut.csv.gz");
        CurSamples.WriteRealisticLegacy(report, 20_000, gzip: true);
        var bytes = await File.ReadAllBytesAsync(report, TestContext.Current.CancellationToken);
        await File.WriteAllBytesAsync(report, bytes[..(bytes.Length / 2)], TestContext.Current.CancellationToken);

        var run = await RunAsync("billing", "import", report, "--data", Data);

        Assert.Equal(2, run.ExitCode);
        Assert.Matches("^localiam billing import: `cut\\.csv\\.gz` line [0-9]+: the file ends early: its gzip data is cut short\n$", run.Error.ReplaceLineEndings("\n"));
        Assert.Equal((2688, 1), await StoredAsync());
    }

    [Fact]
    public async Task Import_WrongColumns_Exit2NamingTheColumnAndTheForm()
    {
        await ImportGoodAsync();
        var report = Path.Combine(_folder, "columns.csv");
        var text = CurSamples.LegacyCsv([new CurLine()]).Replace("lineItem/UsageAccountId", "lineItem/AccountId", StringComparison.Ordinal);
        await File.WriteAllTextAsync(report, text, TestContext.Current.CancellationToken);

        var run = await RunAsync("billing", "import", report, "--data", Data);

        Assert.Equal(
            (2, "localiam billing import: `columns.csv` line 1: the column `lineItem/UsageAccountId` is missing (the header has legacy CUR column names)\n"),
            (run.ExitCode, run.Error.ReplaceLineEndings("\n")));
        Assert.Equal((2688, 1), await StoredAsync());
    }

    [Fact]
    public async Task Import_UnknownAccount_Exit2NamingTheStoresAccounts()
    {
        var report = Path.Combine(_folder, "report.csv");
        await File.WriteAllTextAsync(report, CurSamples.LegacyCsv([new CurLine()]), TestContext.Current.CancellationToken);

        var run = await RunAsync("billing", "import", report, "--data", Data, "--account", "999988887777");

        Assert.Equal((2, "localiam billing import: the store has no account `999988887777` (its accounts: 111122223333)\n"), (run.ExitCode, run.Error.ReplaceLineEndings("\n")));
    }

    [Fact]
    public async Task Import_NoStore_Exit2SayingHowToMakeOne()
    {
        var report = Path.Combine(_folder, "report.csv");
        await File.WriteAllTextAsync(report, CurSamples.LegacyCsv([new CurLine()]), TestContext.Current.CancellationToken);
        var empty = Path.Combine(_folder, "none");

        var run = await RunAsync("billing", "import", report, "--data", empty);

        Assert.Equal(
            (2, $"localiam billing import: no LocalIam store in `{empty}`: start `localiam serve --data {empty}` once to create it, or give `--data` or `--database`\n"),
            (run.ExitCode, run.Error.ReplaceLineEndings("\n")));
        Assert.False(Directory.Exists(empty));
    }

    [Fact]
    public async Task Help_ShowsUsageAndAnExample()
    {
        var run = await RunAsync("billing", "import", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("localiam billing import <FILE> [options]", run.Output, StringComparison.Ordinal);
        Assert.Contains("Example: localiam billing import ", run.Output, StringComparison.Ordinal);
        Assert.Contains("--account <ACCOUNT_ID>", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_MillionLineReport_Imported()
    {
        Assert.SkipUnless(Environment.GetEnvironmentVariable("LOCALIAM_LONG_TESTS") == "1", "the 1,000,000-line import runs with LOCALIAM_LONG_TESTS=1");
        var report = Path.Combine(_folder, "million.csv");
        CurSamples.WriteRealisticLegacy(report, 1_000_000, gzip: false);

        var run = await RunAsync("billing", "import", report, "--data", Data);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("  line items read  1,000,000\n", run.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);

        // 744 hours of 1,344 resources fill March; the last 64 lines fall on its first day again.
        Assert.Equal((31 * 1344, 1), await StoredAsync());
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    private async Task ImportGoodAsync()
    {
        var report = Path.Combine(_folder, "good.csv.gz");
        CurSamples.WriteRealisticLegacy(report, 50_000, gzip: true);
        var run = await RunAsync("billing", "import", report, "--data", Data);
        Assert.True(run.ExitCode == 0, run.Error);
    }

    /// <summary>The account's cost rows and imports, as the billing store holds them.</summary>
    private async Task<(int Rows, int Imports)> StoredAsync()
    {
        var billing = new BillingStore(StoreLocation.SqliteIn(Data));
        try
        {
            return await billing.ReadAsync(async db => (
                await db.CostRows.CountAsync(r => r.AccountId == Account, TestContext.Current.CancellationToken),
                await db.CostImports.CountAsync(i => i.AccountId == Account, TestContext.Current.CancellationToken)));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
        }
    }

    private async Task<decimal> StoredUnblendedAsync()
    {
        var billing = new BillingStore(StoreLocation.SqliteIn(Data));
        var costs = await billing.ReadAsync(db => db.CostRows.Where(r => r.AccountId == Account).Select(r => r.UnblendedCost).ToListAsync(TestContext.Current.CancellationToken));
        SqliteConnection.ClearAllPools();
        return costs.Sum();
    }

    private async Task<long> IamRevisionAsync()
    {
        var revision = await new IamStore(StoreLocation.SqliteIn(Data)).ReadRevisionAsync(TestContext.Current.CancellationToken);
        SqliteConnection.ClearAllPools();
        return revision;
    }

    /// <summary>Runs `localiam` with its output redirected (so plain progress lines, no bar).</summary>
    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "localiam.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("LOCALIAM_DATABASE");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
