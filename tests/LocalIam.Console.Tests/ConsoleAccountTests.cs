using LocalIam.Console.Tests.Support;
using LocalIam.E2E.Tests.Support;
using LocalIam.Iam.Audit;
using LocalIam.Server.Console;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static LocalIam.Console.Tests.Support.ConsolePages;
using static Microsoft.Playwright.Assertions;

namespace LocalIam.Console.Tests;

/// <summary>The lab's backbone on the Account page: root activates "IAM user and role access to Billing information".</summary>
public sealed class ConsoleAccountTests(ConsoleFixture console) : IClassFixture<ConsoleFixture>
{
    private const string Password = "Gexter-Password-1";
    private const string Section = "IAM user and role access to Billing information";

    [Fact]
    public async Task BillingAccess_RootActivates_AdminGoesFromRefusedToAllowedAndCannotChangeIt()
    {
        await using var rootContext = await console.FreshContextAsync();
        await console.CreateUserAsync("admin", Password, managedPolicies: "AdministratorAccess");
        await using var adminContext = await console.NewContextAsync();
        var admin = await adminContext.NewPageAsync();
        await SignInAsUserAsync(admin, "admin", Password);

        // Before: AdministratorAccess is not enough while the setting is off; the page names what was refused.
        await admin.GotoAsync("/console/account");
        var adminSection = BillingSection(admin);
        await Expect(adminSection.GetByRole(AriaRole.Alert)).ToContainTextAsync("billing:GetIAMAccessPreference");
        await Expect(adminSection.GetByRole(AriaRole.Alert)).ToContainTextAsync($"because {Section} is not activated for this account");
        await Expect(adminSection).ToContainTextAsync(ConsoleTexts.OnlyRootChangesBilling);
        await Expect(adminSection.GetByRole(AriaRole.Link, new() { Name = "Edit" })).ToHaveCountAsync(0);
        await ScreenshotAsync(admin, "account-admin-before");

        var root = await rootContext.NewPageAsync();
        await SignInAsRootAsync(root);
        await root.GotoAsync("/console/account");
        await Expect(root.GetByText(LocalIamServer.AccountId)).ToBeVisibleAsync();
        await Expect(BillingSection(root)).ToContainTextAsync(ConsoleTexts.BillingDeactivated);
        await ScreenshotAsync(root, "account-root");
        await BillingSection(root).GetByRole(AriaRole.Link, new() { Name = "Edit" }).ClickAsync();
        await root.GetByLabel("Activate IAM Access").CheckAsync();
        await ScreenshotAsync(root, "account-root-edit");
        await root.GetByRole(AriaRole.Button, new() { Name = "Update" }).ClickAsync();

        await Expect(root.GetByRole(AriaRole.Status)).ToHaveTextAsync(ConsoleTexts.BillingActivated);
        await ScreenshotAsync(root, "account-root-activated");
        Assert.True((await console.Core.Accounts.GetAsync(LocalIamServer.AccountId)).BillingAccessEnabled);

        // After: the admin may read the setting, still may not change it.
        await admin.ReloadAsync();
        await Expect(BillingSection(admin)).ToContainTextAsync(ConsoleTexts.BillingActivated);
        await Expect(BillingSection(admin).GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
        await Expect(BillingSection(admin)).ToContainTextAsync(ConsoleTexts.OnlyRootChangesBilling);
        await ScreenshotAsync(admin, "account-admin-after");

        // Root deactivates it again: the admin is refused at once.
        await BillingSection(root).GetByRole(AriaRole.Link, new() { Name = "Edit" }).ClickAsync();
        await root.GetByLabel("Activate IAM Access").UncheckAsync();
        await root.GetByRole(AriaRole.Button, new() { Name = "Update" }).ClickAsync();
        await Expect(root.GetByRole(AriaRole.Status)).ToHaveTextAsync(ConsoleTexts.BillingDeactivated);
        await admin.ReloadAsync();
        await Expect(BillingSection(admin).GetByRole(AriaRole.Alert)).ToContainTextAsync("billing:GetIAMAccessPreference");

        // Audited as the API's change is: the action, root as the principal, the outcome.
        var events = await console.Server.Services.GetRequiredService<AuditLog>().QueryAsync(LocalIamServer.AccountId);
        Assert.Equal(["Enabled", "Disabled"], events.Where(e => e.Action == "billing:UpdateIAMAccessPreference" && e.Outcome == "Success")
            .OrderBy(e => e.Time).Select(e => e.Target));
    }

    [Fact]
    public async Task BillingAccess_AdminPostsTheUpdate_RefusedByTheRootOnlyRuleNamingTheAction()
    {
        await using var context = await console.FreshContextAsync();
        await console.CreateUserAsync("admin", Password, managedPolicies: "AdministratorAccess");
        var page = await context.NewPageAsync();
        await SignInAsUserAsync(page, "admin", Password);

        // The Edit link is not offered, so open the form as root would see it and post it anyway.
        await page.GotoAsync("/console/account?edit=true");
        await Expect(page.GetByLabel("Activate IAM Access")).ToHaveCountAsync(0);
        var token = await AntiforgeryTokenAsync(page);
        var response = await context.APIRequest.PostAsync("/console/account?handler=Billing", new()
        {
            Form = context.APIRequest.CreateFormData().Set("ActivateIamAccess", "true").Set("__RequestVerificationToken", token),
        });

        Assert.Equal(403, response.Status);
        var body = await response.TextAsync();
        Assert.Contains("billing:UpdateIAMAccessPreference", body, StringComparison.Ordinal);
        Assert.Contains("Access denied", body, StringComparison.Ordinal);
        Assert.False((await console.Core.Accounts.GetAsync(LocalIamServer.AccountId)).BillingAccessEnabled);
    }

    [Fact]
    public async Task AccountPage_UserWithoutPolicies_RefusedNamingTheActionAndResource()
    {
        await using var context = await console.FreshContextAsync();
        await console.CreateUserAsync("gexter1", Password);
        var page = await context.NewPageAsync();
        await SignInAsUserAsync(page, "gexter1", Password);

        var response = await page.GotoAsync("/console/account");

        Assert.Equal(403, response!.Status);
        var alert = page.GetByRole(AriaRole.Alert);
        await Expect(alert).ToContainTextAsync("account:GetAccountInformation");
        await Expect(alert).ToContainTextAsync($"arn:aws:account::{LocalIamServer.AccountId}:account");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = Section })).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "account-denied");
    }

    [Fact]
    public async Task FormPost_WithoutItsAntiforgeryToken_Refused()
    {
        await using var context = await console.FreshContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsRootAsync(page);

        // Root's own session cookie, but no token: the change must not happen.
        var response = await context.APIRequest.PostAsync("/console/account?handler=Billing", new()
        {
            Form = context.APIRequest.CreateFormData().Set("ActivateIamAccess", "true"),
        });

        Assert.Equal(400, response.Status);
        Assert.False((await console.Core.Accounts.GetAsync(LocalIamServer.AccountId)).BillingAccessEnabled);
    }

    [Fact]
    public async Task FormPost_FromAnotherSite_EvenWithALeakedToken_Refused()
    {
        await using var context = await console.FreshContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsRootAsync(page);
        await page.GotoAsync("/console/account?edit=true");
        var token = await AntiforgeryTokenAsync(page);

        // A page on another site posts the Update form to the console, token and all: SameSite=Strict
        // keeps the session and antiforgery cookies out of the request, so it arrives signed out.
        await page.RouteAsync("http://attacker.test/**", route => route.FulfillAsync(new()
        {
            ContentType = "text/html",
            Body = $"""
                <form method="post" action="{console.Console}/account?handler=Billing">
                <input type="hidden" name="ActivateIamAccess" value="true">
                <input type="hidden" name="__RequestVerificationToken" value="{token}">
                <button type="submit">Win a prize</button></form>
                """,
        }));
        await page.GotoAsync("http://attacker.test/");
        var response = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Win a prize" }).ClickAsync(),
            r => r.Url.StartsWith(console.Console, StringComparison.Ordinal));

        Assert.Equal(302, response.Status);
        Assert.Contains("/console?ReturnUrl=", (await response.AllHeadersAsync())["location"], StringComparison.Ordinal);
        Assert.False((await console.Core.Accounts.GetAsync(LocalIamServer.AccountId)).BillingAccessEnabled);
    }

    private static ILocator BillingSection(IPage page) =>
        page.GetByRole(AriaRole.Region, new() { Name = Section });

    /// <summary>The token of the page's first form (the top bar's Sign out), which any post of this session may carry.</summary>
    private static Task<string> AntiforgeryTokenAsync(IPage page) =>
        page.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value")!;
}
