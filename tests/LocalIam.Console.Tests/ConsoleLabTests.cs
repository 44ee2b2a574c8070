using LocalIam.Console.Tests.Support;
using LocalIam.E2E.Tests.Support;
using LocalIam.Iam.Audit;
using LocalIam.Server.Console;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static LocalIam.Console.Tests.Support.ConsolePages;
using static Microsoft.Playwright.Assertions;

namespace LocalIam.Console.Tests;

/// <summary>
/// The lab LocalIam was made for, by clicking, as DESIGN.md tells it: root activates "IAM user and
/// role access to Billing information" and makes an Admins group with AdministratorAccess and an
/// admin in it; the admin creates gexter1 and gexter2 and BillingReadOnlyGroup with
/// job-function/Billing; the gexters see the billing setting and are refused the IAM pages with the
/// missing action named; root deactivates the setting and every IAM user loses billing at once.
/// </summary>
public sealed class ConsoleLabTests(ConsoleFixture console) : IClassFixture<ConsoleFixture>
{
    private const string AdminPassword = "Admin-Password-1";
    private const string GexterPassword = "Gexter-Password-1";
    private const string BillingSection = "IAM user and role access to Billing information";

    [Fact]
    public async Task BillingLab_ByClicking_RootAdminAndGextersSeeWhatAwsWouldShow()
    {
        await using var rootContext = await console.FreshContextAsync();
        var root = await rootContext.NewPageAsync();
        await SignInAsRootAsync(root);

        // 1. Root activates the setting on the Account page.
        await root.GotoAsync("/console/account");
        await Section(root, BillingSection).GetByRole(AriaRole.Link, new() { Name = "Edit" }).ClickAsync();
        await root.GetByLabel("Activate IAM Access").CheckAsync();
        await root.GetByRole(AriaRole.Button, new() { Name = "Update" }).ClickAsync();
        await Expect(root.GetByRole(AriaRole.Status)).ToHaveTextAsync(ConsoleTexts.BillingActivated);

        // 2. Best practice: root makes an Admins group with AdministratorAccess, and the admin user in it.
        await CreateGroupAsync(root, "Admins", users: [], policySearch: "AdministratorAccess", policy: "AdministratorAccess");
        await CreateUserAsync(root, "admin", AdminPassword, groupSearch: "Admins", group: "Admins");
        await Expect(root.GetByText("User created successfully")).ToBeVisibleAsync();
        await ScreenshotAsync(root, "lab-user-created");

        // 3. The admin creates gexter1 and gexter2, then BillingReadOnlyGroup with job-function/Billing and both users.
        await using var adminContext = await console.NewContextAsync();
        var admin = await adminContext.NewPageAsync();
        await SignInAsUserAsync(admin, "admin", AdminPassword);
        await IdentityAsync(admin, $"admin @ {Dashed(LocalIamServer.AccountId)}");
        await CreateUserAsync(admin, "gexter1", GexterPassword);
        await CreateUserAsync(admin, "gexter2", GexterPassword);
        await CreateGroupAsync(admin, "BillingReadOnlyGroup", users: ["gexter1", "gexter2"], policySearch: "Billing", policy: "Billing");
        await Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync("BillingReadOnlyGroup user group created.");
        await Expect(Section(admin, "Users in this group (2)")).ToContainTextAsync("gexter1");
        await Expect(Section(admin, "Users in this group (2)")).ToContainTextAsync("gexter2");
        await Expect(admin.GetByRole(AriaRole.Link, new() { Name = "Billing", Exact = true })).ToBeVisibleAsync();
        await ScreenshotAsync(admin, "lab-group");

        // The changes were the admin's, audited as the API's are.
        var events = await console.Server.Services.GetRequiredService<AuditLog>().QueryAsync(LocalIamServer.AccountId);
        var byAdmin = events.Where(e => e.Outcome == "Success" && e.PrincipalArn.EndsWith(":user/admin", StringComparison.Ordinal)).Select(e => e.Action).ToList();
        Assert.Contains("iam:CreateGroup", byAdmin);
        Assert.Contains("iam:AttachGroupPolicy", byAdmin);
        Assert.Equal(2, byAdmin.Count(a => a == "iam:AddUserToGroup"));
        Assert.Equal(2, byAdmin.Count(a => a == "iam:CreateLoginProfile"));

        // 4. gexter1 and gexter2 sign in (a new password first, as the admin asked) and see the billing setting.
        foreach (var gexter in new[] { "gexter1", "gexter2" })
        {
            await using var gexterContext = await console.NewContextAsync();
            var page = await gexterContext.NewPageAsync();
            await SignInAsUserAsync(page, gexter, GexterPassword);
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/console/password$"));
            await page.GetByLabel("Old password").FillAsync(GexterPassword);
            await page.GetByLabel("New password", new() { Exact = true }).FillAsync(GexterPassword + "x");
            await page.GetByLabel("Retype new password").FillAsync(GexterPassword + "x");
            await page.GetByRole(AriaRole.Button, new() { Name = "Confirm password change" }).ClickAsync();
            await page.GotoAsync("/console/account");
            await Expect(Section(page, BillingSection)).ToContainTextAsync(ConsoleTexts.BillingActivated);
            await Expect(Section(page, BillingSection).GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);

            // ... and are refused the IAM pages, with the missing action and who can grant it.
            await page.GotoAsync("/console/iam/users");
            await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("iam:ListUsers");
            await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync($"arn:aws:iam::{LocalIamServer.AccountId}:user/admin");
            await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync($"arn:aws:iam::{LocalIamServer.AccountId}:root");
            if (gexter == "gexter1")
            {
                await ScreenshotAsync(page, "lab-gexter1-refused");
                await page.GotoAsync("/console/account");
                await ScreenshotAsync(page, "lab-gexter1-account");
            }
        }

        // 5. Root deactivates it: gexter1 loses the billing setting at once, the reason is the setting; root keeps it.
        await using var lastContext = await console.NewContextAsync();
        var gexter1 = await lastContext.NewPageAsync();
        await SignInAsUserAsync(gexter1, "gexter1", GexterPassword + "x");
        await root.GotoAsync("/console/account");
        await Section(root, BillingSection).GetByRole(AriaRole.Link, new() { Name = "Edit" }).ClickAsync();
        await root.GetByLabel("Activate IAM Access").UncheckAsync();
        await root.GetByRole(AriaRole.Button, new() { Name = "Update" }).ClickAsync();
        await Expect(root.GetByRole(AriaRole.Status)).ToHaveTextAsync(ConsoleTexts.BillingDeactivated);
        await gexter1.GotoAsync("/console/account");
        var refused = Section(gexter1, BillingSection).GetByRole(AriaRole.Alert);
        await Expect(refused).ToContainTextAsync("billing:GetIAMAccessPreference");
        await Expect(refused).ToContainTextAsync($"because {BillingSection} is not activated for this account");
        await Expect(refused.GetByRole(AriaRole.Link, new() { Name = "Account" })).ToBeVisibleAsync();
        await Expect(Section(root, BillingSection)).ToContainTextAsync(ConsoleTexts.BillingDeactivated);
    }

    [Fact]
    public async Task IamPages_AsRootAndAsAdmin_AxeFindsNothingSeriousAndEachPageIsSaved()
    {
        await using var context = await console.FreshContextAsync();
        await console.CreateUserAsync("admin", AdminPassword, managedPolicies: "AdministratorAccess");
        await console.Core.Groups.CreateAsync(ConsoleFixture.Root, "Admins");
        await console.Core.Groups.AddUserAsync(ConsoleFixture.Root, "Admins", "admin");
        await console.Core.Roles.CreateAsync(ConsoleFixture.Root, "deployer", LabTrustPolicy);
        var page = await context.NewPageAsync();
        var failures = new List<string>();
        string[] pages =
        [
            "/console/iam", "/console/iam/users", "/console/iam/users/create", "/console/iam/users/admin",
            "/console/iam/users/admin?tab=groups", "/console/iam/users/admin?tab=tags", "/console/iam/users/admin?tab=security_credentials",
            "/console/iam/groups", "/console/iam/groups/create", "/console/iam/groups/Admins", "/console/iam/roles", "/console/iam/roles/deployer",
            "/console/iam/settings", "/console/iam/settings?edit=true",
        ];

        await SignInAsRootAsync(page);
        foreach (var path in pages)
        {
            await AxeCheck.CheckAsync(page, path, failures);
            Assert.True(await page.GetByRole(AriaRole.Button, new() { Name = "Sign out", IncludeHidden = true }).CountAsync() == 1, $"{path} has no Sign out");
            await ScreenshotAsync(page, "iam" + path.Replace("/console/iam", string.Empty).Replace('/', '-').Replace('?', '-').Replace('=', '-'));
        }

        await SignOutAsync(page);
        await SignInAsUserAsync(page, "admin", AdminPassword);
        foreach (var path in pages)
        {
            await AxeCheck.CheckAsync(page, path, failures);
        }

        // At phone width the navigation stacks above the content and nothing is cut off.
        await page.SetViewportSizeAsync(390, 844);
        await AxeCheck.CheckAsync(page, "/console/iam/groups/create", failures);
        await ScreenshotAsync(page, "iam-groups-create-phone");
        Assert.Empty(failures);
    }

    [Fact]
    public async Task Dashboard_RecommendationsFollowTheAccount_AndKeyAgeIsJudgedAtEachVisit()
    {
        await using var context = await console.FreshContextAsync();
        await console.CreateUserAsync("gexter1", GexterPassword);
        var key = await console.Core.AccessKeys.CreateAsync(ConsoleFixture.Root, "gexter1");
        var page = await context.NewPageAsync();
        await SignInAsRootAsync(page);
        await page.GotoAsync("/console/iam");
        var recommendations = Section(page, "Security recommendations");
        await Expect(recommendations).ToContainTextAsync("Add MFA for root user");
        await Expect(recommendations).ToContainTextAsync("Add MFA for IAM users: 1 without MFA (gexter1)");
        await Expect(recommendations).ToContainTextAsync("No active access key is older than 90 days");
        await Expect(Section(page, "IAM resources")).ToContainTextAsync("Users");

        // Nothing in the store changes, only time: the key is now old, and the dashboard says so.
        console.Server.Clock.Advance(TimeSpan.FromDays(91));
        await SignInAsRootAsync(page);
        await page.GotoAsync("/console/iam");
        await Expect(Section(page, "Security recommendations")).ToContainTextAsync($"gexter1: {key.Key.Id}");
        await ScreenshotAsync(page, "iam-dashboard-recommendations");
    }

    [Fact]
    public async Task CreateForms_ForgedChoicesThatDoNotExist_RefusedWithNoSuchEntityAndNothingWritten()
    {
        await using var context = await console.FreshContextAsync();
        await console.CreateUserAsync("gexter1", GexterPassword);
        var page = await context.NewPageAsync();
        await SignInAsRootAsync(page);

        // A group with a real member and a forged one: refused before the group is made.
        await page.GotoAsync("/console/iam/groups/create");
        await page.GetByLabel("User group name").FillAsync("Forged");
        await page.GetByLabel("gexter1", new() { Exact = true }).CheckAsync();
        await AddHiddenAsync(page, "Users", "ghost");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create group" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The user with name ghost cannot be found.");
        Assert.Empty((await console.Core.Groups.ListAsync(ConsoleFixture.Root)).Items);

        // A user with a policy ARN that names nothing, and the same group twice: refused before the user is made.
        await console.Core.Groups.CreateAsync(ConsoleFixture.Root, "Admins");
        await page.GotoAsync("/console/iam/users/create");
        await page.GetByLabel("User name").FillAsync("forged");
        await page.GetByLabel("Admins", new() { Exact = true }).CheckAsync();
        await AddHiddenAsync(page, "Groups", "ADMINS");
        await AddHiddenAsync(page, "Policies", "arn:aws:iam::aws:policy/NoSuchPolicy");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create user" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Policy arn:aws:iam::aws:policy/NoSuchPolicy does not exist or is not attachable.");
        Assert.Equal(["gexter1"], (await console.Core.Users.ListAsync(ConsoleFixture.Root)).Items.Select(u => u.Name));

        // Without the forged policy, the group given twice in other case is added once.
        await page.GotoAsync("/console/iam/users/create");
        await page.GetByLabel("User name").FillAsync("twice");
        await page.GetByLabel("Admins", new() { Exact = true }).CheckAsync();
        await AddHiddenAsync(page, "Groups", "ADMINS");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create user" }).ClickAsync();
        await Expect(page.GetByText("User created successfully")).ToBeVisibleAsync();
        Assert.Equal(["Admins"], (await console.Core.Groups.ListForUserAsync(ConsoleFixture.Root, "twice")).Select(g => g.Name));
    }

    [Fact]
    public async Task Settings_NumberThatDoesNotParse_RefusedAndThePolicyUnchanged()
    {
        await using var context = await console.FreshContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsRootAsync(page);
        await page.GotoAsync("/console/iam/settings?edit=true");
        await page.GetByLabel("Password minimum length").EvaluateAsync("input => { input.type = 'text'; input.value = 'abc'; }");
        var response = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync(), r => r.Request.Method == "POST");
        Assert.Equal(400, response.Status);
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("These values are not valid: MinimumLength.");

        // Saved as nothing: not as the form's default of 8.
        var refused = await Assert.ThrowsAsync<LocalIam.Iam.Errors.IamException>(() => console.Core.Accounts.GetPasswordPolicyAsync(ConsoleFixture.Root));
        Assert.Equal(LocalIam.Iam.Errors.IamErrorCode.NoSuchEntity, refused.Code);
    }

    /// <summary>What a forged post adds: a hidden field in the page's main form.</summary>
    private static async Task AddHiddenAsync(IPage page, string name, string value) =>
        await page.EvaluateAsync(
            "([name, value]) => { const input = document.createElement('input'); input.type = 'hidden'; input.name = name; input.value = value; document.querySelector('main form[method=post]').appendChild(input); }",
            new[] { name, value });

    [Fact]
    public async Task IamPages_HostileQueryValues_AnsweredWithAwsErrorsNeverA500()
    {
        await using var context = await console.FreshContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsRootAsync(page);

        // A forged marker is AWS's ValidationError `Invalid Marker.` (docs/api.md); a name no user has is NoSuchEntity; control characters too.
        var marker = await page.GotoAsync("/console/iam/users?marker=not-a-marker");
        Assert.Equal(400, marker!.Status);
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("ValidationError: Invalid Marker.");
        foreach (var (kind, path) in new[] { ("user", "/console/iam/users/nobody"), ("group", "/console/iam/groups/nobody"), ("role", "/console/iam/roles/nobody") })
        {
            var response = await page.GotoAsync(path);
            Assert.Equal(404, response!.Status);
            await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync($"The {kind} with name nobody cannot be found.");
        }

        var control = await page.GotoAsync("/console/iam/users/%01%1F%7F");
        Assert.Equal(400, control!.Status);
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("ValidationError");
        var filter = await page.GotoAsync("/console/iam/users?filter=%00%01");
        Assert.Equal(200, filter!.Status);
        await Expect(page.GetByText("No users to display.")).ToBeVisibleAsync();
    }

    private static readonly string LabTrustPolicy =
        $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{LocalIamServer.AccountId}}:root"},"Action":"sts:AssumeRole"}]}""";

    private static ILocator Section(IPage page, string heading) =>
        page.Locator("section").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = heading }) });

    private static string Dashed(string id) => $"{id[..4]}-{id[4..8]}-{id[8..]}";

    /// <summary>"Create user" with a custom console password that must be changed at first sign-in, optionally in one group.</summary>
    private static async Task CreateUserAsync(IPage page, string name, string password, string? groupSearch = null, string? group = null)
    {
        await page.GotoAsync("/console/iam/users");
        await page.GetByRole(AriaRole.Link, new() { Name = "Create user" }).ClickAsync();
        await page.GetByLabel("User name").FillAsync(name);
        await page.GetByLabel("Provide user access to the AWS Management Console").CheckAsync();
        await page.GetByLabel("Custom password", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Enter a custom password").FillAsync(password);
        if (group is not null)
        {
            await page.GetByLabel("Search groups").FillAsync(groupSearch!);
            await page.GetByRole(AriaRole.Group, new() { Name = "Add user to group" }).GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
            await page.GetByLabel(group, new() { Exact = true }).CheckAsync();

            // Search posted the form back: what was typed before is still there.
            await Expect(page.GetByLabel("User name")).ToHaveValueAsync(name);
            await page.GetByLabel("Enter a custom password").FillAsync(password);
            await page.GetByLabel("Users must create a new password at next sign-in - Recommended").UncheckAsync();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Create user" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Retrieve password" })).ToBeVisibleAsync();
        await Expect(page.Locator("#created-password")).ToHaveTextAsync(password);
    }

    /// <summary>"Create group": the name, then users and a policy found by searching and checked, then "Create group".</summary>
    private static async Task CreateGroupAsync(IPage page, string name, string[] users, string policySearch, string policy)
    {
        await page.GotoAsync("/console/iam/groups");
        await page.GetByRole(AriaRole.Link, new() { Name = "Create group" }).ClickAsync();
        await page.GetByLabel("User group name").FillAsync(name);
        foreach (var user in users)
        {
            await page.GetByLabel(user, new() { Exact = true }).CheckAsync();
        }

        await page.GetByLabel("Search policies").FillAsync(policySearch);
        await page.GetByRole(AriaRole.Group, new() { Name = "Attach permissions policies - Optional" }).GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await page.GetByLabel(policy, new() { Exact = true }).CheckAsync();
        foreach (var user in users)
        {
            await Expect(page.GetByLabel(user, new() { Exact = true })).ToBeCheckedAsync();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Create group" }).ClickAsync();
    }
}
