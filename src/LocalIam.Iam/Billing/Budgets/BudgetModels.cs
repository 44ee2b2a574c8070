namespace LocalIam.Iam.Billing.Budgets;

/// <summary>An amount and its unit, as Budgets writes them (<c>1000</c> <c>USD</c>, <c>50</c> <c>GB</c>).</summary>
public sealed record BudgetSpend(decimal Amount, string Unit);

/// <summary>The kinds of cost a COST budget counts (Budgets' CostTypes); AWS's defaults: everything, at unblended rates.</summary>
public sealed record BudgetCostTypes
{
    public bool IncludeTax { get; init; } = true;

    public bool IncludeSubscription { get; init; } = true;

    public bool UseBlended { get; init; }

    public bool IncludeRefund { get; init; } = true;

    public bool IncludeCredit { get; init; } = true;

    public bool IncludeUpfront { get; init; } = true;

    public bool IncludeRecurring { get; init; } = true;

    public bool IncludeOtherSubscription { get; init; } = true;

    public bool IncludeSupport { get; init; } = true;

    public bool IncludeDiscount { get; init; } = true;

    public bool UseAmortized { get; init; }
}

/// <summary>
/// A budget as it is created or updated: name, COST or USAGE, the limit, how often it resets
/// (DAILY, MONTHLY, QUARTERLY, ANNUALLY, CUSTOM), the dates it runs between (null: AWS's defaults,
/// the start of the current period and 2087-06-15), its cost filters and cost types.
/// </summary>
public sealed record BudgetDefinition(string Name, string BudgetType, BudgetSpend? Limit, string TimeUnit)
{
    public DateTime? Start { get; init; }

    public DateTime? End { get; init; }

    /// <summary>Budgets' CostFilters: <c>Service</c>, <c>Region</c>, <c>TagKeyValue</c> (<c>user:Project$storefront</c>) … each with values OR'ed; the keys are AND'ed.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> CostFilters { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Null: AWS's defaults (COST budgets only).</summary>
    public BudgetCostTypes? CostTypes { get; init; }
}

/// <summary>An alert of a budget, identified by all four: ACTUAL or FORECASTED spend, compared with GREATER_THAN, LESS_THAN or EQUAL_TO, to a PERCENTAGE of the limit or an ABSOLUTE_VALUE.</summary>
public sealed record BudgetNotificationSpec(string NotificationType, string ComparisonOperator, double Threshold, string ThresholdType = "PERCENTAGE");

/// <summary>Who hears of an alert: EMAIL and an address, or SNS and a topic ARN.</summary>
public sealed record BudgetSubscriberSpec(string SubscriptionType, string Address);

/// <summary>An alert and its state now: ALARM when its threshold is passed, else OK.</summary>
public sealed record BudgetNotificationView(BudgetNotificationSpec Notification, string State);

/// <summary>A stored budget with its dates resolved and its spend in the current period: actual, and forecast when there is history to forecast from.</summary>
public sealed record BudgetView(BudgetDefinition Definition, DateTime Start, DateTime End, BudgetSpend ActualSpend, BudgetSpend? ForecastedSpend, DateTime LastUpdated)
{
    public string Name => Definition.Name;

    /// <summary>Its alerts, in the order they were made.</summary>
    public IReadOnlyList<BudgetNotificationView> Notifications { get; init; } = [];
}

/// <summary>A page of a list and the token of the next (null on the last).</summary>
public sealed record BudgetPage<T>(IReadOnlyList<T> Items, string? NextToken);
