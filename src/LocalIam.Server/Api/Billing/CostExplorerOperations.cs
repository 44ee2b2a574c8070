using LocalIam.Aws.Json;
using LocalIam.Iam.Billing.CostExplorer;
using LocalIam.Iam.Errors;

namespace LocalIam.Server.Api.Billing;

/// <summary>
/// Cost Explorer on AWS JSON 1.1 (<c>AWSInsightsIndexService.*</c>, signing name <c>ce</c>): each
/// row authorizes its own <c>ce:</c> action on <c>*</c> by policy alone (the billing-access
/// setting gates console pages, not this API), binds as the model says, runs the engine on the
/// account's cost data and answers AWS's shapes.
/// </summary>
internal static class CostExplorerOperations
{
    public static JsonService Service { get; } = new("AWSInsightsIndexService", "ce", JsonProtocol.ContentType11, new JsonTable()
        .Add("GetCostAndUsage", "ce:GetCostAndUsage", q => BindCostAndUsage(q, withResources: false), (_, _) => "*", async (r, c) =>
            CostAndUsage(r, await c.Core.CostExplorer.GetCostAndUsageAsync(c.AccountId, r.Query, c.Aborted)))
        .Add("GetCostAndUsageWithResources", "ce:GetCostAndUsageWithResources", q => BindCostAndUsage(q, withResources: true), (_, _) => "*", async (r, c) =>
        {
            CheckResourceQuery(r.Query, c.Core.CostExplorer.Today);
            return CostAndUsage(r, await c.Core.CostExplorer.GetCostAndUsageAsync(c.AccountId, r.Query, c.Aborted));
        })
        .Add("GetDimensionValues", "ce:GetDimensionValues", BindDimensionValues, (_, _) => "*", async (r, c) =>
        {
            IReadOnlyList<string> values = r.Context == "COST_AND_USAGE"
                ? await c.Core.CostExplorer.GetDimensionValuesAsync(c.AccountId, r.Start, r.End, r.Dimension, r.Filter, r.Search, c.Aborted)
                : [];
            return (object)new Dictionary<string, object>
            {
                ["DimensionValues"] = values.Select(v => new Dictionary<string, object> { ["Value"] = v, ["Attributes"] = new Dictionary<string, string>() }).ToList(),
                ["ReturnSize"] = values.Count,
                ["TotalSize"] = values.Count,
            };
        })
        .Add("GetTags", "ce:GetTags", BindTags, (_, _) => "*", async (r, c) =>
        {
            var tags = await c.Core.CostExplorer.GetTagsAsync(c.AccountId, r.Start, r.End, r.TagKey, r.Filter, r.Search, c.Aborted);
            return (object)new Dictionary<string, object> { ["Tags"] = tags, ["ReturnSize"] = tags.Count, ["TotalSize"] = tags.Count };
        })
        .Add("GetCostForecast", "ce:GetCostForecast", BindForecast, (_, _) => "*", async (r, c) =>
        {
            var forecast = await c.Core.CostExplorer.GetCostForecastAsync(c.AccountId, r, c.Aborted);
            return (object)new Dictionary<string, object>
            {
                ["Total"] = Amount(new CostAmount(forecast.Total, forecast.Unit)),
                ["ForecastResultsByTime"] = forecast.Periods.Select(p => new Dictionary<string, object>
                {
                    ["TimePeriod"] = Period(p.Start, p.End),
                    ["MeanValue"] = CostAmount.Format(p.Mean),
                    ["PredictionIntervalLowerBound"] = CostAmount.Format(p.Lower),
                    ["PredictionIntervalUpperBound"] = CostAmount.Format(p.Upper),
                }).ToList(),
            };
        })
        .Operations)
    {
        AcceptsAnyRegion = true,
    };

    /// <summary>A GetCostAndUsage request: the engine's query and the metric names as asked (the answer's keys).</summary>
    internal sealed record CostAndUsageRequest(CostQuery Query, IReadOnlyList<string> MetricNames);

    internal sealed record DimensionValuesRequest(DateOnly Start, DateOnly End, CostDimension Dimension, string Context, CostExpression? Filter, string? Search);

    internal sealed record TagsRequest(DateOnly Start, DateOnly End, string? TagKey, CostExpression? Filter, string? Search);

    private static CostAndUsageRequest BindCostAndUsage(Aws.IRequestParameters parameters, bool withResources)
    {
        var q = JsonRequest.Of(parameters);
        var violations = new JsonViolations();
        var (start, end) = CostExplorerBinding.TimePeriod(q, violations);
        var granularity = violations.Enum(q, "Granularity", withResources ? q.Get("Granularity") : violations.Required(q, "Granularity"), CostExplorerBinding.Granularities);
        var metrics = q.GetList("Metrics");
        if (!withResources && !q.Has("Metrics"))
        {
            violations.Null(q, "Metrics");
        }

        if (withResources && !q.Has("Filter"))
        {
            violations.Null(q, "Filter");
        }

        violations.Length(q, "NextPageToken", q.Get("NextPageToken"), 0, 8192);
        var groupBy = CostExplorerBinding.GroupBy(q, violations);
        violations.ThrowIfAny();
        var query = new CostQuery(
            CostExplorerBinding.Date("start date", start!), CostExplorerBinding.Date("end date", end!),
            CostExplorerBinding.Granularity(granularity ?? "DAILY"), [.. metrics.Select(CostExplorerBinding.Metric)])
        {
            GroupBy = groupBy,
            Filter = CostExplorerBinding.Filter(q),
            NextPageToken = q.Get("NextPageToken"),
            WithResources = withResources,
        };
        return new(query, metrics);
    }

    /// <summary>GetCostAndUsageWithResources' own rule: resource-level data covers the last 14 days.</summary>
    private static void CheckResourceQuery(CostQuery query, DateOnly today)
    {
        if (query.Start < today.AddDays(-14))
        {
            throw IamErrors.CostResourcesBeyondFourteenDays();
        }
    }

    private static DimensionValuesRequest BindDimensionValues(Aws.IRequestParameters parameters)
    {
        var q = JsonRequest.Of(parameters);
        var violations = new JsonViolations();
        var (start, end) = CostExplorerBinding.TimePeriod(q, violations);
        var dimension = violations.Enum(q, "Dimension", violations.Required(q, "Dimension"), CostExplorerBinding.Dimensions);
        var context = violations.Enum(q, "Context", q.Get("Context"), CostExplorerBinding.Contexts) ?? "COST_AND_USAGE";
        CheckPaging(q, violations, maxResults: 1000);
        violations.ThrowIfAny();
        var (from, to) = Dates(start!, end!);
        var found = CostDimension.Find(dimension!) is { } known && known != CostDimension.ResourceId ? known : throw IamErrors.CostDimensionNotAllowed(dimension!);
        return new(from, to, found, context, Filter(q), q.Get("SearchString"));
    }

    private static TagsRequest BindTags(Aws.IRequestParameters parameters)
    {
        var q = JsonRequest.Of(parameters);
        var violations = new JsonViolations();
        var (start, end) = CostExplorerBinding.TimePeriod(q, violations);
        CheckPaging(q, violations, maxResults: 1000);
        violations.ThrowIfAny();
        var (from, to) = Dates(start!, end!);
        return new(from, to, q.Get("TagKey"), Filter(q), q.Get("SearchString"));
    }

    private static CostForecastQuery BindForecast(Aws.IRequestParameters parameters)
    {
        var q = JsonRequest.Of(parameters);
        var violations = new JsonViolations();
        var (start, end) = CostExplorerBinding.TimePeriod(q, violations);
        var metric = violations.Enum(q, "Metric", violations.Required(q, "Metric"), [.. CostMetrics.All.Select(m => m.ForecastName())]);
        var granularity = violations.Enum(q, "Granularity", violations.Required(q, "Granularity"), CostExplorerBinding.Granularities);
        var level = q.GetInt("PredictionIntervalLevel");
        violations.Range(q, "PredictionIntervalLevel", level, 51, 99);
        violations.ThrowIfAny();
        var parsed = CostMetrics.All.First(m => m.ForecastName() == metric);
        if (!parsed.IsCost())
        {
            throw IamErrors.ForecastMetricInvalid(metric!);
        }

        var filter = CostExplorerBinding.Filter(q);
        if (filter is not null)
        {
            CostEngine.CheckFilter(filter, allowResourceId: false);
        }

        return new CostForecastQuery(CostExplorerBinding.Date("start date", start!), CostExplorerBinding.Date("end date", end!), CostExplorerBinding.Granularity(granularity!), parsed)
        {
            Filter = filter,
            PredictionIntervalLevel = level ?? 80,
        };
    }

    /// <summary>GetDimensionValues and GetTags answer in one page: a token they never gave is refused, SortBy keys must be metrics.</summary>
    private static void CheckPaging(JsonRequest q, JsonViolations violations, int maxResults)
    {
        violations.Range(q, "MaxResults", q.GetInt("MaxResults"), 1, maxResults);
        foreach (var sort in q.GetObjects("SortBy"))
        {
            violations.Required(sort, "Key");
            violations.Enum(sort, "SortOrder", sort.Get("SortOrder"), CostExplorerBinding.SortOrders);
        }

        if (q.Get("NextPageToken") is not null)
        {
            violations.ThrowIfAny();
            throw IamErrors.CostNextTokenInvalid();
        }
    }

    private static (DateOnly Start, DateOnly End) Dates(string start, string end)
    {
        var (from, to) = (CostExplorerBinding.Date("start date", start), CostExplorerBinding.Date("end date", end));
        return from < to ? (from, to) : throw IamErrors.CostStartNotBeforeEnd();
    }

    private static CostExpression? Filter(JsonRequest q)
    {
        var filter = CostExplorerBinding.Filter(q);
        if (filter is not null)
        {
            CostEngine.CheckFilter(filter, allowResourceId: false);
        }

        return filter;
    }

    private static Dictionary<string, object> CostAndUsage(CostAndUsageRequest request, CostResult result)
    {
        var names = request.MetricNames;
        Dictionary<string, object> Metrics(IReadOnlyDictionary<CostMetric, CostAmount> amounts)
        {
            var metrics = new Dictionary<string, object>(StringComparer.Ordinal);
            for (var i = 0; i < names.Count; i++)
            {
                metrics[names[i]] = Amount(amounts[request.Query.Metrics[i]]);
            }

            return metrics;
        }

        var body = new Dictionary<string, object>(StringComparer.Ordinal);
        if (result.NextPageToken is { } token)
        {
            body["NextPageToken"] = token;
        }

        if (result.GroupBy.Count > 0)
        {
            body["GroupDefinitions"] = result.GroupBy.Select(g => new Dictionary<string, string>
            {
                ["Type"] = g.Type switch { CostGroupByType.Tag => "TAG", CostGroupByType.CostCategory => "COST_CATEGORY", _ => "DIMENSION" },
                ["Key"] = g.Key,
            }).ToList();
        }

        body["ResultsByTime"] = result.Periods.Select(p => new Dictionary<string, object>
        {
            ["TimePeriod"] = Period(p.Start, p.End),
            ["Total"] = result.GroupBy.Count == 0 ? Metrics(p.Total) : new Dictionary<string, object>(),
            ["Groups"] = p.Groups.Select(g => new Dictionary<string, object> { ["Keys"] = g.Keys, ["Metrics"] = Metrics(g.Metrics) }).ToList(),
            ["Estimated"] = p.Estimated,
        }).ToList();
        body["DimensionValueAttributes"] = Array.Empty<object>();
        return body;
    }

    private static Dictionary<string, string> Amount(CostAmount amount) => new() { ["Amount"] = amount.Text, ["Unit"] = amount.Unit };

    private static Dictionary<string, string> Period(DateOnly start, DateOnly end) => new()
    {
        ["Start"] = start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["End"] = end.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
    };
}
