using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text;
using LocalIam.Iam;
using LocalIam.Iam.Billing;
using LocalIam.Iam.Billing.CostExplorer;
using LocalIam.Iam.Errors;
using LocalIam.Server.Console.Billing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace LocalIam.Server.Console.Pages.Billing;

/// <summary>
/// /console/billing/cost-explorer, AWS's "Cost Explorer": a date range, monthly or daily, one
/// grouping (service, region, usage type, linked account or an active cost allocation tag) and a
/// cost metric; the chart and the table of the same figures, the table downloadable as CSV
/// (<c>?handler=Csv</c>). The figures are <see cref="CostEngine"/>'s, as GetCostAndUsage's are.
/// </summary>
[Authorize]
public sealed class CostExplorerModel(IamCore core, ConsoleAuthorizer authorizer, BillingAccountService billing, CostExplorerService explorer)
    : BillingPageModel(core, authorizer, billing)
{
    /// <summary>The dimensions the page groups by, with AWS's labels.</summary>
    public static readonly (string Key, string Label)[] Dimensions =
    [
        ("SERVICE", "Service"), ("REGION", "Region"), ("USAGE_TYPE", "Usage type"), ("LINKED_ACCOUNT", "Linked account"), ("RECORD_TYPE", "Charge type"),
    ];

    public static readonly (CostMetric Metric, string Label)[] Metrics =
    [
        (CostMetric.UnblendedCost, "Unblended costs"), (CostMetric.AmortizedCost, "Amortized costs"), (CostMetric.BlendedCost, "Blended costs"),
        (CostMetric.NetUnblendedCost, "Net unblended costs"), (CostMetric.NetAmortizedCost, "Net amortized costs"),
    ];

    [BindProperty(SupportsGet = true, Name = "start")]
    public DateOnly? Start { get; set; }

    [BindProperty(SupportsGet = true, Name = "end")]
    public DateOnly? End { get; set; }

    [BindProperty(SupportsGet = true, Name = "granularity")]
    [DisplayFormat(ConvertEmptyStringToNull = false)]
    public string Granularity { get; set; } = "MONTHLY";

    /// <summary><c>SERVICE</c>, another dimension, or <c>TAG:KEY</c>.</summary>
    [BindProperty(SupportsGet = true, Name = "groupBy")]
    [DisplayFormat(ConvertEmptyStringToNull = false)]
    public string GroupBy { get; set; } = "SERVICE";

    [BindProperty(SupportsGet = true, Name = "metric")]
    [DisplayFormat(ConvertEmptyStringToNull = false)]
    public string Metric { get; set; } = nameof(CostMetric.UnblendedCost);

    public IReadOnlyList<string> TagKeys { get; private set; } = [];

    public CostTable? Table { get; private set; }

    public CostChart? Chart { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        await PageRefusedAsync(BillingPermissions.ViewCostExplorer) ?? await RunAsync() ?? Page();

    public async Task<IActionResult> OnGetCsvAsync()
    {
        if (await PageRefusedAsync(BillingPermissions.ViewCostExplorer) is { } refused)
        {
            return refused;
        }

        if (await RunAsync() is { } failed)
        {
            return failed;
        }

        return File(Encoding.UTF8.GetBytes(Table!.Csv()), "text/csv; charset=utf-8", "costs.csv");
    }

    /// <summary>Runs the query the form describes; a page with the refusal when the engine refuses it as AWS would.</summary>
    private async Task<IActionResult?> RunAsync()
    {
        var today = explorer.Today;
        TagKeys = [.. (await Billing.CostAllocationTagsAsync(AccountId)).Where(t => t.Status == "Active").Select(t => t.TagKey)];
        var start = Start ?? new DateOnly(today.Year, today.Month, 1).AddMonths(-5);
        var end = End ?? new DateOnly(today.Year, today.Month, 1).AddMonths(1);
        (Start, End) = (start, end);
        var daily = Granularity == "DAILY";
        Granularity = daily ? "DAILY" : "MONTHLY";
        if (!CostMetrics.TryParse(Metric, out var metric) || !Metrics.Any(m => m.Metric == metric))
        {
            metric = CostMetric.UnblendedCost;
        }

        Metric = metric.Name();
        CostGroupBy group = GroupBy.StartsWith("TAG:", StringComparison.Ordinal) && TagKeys.Contains(GroupBy[4..])
            ? CostGroupBy.ByTag(GroupBy[4..])
            : new CostGroupBy(CostGroupByType.Dimension, Dimensions.Any(d => d.Key == GroupBy) ? GroupBy : "SERVICE");
        GroupBy = group.Type == CostGroupByType.Tag ? "TAG:" + group.Key : group.Key;
        try
        {
            var query = new CostQuery(start, end, daily ? CostGranularity.Daily : CostGranularity.Monthly, [metric]) { GroupBy = [group] };
            var result = await explorer.GetCostAndUsageAsync(AccountId, query, HttpContext.RequestAborted);
            Table = CostTable.Of(result, metric, group, daily);
        }
        catch (IamException ex)
        {
            return Failed(ex);
        }

        Chart = CostChart.Of([.. Table.Periods.Select((label, i) => (label, (IReadOnlyDictionary<string, decimal>)Table.Rows.ToDictionary(r => r.Label, r => r.Amounts[i], StringComparer.Ordinal)))]);
        return null;
    }
}

/// <summary>Cost Explorer's table: one row per group, one column per period, the group's total; rows by total, largest first.</summary>
public sealed record CostTable(string GroupLabel, IReadOnlyList<string> Periods, IReadOnlyList<CostTableRow> Rows)
{
    public decimal Total => Rows.Sum(r => r.Total);

    public IEnumerable<decimal> PeriodTotals() => Periods.Select((_, i) => Rows.Sum(r => r.Amounts[i]));

    public static CostTable Of(CostResult result, CostMetric metric, CostGroupBy group, bool daily)
    {
        var periods = result.Periods.Select(p => p.Start.ToString(daily ? "yyyy-MM-dd" : "yyyy-MM", CultureInfo.InvariantCulture)).ToList();
        var rows = result.Periods.SelectMany((p, i) => p.Groups.Select(g => (Key: g.Keys[0], Period: i, Amount: g.Metrics[metric].Amount)))
            .GroupBy(x => x.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var amounts = new decimal[periods.Count];
                foreach (var (_, period, amount) in g)
                {
                    amounts[period] += amount;
                }

                return new CostTableRow(Label(g.Key, group), amounts);
            })
            .OrderByDescending(r => r.Total)
            .ToList();
        var label = group.Type == CostGroupByType.Tag ? $"Tag: {group.Key}" : CostExplorerModel.Dimensions.First(d => d.Key == group.Key).Label;
        return new CostTable(label, periods, rows);
    }

    /// <summary>A tag group's key is <c>KEY$VALUE</c>; an empty value is the costs without the tag.</summary>
    private static string Label(string key, CostGroupBy group) =>
        group.Type != CostGroupByType.Tag ? key
        : key.IndexOf('$', StringComparison.Ordinal) is var at and >= 0 && at < key.Length - 1 ? key[(at + 1)..] : $"No tag key: {group.Key}";

    /// <summary>The table as CSV (RFC 4180): the group column, each period, the total; amounts with Cost Explorer's precision.</summary>
    public string Csv()
    {
        var csv = new StringBuilder();
        csv.Append(Field(GroupLabel)).Append(',').AppendJoin(',', Periods.Select(Field)).Append(",Total\r\n");
        foreach (var row in Rows)
        {
            csv.Append(Field(row.Label)).Append(',').AppendJoin(',', row.Amounts.Select(CostAmount.Format)).Append(',').Append(CostAmount.Format(row.Total)).Append("\r\n");
        }

        csv.Append("Total costs,").AppendJoin(',', PeriodTotals().Select(CostAmount.Format)).Append(',').Append(CostAmount.Format(Total)).Append("\r\n");
        return csv.ToString();
    }

    /// <summary>Quoted when it holds a separator or quote; a leading =, +, - or @ is prefixed with ' so a spreadsheet never runs it as a formula.</summary>
    private static string Field(string value)
    {
        var safe = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' ? "'" + value : value;
        return safe.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : safe;
    }
}

public sealed record CostTableRow(string Label, decimal[] Amounts)
{
    public decimal Total => Amounts.Sum();
}
