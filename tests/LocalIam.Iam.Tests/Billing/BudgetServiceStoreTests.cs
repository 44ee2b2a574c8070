using LocalIam.Iam.Billing;
using LocalIam.Iam.Billing.Budgets;
using LocalIam.Iam.Billing.CostExplorer;
using LocalIam.Iam.Errors;
using LocalIam.Iam.Tests.Support;
using LocalIam.Storage.Billing;

namespace LocalIam.Iam.Tests.Billing;

/// <summary>Budgets on a real store: what is created is described with its spend from the account's costs, changed, and deleted, with Budgets' rules and quotas.</summary>
public abstract class BudgetServiceStoreTests(Backend backend) : StoreTestBase(backend)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 17, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now.UtcDateTime);
    private static readonly BudgetNotificationSpec At80 = new("ACTUAL", "GREATER_THAN", 80);
    private static readonly BudgetSubscriberSpec Email = new("EMAIL", "finance@example.com");

    [Fact]
    public async Task Create_ThenGet_SpendOfTheMonthWithItsFilters()
    {
        var (budgets, billing) = Services();
        var definition = new BudgetDefinition("compute", "COST", new BudgetSpend(500, "USD"), "MONTHLY")
        {
            CostFilters = new Dictionary<string, IReadOnlyList<string>> { ["Service"] = ["Amazon Elastic Compute Cloud - Compute"] },
            CostTypes = new BudgetCostTypes { IncludeTax = false },
        };

        await budgets.CreateAsync(TestStore.AccountId, definition, [(At80, [Email])], Ct);
        var view = await budgets.GetAsync(TestStore.AccountId, "compute", Ct);

        var costs = await billing.CostsAsync(TestStore.AccountId, Ct);
        var expected = costs.Between(new DateOnly(2026, 11, 1), Today.AddDays(1)).Where(r => r.ServiceName == "Amazon Elastic Compute Cloud - Compute" && r.LineItemType != "Tax").Sum(r => r.UnblendedCost);
        Assert.Equal(expected, view.ActualSpend.Amount);
        Assert.Equal("USD", view.ActualSpend.Unit);
        Assert.NotNull(view.ForecastedSpend);
        Assert.True(view.ForecastedSpend.Amount > view.ActualSpend.Amount);
        Assert.Equal(new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc), view.Start);
        Assert.Equal(BudgetRules.LatestEnd, view.End);
        Assert.Equal(At80, Assert.Single(view.Notifications).Notification);
        Assert.Equal(view.ActualSpend.Amount > 400 ? "ALARM" : "OK", view.Notifications[0].State);
    }

    [Fact]
    public async Task Create_SameNameTwice_DuplicateRecord()
    {
        var (budgets, _) = Services();
        await budgets.CreateAsync(TestStore.AccountId, Monthly("twice"), cancellationToken: Ct);

        await AssertIamError(IamErrorCode.DuplicateRecordException, "Error creating budget: twice - the budget already exists.",
            () => budgets.CreateAsync(TestStore.AccountId, Monthly("twice"), cancellationToken: Ct));
    }

    [Fact]
    public async Task Get_Missing_NotFound()
    {
        var (budgets, _) = Services();

        await AssertIamError(IamErrorCode.NotFoundException, "Unable to get budget: nope - the budget doesn't exist.", () => budgets.GetAsync(TestStore.AccountId, "nope", Ct));
        await AssertIamError(IamErrorCode.NotFoundException, "Unable to delete budget: nope - the budget doesn't exist.", () => budgets.DeleteAsync(TestStore.AccountId, "nope", Ct));
    }

    [Fact]
    public async Task List_NewAccount_TheGeneratedBudgetThenPages()
    {
        var (budgets, _) = Services();
        var first = await budgets.ListAsync(TestStore.AccountId, cancellationToken: Ct);
        Assert.Equal("My Monthly Cost Budget", Assert.Single(first.Items).Name);

        await budgets.CreateAsync(TestStore.AccountId, Monthly("a"), cancellationToken: Ct);
        await budgets.CreateAsync(TestStore.AccountId, Monthly("b"), cancellationToken: Ct);
        var page1 = await budgets.ListAsync(TestStore.AccountId, 2, null, Ct);
        var page2 = await budgets.ListAsync(TestStore.AccountId, 2, page1.NextToken, Ct);

        Assert.Equal(["My Monthly Cost Budget", "a"], page1.Items.Select(b => b.Name));
        Assert.Equal(["b"], page2.Items.Select(b => b.Name));
        Assert.Null(page2.NextToken);
        await AssertIamError(IamErrorCode.InvalidNextTokenException, "The pagination token is invalid.", () => budgets.ListAsync(TestStore.AccountId, 2, "garbage!", Ct));
    }

    [Fact]
    public async Task Update_ChangesLimitKeepsNotifications()
    {
        var (budgets, _) = Services();
        await budgets.CreateAsync(TestStore.AccountId, Monthly("grow"), [(At80, [Email])], Ct);

        await budgets.UpdateAsync(TestStore.AccountId, Monthly("grow") with { Limit = new BudgetSpend(2500, "USD"), TimeUnit = "QUARTERLY" }, Ct);

        var view = await budgets.GetAsync(TestStore.AccountId, "grow", Ct);
        Assert.Equal(2500, view.Definition.Limit!.Amount);
        Assert.Equal("QUARTERLY", view.Definition.TimeUnit);
        Assert.Single(view.Notifications);
        await AssertIamError(IamErrorCode.NotFoundException, "Unable to update budget: gone - the budget doesn't exist.",
            () => budgets.UpdateAsync(TestStore.AccountId, Monthly("gone"), Ct));
    }

    [Fact]
    public async Task Notifications_QuotaDuplicatesAndLastSubscriber()
    {
        var (budgets, _) = Services();
        await budgets.CreateAsync(TestStore.AccountId, Monthly("alerts"), cancellationToken: Ct);
        for (var i = 1; i <= BudgetService.MaxNotifications; i++)
        {
            await budgets.CreateNotificationAsync(TestStore.AccountId, "alerts", At80 with { Threshold = i * 10 }, [Email], Ct);
        }

        await AssertIamError(IamErrorCode.CreationLimitExceededException, "The budget `alerts` has 10 notifications, the most a budget can have",
            () => budgets.CreateNotificationAsync(TestStore.AccountId, "alerts", At80 with { Threshold = 999 }, [Email], Ct));
        await AssertIamError(IamErrorCode.DuplicateRecordException, "Error creating notification: alerts - the notification already exists.",
            () => budgets.CreateNotificationAsync(TestStore.AccountId, "alerts", At80, [Email], Ct));

        // Deleting a notification's last subscriber deletes the notification.
        await budgets.DeleteSubscriberAsync(TestStore.AccountId, "alerts", At80, Email, Ct);
        var left = await budgets.ListNotificationsAsync(TestStore.AccountId, "alerts", cancellationToken: Ct);
        Assert.Equal(9, left.Items.Count);
        Assert.DoesNotContain(left.Items, n => n.Notification == At80);
    }

    [Fact]
    public async Task Subscribers_AddUpdateAndQuota()
    {
        var (budgets, _) = Services();
        await budgets.CreateAsync(TestStore.AccountId, Monthly("people"), [(At80, [Email])], Ct);

        await budgets.CreateSubscriberAsync(TestStore.AccountId, "people", At80, new("SNS", "arn:aws:sns:us-east-1:111122223333:alerts"), Ct);
        await budgets.UpdateSubscriberAsync(TestStore.AccountId, "people", At80, Email, new("EMAIL", "cfo@example.com"), Ct);

        var subscribers = await budgets.ListSubscribersAsync(TestStore.AccountId, "people", At80, cancellationToken: Ct);
        Assert.Equal([new("EMAIL", "cfo@example.com"), new("SNS", "arn:aws:sns:us-east-1:111122223333:alerts")], subscribers.Items);
        await AssertIamError(IamErrorCode.CreationLimitExceededException, "A notification can have at most 1 SNS subscribers",
            () => budgets.CreateSubscriberAsync(TestStore.AccountId, "people", At80, new("SNS", "arn:aws:sns:us-east-1:111122223333:other"), Ct));
        await AssertIamError(IamErrorCode.InvalidParameterException, "The subscriber's address `not-an-email` is not an email address",
            () => budgets.CreateSubscriberAsync(TestStore.AccountId, "people", At80, new("EMAIL", "not-an-email"), Ct));
    }

    [Fact]
    public async Task Create_BadDefinitions_RefusedBeforeAnyWrite()
    {
        var (budgets, billing) = Services();
        await billing.EnsureAsync(TestStore.AccountId, Ct);
        var revision = await billing.Store.ReadRevisionAsync(TestStore.AccountId, Ct);

        await AssertIamError(IamErrorCode.InvalidParameterException, "The start date must come before the end date.", () => budgets.CreateAsync(TestStore.AccountId,
            Monthly("dates") with { Start = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc), End = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc) }, cancellationToken: Ct));
        await Assert.ThrowsAsync<IamException>(() => budgets.CreateAsync(TestStore.AccountId,
            Monthly("filters") with { CostFilters = new Dictionary<string, IReadOnlyList<string>> { ["Colour"] = ["blue"] } }, cancellationToken: Ct));
        await AssertIamError(IamErrorCode.InvalidParameterException, "CostFilters hold more than 1024 values, the most a budget can have", () => budgets.CreateAsync(TestStore.AccountId,
            Monthly("huge") with { CostFilters = new Dictionary<string, IReadOnlyList<string>> { ["Region"] = [.. Enumerable.Range(0, 1025).Select(i => $"r{i}")] } }, cancellationToken: Ct));
        await AssertIamError(IamErrorCode.InvalidParameterException, "LocalIam's budgets track COST and USAGE, not `RI_UTILIZATION`",
            () => budgets.CreateAsync(TestStore.AccountId, Monthly("ri") with { BudgetType = "RI_UTILIZATION" }, cancellationToken: Ct));

        Assert.Equal(revision, await billing.Store.ReadRevisionAsync(TestStore.AccountId, Ct));
    }

    [Fact]
    public void Filter_TagsAndCostTypes_AsCostExplorerFilter()
    {
        var definition = Monthly("tags") with
        {
            CostFilters = new Dictionary<string, IReadOnlyList<string>> { ["TagKeyValue"] = ["user:Project$storefront"] },
            CostTypes = new BudgetCostTypes { IncludeCredit = false, UseAmortized = true },
        };

        var filter = BudgetRules.Filter(definition)!;
        var rows = GeneratedCosts.Dataset.Rows;

        Assert.Equal(CostMetric.AmortizedCost, BudgetRules.Metric(definition));
        Assert.All(rows.Where(filter.Matches), r => Assert.True(CostTags.ValueOf(r.Tags, "Project") == "storefront" && r.LineItemType != "Credit"));
        Assert.Contains(rows, filter.Matches);
    }

    private static BudgetDefinition Monthly(string name) => new(name, "COST", new BudgetSpend(1000, "USD"), "MONTHLY");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private (BudgetService Budgets, BillingData Billing) Services()
    {
        var clock = new FixedClock(Now);
        var billing = new BillingData(S.Get<BillingStore>(), clock);
        return (new BudgetService(billing, clock), billing);
    }
}

public sealed class SqliteBudgetServiceStoreTests() : BudgetServiceStoreTests(Backend.Sqlite);

public sealed class PostgresBudgetServiceStoreTests() : BudgetServiceStoreTests(Backend.Postgres);
