using System.Globalization;
using System.Text.RegularExpressions;
using LocalIam.Aws.Json;
using LocalIam.Iam.Billing.CostExplorer;
using LocalIam.Iam.Errors;

namespace LocalIam.Server.Api.Billing;

/// <summary>
/// Reads Cost Explorer's request members into the engine's types, with the model's constraints
/// (botocore ce 2017-10-25: required members, enums, the date pattern) and Cost Explorer's rules on
/// filter expressions (one root each; And and Or with two operands or more; at most 1,024 tests
/// and values in all, AWS's quota of filters).
/// </summary>
internal static partial class CostExplorerBinding
{
    public const int MaxFilterSize = 1024;

    public static readonly IReadOnlyList<string> Granularities = ["DAILY", "MONTHLY", "HOURLY"];

    public static readonly IReadOnlyList<string> GroupTypes = ["DIMENSION", "TAG", "COST_CATEGORY"];

    public static readonly IReadOnlyList<string> Contexts = ["COST_AND_USAGE", "RESERVATIONS", "SAVINGS_PLANS"];

    public static readonly IReadOnlyList<string> SortOrders = ["ASCENDING", "DESCENDING"];

    /// <summary>The model's Dimension enumeration, in its order.</summary>
    public static readonly IReadOnlyList<string> Dimensions =
    [
        "AZ", "INSTANCE_TYPE", "LINKED_ACCOUNT", "PAYER_ACCOUNT", "LINKED_ACCOUNT_NAME", "OPERATION", "PURCHASE_TYPE", "REGION", "SERVICE",
        "SERVICE_CODE", "USAGE_TYPE", "USAGE_TYPE_GROUP", "RECORD_TYPE", "OPERATING_SYSTEM", "TENANCY", "SCOPE", "PLATFORM", "SUBSCRIPTION_ID",
        "LEGAL_ENTITY_NAME", "DEPLOYMENT_OPTION", "DATABASE_ENGINE", "CACHE_ENGINE", "INSTANCE_TYPE_FAMILY", "BILLING_ENTITY", "RESERVATION_ID",
        "RESOURCE_ID", "RIGHTSIZING_TYPE", "SAVINGS_PLANS_TYPE", "SAVINGS_PLAN_ARN", "PAYMENT_OPTION", "AGREEMENT_END_DATE_TIME_AFTER",
        "AGREEMENT_END_DATE_TIME_BEFORE", "INVOICING_ENTITY", "ANOMALY_TOTAL_IMPACT_ABSOLUTE", "ANOMALY_TOTAL_IMPACT_PERCENTAGE",
    ];

    public static readonly IReadOnlyList<string> MatchOptions = ["EQUALS", "ABSENT", "STARTS_WITH", "ENDS_WITH", "CONTAINS", "CASE_SENSITIVE", "CASE_INSENSITIVE", "GREATER_THAN_OR_EQUAL"];

    private const string DatePattern = @"(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}:\d{2}Z)?";

    private static readonly string[] Roots = ["And", "Or", "Not", "Dimensions", "Tags", "CostCategories"];

    /// <summary>TimePeriod's Start and End, model-checked into <paramref name="violations"/>; the dates are read after the violations are thrown.</summary>
    public static (string? Start, string? End) TimePeriod(JsonRequest request, JsonViolations violations)
    {
        if (violations.RequiredObject(request, "TimePeriod") is not { } period)
        {
            return (null, null);
        }

        var (start, end) = (violations.Required(period, "Start"), violations.Required(period, "End"));
        violations.Length(period, "Start", start, 0, 40);
        violations.Length(period, "End", end, 0, 40);
        violations.Pattern(period, "Start", start, DateRegex(), DatePattern);
        violations.Pattern(period, "End", end, DateRegex(), DatePattern);
        return (start, end);
    }

    /// <summary>A date of the model's pattern (a time of day, allowed for hourly queries, is dropped) that is a real day.</summary>
    public static DateOnly Date(string member, string value) =>
        DateOnly.TryParseExact(value[..Math.Min(10, value.Length)], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw IamErrors.CostDateInvalid(member, value);

    public static CostGranularity Granularity(string value) => value switch
    {
        "DAILY" => CostGranularity.Daily,
        "MONTHLY" => CostGranularity.Monthly,
        _ => throw IamErrors.CostHourlyUnavailable(),
    };

    /// <summary>GetCostAndUsage's metric names: AWS's (<c>UnblendedCost</c>), any case, or the forecast's spelling (<c>UNBLENDED_COST</c>); answered under the name asked.</summary>
    public static CostMetric Metric(string name)
    {
        foreach (var metric in CostMetrics.All)
        {
            if (string.Equals(metric.Name(), name, StringComparison.OrdinalIgnoreCase) || string.Equals(metric.ForecastName(), name, StringComparison.OrdinalIgnoreCase))
            {
                return metric;
            }
        }

        throw IamErrors.CostMetricInvalid(name);
    }

    public static List<CostGroupBy> GroupBy(JsonRequest request, JsonViolations violations)
    {
        var groups = new List<CostGroupBy>();
        foreach (var group in request.GetObjects("GroupBy"))
        {
            var type = violations.Enum(group, "Type", group.Get("Type"), GroupTypes);
            var key = group.Get("Key");
            violations.Length(group, "Key", key, 0, 1024);
            if (type is null || key is not { Length: > 0 })
            {
                throw IamErrors.CostGroupDefinitionIncomplete();
            }

            groups.Add(new CostGroupBy(type switch { "TAG" => CostGroupByType.Tag, "COST_CATEGORY" => CostGroupByType.CostCategory, _ => CostGroupByType.Dimension }, key));
        }

        return groups;
    }

    /// <summary>An Expression member (Filter), or null when absent.</summary>
    public static CostExpression? Filter(JsonRequest request, string name = "Filter")
    {
        if (request.GetObject(name) is not { } filter)
        {
            return null;
        }

        var size = 0;
        return Expression(filter, ref size);
    }

    private static CostExpression Expression(JsonRequest e, ref int size)
    {
        if (++size > MaxFilterSize)
        {
            throw IamErrors.CostFilterTooLarge(MaxFilterSize);
        }

        var roots = Roots.Where(e.Has).ToList();
        if (roots.Count > 1)
        {
            throw IamErrors.CostExpressionRoots();
        }

        switch (roots.FirstOrDefault())
        {
            case "And" or "Or":
                var kind = roots[0];
                var operands = e.GetObjects(kind);
                if (operands.Count < 2)
                {
                    throw IamErrors.CostExpressionOperands(kind);
                }

                var parsed = new List<CostExpression>();
                foreach (var operand in operands)
                {
                    parsed.Add(Expression(operand, ref size));
                }

                return kind == "And" ? new CostExpression.And(parsed) : new CostExpression.Or(parsed);
            case "Not":
                return new CostExpression.Not(Expression(e.GetObject("Not")!, ref size));
            case "Dimensions":
                var dimension = e.GetObject("Dimensions")!;
                var (key, values, options) = Test(dimension, ref size);
                if (key is null)
                {
                    throw IamErrors.CostExpressionKeyMissing("Dimensions");
                }

                var violations = new JsonViolations();
                violations.Enum(dimension, "Key", key, Dimensions);
                violations.ThrowIfAny();
                return new CostExpression.Dimension(CostDimension.Find(key) ?? throw IamErrors.CostDimensionNotAllowed(key), values, options);
            case "Tags":
                var tag = Test(e.GetObject("Tags")!, ref size);
                return new CostExpression.Tag(tag.Key, tag.Values, tag.Options);
            case "CostCategories":
                var category = Test(e.GetObject("CostCategories")!, ref size);
                return new CostExpression.CostCategory(category.Key, category.Values, category.Options);
            default:
                throw IamErrors.CostExpressionEmpty();
        }
    }

    private static (string? Key, List<string> Values, CostMatch Options) Test(JsonRequest test, ref int size)
    {
        var values = test.GetList("Values");
        size += values.Count;
        if (size > MaxFilterSize)
        {
            throw IamErrors.CostFilterTooLarge(MaxFilterSize);
        }

        var names = test.GetList("MatchOptions");
        var violations = new JsonViolations();
        foreach (var name in names)
        {
            violations.Enum(test, "MatchOptions", name, MatchOptions);
        }

        violations.ThrowIfAny();
        var options = CostMatch.None;
        foreach (var name in names)
        {
            options |= name switch
            {
                "EQUALS" => CostMatch.Equal,
                "ABSENT" => CostMatch.Absent,
                "STARTS_WITH" => CostMatch.StartsWith,
                "ENDS_WITH" => CostMatch.EndsWith,
                "CONTAINS" => CostMatch.Contains,
                "CASE_SENSITIVE" => CostMatch.CaseSensitive,
                "CASE_INSENSITIVE" => CostMatch.CaseInsensitive,
                _ => CostMatch.GreaterThanOrEqual,
            };
        }

        return (test.Get("Key"), values, options);
    }

    [GeneratedRegex(@"^(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}:\d{2}Z)?$")]
    private static partial Regex DateRegex();
}
