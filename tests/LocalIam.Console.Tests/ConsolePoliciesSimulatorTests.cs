using LocalIam.Console.Tests.Support;
using LocalIam.E2E.Tests.Support;
using LocalIam.Server.Console;
using Microsoft.Playwright;
using static LocalIam.Console.Tests.Support.ConsolePages;
using static Microsoft.Playwright.Assertions;

namespace LocalIam.Console.Tests;

/// <summary>The policy simulator page: "Why can't gexter1 see billing?", answered by the core's simulator.</summary>
public sealed class ConsolePoliciesSimulatorTests(ConsoleFixture console) : IClassFixture<ConsoleFixture>
{
    private const string Password = "Gexter-Password-1";

    [Fact]
    public async Task BillingUser_SettingOffThenOn_DeniedBySettingThenAllowedByTheHighlightedStatement()
    {
        await using var context = await console.FreshContextAsync();
        await console.CreateUserAsync("gexter1", Password, managedPolicies: "job-function/Billing");
        var page = await context.NewPageAsync();
        await SignInAsRootAsync(page);
        await page.GotoAsync("/console/simulator");

        await page.GetByLabel("Users, Groups, and Roles").SelectOptionAsync(new SelectOptionValue { Label = "User: gexter1" });
        await page.GetByLabel("Actions (one per line, or separated by commas)").FillAsync("aws-portal:ViewBilling");
        await page.GetByLabel("Context keys (key=value, one per line)").FillAsync("aws:MultiFactorAuthPresent=true");
        await page.GetByRole(AriaRole.Button, new() { Name = "Run simulation" }).ClickAsync();

        var result = page.GetByRole(AriaRole.Article, new() { Name = "aws-portal:ViewBilling" });
        await Expect(result.GetByRole(AriaRole.Heading)).ToContainTextAsync("aws-portal:ViewBilling on *: implicitDeny");
        await Expect(result).ToContainTextAsync(ConsoleTexts.BillingSettingDecided);
        await Expect(result.GetByRole(AriaRole.Link, new() { Name = "Account" })).ToHaveAttributeAsync("href", "/console/account");
        await ScreenshotAsync(page, "simulator-billing-off");

        await console.Core.Accounts.SetBillingAccessAsync(ConsoleFixture.Root, true);
        await page.GetByRole(AriaRole.Button, new() { Name = "Run simulation" }).ClickAsync();
        await Expect(result.GetByRole(AriaRole.Heading).First).ToContainTextAsync("aws-portal:ViewBilling on *: allowed");
        await Expect(result).Not.ToContainTextAsync(ConsoleTexts.BillingSettingDecided);
        await Expect(result.GetByRole(AriaRole.Heading, new() { Name = "Billing (aws-managed): Allow, Sid VisualEditor0" })).ToBeVisibleAsync();
        var marked = result.Locator(".policy-json .highlighted");
        await Expect(marked.Filter(new() { HasText = "\"aws-portal:*Billing\"" })).ToHaveCountAsync(1);
        await Expect(marked.Filter(new() { HasText = "\"Sid\": \"VisualEditor0\"" })).ToHaveCountAsync(1);
        await Expect(result.Locator(".policy-json .line").Filter(new() { HasText = "\"Version\"" }).And(result.Locator(".highlighted"))).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "simulator-billing-on");
    }

    [Fact]
    public async Task Simulation_UserWithoutSimulatePrincipalPolicy_RefusedOnThePrincipalArn()
    {
        await using var context = await console.FreshContextAsync();
        await console.CreateUserAsync("reader", Password, managedPolicies: "job-function/ViewOnlyAccess");
        await console.CreateUserAsync("gexter1", Password);
        var page = await context.NewPageAsync();
        await SignInAsUserAsync(page, "reader", Password);
        await page.GotoAsync("/console/simulator");
        await page.GetByLabel("Users, Groups, and Roles").SelectOptionAsync(new SelectOptionValue { Label = "User: gexter1" });
        await page.GetByLabel("Actions (one per line, or separated by commas)").FillAsync("iam:GetUser, iam:ListUsers");
        await page.GetByRole(AriaRole.Button, new() { Name = "Run simulation" }).ClickAsync();

        await Expect(Alert(page)).ToContainTextAsync(
            $"is not authorized to perform: iam:SimulatePrincipalPolicy on resource: arn:aws:iam::{LocalIamServer.AccountId}:user/gexter1");
    }
}
