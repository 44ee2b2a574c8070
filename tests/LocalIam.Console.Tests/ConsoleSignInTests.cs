using LocalIam.Console.Tests.Support;
using LocalIam.Iam.Errors;
using LocalIam.Server.Console;
using Microsoft.Playwright;
using static LocalIam.Console.Tests.Support.ConsolePages;
using static Microsoft.Playwright.Assertions;

namespace LocalIam.Console.Tests;

/// <summary>Sign-in, sessions and sign-out, by clicking in Chromium.</summary>
public sealed class ConsoleSignInTests(ConsoleFixture console) : IClassFixture<ConsoleFixture>
{
    private const string Password = "Gexter-Password-1";

    [Fact]
    public async Task SignIn_RootWithEmailAndPassword_ShowsHomeWithTheAccountInTheTopBar()
    {
        await using var context = await console.FreshContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/console");
        await ScreenshotAsync(page, "sign-in-choice");

        await SignInAsRootAsync(page);

        await Expect(page).ToHaveURLAsync(console.Console);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Console Home" })).ToBeVisibleAsync();
        await IdentityAsync(page, "1111-2222-3333");
        await ScreenshotAsync(page, "home-root");
    }

    [Fact]
    public async Task SignIn_IamUser_ShowsNameAtAccountAsAwsDoes()
    {
        await using var context = await console.FreshContextAsync();
        await console.CreateUserAsync("gexter1", Password);
        var page = await context.NewPageAsync();

        await SignInAsUserAsync(page, "gexter1", Password, account: "1111-2222-3333");

        await IdentityAsync(page, "gexter1 @ 1111-2222-3333");
    }

    [Fact]
    public async Task AccountSignInUrl_WithAlias_OpensTheIamUserFormPrefilled()
    {
        await using var context = await console.FreshContextAsync();
        await console.Core.Accounts.CreateAliasAsync(ConsoleFixture.Root, "gexter-lab");
        await console.CreateUserAsync("gexter1", Password);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/console?account=gexter-lab");
        await Expect(page.GetByLabel("Account ID (12 digits) or account alias")).ToHaveValueAsync("gexter-lab");
        await page.GetByLabel("IAM username").FillAsync("gexter1");
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await IdentityAsync(page, "gexter1 @ gexter-lab");
    }

    [Fact]
    public async Task SignIn_WrongPasswordOrUnknownUser_SameGenericMessageAndNoSession()
    {
        await using var context = await console.FreshContextAsync();
        await console.CreateUserAsync("gexter1", Password);
        var page = await context.NewPageAsync();

        await SignInAsUserAsync(page, "gexter1", "Wrong-Password-1");
        await Expect(Alert(page)).ToHaveTextAsync(ConsoleTexts.SignInFailed);
        await ScreenshotAsync(page, "sign-in-failed");
        await SignInAsUserAsync(page, "nobody", Password);
        await Expect(Alert(page)).ToHaveTextAsync(ConsoleTexts.SignInFailed);
        await SignInAsUserAsync(page, "gexter1", Password, account: "999988887777");
        await Expect(Alert(page)).ToHaveTextAsync(ConsoleTexts.SignInFailed);
        await SignInAsRootAsync(page, "Wrong-Password-1");
        await Expect(Alert(page)).ToHaveTextAsync(ConsoleTexts.SignInFailed);

        await page.GotoAsync("/console/account");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Exact = true })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task SignIn_FiveFailures_LockedOutEvenWithTheRightPassword()
    {
        await using var context = await console.FreshContextAsync();
        await console.CreateUserAsync("gexter1", Password);
        var page = await context.NewPageAsync();

        for (var i = 0; i < SignInLockout.MaxFailures; i++)
        {
            await SignInAsUserAsync(page, "gexter1", $"Wrong-Password-{i}");
            await Expect(Alert(page)).ToHaveTextAsync(ConsoleTexts.SignInFailed);
        }

        await SignInAsUserAsync(page, "gexter1", Password);
        await Expect(Alert(page)).ToHaveTextAsync(ConsoleTexts.LockedOut);
        await ScreenshotAsync(page, "sign-in-locked");

        // The lock is the user's, not the browser's: another user of the account still signs in.
        await console.CreateUserAsync("gexter2", Password);
        await SignInAsUserAsync(page, "gexter2", Password);
        await IdentityAsync(page, "gexter2 @ 1111-2222-3333");
    }

    [Fact]
    public async Task SignIn_ResetRequired_NewPasswordUnderThePolicyBeforeAnythingElse()
    {
        await using var context = await console.FreshContextAsync();
        await console.CreateUserAsync("gexter1", Password, resetRequired: true, "IAMUserChangePassword");
        var page = await context.NewPageAsync();

        await SignInAsUserAsync(page, "gexter1", Password);
        await Expect(page).ToHaveURLAsync(console.Console + "/password");
        await page.GotoAsync("/console/account");
        await Expect(page).ToHaveURLAsync(console.Console + "/password");
        await ScreenshotAsync(page, "password-reset");

        // AWS's default policy: 8 characters and three kinds; the core's rule answers in AWS's words.
        await ChangePasswordAsync(page, Password, "short");
        await Expect(Alert(page)).ToHaveTextAsync(IamErrors.PasswordPolicyViolation().Message);
        await ChangePasswordAsync(page, Password, "New-Password-2");

        await Expect(page).ToHaveURLAsync(console.Console);
        await IdentityAsync(page, "gexter1 @ 1111-2222-3333");
        await SignOutAsync(page);
        await SignInAsUserAsync(page, "gexter1", Password);
        await Expect(Alert(page)).ToHaveTextAsync(ConsoleTexts.SignInFailed);
        await SignInAsUserAsync(page, "gexter1", "New-Password-2");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Console Home" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task SignIn_AfterAskingForAPage_ReturnsToIt()
    {
        await using var context = await console.FreshContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync("/console/account");
        await SignInAsRootAsync(page, openSignIn: false);

        await Expect(page).ToHaveURLAsync(console.Console + "/account");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Account", Exact = true })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task SignOut_EndsTheSession()
    {
        await using var context = await console.FreshContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsRootAsync(page);

        await SignOutAsync(page);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Exact = true })).ToBeVisibleAsync();
        await page.GotoAsync("/console/account");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Exact = true })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Session_LoginProfileDeleted_EndsAtTheNextRequest()
    {
        await using var context = await console.FreshContextAsync();
        await console.CreateUserAsync("gexter1", Password, managedPolicies: "AdministratorAccess");
        var page = await context.NewPageAsync();
        await SignInAsUserAsync(page, "gexter1", Password);
        await IdentityAsync(page, "gexter1 @ 1111-2222-3333");

        await console.Core.LoginProfiles.DeleteAsync(ConsoleFixture.Root, "gexter1");

        await page.GotoAsync("/console/account");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Exact = true })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Session_Cookie_HttpOnlySameSiteStrictAndScopedToTheConsole()
    {
        await using var context = await console.FreshContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsRootAsync(page);

        var cookie = (await context.CookiesAsync()).Single(c => c.Name == ConsoleSetup.CookieName);

        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        Assert.Equal("/console", cookie.Path);
    }

    [Theory]
    [InlineData(true, 60)]
    [InlineData(false, 12 * 60)]
    public async Task Session_AtAwsLifetime_EndsOneHourForRootTwelveForIamUsers(bool root, int minutes)
    {
        await using var context = await console.FreshContextAsync();
        await console.CreateUserAsync("gexter1", Password, managedPolicies: "AdministratorAccess");
        var page = await context.NewPageAsync();
        await (root ? SignInAsRootAsync(page) : SignInAsUserAsync(page, "gexter1", Password));

        console.Server.Clock.Advance(TimeSpan.FromMinutes(minutes - 1));
        await page.GotoAsync("/console/account");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Account", Exact = true })).ToBeVisibleAsync();
        console.Server.Clock.Advance(TimeSpan.FromMinutes(1));
        await page.GotoAsync("/console/account");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Exact = true })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Pages_WithoutJavaScript_SignInActivateAndSignOutStillWork()
    {
        await using var context = await console.FreshContextAsync(javaScript: false);
        var page = await context.NewPageAsync();
        await SignInAsRootAsync(page);

        await page.GotoAsync("/console/account");
        await page.GetByRole(AriaRole.Link, new() { Name = "Edit" }).ClickAsync();
        await page.GetByLabel("Activate IAM Access").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Update" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync(ConsoleTexts.BillingActivated);
        await SignOutAsync(page);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Exact = true })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Pages_Headers_ForbidFramingScriptsAndCaching()
    {
        await using var context = await console.FreshContextAsync();
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync("/console");
        var headers = await response!.AllHeadersAsync();

        Assert.Contains("default-src 'none'", headers["content-security-policy"], StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", headers["content-security-policy"], StringComparison.Ordinal);
        Assert.Equal("nosniff", headers["x-content-type-options"]);
        Assert.Contains("no-store", headers["cache-control"], StringComparison.Ordinal);
    }

    private static async Task ChangePasswordAsync(IPage page, string old, string fresh)
    {
        await page.GetByLabel("Old password", new() { Exact = true }).FillAsync(old);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync(fresh);
        await page.GetByLabel("Retype new password", new() { Exact = true }).FillAsync(fresh);
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm password change" }).ClickAsync();
    }
}
