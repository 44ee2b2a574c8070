using System.Globalization;
using LocalIam.Iam.Billing;
using LocalIam.Iam.Billing.Import;
using LocalIam.Iam.Tests.Support;
using LocalIam.Storage.Billing;
using Microsoft.EntityFrameworkCore;

namespace LocalIam.Iam.Tests.Billing.Import;

/// <summary>
/// An import through the billing store, on SQLite and PostgreSQL: it replaces the account's costs
/// and the invoices of its months and adds its tag keys in one write; a refused or failed import
/// leaves everything as it was; and it never takes IAM's write path.
/// </summary>
public abstract class CostReportImporterTests(Backend backend) : StoreTestBase(backend), IAsyncDisposable
{
    private const string Account = TestStore.AccountId;

    private readonly string _folder = Directory.CreateTempSubdirectory("localiam-cur-").FullName;

    private static readonly CurLine[] TwoMonths =
    [
        new() { Start = "2024-01-31T23:00:00Z", Unblended = "10.25", Blended = "10.25", NetUnblended = "10.25", Tags = new Dictionary<string, string> { ["Project"] = "shop", ["Team"] = "web" } },
        new() { Start = "2024-01-31T22:00:00Z", Unblended = "0.75", Blended = "0.75", NetUnblended = "0.75", Tags = new Dictionary<string, string> { ["Project"] = "shop", ["Team"] = "web" } },
        new() { Start = "2024-02-03T05:00:00Z", LineItemType = "Tax", ProductCode = "AmazonEC2", UsageType = string.Empty, Operation = string.Empty, ResourceId = string.Empty, Unblended = "2.10", Blended = "2.10", NetUnblended = "2.10" },
        new() { Start = "2024-02-03T05:00:00Z", ProductCode = "AmazonS3", ProductName = "Amazon Simple Storage Service", UsageType = "TimedStorage-ByteHrs", Operation = "StandardStorage", ResourceId = "bucket-1", Unit = "GB-Mo", UsageAmount = "3", Unblended = "0.069", Blended = "0.069", NetUnblended = "0.069" },
    ];

    private CostReportImporter Importer => new(S.Get<BillingStore>(), S.Get<BillingData>(), TimeProvider.System);

    private BillingStore Billing => S.Get<BillingStore>();

    [Fact]
    public async Task Import_Report_ReplacesCostsAndItsMonthsInvoicesAndAddsNewTagKeys()
    {
        await SeedAsync();
        var path = await WriteAsync("report.csv", CurSamples.LegacyCsv(TwoMonths));

        var result = await Importer.ImportAsync(path, Account, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(("report.csv", "legacy CUR csv", 4L, 3, 2), (result.FileName, result.Format, result.Lines, result.Rows, result.Days));
        Assert.Equal((new DateOnly(2024, 1, 31), new DateOnly(2024, 2, 3), 13.169m), (result.FirstDay, result.LastDay, result.UnblendedCost));
        Assert.Equal(["2024-01", "2024-02"], result.Months);
        Assert.Equal(["Project"], result.NewTagKeys);

        var stored = await Billing.ReadAsync(async db => new
        {
            Rows = await db.CostRows.Where(r => r.AccountId == Account).OrderBy(r => r.Id).ToListAsync(TestContext.Current.CancellationToken),
            Invoices = await db.Invoices.Where(i => i.AccountId == Account).OrderBy(i => i.BillingPeriod).ToListAsync(TestContext.Current.CancellationToken),
            Tags = await db.CostAllocationTags.Where(t => t.AccountId == Account).OrderBy(t => t.TagKey).ToListAsync(TestContext.Current.CancellationToken),
            Imports = await db.CostImports.Where(i => i.AccountId == Account).ToListAsync(TestContext.Current.CancellationToken),
            Account = await db.Accounts.SingleAsync(a => a.AccountId == Account, TestContext.Current.CancellationToken),
        });

        // The seeded row is gone; the report's three rows are numbered from 1.
        Assert.Equal([1L, 2L, 3L], stored.Rows.Select(r => r.Id));
        Assert.Equal(
            [(new DateOnly(2024, 1, 31), "AmazonEC2", "Usage", 11m, "Project=shop\nTeam=web"), (new DateOnly(2024, 2, 3), "AmazonEC2", "Tax", 2.10m, string.Empty), (new DateOnly(2024, 2, 3), "AmazonS3", "Usage", 0.069m, string.Empty)],
            stored.Rows.Select(r => (r.UsageDate, r.ServiceCode, r.LineItemType, r.UnblendedCost, r.Tags)));

        // The report's months get invoices for its totals; another month keeps its own.
        Assert.Equal([("2023-06", 99m), ("2024-01", 11m), ("2024-02", 2.17m)], stored.Invoices.Select(i => (i.BillingPeriod, i.Amount)));

        // A key the account knew keeps its state; a new one is user-defined and inactive.
        Assert.Equal(
            [("Project", "UserDefined", "Inactive", (DateOnly?)new DateOnly(2024, 1, 31)), ("Team", "UserDefined", "Active", new DateOnly(2024, 1, 31))],
            stored.Tags.Select(t => (t.TagKey, t.Type, t.Status, t.LastUsed)));

        var import = Assert.Single(stored.Imports);
        Assert.Equal(("report.csv", "legacy CUR csv", 4L, 3L, new DateOnly(2024, 1, 31), new DateOnly(2024, 2, 3)), (import.FileName, import.Format, import.LinesRead, import.RowsStored, import.FirstDay, import.LastDay));
        Assert.Null(stored.Account.GeneratedThrough);
    }

    [Fact]
    public async Task Import_OverGeneratedData_CostsShowTheReportAndGenerationNeverComesBack()
    {
        var data = S.Get<BillingData>();
        var generated = await data.CostsAsync(Account, TestContext.Current.CancellationToken);
        Assert.NotEmpty(generated.Rows);

        await Importer.ImportAsync(await WriteAsync("report.csv", CurSamples.LegacyCsv(TwoMonths)), Account, cancellationToken: TestContext.Current.CancellationToken);

        // The billing revision moved: every reader's cached costs are the report's now.
        var imported = await data.CostsAsync(Account, TestContext.Current.CancellationToken);
        Assert.Equal((3, 13.169m), (imported.Rows.Count, imported.Rows.Sum(r => r.UnblendedCost)));

        // Days later, the account's data is ensured again: nothing is generated over the report.
        var later = new BillingData(Billing, new FixedClock(DateTimeOffset.UtcNow.AddDays(40)));
        var afterwards = await later.CostsAsync(Account, TestContext.Current.CancellationToken);
        Assert.Equal((3, 13.169m), (afterwards.Rows.Count, afterwards.Rows.Sum(r => r.UnblendedCost)));
    }

    [Fact]
    public async Task Import_Cur2Parquet_StoredAsCur2()
    {
        var path = Path.Combine(_folder, "cur2.parquet");
        await CurSamples.WriteCur2ParquetAsync(path, TwoMonths);

        var result = await Importer.ImportAsync(path, Account, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(("CUR 2.0 parquet", 3), (result.Format, result.Rows));
        Assert.Equal(13.169m, await Billing.ReadAsync(async db => (await db.CostRows.Where(r => r.AccountId == Account).Select(r => r.UnblendedCost).ToListAsync(TestContext.Current.CancellationToken)).Sum()));
    }

    public static TheoryData<string, string> Refusals => new()
    {
        { "truncated", "`report.csv.gz` line " },
        { "malformed", "`report.csv` line 3, column 10 (`lineItem/UnblendedCost`): `ten` is not a number" },
        { "wrong-column", "`report.csv` line 1: the column `lineItem/UsageStartDate` is missing (the header has legacy CUR column names)" },
        { "unclosed-quote", "`report.csv` line 2001, column 13 (`lineItem/LineItemDescription`): a quoted field is never closed" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Import_RefusedReport_NothingImported(string kind, string message)
    {
        await Importer.ImportAsync(await WriteAsync("first.csv", CurSamples.LegacyCsv(TwoMonths)), Account, cancellationToken: TestContext.Current.CancellationToken);
        var before = await SnapshotAsync();
        var lines = Enumerable.Range(0, 2000).Select(i => TwoMonths[i % 4] with { ResourceId = "r" + i, Start = "2024-03-01T00:00:00Z" }).ToArray();
        var good = CurSamples.LegacyCsv(lines);
        string path = kind switch
        {
            "truncated" => await WriteBytesAsync("report.csv.gz", CurSamples.Gzip(good)[..^1000]),
            "malformed" => await WriteAsync("report.csv", good.Replace(",r1,1,0.75,", ",r1,1,ten,", StringComparison.Ordinal)),
            "wrong-column" => await WriteAsync("report.csv", good.Replace("lineItem/UsageStartDate", "lineItem/UsageStart", StringComparison.Ordinal)),
            // Cut inside the last line's quoted description: the quote never closes.
            _ => await WriteAsync("report.csv", good[..(good.LastIndexOf("\"TimedStorage", StringComparison.Ordinal) + 5)]),
        };

        var error = await Assert.ThrowsAsync<CostReportException>(() => Importer.ImportAsync(path, Account, cancellationToken: TestContext.Current.CancellationToken));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Import_FailsInsideItsWrite_EverythingRolledBack()
    {
        await Importer.ImportAsync(await WriteAsync("first.csv", CurSamples.LegacyCsv(TwoMonths)), Account, cancellationToken: TestContext.Current.CancellationToken);
        var before = await SnapshotAsync();
        var path = Path.Combine(_folder, "second.csv.gz");
        CurSamples.WriteRealisticLegacy(path, 5_000, gzip: true);

        // Cancelled right after the old rows were deleted, inside the write transaction.
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var progress = new Reporter(p =>
        {
            if (p.Stage == CostImportStage.OldRowsDeleted)
            {
                cancel.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Importer.ImportAsync(path, Account, progress, cancel.Token));

        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Import_LargeReport_IamWriteCompletesMeanwhileAndIamRevisionNeverMoves()
    {
        var path = Path.Combine(_folder, "large.csv.gz");
        CurSamples.WriteRealisticLegacy(path, 50_000, gzip: true);
        var revisionBefore = await S.Store.ReadRevisionAsync(TestContext.Current.CancellationToken);

        using var writing = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var progress = new Reporter(p =>
        {
            if (p.Stage == CostImportStage.OldRowsDeleted)
            {
                // Hold the billing write transaction open while IAM writes.
                writing.Set();
                release.Wait(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
            }
        });
        var import = Task.Run(() => Importer.ImportAsync(path, Account, progress, TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);

        Assert.True(writing.Wait(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken), "the import never reached its write");
        var user = S.Users.CreateAsync(S.Root, "created-during-import");
        var finished = await Task.WhenAny(user, Task.Delay(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken));
        var completedWhileWriting = finished == user && !import.IsCompleted;
        release.Set();
        var result = await import;

        Assert.True(completedWhileWriting, "the IAM write waited for the billing import");
        var revisionAfterUser = revisionBefore + 1;
        Assert.Equal(revisionAfterUser, await S.Store.ReadRevisionAsync(TestContext.Current.CancellationToken));
        Assert.Equal((50_000L, 2 * 1344), (result.Lines, result.Rows));
        Assert.Equal(result.Rows, await Billing.ReadAsync(db => db.CostRows.CountAsync(r => r.AccountId == Account, TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task Import_OnItsOwn_IamRevisionUnchanged()
    {
        var revision = await S.Store.ReadRevisionAsync(TestContext.Current.CancellationToken);

        await Importer.ImportAsync(await WriteAsync("report.csv", CurSamples.LegacyCsv(TwoMonths)), Account, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(revision, await S.Store.ReadRevisionAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>The store goes as every store test's does; the reports' folder with it.</summary>
    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        await DisposeAsync();
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Billing data an import must replace or keep: an old cost row, invoices of a report month and another, a known tag key.</summary>
    private async Task SeedAsync()
    {
        await S.Get<BillingData>().EnsureAsync(Account, TestContext.Current.CancellationToken);
        await Billing.WriteAsync(
            Account,
            async (db, _) =>
            {
                await db.CostRows.Where(r => r.AccountId == Account).ExecuteDeleteAsync(TestContext.Current.CancellationToken);
                await db.Invoices.Where(i => i.AccountId == Account).ExecuteDeleteAsync(TestContext.Current.CancellationToken);
                await db.CostAllocationTags.Where(t => t.AccountId == Account).ExecuteDeleteAsync(TestContext.Current.CancellationToken);
                db.CostRows.Add(new CostRow
                {
                    AccountId = Account, Id = 1, UsageDate = new DateOnly(2023, 6, 1), LinkedAccountId = Account, ServiceCode = "AmazonEC2", ServiceName = "Amazon Elastic Compute Cloud",
                    Region = "us-east-1", UsageType = "BoxUsage:t3.micro", Operation = "RunInstances", LineItemType = "Usage", ResourceId = string.Empty, Tags = string.Empty, UsageUnit = "Hrs", UnblendedCost = 99,
                });
                db.Invoices.Add(Invoice("2023-06", 99));
                db.Invoices.Add(Invoice("2024-01", 1234));
                db.CostAllocationTags.Add(new CostAllocationTag { AccountId = Account, TagKey = "Team", Type = "UserDefined", Status = "Active", LastUsed = new DateOnly(2023, 6, 1) });
                return 0;
            },
            TestContext.Current.CancellationToken);
    }

    private static Invoice Invoice(string period, decimal amount) => new()
    {
        AccountId = Account, InvoiceId = "seed-" + period, BillingPeriod = period, Amount = amount, Currency = "USD", Status = "Paid",
    };

    /// <summary>Everything an import may change, as text.</summary>
    private Task<string> SnapshotAsync() => Billing.ReadAsync(async db =>
    {
        var c = CultureInfo.InvariantCulture;
        var ct = TestContext.Current.CancellationToken;
        var account = await db.Accounts.SingleAsync(a => a.AccountId == Account, ct);
        var rows = await db.CostRows.Where(r => r.AccountId == Account).OrderBy(r => r.Id).ToListAsync(ct);
        var invoices = await db.Invoices.Where(i => i.AccountId == Account).OrderBy(i => i.InvoiceId).ToListAsync(ct);
        var tags = await db.CostAllocationTags.Where(t => t.AccountId == Account).OrderBy(t => t.TagKey).ToListAsync(ct);
        var imports = await db.CostImports.CountAsync(i => i.AccountId == Account, ct);
        return string.Join('\n', [
            $"revision {account.Revision} generated {account.GeneratedThrough} imports {imports}",
            .. rows.Select(r => string.Create(c, $"{r.Id} {r.UsageDate} {r.ServiceCode} {r.UsageType} {r.LineItemType} {r.ResourceId} {r.Tags.Replace('\n', ';')} {r.UnblendedCost} {r.AmortizedCost}")),
            .. invoices.Select(i => string.Create(c, $"{i.InvoiceId} {i.BillingPeriod} {i.Amount} {i.Status}")),
            .. tags.Select(t => $"{t.TagKey} {t.Type} {t.Status} {t.LastUsed}"),
        ]);
    });

    private async Task<string> WriteAsync(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        await File.WriteAllTextAsync(path, text, TestContext.Current.CancellationToken);
        return path;
    }

    private async Task<string> WriteBytesAsync(string name, byte[] bytes)
    {
        var path = Path.Combine(_folder, name);
        await File.WriteAllBytesAsync(path, bytes, TestContext.Current.CancellationToken);
        return path;
    }

    /// <summary>Reports on the importing thread, as the import goes.</summary>
    private sealed class Reporter(Action<CostImportProgress> report) : IProgress<CostImportProgress>
    {
        public void Report(CostImportProgress value) => report(value);
    }
}

public sealed class SqliteCostReportImporterTests() : CostReportImporterTests(Backend.Sqlite);

public sealed class PostgresCostReportImporterTests() : CostReportImporterTests(Backend.Postgres);
