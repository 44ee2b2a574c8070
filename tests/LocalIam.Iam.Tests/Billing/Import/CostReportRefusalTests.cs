using System.Text.RegularExpressions;
using LocalIam.Iam.Billing.Import;

namespace LocalIam.Iam.Tests.Billing.Import;

/// <summary>
/// Every file the importer refuses, with its exact message: one line naming the file and where in
/// it (line and column, 1-based; for Parquet the row and column name) and what is wrong there.
/// </summary>
public sealed partial class CostReportRefusalTests : IDisposable
{
    private const string Header = "lineItem/UsageStartDate,lineItem/ProductCode,lineItem/UsageType,lineItem/Operation,lineItem/LineItemType,lineItem/UsageAccountId,lineItem/UsageAmount,lineItem/UnblendedCost,product/ProductName\n";
    private const string Good = "2024-02-01T00:00:00Z,AmazonS3,Requests-Tier1,PutObject,Usage,111122223333,10,0.00005,Amazon Simple Storage Service\n";

    private readonly string _folder = Directory.CreateTempSubdirectory("localiam-cur-").FullName;

    [Fact]
    public Task DateThatDoesNotParse_LineAndColumnNamed() => AssertRefusedAsync(
        "bad-date.csv", Header + Good + Good.Replace("2024-02-01T00:00:00Z", "2024-13-45T00:00:00Z", StringComparison.Ordinal),
        "`bad-date.csv` line 3, column 1 (`lineItem/UsageStartDate`): `2024-13-45T00:00:00Z` is not a date and time");

    [Fact]
    public Task CostThatIsNotANumber_LineAndColumnNamed() => AssertRefusedAsync(
        "bad-cost.csv", Header + Good + Good + Good.Replace("0.00005", "0.0x5", StringComparison.Ordinal),
        "`bad-cost.csv` line 4, column 8 (`lineItem/UnblendedCost`): `0.0x5` is not a number");

    [Fact]
    public Task UsageThatIsNotANumber_LongValueCut() => AssertRefusedAsync(
        "bad-usage.csv", Header + Good.Replace(",10,", "," + new string('9', 30) + "ten" + new string('9', 30) + ",", StringComparison.Ordinal),
        $"`bad-usage.csv` line 2, column 7 (`lineItem/UsageAmount`): `{new string('9', 30)}ten9999999…` is not a number");

    [Fact]
    public Task LineWithFewerFields_FirstMissingColumnNamed() => AssertRefusedAsync(
        "short.csv", Header + Good + "2024-02-01T00:00:00Z,AmazonS3,Requests-Tier1,PutObject,Usage,111122223333\n",
        "`short.csv` line 3, column 7 (`lineItem/UsageAmount`): the line ends after 6 fields where the header has 9");

    [Fact]
    public Task LineWithMoreFields_FirstExtraColumnNamed() => AssertRefusedAsync(
        "long.csv", Header + Good.TrimEnd('\n') + ",extra\n" + Good,
        "`long.csv` line 2, column 10: the line has 10 fields where the header has 9");

    [Fact]
    public Task FileCutMidLine_RefusedAsAShortLine() => AssertRefusedAsync(
        "cut.csv", Header + Good + Good[..29],
        "`cut.csv` line 3, column 3 (`lineItem/UsageType`): the line ends after 2 fields where the header has 9");

    [Fact]
    public Task QuoteNeverClosed_LineAndColumnWhereItOpens() => AssertRefusedAsync(
        "quote.csv", Header + Good + Good.Replace(",PutObject,", ",\"PutObject,", StringComparison.Ordinal) + Good + Good,
        "`quote.csv` line 3, column 4 (`lineItem/Operation`): a quoted field is never closed");

    [Fact]
    public Task FieldSpanningLines_LaterErrorOnItsOwnLine() => AssertRefusedAsync(
        "multiline.csv", Header + Good.Replace("Amazon Simple Storage Service", "\"Amazon Simple\nStorage\nService\"", StringComparison.Ordinal) + Good.Replace("0.00005", "n/a", StringComparison.Ordinal),
        "`multiline.csv` line 5, column 8 (`lineItem/UnblendedCost`): `n/a` is not a number");

    [Fact]
    public Task RequiredColumnMissing_NamedWithTheFormRecognised() => AssertRefusedAsync(
        "no-cost.csv", Header.Replace(",lineItem/UnblendedCost", ",lineItem/Unblended", StringComparison.Ordinal) + Good,
        "`no-cost.csv` line 1: the column `lineItem/UnblendedCost` is missing (the header has legacy CUR column names)");

    [Fact]
    public Task Cur2ColumnsMissing_AllNamed() => AssertRefusedAsync(
        "cur2.csv", "line_item_usage_start_date,line_item_product_code,line_item_unblended_cost\n2024-02-01T00:00:00Z,AmazonS3,1\n",
        "`cur2.csv` line 1: the columns `line_item_usage_type`, `line_item_operation`, `line_item_line_item_type`, `line_item_usage_account_id`, `line_item_usage_amount` are missing (the header has CUR 2.0 column names)");

    [Fact]
    public Task NeitherForm_SaysWhatAReportHas() => AssertRefusedAsync(
        "other.csv", "date,service,cost\n2024-02-01,S3,1\n",
        "`other.csv` line 1: no Cost and Usage Report columns (a legacy CUR has `lineItem/UsageStartDate`, a CUR 2.0 export `line_item_usage_start_date`)");

    [Fact]
    public Task EmptyFile_Refused() => AssertRefusedAsync(
        "empty.csv", string.Empty, "`empty.csv` line 1: the file is empty (a report starts with a header line)");

    [Fact]
    public Task HeaderOnly_NothingToImport() => AssertRefusedAsync(
        "header.csv", Header, "`header.csv` has no line items after its header: nothing to import");

    [Fact]
    public Task Cur2TagsNotJson_Refused() => AssertRefusedAsync(
        "tags.csv", string.Join(',', CurSamples.Cur2Columns) + "\n" + CurSamples.Cur2Csv([new CurLine()]).Split('\n')[1].Replace("{}", "{user_team:web", StringComparison.Ordinal) + "\n",
        "`tags.csv` line 2, column 24 (`resource_tags`): `{user_team:web` is not a JSON object of tags");

    [Fact]
    public async Task ZipArchive_AskedToUnzip()
    {
        var path = Path.Combine(_folder, "report.zip");
        await File.WriteAllBytesAsync(path, [0x50, 0x4B, 0x03, 0x04, 0, 0, 0, 0], TestContext.Current.CancellationToken);
        await AssertRefusedAsync(path, "`report.zip` is a zip archive: unzip it and import the report inside");
    }

    [Fact]
    public async Task GzipCutShort_RefusedNotHalfRead()
    {
        var full = CurSamples.Gzip(CurSamples.LegacyCsv(Enumerable.Range(0, 20_000).Select(i => new CurLine { ResourceId = "i-" + i })));
        var path = Path.Combine(_folder, "cut.csv.gz");
        await File.WriteAllBytesAsync(path, full[..(full.Length / 2)], TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<CostReportException>(() => ReadAsync(path));

        var match = GzipCutShort().Match(error.Message);
        Assert.True(match.Success, error.Message);
        Assert.InRange(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 2, 20_001);
    }

    [Fact]
    public async Task GzipTrailerCut_RefusedAtTheLastLine()
    {
        var full = CurSamples.Gzip(Header + Good + Good);
        var path = Path.Combine(_folder, "trailer.csv.gz");
        await File.WriteAllBytesAsync(path, full[..^4], TestContext.Current.CancellationToken);

        await AssertRefusedAsync(path, "`trailer.csv.gz` line 4: the file ends early: its gzip data is cut short");
    }

    [Fact]
    public async Task GzipDamaged_Refused()
    {
        // The first deflate block's type set to 3, which deflate reserves: an error, always.
        var full = CurSamples.Gzip(Header + string.Concat(Enumerable.Repeat(Good, 1000)));
        full[10] |= 0x06;

        var path = Path.Combine(_folder, "damaged.csv.gz");
        await File.WriteAllBytesAsync(path, full, TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<CostReportException>(() => ReadAsync(path));
        Assert.Matches(GzipRefused(), error.Message);
    }

    [Fact]
    public async Task ParquetCutShort_Refused()
    {
        var path = Path.Combine(_folder, "cut.parquet");
        await CurSamples.WriteCur2ParquetAsync(path, CostReportReaderTests.HourlyLines);
        var bytes = await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);
        await File.WriteAllBytesAsync(path, bytes[..(bytes.Length * 2 / 3)], TestContext.Current.CancellationToken);

        await AssertRefusedAsync(path, "`cut.parquet`: not a readable Parquet file, or cut short (its footer is missing or damaged)");
    }

    [Fact]
    public async Task ParquetColumnMissing_NamedWithTheForm()
    {
        var path = Path.Combine(_folder, "no-type.parquet");
        await Parquet.Serialization.ParquetSerializer.SerializeAsync(
            [new { line_item_usage_start_date = DateTime.UtcNow, line_item_product_code = "AmazonS3", line_item_usage_type = "Requests-Tier1", line_item_operation = "PutObject", line_item_usage_account_id = "111122223333", line_item_usage_amount = 1.0, line_item_unblended_cost = 1.0 }],
            path,
            cancellationToken: TestContext.Current.CancellationToken);

        await AssertRefusedAsync(path, "`no-type.parquet`: the column `line_item_line_item_type` is missing (the header has CUR 2.0 column names)");
    }

    [Fact]
    public async Task ParquetTextCostThatIsNotANumber_RowAndColumnNamed()
    {
        var path = Path.Combine(_folder, "text-cost.parquet");
        var rows = Enumerable.Range(0, 5).Select(i => new
        {
            line_item_usage_start_date = "2024-02-01T00:00:00Z",
            line_item_product_code = "AmazonS3",
            line_item_usage_type = "Requests-Tier1",
            line_item_operation = "PutObject",
            line_item_line_item_type = "Usage",
            line_item_usage_account_id = "111122223333",
            line_item_usage_amount = "1",
            line_item_unblended_cost = i == 3 ? "free" : "0.5",
        });
        await Parquet.Serialization.ParquetSerializer.SerializeAsync(rows, path, new Parquet.ParquetOptions { RowGroupSize = 2 }, cancellationToken: TestContext.Current.CancellationToken);

        await AssertRefusedAsync(path, "`text-cost.parquet` row 4, column `line_item_unblended_cost`: `free` is not a number");
    }

    [Fact]
    public async Task ParquetTextDateThatDoesNotParse_RowAndColumnNamed()
    {
        var path = Path.Combine(_folder, "text-date.parquet");
        var rows = Enumerable.Range(0, 3).Select(i => new
        {
            line_item_usage_start_date = i == 2 ? "yesterday" : "2024-02-01T00:00:00Z",
            line_item_product_code = "AmazonS3",
            line_item_usage_type = "Requests-Tier1",
            line_item_operation = "PutObject",
            line_item_line_item_type = "Usage",
            line_item_usage_account_id = "111122223333",
            line_item_usage_amount = 1.0,
            line_item_unblended_cost = 0.5,
        });
        await Parquet.Serialization.ParquetSerializer.SerializeAsync(rows, path, cancellationToken: TestContext.Current.CancellationToken);

        await AssertRefusedAsync(path, "`text-date.parquet` row 3, column `line_item_usage_start_date`: `yesterday` is not a date and time");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [GeneratedRegex("^`cut\\.csv\\.gz` line ([0-9]+): the file ends early: its gzip data is cut short$")]
    private static partial Regex GzipCutShort();

    [GeneratedRegex("^`damaged\\.csv\\.gz` line 1: the gzip data is damaged \\(.+\\)$")]
    private static partial Regex GzipRefused();

    private async Task AssertRefusedAsync(string name, string text, string message)
    {
        var path = Path.Combine(_folder, name);
        await File.WriteAllTextAsync(path, text, TestContext.Current.CancellationToken);
        await AssertRefusedAsync(path, message);
    }

    private static async Task AssertRefusedAsync(string path, string message)
    {
        var error = await Assert.ThrowsAsync<CostReportException>(() => ReadAsync(path));
        Assert.Equal(message, error.Message);
    }

    private static async Task ReadAsync(string path) => await CostReportFile.ReadAsync(path, "111122223333", null, TestContext.Current.CancellationToken);
}
