using LocalIam.Console.Tests.Support;
using LocalIam.E2E.Tests.Support;
using LocalIam.Iam;
using LocalIam.Iam.Billing;
using LocalIam.Server.Console;
using LocalIam.Server.Console.Billing;
using LocalIam.Storage.Entities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static LocalIam.Console.Tests.Support.ConsolePages;
using static Microsoft.Playwright.Assertions;

namespace LocalIam.Console.Tests;

/// <summary>
/// Billing and Cost Management in Chromium, from a new account: the lab of issue 10 (the setting off
/// refuses even AdministratorAccess; root activates it; job-function/Billing shows the bills;
/// AWSBillingReadOnlyAccess views but cannot save preferences; a user in no group is told the missing
/// action; root turns it off and every IAM user loses the pages at once) and each page's changes.
/// </summary>
public sealed class ConsoleBillingTests(ConsoleFixture console) : IClassFixture<ConsoleFixture>
{
    private const string Password = "Billing-Password-1";

    private static IamCaller Admin => new(LocalIamServer.AccountId, $"arn:aws:iam::{LocalIamServer.AccountId}:user/admin");

    [Fact]
    public async Task BillingLab_SettingThenPolicies_DecideEveryPage()
    {
        await using var rootContext = await console.FreshContextAsync();
        await console.CreateUserAsync("admin", Password, managedPolicies: "AdministratorAccess");
        await using var adminContext = await console.NewContextAsync();
        var admin = await adminContext.NewPageAsync();
        await SignInAsUserAsync(admin, "admin", Password);

        // 1. The setting is off: AdministratorAccess is refused Bills, and told why and who can change it.
        var refused = await admin.GotoAsync("/console/billing/bills");
        Assert.Equal(403, refused!.Status);
        await Expect(Alert(admin)).ToContainTextAsync("You need permissions");
        await Expect(Alert(admin)).ToContainTextAsync(ConsoleTexts.BillingGateHint);
        await Expect(Alert(admin)).ToContainTextAsync(ConsoleTexts.BillingGateScope);
        await Expect(Alert(admin).GetByRole(AriaRole.Link, new() { Name = "Account" })).ToHaveAttributeAsync("href", "/console/account");
        await Expect(Alert(admin)).ToContainTextAsync($"arn:aws:iam::{LocalIamServer.AccountId}:root");
        await ScreenshotAsync(admin, "billing-gate");

        // Cost Explorer's page is gated too, although ce: is not a gated service for the API.
        Assert.Equal(403, (await admin.GotoAsync("/console/billing/cost-allocation-tags"))!.Status);
        await Expect(Alert(admin)).ToContainTextAsync(ConsoleTexts.BillingGateHint);

        // 2. Only root can activate it: the admin's Account page says so.
        await admin.GotoAsync("/console/account");
        await Expect(admin.GetByText(ConsoleTexts.OnlyRootChangesBilling)).ToBeVisibleAsync();

        // 3. Root activates it on the Account page.
        var root = await rootContext.NewPageAsync();
        await SignInAsRootAsync(root);
        await root.GotoAsync("/console/account?edit=true");
        await root.GetByLabel("Activate IAM Access").CheckAsync();
        await root.GetByRole(AriaRole.Button, new() { Name = "Update" }).ClickAsync();
        await Expect(root.GetByRole(AriaRole.Status)).ToHaveTextAsync(ConsoleTexts.BillingActivated);

        // 4. The admin builds BillingReadOnlyGroup with job-function/Billing; gexter1 and gexter2 join it.
        await console.Core.Groups.CreateAsync(Admin, "BillingReadOnlyGroup");
        await console.Core.Attachments.AttachAsync(Admin, OwnerKind.Group, "BillingReadOnlyGroup", "arn:aws:iam::aws:policy/job-function/Billing");
        foreach (var gexter in new[] { "gexter1", "gexter2" })
        {
            await console.CreateUserAsync(gexter, Password);
            await console.Core.Groups.AddUserAsync(Admin, "BillingReadOnlyGroup", gexter);
        }

        await console.CreateUserAsync("nobody", Password);
        await console.CreateUserAsync("reader", Password, managedPolicies: "AWSBillingReadOnlyAccess");

        // 5. The gexters see Bills, with the total the core's bill gives; the admin does too.
        var costs = await console.Server.Services.GetRequiredService<BillingData>().CostsAsync(LocalIamServer.AccountId, TestContext.Current.CancellationToken);
        var today = DateOnly.FromDateTime(console.Server.Clock.GetUtcNow().UtcDateTime);
        var lastMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var bill = MonthlyBill.For(costs, lastMonth, today);
        var month = lastMonth.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var gexters = new List<IPage>();
        foreach (var gexter in new[] { "gexter1", "gexter2" })
        {
            var context = await console.NewContextAsync();
            var page = await context.NewPageAsync();
            await SignInAsUserAsync(page, gexter, Password);
            var shown = await page.GotoAsync($"/console/billing/bills?month={month}");
            Assert.Equal(200, shown!.Status);
            await Expect(page.GetByTestId("bill-total")).ToHaveTextAsync(CostChart.Money(bill.Total));
            await Expect(page.GetByText(bill.Services[0].Service).First).ToBeVisibleAsync();
            Assert.Equal(200, (await page.GotoAsync("/console/billing"))!.Status);
            Assert.Equal(200, (await page.GotoAsync("/console/billing/cost-explorer"))!.Status);
            gexters.Add(page);
        }

        await ScreenshotAsync(gexters[0], "billing-bills");
        Assert.Equal(200, (await admin.GotoAsync("/console/billing/bills"))!.Status);

        // 6. A user in no group is told the missing permission, not the setting.
        await using var nobodyContext = await console.NewContextAsync();
        var nobody = await nobodyContext.NewPageAsync();
        await SignInAsUserAsync(nobody, "nobody", Password);
        Assert.Equal(403, (await nobody.GotoAsync("/console/billing/bills"))!.Status);
        await Expect(Alert(nobody)).ToContainTextAsync("billing:GetBillingData");
        await Expect(Alert(nobody)).Not.ToContainTextAsync(ConsoleTexts.BillingGateHint);

        // 7. AWSBillingReadOnlyAccess views the preferences but may not save them (AWS's tutorial example).
        await using var readerContext = await console.NewContextAsync();
        var reader = await readerContext.NewPageAsync();
        await SignInAsUserAsync(reader, "reader", Password);
        Assert.Equal(200, (await reader.GotoAsync("/console/billing/preferences"))!.Status);
        await reader.GetByLabel("Receive CloudWatch billing alerts").CheckAsync();
        await reader.GetByRole(AriaRole.Button, new() { Name = "Update", Exact = true }).ClickAsync();
        await Expect(Alert(reader)).ToContainTextAsync("billing:UpdateBillingPreferences");
        Assert.False((await console.Server.Services.GetRequiredService<BillingAccountService>().AccountAsync(LocalIamServer.AccountId)).CloudWatchBillingAlerts);

        // 8. Root turns the setting off: every IAM user loses the pages at their next request; root keeps them.
        await console.Core.Accounts.SetBillingAccessAsync(ConsoleFixture.Root, false);
        foreach (var page in gexters.Append(admin))
        {
            Assert.Equal(403, (await page.GotoAsync("/console/billing/bills"))!.Status);
            await Expect(Alert(page)).ToContainTextAsync(ConsoleTexts.BillingGateHint);
        }

        Assert.Equal(200, (await root.GotoAsync("/console/billing/bills"))!.Status);
        foreach (var page in gexters)
        {
            await page.Context.DisposeAsync();
        }
    }

    [Fact]
    public async Task PaymentMethods_AddMakeDefaultRemove_AsRoot()
    {
        await using var context = await console.FreshContextAsync();
        var root = await context.NewPageAsync();
        await SignInAsRootAsync(root);
        await root.GotoAsync("/console/billing/payment-methods");
        await Expect(root.GetByRole(AriaRole.Heading, new() { Name = "Payment methods (1)" })).ToBeVisibleAsync();

        await root.GetByLabel("Card number").FillAsync("4111 1111 1111 1111");
        await root.GetByLabel("Name on card").FillAsync("Jane Doe");
        await root.GetByLabel("Expiration month").FillAsync("12");
        await root.GetByLabel("Expiration year").FillAsync((DateTime.UtcNow.Year + 3).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await root.GetByRole(AriaRole.Button, new() { Name = "Add payment method" }).ClickAsync();
        await Expect(root.GetByRole(AriaRole.Status)).ToHaveTextAsync("The payment method was added.");
        await Expect(root.GetByRole(AriaRole.Heading, new() { Name = "Payment methods (2)" })).ToBeVisibleAsync();
        Assert.DoesNotContain("4111 1111 1111 1111", await root.ContentAsync(), StringComparison.Ordinal);

        // The default one cannot be removed while another exists; the new card becomes the default, then the old one goes.
        var old = (await console.Server.Services.GetRequiredService<BillingAccountService>().PaymentMethodsAsync(LocalIamServer.AccountId)).Single(m => m.IsDefault);
        var oldLabel = $"{old.Brand} ending in {old.Last4}";
        await root.GetByRole(AriaRole.Button, new() { Name = $"Remove {oldLabel}" }).ClickAsync();
        await Expect(Alert(root)).ToContainTextAsync("You can't remove your default payment method");
        await root.GetByRole(AriaRole.Button, new() { Name = "Make default: Visa ending in 1111" }).ClickAsync();
        await root.GetByRole(AriaRole.Button, new() { Name = $"Remove {oldLabel}" }).ClickAsync();
        await Expect(root.GetByRole(AriaRole.Status)).ToHaveTextAsync("The payment method was removed.");
        await Expect(root.GetByRole(AriaRole.Heading, new() { Name = "Payment methods (1)" })).ToBeVisibleAsync();

        // A card number that fails its check digit is refused, and nothing is added.
        await root.GetByLabel("Card number").FillAsync("4111 1111 1111 1112");
        await root.GetByLabel("Name on card").FillAsync("Jane Doe");
        await root.GetByLabel("Expiration month").FillAsync("12");
        await root.GetByLabel("Expiration year").FillAsync((DateTime.UtcNow.Year + 3).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await root.GetByRole(AriaRole.Button, new() { Name = "Add payment method" }).ClickAsync();
        await Expect(Alert(root)).ToContainTextAsync("The card number is not valid");
        await Expect(root.GetByRole(AriaRole.Heading, new() { Name = "Payment methods (1)" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task TaxTagsPaymentsAndActionSet_AsRootAndAsReadOnly()
    {
        await using var context = await console.FreshContextAsync();
        var root = await context.NewPageAsync();
        await SignInAsRootAsync(root);

        await root.GotoAsync("/console/billing/tax");
        await root.GetByLabel("Country").SelectOptionAsync("IE");
        await root.GetByLabel("Tax registration number").FillAsync("IE1234567T");
        await root.GetByLabel("Business legal name").FillAsync("Example Ltd");
        await root.GetByLabel("Address").FillAsync("1 Main Street, Dublin");
        await root.GetByRole(AriaRole.Button, new() { Name = "Add tax registration" }).ClickAsync();
        await Expect(root.GetByRole(AriaRole.Status)).ToHaveTextAsync("The tax registration was added.");
        await root.GetByRole(AriaRole.Button, new() { Name = "Delete tax registration IE1234567T" }).ClickAsync();
        await Expect(root.GetByRole(AriaRole.Status)).ToHaveTextAsync("The tax registration was deleted.");

        await root.GotoAsync("/console/billing/cost-allocation-tags");
        await root.GetByRole(AriaRole.Button, new() { Name = "Activate Owner" }).ClickAsync();
        await Expect(root.GetByRole(AriaRole.Button, new() { Name = "Deactivate Owner" })).ToBeVisibleAsync();

        var payments = await root.GotoAsync("/console/billing/payments");
        Assert.Equal(200, payments!.Status);
        await Expect(root.GetByRole(AriaRole.Heading, new() { Name = "Transactions" })).ToBeVisibleAsync();
        Assert.Equal(400, (await root.GotoAsync("/console/billing/bills?month=2026-13"))!.Status);

        // The legacy action set: job-function/Billing still reads bills (aws-portal:ViewBilling), a fine-grained-only policy no longer does.
        await console.Core.Accounts.SetBillingAccessAsync(ConsoleFixture.Root, true);
        await console.CreateUserAsync("reader", Password, managedPolicies: "AWSBillingReadOnlyAccess");
        await console.CreateUserAsync("biller", Password, managedPolicies: "job-function/Billing");
        await root.GotoAsync("/console/billing/preferences");
        await root.GetByLabel("Use the legacy aws-portal actions").CheckAsync();
        await root.GetByRole(AriaRole.Button, new() { Name = "Save action set" }).ClickAsync();
        await Expect(root.GetByText("legacy aws-portal actions", new() { Exact = true })).ToBeVisibleAsync();

        await using var billerContext = await console.NewContextAsync();
        var biller = await billerContext.NewPageAsync();
        await SignInAsUserAsync(biller, "biller", Password);
        Assert.Equal(200, (await biller.GotoAsync("/console/billing/bills"))!.Status);
        await biller.GotoAsync("/console/billing/preferences");
        await Expect(biller.GetByText(ConsoleTexts.OnlyRootChangesActionSet)).ToBeVisibleAsync();

        await using var readerContext = await console.NewContextAsync();
        var reader = await readerContext.NewPageAsync();
        await SignInAsUserAsync(reader, "reader", Password);
        Assert.Equal(403, (await reader.GotoAsync("/console/billing/payment-methods"))!.Status);
        await Expect(Alert(reader)).ToContainTextAsync("aws-portal:ViewPaymentMethods");
    }

    [Fact]
    public async Task CostExplorer_GroupingsAndCsv_MatchTheEngineAndTheBills()
    {
        await using var context = await console.FreshContextAsync();
        var root = await context.NewPageAsync();
        await SignInAsRootAsync(root);
        var today = DateOnly.FromDateTime(console.Server.Clock.GetUtcNow().UtcDateTime);
        var month = new DateOnly(today.Year, today.Month, 1);
        var costs = await console.Server.Services.GetRequiredService<BillingData>().CostsAsync(LocalIamServer.AccountId, TestContext.Current.CancellationToken);

        // The default report: the last six months by service, whose total is the sum of those months' bills.
        await root.GotoAsync("/console/billing/cost-explorer");
        var sixMonths = Enumerable.Range(0, 6).Sum(i => MonthlyBill.For(costs, month.AddMonths(i - 5), today).Total);
        await Expect(root.GetByTestId("cost-total")).ToHaveTextAsync(CostChart.Money(sixMonths));
        await Expect(root.GetByRole(AriaRole.Columnheader, new() { Name = "Service" })).ToBeVisibleAsync();
        await Expect(root.GetByRole(AriaRole.Rowheader, new() { Name = "Tax" })).ToBeVisibleAsync();
        await ScreenshotAsync(root, "billing-cost-explorer");

        // Daily, by region, over last month: the same total as last month's bill.
        await root.GetByLabel("Start date").FillAsync(month.AddMonths(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await root.GetByLabel("End date (exclusive)").FillAsync(month.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await root.GetByLabel("Granularity").SelectOptionAsync("DAILY");
        await root.GetByLabel("Group by").SelectOptionAsync("REGION");
        await root.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Expect(root.GetByTestId("cost-total")).ToHaveTextAsync(CostChart.Money(MonthlyBill.For(costs, month.AddMonths(-1), today).Total));
        await Expect(root.GetByRole(AriaRole.Rowheader, new() { Name = "us-east-1" })).ToBeVisibleAsync();

        // By an active cost allocation tag, downloaded as CSV: the untagged costs have their own row.
        await root.GetByLabel("Group by").SelectOptionAsync("TAG:Project");
        await root.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Expect(root.GetByRole(AriaRole.Rowheader, new() { Name = "storefront" })).ToBeVisibleAsync();
        var download = await root.RunAndWaitForDownloadAsync(() => root.GetByRole(AriaRole.Link, new() { Name = "Download as CSV" }).ClickAsync());
        var csv = await File.ReadAllLinesAsync(await download.PathAsync(), TestContext.Current.CancellationToken);
        Assert.StartsWith("Tag: Project,", csv[0], StringComparison.Ordinal);
        Assert.Contains(csv, line => line.StartsWith("No tag key: Project,", StringComparison.Ordinal));
        Assert.StartsWith("Total costs,", csv[^1], StringComparison.Ordinal);
        var total = decimal.Parse(csv[^1].Split(',')[^1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(MonthlyBill.For(costs, month.AddMonths(-1), today).Total, total);

        // A range Cost Explorer refuses is AWS's message, never a 500.
        var refused = await root.GotoAsync($"/console/billing/cost-explorer?start={today.AddDays(5):yyyy-MM-dd}&end={today.AddDays(1):yyyy-MM-dd}");
        Assert.Equal(400, refused!.Status);
        await Expect(Alert(root)).ToContainTextAsync("Start date (and hour) should be before end date (and hour)");
    }

    [Fact]
    public async Task Budgets_CreateAndDelete_ReadOnlyRefused()
    {
        await using var context = await console.FreshContextAsync();
        await console.Core.Accounts.SetBillingAccessAsync(ConsoleFixture.Root, true);
        await console.CreateUserAsync("reader", Password, managedPolicies: "AWSBillingReadOnlyAccess");
        var root = await context.NewPageAsync();
        await SignInAsRootAsync(root);
        await root.GotoAsync("/console/billing/budgets");
        await Expect(root.GetByRole(AriaRole.Heading, new() { Name = "Budgets (1)" })).ToBeVisibleAsync();

        await root.GetByLabel("Budget name").FillAsync("Team budget");
        await root.GetByLabel("Period").SelectOptionAsync("QUARTERLY");
        await root.GetByLabel("Budgeted amount ($)").FillAsync("2500");
        await root.GetByLabel("Alert thresholds (% of budgeted amount, separated by commas)").FillAsync("50, 90");
        await root.GetByLabel("Email recipients (separated by commas)").FillAsync("team@example.com");
        await root.GetByRole(AriaRole.Button, new() { Name = "Create budget" }).ClickAsync();
        await Expect(root.GetByRole(AriaRole.Status)).ToHaveTextAsync("The budget was created.");
        await Expect(root.GetByRole(AriaRole.Row, new() { Name = "Team budget" })).ToContainTextAsync("$2,500.00");
        await ScreenshotAsync(root, "billing-budgets");

        // The same name again is Budgets' own refusal.
        await root.GetByLabel("Budget name").FillAsync("Team budget");
        await root.GetByLabel("Budgeted amount ($)").FillAsync("10");
        await root.GetByLabel("Email recipients (separated by commas)").FillAsync("team@example.com");
        await root.GetByRole(AriaRole.Button, new() { Name = "Create budget" }).ClickAsync();
        await Expect(Alert(root)).ToContainTextAsync("already exists");

        await using var readerContext = await console.NewContextAsync();
        var reader = await readerContext.NewPageAsync();
        await SignInAsUserAsync(reader, "reader", Password);
        await reader.GotoAsync("/console/billing/budgets");
        await reader.GetByRole(AriaRole.Button, new() { Name = "Delete budget Team budget" }).ClickAsync();
        await Expect(Alert(reader)).ToContainTextAsync("budgets:ModifyBudget");

        await root.GotoAsync("/console/billing/budgets");
        await root.GetByRole(AriaRole.Button, new() { Name = "Delete budget Team budget" }).ClickAsync();
        await Expect(root.GetByRole(AriaRole.Status)).ToHaveTextAsync("The budget was deleted.");
        await Expect(root.GetByRole(AriaRole.Heading, new() { Name = "Budgets (1)" })).ToBeVisibleAsync();
    }

    [Fact]
    public void Permissions_FollowAwsMappingOfLegacyActions()
    {
        var mapping = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "billing-legacy-action-mapping.json")))
            .RootElement.GetProperty("mapping");
        foreach (var (name, permission) in BillingPermissions.All())
        {
            foreach (var action in permission.FineGrained)
            {
                // Each fine-grained action is covered by one of the legacy actions declared, by AWS's mapping (or is kept as is).
                var covered = permission.Legacy.Any(legacy => legacy.Equals(action, StringComparison.Ordinal)
                    || (mapping.TryGetProperty(legacy, out var mapped) && mapped.EnumerateArray().Any(m => m.GetString() == action)));
                Assert.True(covered, $"{name}: {action} is not mapped from any of {string.Join(", ", permission.Legacy)}");
            }
        }
    }
}
