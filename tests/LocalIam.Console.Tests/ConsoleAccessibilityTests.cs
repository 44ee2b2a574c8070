using LocalIam.Console.Tests.Support;
using Microsoft.Playwright;
using static LocalIam.Console.Tests.Support.ConsolePages;

namespace LocalIam.Console.Tests;

/// <summary>Every console page of this phase through axe-core in Chromium: no serious or critical violation.</summary>
public sealed class ConsoleAccessibilityTests(ConsoleFixture console) : IClassFixture<ConsoleFixture>
{
    private const string Password = "Gexter-Password-1";

    [Fact]
    public async Task EveryPage_Axe_NoSeriousOrCriticalViolation()
    {
        await using var context = await console.FreshContextAsync();
        await console.CreateUserAsync("gexter1", Password, resetRequired: true);
        await console.CreateUserAsync("admin", Password, managedPolicies: "AdministratorAccess");
        var page = await context.NewPageAsync();
        var failures = new List<string>();

        await CheckAsync(page, "/console", failures);
        await CheckAsync(page, "/console?signin=root", failures);
        await CheckAsync(page, "/console?signin=iam", failures);
        await SignInAsUserAsync(page, "nobody", Password);
        await CheckAsync(page, null, failures);

        await SignInAsRootAsync(page);
        await CheckAsync(page, "/console", failures);
        await CheckAsync(page, "/console/account", failures);
        await CheckAsync(page, "/console/account?edit=true", failures);
        await CheckAsync(page, "/console/iam/security-credentials", failures);
        await CheckPoliciesPagesAsync(page, failures);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Identity menu" }).Locator("summary").ClickAsync();
        await CheckAsync(page, null, failures);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await SignInAsUserAsync(page, "admin", Password);
        await CheckAsync(page, "/console/account", failures);
        await CheckAsync(page, "/console/iam/security-credentials", failures);
        await SignOutAsync(page);
        await SignInAsUserAsync(page, "gexter1", Password);
        await CheckAsync(page, "/console/password", failures);

        Assert.Empty(failures);
    }

    [Fact]
    public async Task MfaPages_Axe_NoSeriousOrCriticalViolation()
    {
        await using var context = await console.FreshContextAsync();
        await console.CreateUserAsync("admin", Password, managedPolicies: "AdministratorAccess");
        var page = await context.NewPageAsync();
        var failures = new List<string>();
        await SignInAsUserAsync(page, "admin", Password);

        await CheckAsync(page, "/console/iam/security-credentials", failures);
        await CheckAsync(page, "/console/iam/users/admin/mfa", failures);
        await page.GetByLabel("Device name").FillAsync("admin-phone");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await page.GetByText("Show secret key").ClickAsync();
        await CheckAsync(page, null, failures);
        var secret = (await page.Locator("#secret-key").TextContentAsync())!.Trim();
        var step = TotpCodes.Step(console.Server.Clock.GetUtcNow());
        await page.GetByLabel("MFA code 1").FillAsync(TotpCodes.Wrong(secret, step));
        await page.GetByLabel("MFA code 2").FillAsync(TotpCodes.Wrong(secret, step));
        await page.GetByRole(AriaRole.Button, new() { Name = "Add MFA" }).ClickAsync();
        await CheckAsync(page, null, failures);
        await page.GetByLabel("MFA code 1").FillAsync(TotpCodes.At(secret, step - 1));
        await page.GetByLabel("MFA code 2").FillAsync(TotpCodes.At(secret, step));
        await page.GetByRole(AriaRole.Button, new() { Name = "Add MFA" }).ClickAsync();
        await CheckAsync(page, null, failures);

        await SignOutAsync(page);
        await SignInAsUserAsync(page, "admin", Password);
        await CheckAsync(page, null, failures);
        await page.GetByLabel("MFA code").FillAsync(TotpCodes.Wrong(secret, TotpCodes.Step(console.Server.Clock.GetUtcNow())));
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();
        await CheckAsync(page, null, failures);

        Assert.Empty(failures);
    }

    /// <summary>The Policies pages, the policy editor with its diagnostics, and the simulator with results.</summary>
    private async Task CheckPoliciesPagesAsync(IPage page, List<string> failures)
    {
        const string document = """{"Version":"2012-10-17","Statement":[{"Sid":"ReadUsers","Effect":"Allow","Action":"iam:GetUser","Resource":"*"}]}""";
        var arn = Uri.EscapeDataString($"arn:aws:iam::{LocalIam.E2E.Tests.Support.LocalIamServer.AccountId}:policy/ReadUsers");
        await console.Core.Policies.CreateAsync(ConsoleFixture.Root, "ReadUsers", document);
        await CheckAsync(page, "/console/iam/policies", failures);
        await CheckAsync(page, "/console/iam/policies?q=billing&type=job-function", failures);
        await CheckAsync(page, "/console/iam/policies/" + Uri.EscapeDataString("arn:aws:iam::aws:policy/job-function/Billing"), failures);
        await CheckAsync(page, $"/console/iam/policies/{arn}?tab=entities", failures);
        await CheckAsync(page, $"/console/iam/policies/{arn}?tab=versions&version=v1", failures);
        await CheckAsync(page, $"/console/iam/policies/{arn}?edit=true", failures);
        await CheckAsync(page, $"/console/iam/policies/{arn}?delete=true", failures);
        var findings = await console.Core.Policies.CreateAsync(ConsoleFixture.Root, "WithFindings",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObjekt","iam:PassRole"],"Resource":"*"}]}""");
        await CheckAsync(page, $"/console/iam/policies/{Uri.EscapeDataString(findings.Arn)}?done=created", failures);
        await page.GotoAsync("/console/iam/policies/create");
        await page.GetByLabel("Policy editor").FillAsync("{\n  \"Version\": \"2012-10-17\"\n  \"Statement\": []\n}");
        await Assertions.Expect(page.Locator("#policy-diagnostics")).ToContainTextAsync("Line 3");
        await CheckAsync(page, null, failures);
        await page.GotoAsync("/console/simulator");
        await page.GetByLabel("Users, Groups, and Roles").SelectOptionAsync(new SelectOptionValue { Label = "User: admin" });
        await page.GetByLabel("Actions (one per line, or separated by commas)").FillAsync("iam:GetUser\naws-portal:ViewBilling");
        await page.GetByRole(AriaRole.Button, new() { Name = "Run simulation" }).ClickAsync();
        await CheckAsync(page, null, failures);
    }

    [Fact]
    public async Task BillingPages_Axe_NoSeriousOrCriticalViolation()
    {
        await using var context = await console.FreshContextAsync();
        await console.CreateUserAsync("admin", Password, managedPolicies: "AdministratorAccess");
        var page = await context.NewPageAsync();
        var failures = new List<string>();
        string[] pages =
        [
            "/console/billing", "/console/billing/bills", "/console/billing/payments", "/console/billing/payment-methods",
            "/console/billing/budgets", "/console/billing/cost-explorer", "/console/billing/preferences", "/console/billing/tax",
            "/console/billing/cost-allocation-tags",
        ];

        await SignInAsRootAsync(page);
        foreach (var path in pages)
        {
            await CheckAsync(page, path, failures);
        }

        await page.GotoAsync("/console/billing/bills");
        await page.Locator("details.bill-service summary").First.ClickAsync();
        await CheckAsync(page, null, failures);
        await page.SetViewportSizeAsync(390, 844);
        await CheckAsync(page, "/console/billing", failures);
        await page.SetViewportSizeAsync(1280, 800);
        await SignOutAsync(page);

        // The gate's refusal page.
        await SignInAsUserAsync(page, "admin", Password);
        await CheckAsync(page, "/console/billing/bills", failures);

        Assert.Empty(failures);
    }

    private static Task CheckAsync(IPage page, string? path, List<string> failures) => AxeCheck.CheckAsync(page, path, failures);
}
