using System.Text.Json;
using LocalIam.Console.Tests.Support;
using LocalIam.E2E.Tests.Support;
using LocalIam.Iam.Errors;
using LocalIam.Iam.Policies;
using LocalIam.Policy.Validation;
using LocalIam.Storage.Entities;
using Microsoft.Playwright;
using static LocalIam.Console.Tests.Support.ConsolePages;
using static Microsoft.Playwright.Assertions;

namespace LocalIam.Console.Tests;

/// <summary>The Policies pages: AWS's catalogue listed and searched, a policy opened, created, edited and deleted.</summary>
public sealed class ConsolePoliciesTests(ConsoleFixture console) : IClassFixture<ConsoleFixture>
{
    private const string Password = "Gexter-Password-1";
    private const string BillingArn = "arn:aws:iam::aws:policy/job-function/Billing";

    /// <summary>A missing comma after line 2: the parser stops where line 3 begins its key.</summary>
    private const string MissingComma = "{\n    \"Version\": \"2012-10-17\"\n    \"Statement\": []\n}";

    private const string ReadUsers = """
        {
            "Version": "2012-10-17",
            "Statement": [{ "Sid": "ReadUsers", "Effect": "Allow", "Action": "iam:GetUser", "Resource": "*" }]
        }
        """;

    private static string Local(string name) => $"arn:aws:iam::{LocalIamServer.AccountId}:policy/{name}";

    [Fact]
    public async Task Catalogue_FilterJobFunctionBilling_OpensWithItsJson()
    {
        await using var context = await console.FreshContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsRootAsync(page);

        await page.GotoAsync("/console/iam/policies");
        var total = AwsManagedPolicyCatalog.Entries.Count;
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Policies ({total})" })).ToBeVisibleAsync();
        await Expect(page.Locator("table.list tbody tr")).ToHaveCountAsync(50);
        await Expect(page.Locator(".pager")).ToContainTextAsync($"Page 1 of {(total + 49) / 50}");
        await ScreenshotAsync(page, "policies-list");
        await page.GetByRole(AriaRole.Link, new() { Name = "Next" }).ClickAsync();
        await Expect(page.Locator(".pager")).ToContainTextAsync($"Page 2 of {(total + 49) / 50}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Previous" }).ClickAsync();
        await Expect(page.Locator(".pager")).ToContainTextAsync($"Page 1 of {(total + 49) / 50}");

        await page.GetByLabel("Filter policies").FillAsync("billing");
        await page.GetByLabel("Filter by Type").SelectOptionAsync(new SelectOptionValue { Label = "AWS managed - job function" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        var row = page.Locator("table.list tbody tr");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("AWS managed - job function");
        await Expect(row).ToContainTextAsync("None");
        await ScreenshotAsync(page, "policies-filtered");

        await row.GetByRole(AriaRole.Link, new() { Name = "Billing" }).ClickAsync();
        Assert.EndsWith("/console/iam/policies/" + Uri.EscapeDataString(BillingArn), page.Url, StringComparison.Ordinal);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Billing", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByText(BillingArn)).ToBeVisibleAsync();
        var json = page.Locator("pre.policy-json");
        await Expect(json).ToContainTextAsync("\"Sid\": \"VisualEditor0\"");
        await Expect(json).ToContainTextAsync("\"aws-portal:*Billing\"");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Edit" })).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "policy-billing");

        // The ARN typed with its slashes reaches the same page; the other tabs answer from the core.
        await page.GotoAsync("/console/iam/policies/" + BillingArn + "?tab=versions");
        await Expect(page.Locator("table.list")).ToContainTextAsync("(Default)");
        await page.GotoAsync("/console/iam/policies/" + BillingArn + "?tab=entities");
        await Expect(page.Locator("table.list")).ToContainTextAsync("No entities attached");
    }

    [Fact]
    public async Task Create_WithoutJavaScript_SyntaxErrorShowsLineAndColumnThenSaves()
    {
        await using var context = await console.FreshContextAsync(javaScript: false);
        var page = await context.NewPageAsync();
        await SignInAsRootAsync(page);
        await page.GotoAsync("/console/iam/policies");
        await page.GetByRole(AriaRole.Link, new() { Name = "Create policy" }).ClickAsync();

        await page.GetByLabel("Policy editor").FillAsync(MissingComma);
        await page.GetByLabel("Policy name").FillAsync("ReadUsers");
        await page.GetByLabel("Description").FillAsync("Reads users");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create policy" }).ClickAsync();

        var alert = Alert(page);
        await Expect(alert).ToContainTextAsync($"MalformedPolicyDocument: {AwsPolicyMessages.SyntaxErrors}");
        await Expect(alert).ToContainTextAsync("Line 3, Column 5");
        await Expect(page.Locator("#policy-diagnostics")).ToContainTextAsync("Line 3, Column 5");
        await Expect(page.GetByLabel("Policy editor")).ToHaveValueAsync(MissingComma);
        await ScreenshotAsync(page, "policy-create-error");
        Assert.Empty((await console.Core.Policies.ListAsync(ConsoleFixture.Root, PolicyScope.Local)).Items);

        await page.GetByLabel("Policy editor").FillAsync(ReadUsers);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create policy" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Policy ReadUsers created.");
        await Expect(page.GetByText(Local("ReadUsers"))).ToBeVisibleAsync();
        await Expect(page.GetByText("Customer managed")).ToBeVisibleAsync();
        await Expect(page.Locator("pre.policy-json")).ToContainTextAsync("\"Sid\": \"ReadUsers\"");
        var stored = await console.Core.Policies.GetAsync(ConsoleFixture.Root, Local("ReadUsers"));
        Assert.Equal("Reads users", stored.Description);
    }

    [Fact]
    public async Task Editor_WithJavaScript_DiagnosticsAsYouType()
    {
        await using var context = await console.FreshContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsRootAsync(page);
        await page.GotoAsync("/console/iam/policies/create");

        // AWS's starting document has an empty Action: the core's own check says so at once.
        var diagnostics = page.Locator("#policy-diagnostics");
        await Expect(diagnostics).ToContainTextAsync(AwsPolicyMessages.MustContainActions);
        await page.GetByLabel("Policy editor").FillAsync(MissingComma);
        await Expect(diagnostics).ToContainTextAsync($"Line 3, Column 5: {AwsPolicyMessages.SyntaxErrors}");
        await ScreenshotAsync(page, "policy-editor-diagnostics");
        await page.GetByLabel("Policy editor").FillAsync(ReadUsers);
        await Expect(diagnostics).ToHaveTextAsync("No errors");
    }

    [Fact]
    public async Task Edit_CreatesDefaultVersion_FiveVersionsAnsweredAsAws_VersionsManaged()
    {
        await using var context = await console.FreshContextAsync(javaScript: false);
        await console.Core.Policies.CreateAsync(ConsoleFixture.Root, "ReadUsers", ReadUsers);
        var page = await context.NewPageAsync();
        await SignInAsRootAsync(page);
        await page.GotoAsync("/console/iam/policies/" + Uri.EscapeDataString(Local("ReadUsers")));

        await page.GetByRole(AriaRole.Link, new() { Name = "Edit" }).ClickAsync();
        await page.GetByLabel("Policy editor").FillAsync(ReadUsers.Replace("iam:GetUser", "iam:ListUsers", StringComparison.Ordinal));
        await ScreenshotAsync(page, "policy-edit");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Policy ReadUsers updated.");
        await Expect(page.Locator("pre.policy-json")).ToContainTextAsync("iam:ListUsers");
        Assert.Equal("v2", (await console.Core.Policies.GetAsync(ConsoleFixture.Root, Local("ReadUsers"))).DefaultVersionId);

        // Five versions: the sixth is refused with AWS's LimitExceeded text, and nothing changes.
        for (var i = 3; i <= 5; i++)
        {
            await console.Core.Policies.CreateVersionAsync(ConsoleFixture.Root, Local("ReadUsers"), ReadUsers, setAsDefault: false);
        }

        await page.GetByRole(AriaRole.Link, new() { Name = "Edit" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Expect(Alert(page)).ToContainTextAsync($"LimitExceeded: {IamErrors.TooManyVersions().Message}");
        Assert.Equal(5, (await console.Core.Policies.ListVersionsAsync(ConsoleFixture.Root, Local("ReadUsers"))).Count);

        await Alert(page).GetByRole(AriaRole.Link, new() { Name = "Policy versions" }).ClickAsync();
        await Expect(page.Locator("table.list tbody tr")).ToHaveCountAsync(5);
        await ScreenshotAsync(page, "policy-versions");
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete v1" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Policy version deleted.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set v5 as default" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The default version of ReadUsers is now v5.");
        await Expect(page.Locator("table.list tbody tr")).ToHaveCountAsync(4);
        await page.GetByRole(AriaRole.Link, new() { Name = "v3" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Version v3" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Delete_AttachedPolicy_DetachedThenDeletedAfterConfirmation()
    {
        await using var context = await console.FreshContextAsync(javaScript: false);
        await console.Core.Policies.CreateAsync(ConsoleFixture.Root, "ReadUsers", ReadUsers);
        await console.Core.Policies.CreateVersionAsync(ConsoleFixture.Root, Local("ReadUsers"), ReadUsers, setAsDefault: true);
        await console.CreateUserAsync("gexter1", Password);
        await console.Core.Attachments.AttachAsync(ConsoleFixture.Root, OwnerKind.User, "gexter1", Local("ReadUsers"));
        var page = await context.NewPageAsync();
        await SignInAsRootAsync(page);
        await page.GotoAsync("/console/iam/policies?type=customer");
        await Expect(page.Locator("table.list tbody tr")).ToContainTextAsync("Permissions policy (1)");
        await page.GetByRole(AriaRole.Link, new() { Name = "ReadUsers" }).ClickAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Delete" }).ClickAsync();
        await Expect(page.GetByText("detached from 1 entity")).ToBeVisibleAsync();
        await page.GetByLabel("To confirm deletion, enter the policy name in the text input field.").FillAsync("readusers");
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(Alert(page)).ToContainTextAsync(Server.Console.ConsoleTexts.DeleteConfirmationDiffers);

        await page.GetByLabel("To confirm deletion, enter the policy name in the text input field.").FillAsync("ReadUsers");
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        Assert.EndsWith("/console/iam/policies?deleted=ReadUsers", page.Url, StringComparison.Ordinal);
        Assert.Empty((await console.Core.Policies.ListAsync(ConsoleFixture.Root, PolicyScope.Local)).Items);
        Assert.Empty(await console.Core.Attachments.ListAttachedAsync(ConsoleFixture.Root, OwnerKind.User, "gexter1"));
    }

    [Fact]
    public async Task List_UserWithoutListPolicies_RefusedNamingTheAction()
    {
        await using var context = await console.FreshContextAsync();
        await console.CreateUserAsync("gexter1", Password, managedPolicies: "job-function/Billing");
        var page = await context.NewPageAsync();
        await SignInAsUserAsync(page, "gexter1", Password);

        var response = await page.GotoAsync("/console/iam/policies");
        Assert.Equal(403, response!.Status);
        await Expect(Alert(page)).ToContainTextAsync("iam:ListPolicies");
        await Expect(Alert(page)).ToContainTextAsync($"User: arn:aws:iam::{LocalIamServer.AccountId}:user/gexter1 is not authorized to perform: iam:ListPolicies on resource: *");
        await ScreenshotAsync(page, "policies-refused");

        response = await page.GotoAsync("/console/iam/policies/" + Uri.EscapeDataString(BillingArn));
        Assert.Equal(403, response!.Status);
        await Expect(Alert(page)).ToContainTextAsync("iam:GetPolicy");
    }

    [Fact]
    public async Task Validate_HostilePosts_AnsweredWithoutServerError()
    {
        await using var context = await console.FreshContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsRootAsync(page);
        await page.GotoAsync("/console/iam/policies/create");
        var token = await page.Locator("input[name=__RequestVerificationToken]").First.InputValueAsync();
        const string url = "/console/iam/policies/validate";

        // The form encoded here, so that control characters reach the server as %00, %01 ... exactly.
        Task<IAPIResponse> PostAsync(string document, bool withToken = true) =>
            context.APIRequest.PostAsync(url, new()
            {
                Data = "document=" + Uri.EscapeDataString(document) + (withToken ? "&__RequestVerificationToken=" + Uri.EscapeDataString(token) : string.Empty),
                Headers = new Dictionary<string, string> { ["Content-Type"] = "application/x-www-form-urlencoded" },
                MaxRedirects = 0,
            });

        // Without the antiforgery token: refused, as every console form is.
        Assert.Equal(400, (await PostAsync(ReadUsers, withToken: false)).Status);

        // A well-formed one: the core's findings as JSON, with line and column.
        var answer = await PostAsync(MissingComma);
        Assert.Equal(200, answer.Status);
        var first = JsonDocument.Parse(await answer.TextAsync()).RootElement[0];
        Assert.Equal((3, 5, AwsPolicyMessages.SyntaxErrors), (first.GetProperty("line").GetInt32(), first.GetProperty("column").GetInt32(), first.GetProperty("message").GetString()));
        Assert.Equal("[]", await (await PostAsync(ReadUsers)).TextAsync());

        // Control characters and deep nesting: answered with a finding, never a server error.
        var control = await PostAsync("{\"Version\":\"2012-10-17\",\u0001\u001b\u007f\"Statement\":[\"\u0002\"]}");
        Assert.Equal(200, control.Status);
        Assert.Equal(AwsPolicyMessages.SyntaxErrors, JsonDocument.Parse(await control.TextAsync()).RootElement[0].GetProperty("message").GetString());

        // NUL: ASP.NET Core's form reader refuses a form that carries one, before any page code runs.
        Assert.Equal(400, (await PostAsync("{\"Version\":\"2012-10-17\u0000\"}")).Status);
        var nested = await PostAsync(new string('[', 100_000) + new string(']', 100_000));
        Assert.Equal(200, nested.Status);
        Assert.NotEmpty(JsonDocument.Parse(await nested.TextAsync()).RootElement.EnumerateArray());

        // Longer than any policy parameter takes: AWS's length message; far larger: refused unread.
        var longest = JsonDocument.Parse(await (await PostAsync(new string(' ', PolicyDocuments.MaxLength + 1))).TextAsync()).RootElement[0];
        Assert.Contains("Member must have length less than or equal to 131072", longest.GetProperty("message").GetString(), StringComparison.Ordinal);
        var huge = await PostAsync(new string('x', 4 * 1024 * 1024));
        Assert.InRange(huge.Status, 400, 413);

        // Signed out: no answer but the way to sign in.
        await using var stranger = await console.NewContextAsync();
        var anonymous = await stranger.APIRequest.PostAsync(url, new() { Form = stranger.APIRequest.CreateFormData().Set("document", ReadUsers), MaxRedirects = 0 });
        Assert.Equal(302, anonymous.Status);
    }
}
