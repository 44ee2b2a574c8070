namespace LocalIam.Iam.Errors;

/// <summary>
/// Cost Explorer's and Budgets' texts (AWS JSON 1.1, status 400). AWS's words where they are known
/// (its model's documentation, or answers AWS gave that users quoted); LocalIam's own, in its form,
/// where AWS's are not recorded (docs/billing.md lists which).
/// </summary>
public static partial class IamErrors
{
    // Cost Explorer: dates.
    public static IamException CostStartNotBeforeEnd() => new(IamErrorCode.ValidationException, "Start date (and hour) should be before end date (and hour)");

    public static IamException CostEndPastNextMonth() => new(IamErrorCode.ValidationException, "end date past the beginning of next month");

    public static IamException CostStartBeyondFourteenMonths() =>
        new(IamErrorCode.ValidationException, "To retrieve data beyond the past 14 months, your start date needs to be the first day of the month.");

    /// <summary>LocalIam's words: AWS documents the rule ("no later than the current date"), not its text.</summary>
    public static IamException CostStartAfterToday(DateOnly start, DateOnly today) =>
        new(IamErrorCode.ValidationException, $"The start date `{start:yyyy-MM-dd}` is after the current date `{today:yyyy-MM-dd}`");

    /// <summary>LocalIam's words: a date that matches the model's pattern but is no day of the calendar (2026-02-30).</summary>
    public static IamException CostDateInvalid(string member, string value) =>
        new(IamErrorCode.ValidationException, $"The {member} `{value}` is not a date");

    /// <summary>LocalIam's words: hourly granularity needs hourly data, which LocalIam does not keep.</summary>
    public static IamException CostHourlyUnavailable() =>
        new(IamErrorCode.ValidationException, "Hourly granularity is not available: LocalIam keeps cost and usage by day");

    // Cost Explorer: metrics and groupings.

    /// <summary>LocalIam's words: the model allows any string; AWS documents the valid values.</summary>
    public static IamException CostMetricInvalid(string metric) => new(IamErrorCode.ValidationException,
        $"The metric `{metric}` is not valid: valid values are AmortizedCost, BlendedCost, NetAmortizedCost, NetUnblendedCost, NormalizedUsageAmount, UnblendedCost and UsageQuantity");

    /// <summary>LocalIam's words: an empty list of metrics.</summary>
    public static IamException CostMetricsEmpty() => new(IamErrorCode.ValidationException, "Metrics must name at least one metric");

    public static IamException CostGroupDefinitionIncomplete() =>
        new(IamErrorCode.ValidationException, "Group Definition is invalid. Both type an key need to be set to a non-empty value.");

    public static IamException CostGroupDefinitionTypeInvalid() => new(IamErrorCode.ValidationException, "Group Definition type is invalid.");

    public static IamException CostGroupDefinitionDimensionInvalid(IEnumerable<string> valid) =>
        new(IamErrorCode.ValidationException, $"Group Definition dimension is invalid. Valid values are {string.Join(", ", valid)}");

    /// <summary>LocalIam's words: AWS documents "up to two different groups", not its text.</summary>
    public static IamException CostTooManyGroupDefinitions(int count) =>
        new(IamErrorCode.ValidationException, $"GroupBy has {count} groups: Cost Explorer groups by up to two");

    // Cost Explorer: filter expressions.
    public static IamException CostExpressionRoots() => new(IamErrorCode.ValidationException,
        "Expression has more than one roots. Only one root operator is allowed for each expression: And, Or, Not, Dimensions, Tags, CostCategories");

    /// <summary>LocalIam's words: an expression with no operator at all.</summary>
    public static IamException CostExpressionEmpty() =>
        new(IamErrorCode.ValidationException, "Expression has no root: give one of And, Or, Not, Dimensions, Tags, CostCategories");

    /// <summary><paramref name="kind"/> is And or Or.</summary>
    public static IamException CostExpressionOperands(string kind) => new(IamErrorCode.ValidationException, $"{kind} expression must have at least 2 operands");

    public static IamException CostDimensionNotAllowed(string dimension) => new(IamErrorCode.ValidationException, $"Dimension {dimension} is not allowed.");

    /// <summary>The allowed options in AWS's order for the test: <c>CASE_SENSITIVE, EQUALS, ABSENT</c>.</summary>
    public static IamException CostMatchOptionNotAllowed(IEnumerable<string> allowed) =>
        new(IamErrorCode.ValidationException, $"MatchOptions contain not allowed match option. Allowed MatchOptions:{string.Join(", ", allowed)}");

    /// <summary>LocalIam's words: a dimension test without a key, or a test without values where values are needed.</summary>
    public static IamException CostExpressionKeyMissing(string test) => new(IamErrorCode.ValidationException, $"{test} must have a Key");

    /// <summary>LocalIam's words: AWS's quota of 1,024 filters, counted over the expression's tests and values.</summary>
    public static IamException CostFilterTooLarge(int limit) =>
        new(IamErrorCode.ValidationException, $"The filter has more than {limit} tests and values, the most Cost Explorer takes");

    /// <summary>LocalIam's words: AWS documents the 14 days of resource-level data, not its text.</summary>
    public static IamException CostResourcesBeyondFourteenDays() =>
        new(IamErrorCode.ValidationException, "Resource-level data covers the last 14 days: the start date must be within them");

    // Cost Explorer: pages.
    public static IamException CostNextTokenInvalid() =>
        new(IamErrorCode.InvalidNextTokenException, "The pagination token is invalid. Try again without a pagination token.");

    public static IamException CostRequestChanged() => new(IamErrorCode.RequestChangedException,
        "Your request parameters changed between pages. Try again with the old parameters or without a pagination token.");

    // Cost Explorer: forecasts.
    public static IamException ForecastInsufficientHistory() => new(IamErrorCode.DataUnavailableException, "Insufficient amount of historical data to generate forecast.");

    public static IamException ForecastStartNotBeforeEnd(DateOnly start, DateOnly end) =>
        new(IamErrorCode.ValidationException, $"Requested Start: {start:yyyy-MM-dd} must be before requested End: {end:yyyy-MM-dd}");

    /// <summary>LocalIam's words: AWS documents that a forecast starts no earlier than today, not its text.</summary>
    public static IamException ForecastStartInPast(DateOnly start, DateOnly today) =>
        new(IamErrorCode.ValidationException, $"The forecast start `{start:yyyy-MM-dd}` is before the current date `{today:yyyy-MM-dd}`");

    /// <summary>LocalIam's words: AWS documents 3 months of DAILY and 18 months of MONTHLY forecasts.</summary>
    public static IamException ForecastTooLong(string granularity, int months) =>
        new(IamErrorCode.ValidationException, $"A {granularity} forecast covers at most {months} months");

    /// <summary>LocalIam's words: GetCostForecast takes cost metrics only (usage has GetUsageForecast).</summary>
    public static IamException ForecastMetricInvalid(string metric) => new(IamErrorCode.ValidationException,
        $"The metric `{metric}` cannot be forecast: valid values are AMORTIZED_COST, BLENDED_COST, NET_AMORTIZED_COST, NET_UNBLENDED_COST and UNBLENDED_COST");

    // Budgets.
    public static IamException BudgetNotFound(string action, string name) =>
        new(IamErrorCode.NotFoundException, $"Unable to {action} budget: {name} - the budget doesn't exist.");

    public static IamException BudgetExists(string name) => new(IamErrorCode.DuplicateRecordException, $"Error creating budget: {name} - the budget already exists.");

    /// <summary>By analogy with the budget's texts: AWS's words for a missing notification or subscriber are not recorded.</summary>
    public static IamException BudgetNotificationNotFound(string action, string name) =>
        new(IamErrorCode.NotFoundException, $"Unable to {action} notification: {name} - the notification doesn't exist.");

    public static IamException BudgetNotificationExists(string name) =>
        new(IamErrorCode.DuplicateRecordException, $"Error creating notification: {name} - the notification already exists.");

    public static IamException BudgetSubscriberNotFound(string action, string name) =>
        new(IamErrorCode.NotFoundException, $"Unable to {action} subscriber: {name} - the subscriber doesn't exist.");

    public static IamException BudgetSubscriberExists(string name) =>
        new(IamErrorCode.DuplicateRecordException, $"Error creating subscriber: {name} - the subscriber already exists.");

    /// <summary>LocalIam's words for AWS's documented quotas: ten notifications a budget; one SNS topic and ten email addresses a notification.</summary>
    public static IamException BudgetNotificationLimit(string name) =>
        new(IamErrorCode.CreationLimitExceededException, $"The budget `{name}` has 10 notifications, the most a budget can have");

    public static IamException BudgetSubscriberLimit(string type, int limit) =>
        new(IamErrorCode.CreationLimitExceededException, $"A notification can have at most {limit} {type} subscribers");

    /// <summary>The budget's documented rule, in its words.</summary>
    public static IamException BudgetStartNotBeforeEnd() => new(IamErrorCode.InvalidParameterException, "The start date must come before the end date.");

    public static IamException BudgetEndTooLate() => new(IamErrorCode.InvalidParameterException, "The end date must come before 06/15/87 00:00 UTC.");

    /// <summary>LocalIam's words: a member LocalIam's budgets do not have (planned and auto-adjusting limits, filter expressions, billing views).</summary>
    public static IamException BudgetMemberNotSupported(string member) =>
        new(IamErrorCode.InvalidParameterException, $"LocalIam's budgets do not support `{member}`: use BudgetLimit, CostFilters and CostTypes");

    /// <summary>LocalIam's words: RI and Savings Plans budgets need reservations, which generated data does not have.</summary>
    public static IamException BudgetTypeNotSupported(string type) =>
        new(IamErrorCode.InvalidParameterException, $"LocalIam's budgets track COST and USAGE, not `{type}`");

    /// <summary>LocalIam's words: AWS documents that cost and usage budgets need a BudgetLimit.</summary>
    public static IamException BudgetLimitRequired(string type) => new(IamErrorCode.InvalidParameterException, $"A {type} budget needs a BudgetLimit");

    /// <summary>LocalIam's words: a CustomTimeUnit budget without both dates.</summary>
    public static IamException BudgetCustomPeriodRequired() => new(IamErrorCode.InvalidParameterException, "A CUSTOM budget needs a TimePeriod with a Start and an End");

    /// <summary>LocalIam's words: a CostFilters key Budgets does not know.</summary>
    public static IamException BudgetCostFilterInvalid(string key, IEnumerable<string> valid) =>
        new(IamErrorCode.InvalidParameterException, $"The cost filter `{key}` is not valid: valid filters are {string.Join(", ", valid)}");

    /// <summary>LocalIam's words: a subscriber's address that is not an email address or an SNS topic ARN.</summary>
    public static IamException BudgetSubscriberAddressInvalid(string type, string address) =>
        new(IamErrorCode.InvalidParameterException, $"The address `{address}` is not a valid {type} address");

    /// <summary>LocalIam's words: each caller sees its own account's budgets only.</summary>
    public static IamException BudgetAccountNotCallers(string accountId) =>
        new(IamErrorCode.AccessDenied, $"The account `{accountId}` is not the caller's account: budgets are read and changed in the caller's own account");

    public static IamException BudgetNextTokenInvalid() => new(IamErrorCode.InvalidNextTokenException, "The pagination token is invalid.");
}
