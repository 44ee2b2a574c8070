using LocalIam.Iam.Billing.CostExplorer;
using LocalIam.Iam.Errors;
using LocalIam.Storage.Billing;

namespace LocalIam.Iam.Tests.Billing;

/// <summary>
/// Cost Explorer's queries on thirteen months of generated costs: every figure is checked against
/// the rows themselves; groups, filters, months against days, estimates, pages and AWS's refusals.
/// </summary>
public sealed class CostEngineTests
{
    private static readonly DateOnly Today = GeneratedCosts.Today;
    private static readonly DateOnly Start = new(2025, 11, 1);
    private static readonly DateOnly End = new(2026, 12, 1);

    private static IReadOnlyList<CostRow> Rows => GeneratedCosts.Dataset.Rows;

    [Fact]
    public void Run_Monthly_EachMonthIsTheSumOfItsDays()
    {
        CostMetric[] metrics = [CostMetric.UnblendedCost, CostMetric.AmortizedCost, CostMetric.UsageQuantity];
        var monthly = Run(new CostQuery(Start, End, CostGranularity.Monthly, metrics));
        var daily = Run(new CostQuery(Start, End, CostGranularity.Daily, metrics));

        Assert.Equal(13, monthly.Periods.Count);
        Assert.Equal(Start.DayNumber - End.DayNumber, -daily.Periods.Count);
        foreach (var month in monthly.Periods)
        {
            var days = daily.Periods.Where(d => d.Start >= month.Start && d.End <= month.End).ToList();
            foreach (var metric in metrics)
            {
                Assert.Equal(days.Sum(d => d.Total[metric].Amount), month.Total[metric].Amount);
                Assert.Equal(RowsOf(month.Start, month.End).Sum(r => metric.Of(r)), month.Total[metric].Amount);
            }
        }

        Assert.True(monthly.Periods.All(p => p.Total[CostMetric.UnblendedCost].Amount > 0));
    }

    [Fact]
    public void Run_GroupedByService_GroupsAddUpAndTaxIsItsOwnService()
    {
        var result = Run(new CostQuery(new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 1), CostGranularity.Monthly, [CostMetric.UnblendedCost])
        {
            GroupBy = [CostGroupBy.By(CostDimension.Service)],
        });

        var period = Assert.Single(result.Periods);
        Assert.Empty(period.Total);
        var october = RowsOf(new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 1));
        Assert.Equal(october.Sum(r => r.UnblendedCost), period.Groups.Sum(g => g.Metrics[CostMetric.UnblendedCost].Amount));
        var tax = Assert.Single(period.Groups, g => g.Keys[0] == "Tax");
        Assert.Equal(october.Where(r => r.LineItemType == "Tax").Sum(r => r.UnblendedCost), tax.Metrics[CostMetric.UnblendedCost].Amount);
        var compute = Assert.Single(period.Groups, g => g.Keys[0] == "Amazon Elastic Compute Cloud - Compute");
        Assert.Equal(
            october.Where(r => r.ServiceName == "Amazon Elastic Compute Cloud - Compute" && r.LineItemType != "Tax").Sum(r => r.UnblendedCost),
            compute.Metrics[CostMetric.UnblendedCost].Amount);
        Assert.Equal(period.Groups.Select(g => g.Keys[0]).Order(StringComparer.Ordinal), period.Groups.Select(g => g.Keys[0]));
    }

    [Fact]
    public void Run_GroupedByTagAndRegion_KeysAsCostExplorerWritesThem()
    {
        // October is closed: its tax is dated its first day.
        var result = Run(new CostQuery(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 2), CostGranularity.Daily, [CostMetric.UnblendedCost])
        {
            GroupBy = [CostGroupBy.ByTag("Project"), CostGroupBy.By(CostDimension.Region)],
        });

        var keys = Assert.Single(result.Periods).Groups.Select(g => (g.Keys[0], g.Keys[1])).ToList();
        Assert.Contains(("Project$storefront", "us-east-1"), keys);
        Assert.Contains(("Project$", "global"), keys);
        Assert.Contains(("Project$", "NoRegion"), keys);
        var untagged = Rows.Where(r => r.UsageDate == new DateOnly(2026, 10, 1) && !r.Tags.Contains("Project=", StringComparison.Ordinal)).Sum(r => r.UnblendedCost);
        Assert.Equal(untagged, Assert.Single(result.Periods).Groups.Where(g => g.Keys[0] == "Project$").Sum(g => g.Metrics[CostMetric.UnblendedCost].Amount));
    }

    [Fact]
    public void Run_FilterWithAndOrNot_SumsTheRowsItMatches()
    {
        var filter = new CostExpression.And(
        [
            new CostExpression.Or([new CostExpression.Dimension(CostDimension.Service, ["Amazon Elastic Compute Cloud - Compute"]), new CostExpression.Tag("Environment", ["staging"])]),
            new CostExpression.Not(new CostExpression.Dimension(CostDimension.Region, ["us-east-1"])),
        ]);
        var result = Run(new CostQuery(Start, End, CostGranularity.Monthly, [CostMetric.UnblendedCost]) { Filter = filter });

        var expected = Rows.Where(r => r.UsageDate < End && (r.ServiceName == "Amazon Elastic Compute Cloud - Compute" && r.LineItemType != "Tax" || r.Tags.Contains("Environment=staging", StringComparison.Ordinal)) && r.Region != "us-east-1").Sum(r => r.UnblendedCost);
        Assert.True(expected > 0);
        Assert.Equal(expected, result.Periods.Sum(p => p.Total[CostMetric.UnblendedCost].Amount));
    }

    [Fact]
    public void Run_TagFilters_EmptyValueAndAbsentFindUntaggedCosts()
    {
        var query = new CostQuery(Start, End, CostGranularity.Monthly, [CostMetric.UnblendedCost]);
        var untagged = Rows.Where(r => r.UsageDate < End && CostTags.ValueOf(r.Tags, "Project") is null).Sum(r => r.UnblendedCost);

        var empty = Run(query with { Filter = new CostExpression.Tag("Project", [""]) });
        var absent = Run(query with { Filter = new CostExpression.Tag("Project", [], CostMatch.Absent) });
        var noTags = Run(query with { Filter = new CostExpression.Tag(null, []) });

        Assert.Equal(untagged, empty.Periods.Sum(p => p.Total[CostMetric.UnblendedCost].Amount));
        Assert.Equal(untagged, absent.Periods.Sum(p => p.Total[CostMetric.UnblendedCost].Amount));
        Assert.Equal(Rows.Where(r => r.UsageDate < End && r.Tags.Length == 0).Sum(r => r.UnblendedCost), noTags.Periods.Sum(p => p.Total[CostMetric.UnblendedCost].Amount));
    }

    [Fact]
    public void Run_RecordTypes_NamedAsCostExplorerNamesThem()
    {
        var values = CostEngine.DimensionValues(GeneratedCosts.Dataset, Start, End, CostDimension.RecordType);

        Assert.Contains("Usage", values);
        Assert.Contains("Tax", values);
        Assert.Contains("Credit", values);
        Assert.Contains("Refund", values);
        if (Rows.Any(r => r.LineItemType == "RIFee"))
        {
            Assert.Contains("Recurring reservation fee", values);
        }

        Assert.DoesNotContain("RIFee", values);
    }

    [Fact]
    public void Run_GroupedWithNothingMatching_EveryPeriodWithNoGroups()
    {
        var result = Run(new CostQuery(new DateOnly(2026, 9, 1), new DateOnly(2026, 11, 1), CostGranularity.Monthly, [CostMetric.UnblendedCost])
        {
            GroupBy = [CostGroupBy.By(CostDimension.Service)],
            Filter = new CostExpression.Dimension(CostDimension.Service, ["No such service"]),
        });

        Assert.Equal([new DateOnly(2026, 9, 1), new DateOnly(2026, 10, 1)], result.Periods.Select(p => p.Start));
        Assert.All(result.Periods, p => Assert.Empty(p.Groups));
    }

    [Fact]
    public void Run_CurrentMonth_EstimatedAndClosedMonthsNot()
    {
        var result = Run(new CostQuery(new DateOnly(2026, 10, 30), new DateOnly(2026, 11, 3), CostGranularity.Daily, [CostMetric.UnblendedCost]));

        Assert.Equal([false, false, true, true], result.Periods.Select(p => p.Estimated));
    }

    [Fact]
    public void Run_MonthlyFromMidMonth_FirstPeriodClipped()
    {
        var result = Run(new CostQuery(new DateOnly(2026, 9, 18), new DateOnly(2026, 11, 5), CostGranularity.Monthly, [CostMetric.UnblendedCost]));

        Assert.Equal(
            [(new DateOnly(2026, 9, 18), new DateOnly(2026, 10, 1)), (new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 1)), (new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 5))],
            result.Periods.Select(p => (p.Start, p.End)));
    }

    [Fact]
    public void Run_Pages_TogetherTheWholeAnswer()
    {
        var query = new CostQuery(Start, End, CostGranularity.Daily, [CostMetric.UnblendedCost]) { GroupBy = [CostGroupBy.By(CostDimension.UsageType)] };
        var whole = CostEngine.Run(GeneratedCosts.Dataset, query, Today, pageSize: int.MaxValue);

        var groups = new List<(DateOnly, string, decimal)>();
        var pages = 0;
        string? token = null;
        do
        {
            var page = CostEngine.Run(GeneratedCosts.Dataset, query with { NextPageToken = token }, Today, pageSize: 1000);
            groups.AddRange(page.Periods.SelectMany(p => p.Groups.Select(g => (p.Start, g.Keys[0], g.Metrics[CostMetric.UnblendedCost].Amount))));
            token = page.NextPageToken;
            pages++;
        }
        while (token is not null);

        Assert.Null(whole.NextPageToken);
        Assert.True(pages > 2);
        Assert.Equal(whole.Periods.SelectMany(p => p.Groups.Select(g => (p.Start, g.Keys[0], g.Metrics[CostMetric.UnblendedCost].Amount))), groups);
    }

    [Fact]
    public void Run_TokenOfAnotherQueryOrNone_RefusedAsAws()
    {
        var query = new CostQuery(Start, End, CostGranularity.Daily, [CostMetric.UnblendedCost]) { GroupBy = [CostGroupBy.By(CostDimension.UsageType)] };
        var token = CostEngine.Run(GeneratedCosts.Dataset, query, Today, pageSize: 100).NextPageToken!;

        var changed = Assert.Throws<IamException>(() => Run(query with { Metrics = [CostMetric.BlendedCost], NextPageToken = token }));
        var invalid = Assert.Throws<IamException>(() => Run(query with { NextPageToken = "not a token" }));

        Assert.Equal(IamErrorCode.RequestChangedException, changed.Code);
        Assert.Equal(IamErrorCode.InvalidNextTokenException, invalid.Code);
        Assert.Equal("The pagination token is invalid. Try again without a pagination token.", invalid.Message);
    }

    [Theory]
    [InlineData("2026-11-01", "2026-11-01", "Start date (and hour) should be before end date (and hour)")]
    [InlineData("2026-11-01", "2027-01-01", "end date past the beginning of next month")]
    [InlineData("2025-08-15", "2025-09-01", "To retrieve data beyond the past 14 months, your start date needs to be the first day of the month.")]
    public void Check_DatesAwsRefuses_AwsText(string start, string end, string message)
    {
        var query = new CostQuery(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), CostGranularity.Monthly, [CostMetric.UnblendedCost]);

        var error = Assert.Throws<IamException>(() => Run(query));

        Assert.Equal((IamErrorCode.ValidationException, message), (error.Code, error.Message));
    }

    [Fact]
    public void Check_GroupingsAndFilters_AwsRefusals()
    {
        var query = new CostQuery(Start, End, CostGranularity.Monthly, [CostMetric.UnblendedCost]);

        var dimension = Assert.Throws<IamException>(() => Run(query with { GroupBy = [new CostGroupBy(CostGroupByType.Dimension, "RESOURCE_ID")] }));
        var matchOption = Assert.Throws<IamException>(() => Run(query with { Filter = new CostExpression.Dimension(CostDimension.Service, ["Amazon"], CostMatch.StartsWith) }));
        var resource = Assert.Throws<IamException>(() => Run(query with { Filter = new CostExpression.Dimension(CostDimension.ResourceId, ["i-1"]) }));

        Assert.StartsWith("Group Definition dimension is invalid. Valid values are AZ, INSTANCE_TYPE, LINKED_ACCOUNT", dimension.Message, StringComparison.Ordinal);
        Assert.Equal("MatchOptions contain not allowed match option. Allowed MatchOptions:CASE_SENSITIVE, EQUALS", matchOption.Message);
        Assert.Equal("Dimension RESOURCE_ID is not allowed.", resource.Message);
    }

    [Fact]
    public void Expression_MatchOptions_AsAwsDefinesThem()
    {
        var row = Rows.First(r => r.ServiceName == "Amazon Elastic Compute Cloud - Compute" && r.LineItemType == "Usage");

        Assert.True(new CostExpression.Dimension(CostDimension.Service, ["amazon elastic"], CostMatch.StartsWith | CostMatch.CaseInsensitive).Matches(row));
        Assert.False(new CostExpression.Dimension(CostDimension.Service, ["amazon elastic"], CostMatch.StartsWith).Matches(row));
        Assert.True(new CostExpression.Dimension(CostDimension.Service, ["Compute"], CostMatch.EndsWith).Matches(row));
        Assert.True(new CostExpression.Dimension(CostDimension.Service, ["Cloud"], CostMatch.Contains).Matches(row));
        Assert.False(new CostExpression.Dimension(CostDimension.Service, ["Cloud"]).Matches(row));
    }

    [Fact]
    public void Expression_ManyExactValues_SameAnswerAsFewValues()
    {
        string[] padding = [.. Enumerable.Range(0, 20).Select(i => $"not-a-region-{i}")];
        var few = new CostExpression.Dimension(CostDimension.Region, ["us-east-1"]);
        var many = new CostExpression.Dimension(CostDimension.Region, [.. padding, "us-east-1"]);

        Assert.Equal(Rows.Count(few.Matches), Rows.Count(many.Matches));
        Assert.Contains(Rows, many.Matches);
    }

    [Theory]
    [InlineData("0", "0")]
    [InlineData("40.35275084530000", "40.3527508453")]
    [InlineData("0.000000000049", "0")]
    [InlineData("-12.5", "-12.5")]
    [InlineData("100", "100")]
    public void Amount_Text_AsCostExplorerWritesIt(string amount, string text) =>
        Assert.Equal(text, new CostAmount(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), "USD").Text);

    private static CostResult Run(CostQuery query) => CostEngine.Run(GeneratedCosts.Dataset, query, Today);

    private static List<CostRow> RowsOf(DateOnly start, DateOnly end) => [.. GeneratedCosts.Dataset.Between(start, end)];
}
