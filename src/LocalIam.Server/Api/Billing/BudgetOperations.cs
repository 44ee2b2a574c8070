using System.Globalization;
using System.Text.RegularExpressions;
using LocalIam.Aws.Json;
using LocalIam.Iam.Billing.Budgets;
using LocalIam.Iam.Errors;

namespace LocalIam.Server.Api.Billing;

/// <summary>
/// AWS Budgets on AWS JSON 1.1 (<c>AWSBudgetServiceGateway.*</c>, signing name <c>budgets</c>):
/// the Describe operations authorize <c>budgets:ViewBudget</c>, the changes <c>budgets:ModifyBudget</c>,
/// on <c>arn:aws:budgets::ACCOUNT:budget/NAME</c> (<c>budget/*</c> to list), by policy alone; each
/// binds as the model says (botocore budgets 2016-10-20) and answers AWS's shapes.
/// </summary>
internal static partial class BudgetOperations
{
    private const string View = "budgets:ViewBudget";
    private const string Modify = "budgets:ModifyBudget";
    private const string NamePattern = @"^(?![^:\\]*/action/|(?i).*<script>.*</script>.*)[^:\\]+$";
    private const string AmountPattern = @"([0-9]*\.)?[0-9]+";

    private static readonly string[] BudgetTypes = ["USAGE", "COST", "RI_UTILIZATION", "RI_COVERAGE", "SAVINGS_PLANS_UTILIZATION", "SAVINGS_PLANS_COVERAGE"];
    private static readonly string[] NotificationTypes = ["ACTUAL", "FORECASTED"];
    private static readonly string[] ComparisonOperators = ["GREATER_THAN", "LESS_THAN", "EQUAL_TO"];
    private static readonly string[] ThresholdTypes = ["PERCENTAGE", "ABSOLUTE_VALUE"];
    private static readonly string[] NotificationStates = ["OK", "ALARM"];
    private static readonly string[] SubscriptionTypes = ["SNS", "EMAIL"];
    private static readonly string[] Unsupported = ["PlannedBudgetLimits", "AutoAdjustData", "FilterExpression", "Metrics", "BillingViewArn"];

    public static JsonService Service { get; } = new("AWSBudgetServiceGateway", "budgets", JsonProtocol.ContentType11, new JsonTable()
        .Add("DescribeBudgets", View, q => Bind(q, r => new ListRequest(r.Account, r.MaxResults(1000), r.Q.Get("NextToken"))), (r, _) => Arn(r.AccountId, "*"), async (r, c) =>
        {
            var page = await c.Core.Budgets.ListAsync(Own(r.AccountId, c), r.MaxResults, r.NextToken, c.Aborted);
            return Paged("Budgets", page.Items.Select(BudgetShape), page.NextToken);
        })
        .Add("DescribeBudget", View, q => Bind(q, r => new NamedRequest(r.Account, r.BudgetName())), (r, _) => Arn(r.AccountId, r.BudgetName), async (r, c) =>
            (object)new Dictionary<string, object> { ["Budget"] = BudgetShape(await c.Core.Budgets.GetAsync(Own(r.AccountId, c), r.BudgetName, c.Aborted)) })
        .Add("CreateBudget", Modify, q => Bind(q, r => new CreateRequest(r.Account, r.Budget("Budget"), r.NotificationsWithSubscribers())), (r, _) => Arn(r.AccountId, r.Budget.Name), async (r, c) =>
        {
            await c.Core.Budgets.CreateAsync(Own(r.AccountId, c), r.Budget, r.Notifications, c.Aborted);
            return Empty;
        })
        .Add("UpdateBudget", Modify, q => Bind(q, r => new UpdateRequest(r.Account, r.Budget("NewBudget"))), (r, _) => Arn(r.AccountId, r.Budget.Name), async (r, c) =>
        {
            await c.Core.Budgets.UpdateAsync(Own(r.AccountId, c), r.Budget, c.Aborted);
            return Empty;
        })
        .Add("DeleteBudget", Modify, q => Bind(q, r => new NamedRequest(r.Account, r.BudgetName())), (r, _) => Arn(r.AccountId, r.BudgetName), async (r, c) =>
        {
            await c.Core.Budgets.DeleteAsync(Own(r.AccountId, c), r.BudgetName, c.Aborted);
            return Empty;
        })
        .Add("CreateNotification", Modify, q => Bind(q, r => new NotificationRequest(r.Account, r.BudgetName(), r.Notification("Notification"), r.Subscribers("Subscribers"))),
            (r, _) => Arn(r.AccountId, r.BudgetName), async (r, c) =>
            {
                await c.Core.Budgets.CreateNotificationAsync(Own(r.AccountId, c), r.BudgetName, r.Notification, r.Subscribers, c.Aborted);
                return Empty;
            })
        .Add("DescribeNotificationsForBudget", View, q => Bind(q, r => new NamedListRequest(r.Account, r.BudgetName(), r.MaxResults(100), r.Q.Get("NextToken"))),
            (r, _) => Arn(r.AccountId, r.BudgetName), async (r, c) =>
            {
                var page = await c.Core.Budgets.ListNotificationsAsync(Own(r.AccountId, c), r.BudgetName, r.MaxResults, r.NextToken, c.Aborted);
                return Paged("Notifications", page.Items.Select(n => NotificationShape(n.Notification, n.State)), page.NextToken);
            })
        .Add("UpdateNotification", Modify, q => Bind(q, r => new ReplaceNotificationRequest(r.Account, r.BudgetName(), r.Notification("OldNotification"), r.Notification("NewNotification"))),
            (r, _) => Arn(r.AccountId, r.BudgetName), async (r, c) =>
            {
                await c.Core.Budgets.UpdateNotificationAsync(Own(r.AccountId, c), r.BudgetName, r.Old, r.New, c.Aborted);
                return Empty;
            })
        .Add("DeleteNotification", Modify, q => Bind(q, r => new NotificationRequest(r.Account, r.BudgetName(), r.Notification("Notification"), [])),
            (r, _) => Arn(r.AccountId, r.BudgetName), async (r, c) =>
            {
                await c.Core.Budgets.DeleteNotificationAsync(Own(r.AccountId, c), r.BudgetName, r.Notification, c.Aborted);
                return Empty;
            })
        .Add("CreateSubscriber", Modify, q => Bind(q, r => new SubscriberRequest(r.Account, r.BudgetName(), r.Notification("Notification"), r.Subscriber("Subscriber"), null)),
            (r, _) => Arn(r.AccountId, r.BudgetName), async (r, c) =>
            {
                await c.Core.Budgets.CreateSubscriberAsync(Own(r.AccountId, c), r.BudgetName, r.Notification, r.Subscriber, c.Aborted);
                return Empty;
            })
        .Add("DescribeSubscribersForNotification", View,
            q => Bind(q, r => new SubscriberListRequest(r.Account, r.BudgetName(), r.Notification("Notification"), r.MaxResults(100), r.Q.Get("NextToken"))),
            (r, _) => Arn(r.AccountId, r.BudgetName), async (r, c) =>
            {
                var page = await c.Core.Budgets.ListSubscribersAsync(Own(r.AccountId, c), r.BudgetName, r.Notification, r.MaxResults, r.NextToken, c.Aborted);
                return Paged("Subscribers", page.Items.Select(SubscriberShape), page.NextToken);
            })
        .Add("UpdateSubscriber", Modify,
            q => Bind(q, r => new SubscriberRequest(r.Account, r.BudgetName(), r.Notification("Notification"), r.Subscriber("OldSubscriber"), r.Subscriber("NewSubscriber"))),
            (r, _) => Arn(r.AccountId, r.BudgetName), async (r, c) =>
            {
                await c.Core.Budgets.UpdateSubscriberAsync(Own(r.AccountId, c), r.BudgetName, r.Notification, r.Subscriber, r.Replacement!, c.Aborted);
                return Empty;
            })
        .Add("DeleteSubscriber", Modify, q => Bind(q, r => new SubscriberRequest(r.Account, r.BudgetName(), r.Notification("Notification"), r.Subscriber("Subscriber"), null)),
            (r, _) => Arn(r.AccountId, r.BudgetName), async (r, c) =>
            {
                await c.Core.Budgets.DeleteSubscriberAsync(Own(r.AccountId, c), r.BudgetName, r.Notification, r.Subscriber, c.Aborted);
                return Empty;
            })
        .Operations)
    {
        AcceptsAnyRegion = true,
    };

    private static object Empty => new Dictionary<string, object>();

    internal sealed record ListRequest(string AccountId, int MaxResults, string? NextToken);

    internal sealed record NamedRequest(string AccountId, string BudgetName);

    internal sealed record NamedListRequest(string AccountId, string BudgetName, int MaxResults, string? NextToken);

    internal sealed record CreateRequest(string AccountId, BudgetDefinition Budget, IReadOnlyList<(BudgetNotificationSpec, IReadOnlyList<BudgetSubscriberSpec>)> Notifications);

    internal sealed record UpdateRequest(string AccountId, BudgetDefinition Budget);

    internal sealed record NotificationRequest(string AccountId, string BudgetName, BudgetNotificationSpec Notification, IReadOnlyList<BudgetSubscriberSpec> Subscribers);

    internal sealed record ReplaceNotificationRequest(string AccountId, string BudgetName, BudgetNotificationSpec Old, BudgetNotificationSpec New);

    internal sealed record SubscriberRequest(string AccountId, string BudgetName, BudgetNotificationSpec Notification, BudgetSubscriberSpec Subscriber, BudgetSubscriberSpec? Replacement);

    internal sealed record SubscriberListRequest(string AccountId, string BudgetName, BudgetNotificationSpec Notification, int MaxResults, string? NextToken);

    /// <summary>Budgets' ARN: <c>arn:aws:budgets::ACCOUNT:budget/NAME</c>.</summary>
    private static global::LocalIam.Iam.Authorization.ResourceName Arn(string accountId, string name) => $"arn:aws:budgets::{accountId}:budget/{name}";

    /// <summary>The request's AccountId, which must be the caller's own.</summary>
    private static string Own(string accountId, IamCall call) => accountId == call.AccountId ? accountId : throw IamErrors.BudgetAccountNotCallers(accountId);

    /// <summary>Binds with the model's checks: every violation is collected while reading, then thrown at once, before the request is built.</summary>
    private static T Bind<T>(Aws.IRequestParameters parameters, Func<BudgetReader, T> read)
    {
        var reader = new BudgetReader(JsonRequest.Of(parameters));
        var request = read(reader);
        reader.Violations.ThrowIfAny();
        return request;
    }

    private static Dictionary<string, object> Paged(string member, IEnumerable<object> items, string? nextToken)
    {
        var body = new Dictionary<string, object> { [member] = items.ToList() };
        if (nextToken is not null)
        {
            body["NextToken"] = nextToken;
        }

        return body;
    }

    private static Dictionary<string, object> BudgetShape(BudgetView view)
    {
        var d = view.Definition;
        var spend = new Dictionary<string, object> { ["ActualSpend"] = Spend(view.ActualSpend) };
        if (view.ForecastedSpend is { } forecast)
        {
            spend["ForecastedSpend"] = Spend(forecast);
        }

        var shape = new Dictionary<string, object>
        {
            ["BudgetName"] = d.Name,
            ["BudgetLimit"] = Spend(d.Limit!),
            ["CostFilters"] = d.CostFilters,
        };
        if (d.CostTypes is { } types)
        {
            shape["CostTypes"] = types;
        }

        shape["TimeUnit"] = d.TimeUnit;
        shape["TimePeriod"] = new Dictionary<string, double> { ["Start"] = Epoch(view.Start), ["End"] = Epoch(view.End) };
        shape["CalculatedSpend"] = spend;
        shape["BudgetType"] = d.BudgetType;
        shape["LastUpdatedTime"] = Epoch(view.LastUpdated);
        return shape;
    }

    private static Dictionary<string, string> Spend(BudgetSpend spend) => new() { ["Amount"] = global::LocalIam.Iam.Billing.CostExplorer.CostAmount.Format(spend.Amount), ["Unit"] = spend.Unit };

    private static Dictionary<string, object> NotificationShape(BudgetNotificationSpec n, string state) => new()
    {
        ["NotificationType"] = n.NotificationType,
        ["ComparisonOperator"] = n.ComparisonOperator,
        ["Threshold"] = n.Threshold,
        ["ThresholdType"] = n.ThresholdType,
        ["NotificationState"] = state,
    };

    private static Dictionary<string, string> SubscriberShape(BudgetSubscriberSpec s) => new() { ["SubscriptionType"] = s.SubscriptionType, ["Address"] = s.Address };

    private static double Epoch(DateTime time) => Math.Round((DateTime.SpecifyKind(time, DateTimeKind.Utc) - DateTime.UnixEpoch).TotalSeconds, 3);

    [GeneratedRegex(NamePattern)]
    private static partial Regex NameRegex();

    [GeneratedRegex("^" + AmountPattern + "$")]
    private static partial Regex AmountRegex();

    [GeneratedRegex(@"^\d{12}$")]
    private static partial Regex AccountRegex();

    /// <summary>Reads Budgets' members, collecting the model's violations.</summary>
    private sealed class BudgetReader(JsonRequest q)
    {
        public JsonRequest Q { get; } = q;

        public JsonViolations Violations { get; } = new();

        public string Account
        {
            get
            {
                var id = Violations.Required(Q, "AccountId");
                Violations.Length(Q, "AccountId", id, 12, 12);
                Violations.Pattern(Q, "AccountId", id, AccountRegex(), @"\d{12}");
                return id ?? string.Empty;
            }
        }

        public string BudgetName() => Name(Q, "BudgetName");

        public int MaxResults(int max)
        {
            var value = Q.GetInt("MaxResults");
            Violations.Range(Q, "MaxResults", value, 1, max);
            return value ?? 100;
        }

        public BudgetDefinition Budget(string member)
        {
            if (Violations.RequiredObject(Q, member) is not { } b)
            {
                return new BudgetDefinition(string.Empty, "COST", null, "MONTHLY");
            }

            var name = Name(b, "BudgetName");
            var type = Violations.Enum(b, "BudgetType", Violations.Required(b, "BudgetType"), BudgetTypes) ?? "COST";
            var timeUnit = Violations.Enum(b, "TimeUnit", Violations.Required(b, "TimeUnit"), BudgetRules.TimeUnits) ?? "MONTHLY";
            BudgetSpend? limit = null;
            if (b.GetObject("BudgetLimit") is { } l)
            {
                var amount = Violations.Required(l, "Amount");
                var unit = Violations.Required(l, "Unit");
                Violations.Length(l, "Unit", unit, 1, int.MaxValue);
                Violations.Length(l, "Amount", amount, 1, int.MaxValue);
                Violations.Pattern(l, "Amount", amount, AmountRegex(), AmountPattern);
                limit = amount is not null && unit is not null && decimal.TryParse(amount, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
                    ? new BudgetSpend(value, unit)
                    : null;
            }

            var period = b.GetObject("TimePeriod");
            var costTypes = b.GetObject("CostTypes") is { } t
                ? new BudgetCostTypes
                {
                    IncludeTax = t.GetBool("IncludeTax") ?? true,
                    IncludeSubscription = t.GetBool("IncludeSubscription") ?? true,
                    UseBlended = t.GetBool("UseBlended") ?? false,
                    IncludeRefund = t.GetBool("IncludeRefund") ?? true,
                    IncludeCredit = t.GetBool("IncludeCredit") ?? true,
                    IncludeUpfront = t.GetBool("IncludeUpfront") ?? true,
                    IncludeRecurring = t.GetBool("IncludeRecurring") ?? true,
                    IncludeOtherSubscription = t.GetBool("IncludeOtherSubscription") ?? true,
                    IncludeSupport = t.GetBool("IncludeSupport") ?? true,
                    IncludeDiscount = t.GetBool("IncludeDiscount") ?? true,
                    UseAmortized = t.GetBool("UseAmortized") ?? false,
                }
                : null;
            var filters = b.GetStringListMap("CostFilters");
            var definition = new BudgetDefinition(name, type, limit, timeUnit)
            {
                Start = period?.GetTimestamp("Start"),
                End = period?.GetTimestamp("End"),
                CostFilters = filters.ToDictionary(f => f.Key, f => (IReadOnlyList<string>)f.Value, StringComparer.Ordinal),
                CostTypes = type == "COST" ? costTypes : null,
            };
            Violations.ThrowIfAny();
            if (Unsupported.FirstOrDefault(b.Has) is { } unsupported)
            {
                throw IamErrors.BudgetMemberNotSupported(unsupported);
            }

            return definition;
        }

        public IReadOnlyList<(BudgetNotificationSpec, IReadOnlyList<BudgetSubscriberSpec>)> NotificationsWithSubscribers()
        {
            var list = Q.GetObjects("NotificationsWithSubscribers");
            Violations.ListLength(Q, "NotificationsWithSubscribers", list.Count, 0, 10);
            return [.. list.Select(n => (Notification(n, "Notification"), Subscribers(n, "Subscribers")))];
        }

        public BudgetNotificationSpec Notification(string member) => Notification(Q, member);

        public List<BudgetSubscriberSpec> Subscribers(string member) => Subscribers(Q, member);

        public BudgetSubscriberSpec Subscriber(string member) => Violations.RequiredObject(Q, member) is { } s ? SubscriberOf(s) : new("EMAIL", string.Empty);

        private BudgetNotificationSpec Notification(JsonRequest parent, string member)
        {
            if (Violations.RequiredObject(parent, member) is not { } n)
            {
                return new("ACTUAL", "GREATER_THAN", 0);
            }

            var type = Violations.Enum(n, "NotificationType", Violations.Required(n, "NotificationType"), NotificationTypes);
            var comparison = Violations.Enum(n, "ComparisonOperator", Violations.Required(n, "ComparisonOperator"), ComparisonOperators);
            var threshold = n.GetDouble("Threshold");
            if (threshold is null)
            {
                Violations.Null(n, "Threshold");
            }

            Violations.Range(n, "Threshold", threshold, 0, 15_000_000_000_000);
            var thresholdType = Violations.Enum(n, "ThresholdType", n.Get("ThresholdType"), ThresholdTypes) ?? "PERCENTAGE";
            Violations.Enum(n, "NotificationState", n.Get("NotificationState"), NotificationStates);
            return new(type ?? "ACTUAL", comparison ?? "GREATER_THAN", threshold ?? 0, thresholdType);
        }

        private List<BudgetSubscriberSpec> Subscribers(JsonRequest parent, string member)
        {
            if (!parent.Has(member))
            {
                Violations.Null(parent, member);
                return [];
            }

            var list = parent.GetObjects(member);
            Violations.ListLength(parent, member, list.Count, 1, 11);
            return [.. list.Select(SubscriberOf)];
        }

        private BudgetSubscriberSpec SubscriberOf(JsonRequest s)
        {
            var type = Violations.Enum(s, "SubscriptionType", Violations.Required(s, "SubscriptionType"), SubscriptionTypes);
            var address = Violations.Required(s, "Address");
            Violations.Length(s, "Address", address, 1, int.MaxValue);
            return new(type ?? "EMAIL", address ?? string.Empty);
        }

        private string Name(JsonRequest parent, string member)
        {
            var name = Violations.Required(parent, member);
            Violations.Length(parent, member, name, 1, 100);
            if (name is { Length: > 0 and <= 100 })
            {
                Violations.Pattern(parent, member, name, NameRegex(), NamePattern);
            }

            return name ?? string.Empty;
        }
    }
}
