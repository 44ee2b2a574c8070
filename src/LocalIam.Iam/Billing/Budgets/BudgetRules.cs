using System.Text.Json;
using LocalIam.Iam.Billing.CostExplorer;
using LocalIam.Iam.Errors;

namespace LocalIam.Iam.Billing.Budgets;

/// <summary>What a budget counts and when: its periods, its CostFilters and CostTypes as a Cost Explorer filter and metric, and AWS's rules on its definition.</summary>
public static class BudgetRules
{
    /// <summary>AWS's default and latest end date: 06/15/87 00:00 UTC.</summary>
    public static readonly DateTime LatestEnd = new(2087, 6, 15, 0, 0, 0, DateTimeKind.Utc);

    public static readonly IReadOnlyList<string> TimeUnits = ["DAILY", "MONTHLY", "QUARTERLY", "ANNUALLY", "CUSTOM"];

    /// <summary>Budgets' CostFilters keys and the Cost Explorer dimension each filters (TagKeyValue and CostCategory are tags and categories).</summary>
    private static readonly Dictionary<string, CostDimension?> FilterKeys = new(StringComparer.Ordinal)
    {
        ["AZ"] = CostDimension.Az,
        ["BillingEntity"] = CostDimension.BillingEntity,
        ["CacheEngine"] = CostDimension.CacheEngine,
        ["CostCategory"] = null,
        ["DatabaseEngine"] = CostDimension.DatabaseEngine,
        ["DeploymentOption"] = CostDimension.DeploymentOption,
        ["InstanceType"] = CostDimension.InstanceType,
        ["InstanceTypeFamily"] = CostDimension.InstanceTypeFamily,
        ["InvoicingEntity"] = CostDimension.InvoicingEntity,
        ["LegalEntityName"] = CostDimension.LegalEntityName,
        ["LinkedAccount"] = CostDimension.LinkedAccount,
        ["Operation"] = CostDimension.Operation,
        ["OperatingSystem"] = CostDimension.OperatingSystem,
        ["Platform"] = CostDimension.Platform,
        ["PurchaseType"] = CostDimension.PurchaseType,
        ["RecordType"] = CostDimension.RecordType,
        ["Region"] = CostDimension.Region,
        ["Service"] = CostDimension.Service,
        ["TagKeyValue"] = null,
        ["Tenancy"] = CostDimension.Tenancy,
        ["UsageType"] = CostDimension.UsageType,
        ["UsageTypeGroup"] = CostDimension.UsageTypeGroup,
    };

    /// <summary>Checks a definition as Budgets does, before anything is written.</summary>
    public static void Check(BudgetDefinition budget)
    {
        if (budget.BudgetType is not ("COST" or "USAGE"))
        {
            throw IamErrors.BudgetTypeNotSupported(budget.BudgetType);
        }

        if (budget.Limit is null)
        {
            throw IamErrors.BudgetLimitRequired(budget.BudgetType);
        }

        if (budget.TimeUnit == "CUSTOM" && (budget.Start is null || budget.End is null))
        {
            throw IamErrors.BudgetCustomPeriodRequired();
        }

        if (budget.Start is { } start && budget.End is { } end && start >= end)
        {
            throw IamErrors.BudgetStartNotBeforeEnd();
        }

        if (budget.End > LatestEnd)
        {
            throw IamErrors.BudgetEndTooLate();
        }

        foreach (var key in budget.CostFilters.Keys)
        {
            if (!FilterKeys.ContainsKey(key))
            {
                throw IamErrors.BudgetCostFilterInvalid(key, FilterKeys.Keys);
            }
        }
    }

    /// <summary>The start of the period of <paramref name="timeUnit"/> that holds <paramref name="day"/>: AWS's default start.</summary>
    public static DateTime PeriodStart(string timeUnit, DateOnly day) => timeUnit switch
    {
        "DAILY" => Utc(day),
        "QUARTERLY" => Utc(new DateOnly(day.Year, ((day.Month - 1) / 3 * 3) + 1, 1)),
        "ANNUALLY" => Utc(new DateOnly(day.Year, 1, 1)),
        _ => Utc(new DateOnly(day.Year, day.Month, 1)),
    };

    /// <summary>The days of the budget's current period: the calendar day, month, quarter or year holding today (the whole time period for CUSTOM), within the budget's dates.</summary>
    public static (DateOnly Start, DateOnly End) CurrentPeriod(string timeUnit, DateTime budgetStart, DateTime budgetEnd, DateOnly today)
    {
        var start = DateOnly.FromDateTime(PeriodStart(timeUnit, today));
        var end = timeUnit switch
        {
            "DAILY" => start.AddDays(1),
            "QUARTERLY" => start.AddMonths(3),
            "ANNUALLY" => start.AddYears(1),
            "CUSTOM" => DateOnly.FromDateTime(budgetEnd),
            _ => start.AddMonths(1),
        };
        if (timeUnit == "CUSTOM")
        {
            start = DateOnly.FromDateTime(budgetStart);
        }

        var first = DateOnly.FromDateTime(budgetStart);
        var last = DateOnly.FromDateTime(budgetEnd);
        return (start < first ? first : start, end > last ? last : end);
    }

    /// <summary>The metric a budget sums: usage for USAGE budgets; for COST budgets the rate its CostTypes choose.</summary>
    public static CostMetric Metric(BudgetDefinition budget) =>
        budget.BudgetType == "USAGE" ? CostMetric.UsageQuantity
        : budget.CostTypes is { UseAmortized: true } ? CostMetric.AmortizedCost
        : budget.CostTypes is { UseBlended: true } ? CostMetric.BlendedCost
        : CostMetric.UnblendedCost;

    /// <summary>CostFilters and the record types CostTypes leave out, as one Cost Explorer filter (null when it counts everything).</summary>
    public static CostExpression? Filter(BudgetDefinition budget)
    {
        var tests = new List<CostExpression>();
        foreach (var (key, values) in budget.CostFilters)
        {
            tests.Add(key switch
            {
                "TagKeyValue" => new CostExpression.Or([.. values.Select(TagTest)]),
                "CostCategory" => new CostExpression.CostCategory(null, values),
                _ => new CostExpression.Dimension(FilterKeys[key]!, values),
            });
        }

        var types = budget.BudgetType == "COST" ? budget.CostTypes ?? new BudgetCostTypes() : new BudgetCostTypes();
        var excluded = new List<string>();
        void Exclude(bool included, params string[] recordTypes)
        {
            if (!included)
            {
                excluded.AddRange(recordTypes);
            }
        }

        Exclude(types.IncludeTax, "Tax");
        Exclude(types.IncludeCredit, "Credit");
        Exclude(types.IncludeRefund, "Refund");
        Exclude(types.IncludeUpfront, "Upfront reservation fee");
        Exclude(types.IncludeRecurring, "Recurring reservation fee");
        Exclude(types.IncludeSupport, "Support fee");
        Exclude(types.IncludeOtherSubscription, "Other out-of-cycle charges");
        Exclude(types.IncludeSubscription, "Upfront reservation fee", "Recurring reservation fee", "Support fee", "Other out-of-cycle charges");
        Exclude(types.IncludeDiscount, "Enterprise Discount Program Discount", "Bundled Discount", "Solution Provider Program Discount", "Distributor Discount");
        if (excluded.Count > 0)
        {
            tests.Add(new CostExpression.Not(new CostExpression.Dimension(CostDimension.RecordType, [.. excluded.Distinct(StringComparer.Ordinal)])));
        }

        return tests.Count switch
        {
            0 => null,
            1 => tests[0],
            _ => new CostExpression.And(tests),
        };
    }

    /// <summary>The stored form of CostFilters and CostTypes (JSON, as the API writes them).</summary>
    public static string? FiltersJson(BudgetDefinition budget) => budget.CostFilters.Count == 0 ? null : JsonSerializer.Serialize(budget.CostFilters);

    public static string? CostTypesJson(BudgetDefinition budget) => budget.CostTypes is null ? null : JsonSerializer.Serialize(budget.CostTypes);

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ReadFilters(string? json) =>
        json is null ? new Dictionary<string, IReadOnlyList<string>>()
        : JsonSerializer.Deserialize<Dictionary<string, List<string>>>(json)!.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value, StringComparer.Ordinal);

    public static BudgetCostTypes? ReadCostTypes(string? json) => json is null ? null : JsonSerializer.Deserialize<BudgetCostTypes>(json);

    /// <summary><c>user:Project$storefront</c>: the tag Project with the value storefront (<c>user:</c> is the prefix of user-defined keys).</summary>
    private static CostExpression TagTest(string value)
    {
        var text = value.StartsWith("user:", StringComparison.Ordinal) ? value[5..] : value;
        var dollar = text.IndexOf('$', StringComparison.Ordinal);
        return dollar < 0 ? new CostExpression.Tag(text, [], CostMatch.Absent) : new CostExpression.Tag(text[..dollar], [text[(dollar + 1)..]]);
    }

    private static DateTime Utc(DateOnly day) => day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
}
