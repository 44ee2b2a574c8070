using LocalIam.Console.Tests.Support;
using LocalIam.E2E.Tests.Support;
using Microsoft.Playwright;
using static LocalIam.Console.Tests.Support.ConsolePages;
using static Microsoft.Playwright.Assertions;

namespace LocalIam.Console.Tests;

/// <summary>
/// "Policy validation" in the policy editor: Access Analyzer's findings by type, with AWS's titles,
/// texts and links, on every write and when the editor opens; a finding never refuses a write.
/// </summary>
public sealed class ConsolePolicyValidationTests(ConsoleFixture console) : IClassFixture<ConsoleFixture>
{
    private const string Faulty = """
        {
            "Version": "2012-10-17",
            "Statement": [
                { "Effect": "Allow", "Action": ["s3:GetObject", "s3:GetObjekt"], "Resource": "*" },
                { "Effect": "Allow", "Action": "iam:PassRole", "Resource": "*" }
            ]
        }
        """;

    [Fact]
    public async Task Create_PolicyWithFindings_SavedThenFindingsShownAsWarnings()
    {
        await using var context = await console.FreshContextAsync(javaScript: false);
        var page = await context.NewPageAsync();
        await SignInAsRootAsync(page);
        await page.GotoAsync("/console/iam/policies/create");

        // The new document AWS's console starts with already has its suggestions.
        var opened = page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Policy validation" });
        await Expect(opened).ToContainTextAsync("Suggestions: 2");
        await Expect(opened.GetByRole(AriaRole.List, new() { Name = "Suggestions" })).ToContainTextAsync("Empty array action: This statement includes no actions and does not affect the policy. Specify actions.");

        await page.GetByLabel("Policy editor").FillAsync(Faulty);
        await page.GetByLabel("Policy name").FillAsync("WithFindings");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create policy" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Policy WithFindings created." })).ToBeVisibleAsync();
        var validation = page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Policy validation" });
        await Expect(validation).ToContainTextAsync("Security: 1");
        await Expect(validation).ToContainTextAsync("Errors: 1");
        var errors = validation.GetByRole(AriaRole.List, new() { Name = "Errors" });
        await Expect(errors).ToContainTextAsync("Line 4, Column 57: Invalid action: The action s3:GetObjekt does not exist. Did you mean s3:GetObject?");
        await Expect(errors.GetByRole(AriaRole.Link, new() { Name = "Learn more about INVALID_ACTION" })).ToHaveAttributeAsync("href",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html#access-analyzer-reference-policy-checks-error-invalid-action");
        await Expect(validation.GetByRole(AriaRole.List, new() { Name = "Security" })).ToContainTextAsync("Pass role with star in resource:");
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "policy-validation-after-create");

        var saved = await console.Core.Policies.GetAsync(ConsoleFixture.Root, $"arn:aws:iam::{LocalIamServer.AccountId}:policy/WithFindings");
        Assert.Equal("WithFindings", saved.Name);
    }

    [Fact]
    public async Task Edit_OpenedEditor_ListsTheFindingsOfTheCurrentVersion()
    {
        await using var context = await console.FreshContextAsync();
        var policy = await console.Core.Policies.CreateAsync(ConsoleFixture.Root, "EditFindings", Faulty);
        var page = await context.NewPageAsync();
        await SignInAsRootAsync(page);

        await page.GotoAsync("/console/iam/policies/" + Uri.EscapeDataString(policy.Arn) + "?edit=true");

        var validation = page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Policy validation" });
        await Expect(validation).ToContainTextAsync("Security: 1");
        await Expect(validation).ToContainTextAsync("Warnings: 0");
        await Expect(validation.GetByRole(AriaRole.List, new() { Name = "Errors" })).ToContainTextAsync("Invalid action:");
        await ScreenshotAsync(page, "policy-validation-edit");
    }
}
