using LocalIam.Iam.Billing.Import;
using LocalIam.Storage.Billing;

namespace LocalIam.Iam.Tests.Billing.Import;

/// <summary>
/// Reading a Cost and Usage Report in each form (legacy CUR, CUR 2.0) and container (CSV, gzip,
/// Parquet) into per-day rows: the same report gives the same rows whatever its container.
/// </summary>
public sealed class CostReportReaderTests : IDisposable
{
    private const string Account = "111122223333";

    private readonly string _folder = Directory.CreateTempSubdirectory("localiam-cur-").FullName;

    public static CurLine[] HourlyLines { get; } =
    [
        .. Enumerable.Range(0, 48).Select(h => new CurLine
        {
            Start = $"2024-01-{1 + (h / 24):D2}T{h % 24:D2}:00:00Z",
            UsageAmount = "1",
            Unblended = "0.0104",
            Blended = "0.0110",
            NetUnblended = "0.0100",
            Tags = new Dictionary<string, string> { ["Team"] = "web", ["Project"] = "storefront" },
        }),
        new CurLine
        {
            Start = "2024-01-02T05:00:00Z",
            ProductCode = "AmazonRoute53",
            ProductName = "Amazon Route 53",
            Region = string.Empty,
            UsageType = "HostedZone",
            Operation = "CreateHostedZone",
            ResourceId = "arn:aws:route53:::hostedzone/Z1",
            UsageAmount = "1",
            Unit = "HostedZone",
            Unblended = "0.5",
            Blended = "0.5",
            NetUnblended = "0.5",
        },
    ];

    [Fact]
    public async Task LegacyCsv_HourlyLines_SummedPerDayAndKey()
    {
        var (costs, form, container, lines) = await ReadTextAsync("legacy.csv", CurSamples.LegacyCsv(HourlyLines));

        Assert.Equal((CostReportForm.Legacy, "csv", 49L), (form, container, lines));
        AssertHourlyRows(costs.Rows);
        Assert.Equal(["2024-01"], costs.MonthTotals.Keys);
        Assert.Equal((48 * 0.0104m) + 0.5m, costs.MonthTotals["2024-01"]);
        Assert.Equal(new Dictionary<string, DateOnly> { ["Project"] = new(2024, 1, 2), ["Team"] = new(2024, 1, 2) }, costs.TagKeys);
    }

    [Fact]
    public async Task Cur2Csv_SameLines_SameRowsWithSnakeCaseTagKeys()
    {
        var (costs, form, container, _) = await ReadTextAsync("cur2.csv", CurSamples.Cur2Csv(HourlyLines));

        Assert.Equal((CostReportForm.Cur2, "csv"), (form, container));
        AssertHourlyRows(costs.Rows);
    }

    [Fact]
    public async Task Gzip_DetectedByItsBytesNotItsName_SameRows()
    {
        var path = Path.Combine(_folder, "report.csv");
        await File.WriteAllBytesAsync(path, CurSamples.Gzip(CurSamples.LegacyCsv(HourlyLines)), TestContext.Current.CancellationToken);

        var (costs, _, container, _) = await ReadAsync(path);

        Assert.Equal("csv.gz", container);
        AssertHourlyRows(costs.Rows);
    }

    [Fact]
    public async Task Parquet_Cur2WithTagMap_SameRows()
    {
        var path = Path.Combine(_folder, "cur2.parquet");
        await CurSamples.WriteCur2ParquetAsync(path, HourlyLines, rowGroupSize: 10);

        var (costs, form, container, lines) = await ReadAsync(path);

        Assert.Equal((CostReportForm.Cur2, "parquet", 49L), (form, container, lines));
        AssertHourlyRows(costs.Rows);
    }

    [Fact]
    public async Task LegacyCsv_TagColumns_SortedByKeyAndEmptyValuesAreNoTag()
    {
        var text = "lineItem/UsageStartDate,lineItem/ProductCode,lineItem/UsageType,lineItem/Operation,lineItem/LineItemType,lineItem/UsageAccountId,lineItem/UsageAmount,lineItem/UnblendedCost,resourceTags/user:zone,resourceTags/user:Env,resourceTags/user:app\n"
            + "2024-02-01T00:00:00Z,AmazonS3,Requests-Tier1,PutObject,Usage,111122223333,10,0.00005,a,prod,\n"
            + "2024-02-01T01:00:00Z,AmazonS3,Requests-Tier1,PutObject,Usage,111122223333,10,0.00005,,,\n";

        var (costs, _, _, _) = await ReadTextAsync("tags.csv", text);

        Assert.Equal(["Env=prod\nzone=a", string.Empty], costs.Rows.Select(r => r.Tags).Order(StringComparer.Ordinal).Reverse());
        Assert.Equal(["Env", "zone"], costs.TagKeys.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Cur2Csv_TagMap_OnlyUserTagsPrefixRemoved()
    {
        var line = new CurLine { Tags = new Dictionary<string, string> { ["team"] = "data" } };
        var text = CurSamples.Cur2Csv([line]).Replace("\"{\"\"user_team\"\":\"\"data\"\"}\"", "\"{\"\"user_team\"\":\"\"data\"\",\"\"aws_created_by\"\":\"\"x\"\",\"\"user_app\"\":\"\"shop\"\"}\"", StringComparison.Ordinal);

        var (costs, _, _, _) = await ReadTextAsync("tags.csv", text);

        Assert.Equal("app=shop\nteam=data", Assert.Single(costs.Rows).Tags);
    }

    [Fact]
    public async Task Amortization_SavingsPlansAndReservations_AsAwsDocumentsAmortizedCost()
    {
        CurLine[] lines =
        [
            new() { LineItemType = "SavingsPlanCoveredUsage", Unblended = "0.0416", SavingsPlanEffectiveCost = "0.03", ResourceId = "i-1" },
            new() { LineItemType = "SavingsPlanNegation", Unblended = "-0.0416", ResourceId = "i-1" },
            new() { LineItemType = "SavingsPlanRecurringFee", Unblended = "0.05", SavingsPlanTotalCommitment = "0.05", SavingsPlanUsedCommitment = "0.03", ResourceId = "sp" },
            new() { LineItemType = "SavingsPlanUpfrontFee", Unblended = "100", ResourceId = "sp-upfront" },
            new() { LineItemType = "DiscountedUsage", Unblended = "0", ReservationEffectiveCost = "0.025", ResourceId = "i-2" },
            new() { LineItemType = "RIFee", Unblended = "0.02", ReservationUnusedUpfront = "0.004", ReservationUnusedRecurring = "0.001", ResourceId = "ri" },
            new() { LineItemType = "Fee", Unblended = "300", ReservationArn = "arn:aws:ec2:us-east-1:111122223333:reserved-instances/r1", ResourceId = "ri-upfront" },
            new() { LineItemType = "Fee", Unblended = "29", ResourceId = "support" },
            new() { LineItemType = "Tax", Unblended = "1.5", ResourceId = string.Empty },
        ];

        var (costs, _, _, _) = await ReadTextAsync("amortized.csv", CurSamples.LegacyCsv(lines));

        var amortized = costs.Rows.ToDictionary(r => (r.LineItemType, r.ResourceId), r => r.AmortizedCost);
        Assert.Equal(0.03m, amortized[("SavingsPlanCoveredUsage", "i-1")]);
        Assert.Equal(0m, amortized[("SavingsPlanNegation", "i-1")]);
        Assert.Equal(0.02m, amortized[("SavingsPlanRecurringFee", "sp")]);
        Assert.Equal(0m, amortized[("SavingsPlanUpfrontFee", "sp-upfront")]);
        Assert.Equal(0.025m, amortized[("DiscountedUsage", "i-2")]);
        Assert.Equal(0.005m, amortized[("RIFee", "ri")]);
        Assert.Equal(0m, amortized[("Fee", "ri-upfront")]);
        Assert.Equal(29m, amortized[("Fee", "support")]);
        Assert.Equal(1.5m, amortized[("Tax", string.Empty)]);
    }

    [Fact]
    public async Task OptionalColumnsAbsent_BlendedAndNetAreUnblendedAndNameIsTheCode()
    {
        var text = "lineItem/UsageStartDate,lineItem/ProductCode,lineItem/UsageType,lineItem/Operation,lineItem/LineItemType,lineItem/UsageAccountId,lineItem/UsageAmount,lineItem/UnblendedCost\n"
            + "2024-02-01T00:00:00Z,AmazonS3,Requests-Tier1,PutObject,Usage,111122223333,10,0.00005\n";

        var row = Assert.Single((await ReadTextAsync("minimal.csv", text)).Costs.Rows);

        Assert.Equal(("AmazonS3", string.Empty, string.Empty, string.Empty, string.Empty), (row.ServiceName, row.Region, row.ResourceId, row.UsageUnit, row.Tags));
        Assert.Equal((0.00005m, 0.00005m, 0.00005m, 0.00005m, 0.00005m), (row.UnblendedCost, row.BlendedCost, row.NetUnblendedCost, row.AmortizedCost, row.NetAmortizedCost));
    }

    [Fact]
    public async Task QuotedFields_CommasQuotesAndLineBreaksInside_Read()
    {
        var text = "lineItem/UsageStartDate,lineItem/ProductCode,lineItem/UsageType,lineItem/Operation,lineItem/LineItemType,lineItem/UsageAccountId,lineItem/UsageAmount,lineItem/UnblendedCost,product/ProductName\r\n"
            + "2024-02-01T00:00:00Z,AmazonS3,Requests-Tier1,\"Put,\"\"Object\"\"\",Usage,111122223333,10,0.00005,\"Amazon Simple\nStorage Service\"\r\n";

        var row = Assert.Single((await ReadTextAsync("quoted.csv", text)).Costs.Rows);

        Assert.Equal(("Put,\"Object\"", "Amazon Simple\nStorage Service"), (row.Operation, row.ServiceName));
    }

    [Fact]
    public async Task RealisticHourlyReport_FarFewerRowsThanLinesAndTotalsKept()
    {
        var path = Path.Combine(_folder, "realistic.csv.gz");
        CurSamples.WriteRealisticLegacy(path, 50_000, gzip: true);

        var (costs, _, _, lines) = await ReadAsync(path);

        Assert.Equal(50_000, lines);

        // 1,344 resources an hour; 50,000 lines are 37 hours and a part: every resource on both days.
        Assert.Equal(2 * 1344, costs.Rows.Count);
        Assert.Equal([new DateOnly(2024, 3, 1), new DateOnly(2024, 3, 2)], costs.Rows.Select(r => r.UsageDate).Distinct());
        Assert.Equal(Enumerable.Range(1, costs.Rows.Count).Select(i => (long)i), costs.Rows.Select(r => r.Id));
        Assert.Equal(costs.MonthTotals["2024-03"], costs.Rows.Sum(r => r.UnblendedCost));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>48 hourly EC2 lines over two days and one global Route 53 line: three rows, by day then service.</summary>
    private static void AssertHourlyRows(List<CostRow> rows)
    {
        Assert.Equal(3, rows.Count);
        var (first, second, zone) = (rows[0], rows[1], rows[2]);
        Assert.Equal((1L, new DateOnly(2024, 1, 1), "AmazonEC2", "Amazon Elastic Compute Cloud", "us-east-1"), (first.Id, first.UsageDate, first.ServiceCode, first.ServiceName, first.Region));
        Assert.Equal(("BoxUsage:t3.micro", "RunInstances", "Usage", Account, "i-0123456789abcdef0", "Hrs"), (first.UsageType, first.Operation, first.LineItemType, first.LinkedAccountId, first.ResourceId, first.UsageUnit));
        Assert.Equal("Project=storefront\nTeam=web", first.Tags);
        Assert.Equal((24m, 24 * 0.0104m, 24 * 0.0110m, 24 * 0.0100m, 24 * 0.0104m, 24 * 0.0100m), (first.UsageAmount, first.UnblendedCost, first.BlendedCost, first.NetUnblendedCost, first.AmortizedCost, first.NetAmortizedCost));
        Assert.Equal((3L, new DateOnly(2024, 1, 2), "AmazonRoute53", "Amazon Route 53", string.Empty, 0.5m, string.Empty), (zone.Id, zone.UsageDate, zone.ServiceCode, zone.ServiceName, zone.Region, zone.UnblendedCost, zone.Tags));
        Assert.Equal((2L, new DateOnly(2024, 1, 2), 24m, 24 * 0.0104m), (second.Id, second.UsageDate, second.UsageAmount, second.UnblendedCost));
        Assert.All(rows, r => Assert.Equal(Account, r.AccountId));
    }

    private async Task<(AggregatedCosts Costs, CostReportForm Form, string Container, long Lines)> ReadTextAsync(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        await File.WriteAllTextAsync(path, text, TestContext.Current.CancellationToken);
        return await ReadAsync(path);
    }

    private static Task<(AggregatedCosts Costs, CostReportForm Form, string Container, long Lines)> ReadAsync(string path) =>
        CostReportFile.ReadAsync(path, Account, null, TestContext.Current.CancellationToken);
}
