using System.Globalization;
using System.Text.Json;
using LocalIam.E2E.Tests.Support;
using LocalIam.Iam.Billing;
using Microsoft.Extensions.DependencyInjection;

namespace LocalIam.E2E.Tests;

/// <summary>
/// AWS Budgets through the real AWS CLI and the JS SDK: budgets, notifications and subscribers
/// created, described with their spend from the server's own cost rows, changed and deleted; bad
/// input and missing budgets answered with AWS's codes; decided by policy alone.
/// </summary>
public sealed class CliBudgetsTests(LocalIamServer server) : IClassFixture<LocalIamServer>
{
    private const string Account = LocalIamServer.AccountId;
    private const string Notification = "NotificationType=ACTUAL,ComparisonOperator=GREATER_THAN,Threshold=80,ThresholdType=PERCENTAGE";
    private readonly AwsCli _root = new(server.Endpoint, LocalIamServer.RootAccessKeyId, LocalIamServer.RootSecret);

    [Fact]
    public async Task Cli_BudgetLifecycle_CreatedDescribedChangedDeleted()
    {
        var budget = """{"BudgetName":"cli-s3","BudgetLimit":{"Amount":"250","Unit":"USD"},"BudgetType":"COST","TimeUnit":"MONTHLY","CostFilters":{"Service":["Amazon Simple Storage Service"]},"CostTypes":{"IncludeTax":false}}""";
        var alerts = """[{"Notification":{"NotificationType":"ACTUAL","ComparisonOperator":"GREATER_THAN","Threshold":80,"ThresholdType":"PERCENTAGE"},"Subscribers":[{"SubscriptionType":"EMAIL","Address":"finance@example.com"}]}]""";

        await _root.OkAsync("budgets", "create-budget", "--account-id", Account, "--budget", budget, "--notifications-with-subscribers", alerts);
        var described = (await _root.OkAsync("budgets", "describe-budget", "--account-id", Account, "--budget-name", "cli-s3")).GetProperty("Budget");

        var billing = server.Services.GetRequiredService<BillingData>();
        var today = billing.Today;
        var rows = (await billing.CostsAsync(Account, TestContext.Current.CancellationToken)).Between(new DateOnly(today.Year, today.Month, 1), today.AddDays(1));
        var expected = rows.Where(r => r.ServiceName == "Amazon Simple Storage Service" && r.LineItemType != "Tax").Sum(r => r.UnblendedCost);
        Assert.Equal(Math.Round(expected, 8), Math.Round(SpendOf(described.GetProperty("CalculatedSpend").GetProperty("ActualSpend")), 8));
        Assert.Equal("250", described.GetProperty("BudgetLimit").GetProperty("Amount").GetString());
        Assert.False(described.GetProperty("CostTypes").GetProperty("IncludeTax").GetBoolean());
        Assert.True(described.GetProperty("CostTypes").GetProperty("IncludeCredit").GetBoolean());
        Assert.Equal(["Amazon Simple Storage Service"], described.GetProperty("CostFilters").GetProperty("Service").EnumerateArray().Select(v => v.GetString()));

        var updated = budget.Replace("\"250\"", "\"300\"", StringComparison.Ordinal);
        await _root.OkAsync("budgets", "update-budget", "--account-id", Account, "--new-budget", updated);
        var all = await _root.OkAsync("budgets", "describe-budgets", "--account-id", Account);
        var names = all.GetProperty("Budgets").EnumerateArray().ToDictionary(b => b.GetProperty("BudgetName").GetString()!);
        Assert.Equal("300", names["cli-s3"].GetProperty("BudgetLimit").GetProperty("Amount").GetString());
        Assert.Contains("My Monthly Cost Budget", names.Keys);

        await _root.OkAsync("budgets", "delete-budget", "--account-id", Account, "--budget-name", "cli-s3");
        var error = await _root.FailsAsync("NotFoundException", "budgets", "describe-budget", "--account-id", Account, "--budget-name", "cli-s3");
        Assert.EndsWith("Unable to get budget: cli-s3 - the budget doesn't exist.", error.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cli_NotificationsAndSubscribers_AddedReplacedRemoved()
    {
        await _root.OkAsync("budgets", "create-budget", "--account-id", Account, "--budget",
            """{"BudgetName":"cli-alerts","BudgetLimit":{"Amount":"1000","Unit":"USD"},"BudgetType":"COST","TimeUnit":"MONTHLY"}""");
        await _root.OkAsync("budgets", "create-notification", "--account-id", Account, "--budget-name", "cli-alerts",
            "--notification", Notification, "--subscribers", "SubscriptionType=EMAIL,Address=a@example.com");
        await _root.OkAsync("budgets", "create-subscriber", "--account-id", Account, "--budget-name", "cli-alerts",
            "--notification", Notification, "--subscriber", "SubscriptionType=EMAIL,Address=b@example.com");
        await _root.OkAsync("budgets", "update-subscriber", "--account-id", Account, "--budget-name", "cli-alerts", "--notification", Notification,
            "--old-subscriber", "SubscriptionType=EMAIL,Address=b@example.com", "--new-subscriber", "SubscriptionType=EMAIL,Address=c@example.com");

        var subscribers = await _root.OkAsync("budgets", "describe-subscribers-for-notification", "--account-id", Account, "--budget-name", "cli-alerts", "--notification", Notification);
        Assert.Equal(["a@example.com", "c@example.com"], subscribers.GetProperty("Subscribers").EnumerateArray().Select(s => s.GetProperty("Address").GetString()));

        var duplicate = await _root.FailsAsync("DuplicateRecordException", "budgets", "create-notification", "--account-id", Account, "--budget-name", "cli-alerts",
            "--notification", Notification, "--subscribers", "SubscriptionType=EMAIL,Address=a@example.com");
        Assert.Contains("the notification already exists", duplicate, StringComparison.Ordinal);

        var replaced = Notification.Replace("Threshold=80", "Threshold=90", StringComparison.Ordinal);
        await _root.OkAsync("budgets", "update-notification", "--account-id", Account, "--budget-name", "cli-alerts", "--old-notification", Notification, "--new-notification", replaced);
        var notifications = await _root.OkAsync("budgets", "describe-notifications-for-budget", "--account-id", Account, "--budget-name", "cli-alerts");
        var only = Assert.Single(notifications.GetProperty("Notifications").EnumerateArray());
        Assert.Equal(90, only.GetProperty("Threshold").GetDouble());
        Assert.Equal("PERCENTAGE", only.GetProperty("ThresholdType").GetString());

        await _root.OkAsync("budgets", "delete-subscriber", "--account-id", Account, "--budget-name", "cli-alerts", "--notification", replaced, "--subscriber", "SubscriptionType=EMAIL,Address=a@example.com");
        await _root.OkAsync("budgets", "delete-notification", "--account-id", Account, "--budget-name", "cli-alerts", "--notification", replaced);
        var none = await _root.OkAsync("budgets", "describe-notifications-for-budget", "--account-id", Account, "--budget-name", "cli-alerts");
        Assert.Empty(none.GetProperty("Notifications").EnumerateArray());
        await _root.OkAsync("budgets", "delete-budget", "--account-id", Account, "--budget-name", "cli-alerts");
    }

    [Fact]
    public async Task JsSdk_BudgetLifecycle_CreatedDescribedDeleted()
    {
        var budget = """{"BudgetName":"sdk-monthly","BudgetLimit":{"Amount":"400","Unit":"USD"},"BudgetType":"COST","TimeUnit":"MONTHLY","TimePeriod":{"Start":"2026-01-01T00:00:00Z"}}""";

        var created = await Sdk("CreateBudget", $$"""{"AccountId":"{{Account}}","Budget":{{budget}}}""");
        var described = await Sdk("DescribeBudget", $$"""{"AccountId":"{{Account}}","BudgetName":"sdk-monthly"}""");
        var duplicate = await Sdk("CreateBudget", $$"""{"AccountId":"{{Account}}","Budget":{{budget}}}""");
        var deleted = await Sdk("DeleteBudget", $$"""{"AccountId":"{{Account}}","BudgetName":"sdk-monthly"}""");
        var missing = await Sdk("DeleteBudget", $$"""{"AccountId":"{{Account}}","BudgetName":"sdk-monthly"}""");

        Assert.True(created.GetProperty("ok").GetBoolean(), created.ToString());
        var shape = described.GetProperty("output").GetProperty("Budget");
        Assert.Equal("400", shape.GetProperty("BudgetLimit").GetProperty("Amount").GetString());
        Assert.StartsWith("2026-01-01T00:00:00", shape.GetProperty("TimePeriod").GetProperty("Start").GetString(), StringComparison.Ordinal);
        Assert.True(shape.GetProperty("CalculatedSpend").GetProperty("ActualSpend").TryGetProperty("Amount", out _));
        Assert.Equal(("DuplicateRecordException", 400), (duplicate.GetProperty("name").GetString(), duplicate.GetProperty("status").GetInt32()));
        Assert.True(deleted.GetProperty("ok").GetBoolean(), deleted.ToString());
        Assert.Equal(("NotFoundException", 400), (missing.GetProperty("name").GetString(), missing.GetProperty("status").GetInt32()));
    }

    [Theory]
    [InlineData("""{"BudgetName":"a:b","BudgetLimit":{"Amount":"1","Unit":"USD"},"BudgetType":"COST","TimeUnit":"MONTHLY"}""", "ValidationException", "at 'budget.budgetName' failed to satisfy constraint: Member must satisfy regular expression pattern")]
    [InlineData("""{"BudgetName":"x","BudgetLimit":{"Amount":"ten","Unit":"USD"},"BudgetType":"COST","TimeUnit":"MONTHLY"}""", "ValidationException", "at 'budget.budgetLimit.amount' failed to satisfy constraint")]
    [InlineData("""{"BudgetName":"x","BudgetLimit":{"Amount":"1","Unit":"USD"},"BudgetType":"COST","TimeUnit":"WEEKLY"}""", "ValidationException", "Value 'WEEKLY' at 'budget.timeUnit' failed to satisfy constraint: Member must satisfy enum value set")]
    [InlineData("""{"BudgetName":"x","BudgetType":"COST","TimeUnit":"MONTHLY"}""", "InvalidParameterException", "A COST budget needs a BudgetLimit")]
    [InlineData("""{"BudgetName":"x","BudgetLimit":{"Amount":"1","Unit":"USD"},"BudgetType":"COST","TimeUnit":"MONTHLY","CostFilters":{"Colour":["blue"]}}""", "InvalidParameterException", "The cost filter `Colour` is not valid")]
    public async Task Cli_BadBudget_AwsCode(string budget, string code, string message)
    {
        var error = await _root.FailsAsync(code, "budgets", "create-budget", "--account-id", Account, "--budget", budget);

        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cli_AnotherAccount_AccessDenied()
    {
        var error = await _root.FailsAsync("AccessDeniedException", "budgets", "describe-budgets", "--account-id", "999988887777");

        Assert.Contains("`999988887777` is not the caller's account", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cli_ViewOnlyUser_DescribesButCannotModify()
    {
        await _root.OkAsync("iam", "create-user", "--user-name", "budget-viewer");
        await _root.OkAsync("iam", "put-user-policy", "--user-name", "budget-viewer", "--policy-name", "p", "--policy-document",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"budgets:ViewBudget","Resource":"*"}]}""");
        var key = (await _root.OkAsync("iam", "create-access-key", "--user-name", "budget-viewer")).GetProperty("AccessKey");
        var viewer = _root.As(key.GetProperty("AccessKeyId").GetString()!, key.GetProperty("SecretAccessKey").GetString()!);

        await viewer.OkAsync("budgets", "describe-budgets", "--account-id", Account);
        var error = await viewer.FailsAsync("AccessDeniedException", "budgets", "delete-budget", "--account-id", Account, "--budget-name", "My Monthly Cost Budget");

        Assert.Contains($"is not authorized to perform: budgets:ModifyBudget on resource: arn:aws:budgets::{Account}:budget/My Monthly Cost Budget", error, StringComparison.Ordinal);
    }

    private Task<JsonElement> Sdk(string operation, string input) =>
        NodeScripts.SdkCallAsync(server.Endpoint, LocalIamServer.RootAccessKeyId, LocalIamServer.RootSecret, "budgets", operation, input);

    private static decimal SpendOf(JsonElement spend) => decimal.Parse(spend.GetProperty("Amount").GetString()!, CultureInfo.InvariantCulture);
}
