using System.Text;
using LocalIam.Iam.Billing.CostExplorer;
using LocalIam.Iam.Errors;
using LocalIam.Storage.Billing;
using Microsoft.EntityFrameworkCore;

namespace LocalIam.Iam.Billing.Budgets;

/// <summary>
/// AWS Budgets on the billing store: budgets with their spend in the current period (actual, and
/// forecast by <see cref="CostForecaster"/>), their notifications and subscribers, with Budgets'
/// rules and quotas (ten notifications a budget; one SNS topic and ten email addresses a
/// notification). Changes go through <see cref="BillingStore.WriteAsync{T}"/>, one account at a
/// time. Callers authorize first (budgets:ViewBudget, budgets:ModifyBudget); this service does not.
/// </summary>
public sealed class BudgetService(BillingData billing, TimeProvider clock)
{
    public const int MaxNotifications = 10;
    public const int MaxEmailSubscribers = 10;
    public const int MaxSnsSubscribers = 1;

    /// <summary>The account's budgets by name, a page at a time (<paramref name="maxResults"/> 1–1000; AWS's default is 100).</summary>
    public async Task<BudgetPage<BudgetView>> ListAsync(string accountId, int maxResults = 100, string? nextToken = null, CancellationToken cancellationToken = default)
    {
        await billing.EnsureAsync(accountId, cancellationToken);
        var after = nextToken is null ? null : ReadToken(nextToken);
        var budgets = await billing.Store.ReadAsync(db => db.Budgets.Include(b => b.Notifications)
            .Where(b => b.AccountId == accountId).ToListAsync(cancellationToken));
        var ordered = budgets.OrderBy(b => b.Name, StringComparer.Ordinal).SkipWhile(b => after is not null && string.CompareOrdinal(b.Name, after) <= 0).ToList();
        var page = ordered.Take(maxResults).ToList();
        var dataset = await billing.CostsAsync(accountId, cancellationToken);
        var views = page.Select(b => View(b, dataset)).ToList();
        return new(views, ordered.Count > page.Count ? WriteToken(page[^1].Name) : null);
    }

    /// <summary>One budget with its spend; NotFoundException when the account has no budget of that name.</summary>
    public async Task<BudgetView> GetAsync(string accountId, string name, CancellationToken cancellationToken = default)
    {
        var budget = await FindAsync(accountId, name, "get", cancellationToken);
        return View(budget, await billing.CostsAsync(accountId, cancellationToken));
    }

    /// <summary>Creates a budget and its notifications with their subscribers, all or nothing.</summary>
    public async Task CreateAsync(
        string accountId, BudgetDefinition definition, IReadOnlyList<(BudgetNotificationSpec Notification, IReadOnlyList<BudgetSubscriberSpec> Subscribers)>? notifications = null,
        CancellationToken cancellationToken = default)
    {
        BudgetRules.Check(definition);
        notifications ??= [];
        if (notifications.Count > MaxNotifications)
        {
            throw IamErrors.BudgetNotificationLimit(definition.Name);
        }

        foreach (var (notification, subscribers) in notifications)
        {
            CheckSubscribers(subscribers);
            if (notifications.Count(n => n.Notification == notification) > 1)
            {
                throw IamErrors.BudgetNotificationExists(definition.Name);
            }
        }

        await billing.EnsureAsync(accountId, cancellationToken);
        var today = billing.Today;
        await billing.Store.WriteAsync(accountId, async (db, _) =>
        {
            if (await db.Budgets.AnyAsync(b => b.AccountId == accountId && b.Name == definition.Name, cancellationToken))
            {
                throw IamErrors.BudgetExists(definition.Name);
            }

            var budget = new Budget
            {
                AccountId = accountId,
                Name = definition.Name,
                BudgetType = definition.BudgetType,
                LimitUnit = definition.Limit!.Unit,
                TimeUnit = definition.TimeUnit,
                LastUpdated = Now(),
            };
            Apply(budget, definition, today);
            foreach (var (notification, subscribers) in notifications)
            {
                budget.Notifications.Add(NewNotification(accountId, definition.Name, notification, subscribers));
            }

            db.Budgets.Add(budget);
            return 0;
        }, cancellationToken);
    }

    /// <summary>Replaces everything of a budget but its name and spend (UpdateBudget); its notifications stay.</summary>
    public async Task UpdateAsync(string accountId, BudgetDefinition definition, CancellationToken cancellationToken = default)
    {
        BudgetRules.Check(definition);
        await billing.EnsureAsync(accountId, cancellationToken);
        var today = billing.Today;
        await billing.Store.WriteAsync(accountId, async (db, _) =>
        {
            var budget = await db.Budgets.SingleOrDefaultAsync(b => b.AccountId == accountId && b.Name == definition.Name, cancellationToken)
                ?? throw IamErrors.BudgetNotFound("update", definition.Name);
            budget.BudgetType = definition.BudgetType;
            budget.LimitUnit = definition.Limit!.Unit;
            budget.TimeUnit = definition.TimeUnit;
            budget.LastUpdated = Now();
            Apply(budget, definition, today);
            return 0;
        }, cancellationToken);
    }

    /// <summary>Deletes a budget with its notifications and subscribers.</summary>
    public async Task DeleteAsync(string accountId, string name, CancellationToken cancellationToken = default)
    {
        await billing.EnsureAsync(accountId, cancellationToken);
        await billing.Store.WriteAsync(accountId, async (db, _) =>
        {
            var budget = await db.Budgets.Include(b => b.Notifications).ThenInclude(n => n.Subscribers)
                .SingleOrDefaultAsync(b => b.AccountId == accountId && b.Name == name, cancellationToken) ?? throw IamErrors.BudgetNotFound("delete", name);
            db.Budgets.Remove(budget);
            return 0;
        }, cancellationToken);
    }

    /// <summary>A budget's notifications in the order they were made, a page at a time (1–100).</summary>
    public async Task<BudgetPage<BudgetNotificationView>> ListNotificationsAsync(string accountId, string budgetName, int maxResults = 100, string? nextToken = null, CancellationToken cancellationToken = default)
    {
        var view = await GetAsync(accountId, budgetName, cancellationToken);
        return Page(view.Notifications, maxResults, nextToken);
    }

    public async Task CreateNotificationAsync(string accountId, string budgetName, BudgetNotificationSpec notification, IReadOnlyList<BudgetSubscriberSpec> subscribers, CancellationToken cancellationToken = default)
    {
        CheckSubscribers(subscribers);
        await ChangeAsync(accountId, budgetName, "create", (budget, db) =>
        {
            if (budget.Notifications.Any(n => Matches(n, notification)))
            {
                throw IamErrors.BudgetNotificationExists(budgetName);
            }

            if (budget.Notifications.Count >= MaxNotifications)
            {
                throw IamErrors.BudgetNotificationLimit(budgetName);
            }

            budget.Notifications.Add(NewNotification(accountId, budgetName, notification, subscribers));
        }, cancellationToken);
    }

    /// <summary>Replaces a notification's type, operator, threshold and threshold type; its subscribers stay.</summary>
    public async Task UpdateNotificationAsync(string accountId, string budgetName, BudgetNotificationSpec old, BudgetNotificationSpec replacement, CancellationToken cancellationToken = default)
    {
        await ChangeAsync(accountId, budgetName, "update", (budget, _) =>
        {
            var stored = Notification(budget, old, "update");
            if (old != replacement && budget.Notifications.Any(n => Matches(n, replacement)))
            {
                throw IamErrors.BudgetNotificationExists(budgetName);
            }

            (stored.NotificationType, stored.ComparisonOperator, stored.Threshold, stored.ThresholdType) =
                (replacement.NotificationType, replacement.ComparisonOperator, replacement.Threshold, replacement.ThresholdType);
        }, cancellationToken);
    }

    /// <summary>Deletes a notification and its subscribers.</summary>
    public async Task DeleteNotificationAsync(string accountId, string budgetName, BudgetNotificationSpec notification, CancellationToken cancellationToken = default)
    {
        await ChangeAsync(accountId, budgetName, "delete", (budget, db) => db.BudgetNotifications.Remove(Notification(budget, notification, "delete")), cancellationToken);
    }

    /// <summary>A notification's subscribers, a page at a time (1–100).</summary>
    public async Task<BudgetPage<BudgetSubscriberSpec>> ListSubscribersAsync(
        string accountId, string budgetName, BudgetNotificationSpec notification, int maxResults = 100, string? nextToken = null, CancellationToken cancellationToken = default)
    {
        var budget = await FindAsync(accountId, budgetName, "get", cancellationToken);
        var stored = Notification(budget, notification, "get");
        return Page([.. stored.Subscribers.OrderBy(s => s.Id).Select(s => new BudgetSubscriberSpec(s.SubscriptionType, s.Address))], maxResults, nextToken);
    }

    public async Task CreateSubscriberAsync(string accountId, string budgetName, BudgetNotificationSpec notification, BudgetSubscriberSpec subscriber, CancellationToken cancellationToken = default)
    {
        await ChangeAsync(accountId, budgetName, "create", (budget, _) =>
        {
            var stored = Notification(budget, notification, "get");
            if (stored.Subscribers.Any(s => s.SubscriptionType == subscriber.SubscriptionType && s.Address == subscriber.Address))
            {
                throw IamErrors.BudgetSubscriberExists(budgetName);
            }

            CheckSubscribers([.. stored.Subscribers.Select(s => new BudgetSubscriberSpec(s.SubscriptionType, s.Address)), subscriber]);
            stored.Subscribers.Add(new BudgetSubscriber { SubscriptionType = subscriber.SubscriptionType, Address = subscriber.Address });
        }, cancellationToken);
    }

    public async Task UpdateSubscriberAsync(
        string accountId, string budgetName, BudgetNotificationSpec notification, BudgetSubscriberSpec old, BudgetSubscriberSpec replacement, CancellationToken cancellationToken = default)
    {
        await ChangeAsync(accountId, budgetName, "update", (budget, _) =>
        {
            var stored = Notification(budget, notification, "get");
            var subscriber = Subscriber(stored, old, budgetName, "update");
            if (old != replacement && stored.Subscribers.Any(s => s.SubscriptionType == replacement.SubscriptionType && s.Address == replacement.Address))
            {
                throw IamErrors.BudgetSubscriberExists(budgetName);
            }

            CheckSubscribers([.. stored.Subscribers.Where(s => s != subscriber).Select(s => new BudgetSubscriberSpec(s.SubscriptionType, s.Address)), replacement]);
            (subscriber.SubscriptionType, subscriber.Address) = (replacement.SubscriptionType, replacement.Address);
        }, cancellationToken);
    }

    /// <summary>Deletes a subscriber; deleting a notification's last subscriber deletes the notification, as AWS does.</summary>
    public async Task DeleteSubscriberAsync(string accountId, string budgetName, BudgetNotificationSpec notification, BudgetSubscriberSpec subscriber, CancellationToken cancellationToken = default)
    {
        await ChangeAsync(accountId, budgetName, "delete", (budget, db) =>
        {
            var stored = Notification(budget, notification, "get");
            var found = Subscriber(stored, subscriber, budgetName, "delete");
            if (stored.Subscribers.Count == 1)
            {
                db.BudgetNotifications.Remove(stored);
            }
            else
            {
                db.BudgetSubscribers.Remove(found);
            }
        }, cancellationToken);
    }

    /// <summary>Each subscriber's address checked, and the quotas of one notification: one SNS topic and ten email addresses.</summary>
    private static void CheckSubscribers(IReadOnlyList<BudgetSubscriberSpec> subscribers)
    {
        foreach (var subscriber in subscribers)
        {
            var valid = subscriber.SubscriptionType == "EMAIL"
                ? subscriber.Address.IndexOf('@', StringComparison.Ordinal) is > 0 and var at && at < subscriber.Address.Length - 1 && !subscriber.Address.Any(char.IsWhiteSpace)
                : subscriber.Address.StartsWith("arn:aws:sns:", StringComparison.Ordinal) && subscriber.Address.Split(':').Length == 6 && !subscriber.Address.Any(char.IsWhiteSpace);
            if (!valid)
            {
                throw IamErrors.BudgetSubscriberAddressInvalid(subscriber.SubscriptionType, subscriber.Address);
            }
        }

        if (subscribers.Count(s => s.SubscriptionType == "SNS") > MaxSnsSubscribers)
        {
            throw IamErrors.BudgetSubscriberLimit("SNS", MaxSnsSubscribers);
        }

        if (subscribers.Count(s => s.SubscriptionType == "EMAIL") > MaxEmailSubscribers)
        {
            throw IamErrors.BudgetSubscriberLimit("EMAIL", MaxEmailSubscribers);
        }
    }

    private static BudgetNotification NewNotification(string accountId, string budgetName, BudgetNotificationSpec notification, IReadOnlyList<BudgetSubscriberSpec> subscribers) => new()
    {
        AccountId = accountId,
        BudgetName = budgetName,
        NotificationType = notification.NotificationType,
        ComparisonOperator = notification.ComparisonOperator,
        Threshold = notification.Threshold,
        ThresholdType = notification.ThresholdType,
        NotificationState = "OK",
        Subscribers = [.. subscribers.Distinct().Select(s => new BudgetSubscriber { SubscriptionType = s.SubscriptionType, Address = s.Address })],
    };

    private static bool Matches(BudgetNotification stored, BudgetNotificationSpec notification) =>
        stored.NotificationType == notification.NotificationType && stored.ComparisonOperator == notification.ComparisonOperator
        && stored.Threshold.Equals(notification.Threshold) && stored.ThresholdType == notification.ThresholdType;

    private static BudgetNotification Notification(Budget budget, BudgetNotificationSpec notification, string action) =>
        budget.Notifications.FirstOrDefault(n => Matches(n, notification)) ?? throw IamErrors.BudgetNotificationNotFound(action, budget.Name);

    private static BudgetSubscriber Subscriber(BudgetNotification notification, BudgetSubscriberSpec subscriber, string budgetName, string action) =>
        notification.Subscribers.FirstOrDefault(s => s.SubscriptionType == subscriber.SubscriptionType && s.Address == subscriber.Address)
        ?? throw IamErrors.BudgetSubscriberNotFound(action, budgetName);

    private static void Apply(Budget budget, BudgetDefinition definition, DateOnly today)
    {
        budget.LimitAmount = definition.Limit!.Amount;
        budget.PeriodStart = definition.Start ?? BudgetRules.PeriodStart(definition.TimeUnit, today);
        budget.PeriodEnd = definition.End ?? BudgetRules.LatestEnd;
        budget.CostFiltersJson = BudgetRules.FiltersJson(definition);
        budget.CostTypesJson = definition.BudgetType == "COST" ? BudgetRules.CostTypesJson(definition) : null;
    }

    private async Task<Budget> FindAsync(string accountId, string name, string action, CancellationToken cancellationToken)
    {
        await billing.EnsureAsync(accountId, cancellationToken);
        return await billing.Store.ReadAsync(db => db.Budgets.Include(b => b.Notifications).ThenInclude(n => n.Subscribers)
            .SingleOrDefaultAsync(b => b.AccountId == accountId && b.Name == name, cancellationToken)) ?? throw IamErrors.BudgetNotFound(action, name);
    }

    /// <summary>A change to one budget's notifications or subscribers, in the account's write.</summary>
    private async Task ChangeAsync(string accountId, string budgetName, string action, Action<Budget, BillingDbContext> change, CancellationToken cancellationToken)
    {
        await billing.EnsureAsync(accountId, cancellationToken);
        await billing.Store.WriteAsync(accountId, async (db, _) =>
        {
            var budget = await db.Budgets.Include(b => b.Notifications).ThenInclude(n => n.Subscribers)
                .SingleOrDefaultAsync(b => b.AccountId == accountId && b.Name == budgetName, cancellationToken) ?? throw IamErrors.BudgetNotFound(action == "create" ? "get" : action, budgetName);
            change(budget, db);
            return 0;
        }, cancellationToken);
    }

    private BudgetView View(Budget budget, CostDataset dataset)
    {
        var definition = new BudgetDefinition(budget.Name, budget.BudgetType, new BudgetSpend(budget.LimitAmount, budget.LimitUnit), budget.TimeUnit)
        {
            Start = DateTime.SpecifyKind(budget.PeriodStart, DateTimeKind.Utc),
            End = DateTime.SpecifyKind(budget.PeriodEnd, DateTimeKind.Utc),
            CostFilters = BudgetRules.ReadFilters(budget.CostFiltersJson),
            CostTypes = budget.BudgetType == "COST" ? BudgetRules.ReadCostTypes(budget.CostTypesJson) ?? new BudgetCostTypes() : null,
        };
        var today = billing.Today;
        var (start, end) = BudgetRules.CurrentPeriod(budget.TimeUnit, definition.Start.Value, definition.End.Value, today);
        var metric = BudgetRules.Metric(definition);
        var filter = BudgetRules.Filter(definition);
        var actualEnd = today.AddDays(1) < end ? today.AddDays(1) : end;
        var actual = start < actualEnd ? dataset.Between(start, actualEnd).Where(r => filter?.Matches(r) != false).Sum(r => metric.Of(r)) : 0;
        decimal? forecast = null;
        if (start <= today && today < end)
        {
            try
            {
                forecast = CostForecaster.SpendAtEnd(dataset, start, end, metric, filter, today);
            }
            catch (IamException e) when (e.Code == IamErrorCode.DataUnavailableException)
            {
                // Too little history to forecast: AWS leaves ForecastedSpend out too.
            }
        }

        var unit = budget.LimitUnit;
        var notifications = budget.Notifications.OrderBy(n => n.Id).Select(n =>
        {
            var spec = new BudgetNotificationSpec(n.NotificationType, n.ComparisonOperator, n.Threshold, n.ThresholdType);
            var spend = n.NotificationType == "FORECASTED" ? forecast : actual;
            return new BudgetNotificationView(spec, spend is { } s && Alarms(spec, s, budget.LimitAmount) ? "ALARM" : "OK");
        }).ToList();
        return new BudgetView(definition, definition.Start.Value, definition.End.Value, new BudgetSpend(actual, unit), forecast is { } f ? new BudgetSpend(f, unit) : null, DateTime.SpecifyKind(budget.LastUpdated, DateTimeKind.Utc))
        {
            Notifications = notifications,
        };
    }

    private static bool Alarms(BudgetNotificationSpec notification, decimal spend, decimal limit)
    {
        var threshold = notification.ThresholdType == "ABSOLUTE_VALUE" ? (decimal)notification.Threshold : limit * (decimal)notification.Threshold / 100;
        return notification.ComparisonOperator switch
        {
            "LESS_THAN" => spend < threshold,
            "EQUAL_TO" => spend == threshold,
            _ => spend > threshold,
        };
    }

    private static BudgetPage<T> Page<T>(IReadOnlyList<T> items, int maxResults, string? nextToken)
    {
        var offset = 0;
        if (nextToken is not null && (!int.TryParse(ReadToken(nextToken), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out offset) || offset <= 0 || offset > items.Count))
        {
            throw IamErrors.BudgetNextTokenInvalid();
        }

        var page = items.Skip(offset).Take(maxResults).ToList();
        var next = offset + page.Count;
        return new(page, next < items.Count ? WriteToken(next.ToString(System.Globalization.CultureInfo.InvariantCulture)) : null);
    }

    private static string WriteToken(string position) => Convert.ToBase64String(Encoding.UTF8.GetBytes("budgets:" + position));

    private static string ReadToken(string token)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            return text.StartsWith("budgets:", StringComparison.Ordinal) ? text[8..] : throw IamErrors.BudgetNextTokenInvalid();
        }
        catch (FormatException)
        {
            throw IamErrors.BudgetNextTokenInvalid();
        }
    }

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;
}
