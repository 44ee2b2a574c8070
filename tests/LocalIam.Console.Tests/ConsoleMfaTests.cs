using System.Text;
using LocalIam.Console.Tests.Support;
using LocalIam.E2E.Tests.Support;
using LocalIam.Iam.Audit;
using LocalIam.Server.Console;
using LocalIam.Storage.Entities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static LocalIam.Console.Tests.Support.ConsolePages;
using static Microsoft.Playwright.Assertions;

namespace LocalIam.Console.Tests;

/// <summary>TOTP MFA in the console by clicking: "Assign MFA device", then sign-in that asks for the code; and the ConsoleLogin audit.</summary>
public sealed class ConsoleMfaTests(ConsoleFixture console) : IClassFixture<ConsoleFixture>
{
    private const string Password = "Gexter-Password-1";

    /// <summary>AWS's example policy "IAM: Allows IAM users to self-manage an MFA device", as the IAM User Guide gives it.</summary>
    public const string SelfManageMfaPolicy = """
        {
          "Version": "2012-10-17",
          "Statement": [
            { "Sid": "AllowListActions", "Effect": "Allow", "Action": ["iam:ListUsers", "iam:ListVirtualMFADevices"], "Resource": "*" },
            { "Sid": "AllowUserToCreateVirtualMFADevice", "Effect": "Allow", "Action": ["iam:CreateVirtualMFADevice"], "Resource": "arn:aws:iam::*:mfa/*" },
            { "Sid": "AllowUserToManageTheirOwnMFA", "Effect": "Allow",
              "Action": ["iam:EnableMFADevice", "iam:GetMFADevice", "iam:ListMFADevices", "iam:ResyncMFADevice"],
              "Resource": "arn:aws:iam::*:user/${aws:username}" },
            { "Sid": "AllowUserToDeactivateTheirOwnMFAOnlyWhenUsingMFA", "Effect": "Allow", "Action": ["iam:DeactivateMFADevice"],
              "Resource": ["arn:aws:iam::*:user/${aws:username}"], "Condition": { "Bool": { "aws:MultiFactorAuthPresent": "true" } } },
            { "Sid": "BlockMostAccessUnlessSignedInWithMFA", "Effect": "Deny",
              "NotAction": ["iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:ListMFADevices", "iam:ListUsers", "iam:ListVirtualMFADevices", "iam:ResyncMFADevice"],
              "Resource": "*", "Condition": { "BoolIfExists": { "aws:MultiFactorAuthPresent": "false" } } }
          ]
        }
        """;

    /// <summary>The Account page, only for a session that signed in with MFA.</summary>
    public const string AccountPageWithMfaPolicy = """
        {
          "Version": "2012-10-17",
          "Statement": [
            { "Effect": "Allow", "Action": ["account:GetAccountInformation", "iam:GetLoginProfile"], "Resource": "*",
              "Condition": { "Bool": { "aws:MultiFactorAuthPresent": "true" } } }
          ]
        }
        """;

    [Fact]
    public async Task Mfa_EnrolByClickingThenSignIn_AsksForTheCodeAndMfaConditionAllowsTheAccountPage()
    {
        await using var context = await console.FreshContextAsync();
        await CreateMfaUserAsync("gexter1");
        var page = await context.NewPageAsync();
        await SignInAsUserAsync(page, "gexter1", Password);

        // Without MFA the condition does not hold: the Account page is refused, naming the action.
        Assert.Equal(403, (await page.GotoAsync("/console/account"))!.Status);
        await Expect(Alert(page)).ToContainTextAsync("account:GetAccountInformation");

        // Security credentials -> "Assign MFA device", as AWS's console.
        await page.GotoAsync("/console/iam/security-credentials");
        var mfa = page.GetByRole(AriaRole.Region, new() { Name = "Multi-factor authentication (MFA)" });
        await Expect(mfa).ToContainTextAsync("No MFA devices");
        await ScreenshotAsync(page, "security-credentials-no-mfa");
        await mfa.GetByRole(AriaRole.Link, new() { Name = "Assign MFA device" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(console.Console + "/iam/users/gexter1/mfa");
        await page.GetByLabel("Device name").FillAsync("gexter1-phone");
        await page.GetByLabel("Authenticator app").CheckAsync();
        await ScreenshotAsync(page, "mfa-assign-select");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Img, new() { Name = ConsoleTexts.MfaQrCodeLabel })).ToBeVisibleAsync();
        await page.GetByText("Show secret key").ClickAsync();
        var secret = (await page.Locator("#secret-key").TextContentAsync())!.Trim();
        Assert.Matches("^[A-Z2-7]{52}$", secret);
        Assert.DoesNotContain(secret, page.Url, StringComparison.Ordinal);
        Assert.DoesNotContain((await context.CookiesAsync()).Select(c => c.Value), v => v.Contains(secret, StringComparison.Ordinal));
        await ScreenshotAsync(page, "mfa-assign-set-up");

        // A wrong pair keeps the same device on the page for another try.
        var step = TotpCodes.Step(console.Server.Clock.GetUtcNow());
        await AddMfaAsync(page, TotpCodes.Wrong(secret, step), TotpCodes.Wrong(secret, step));
        await Expect(Alert(page)).ToContainTextAsync("Authentication code for device is not valid.");
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = ConsoleTexts.MfaQrCodeLabel })).ToBeVisibleAsync();
        await AddMfaAsync(page, TotpCodes.At(secret, step - 1), TotpCodes.At(secret, step));

        await Expect(page).ToHaveURLAsync(console.Console + "/iam/security-credentials");
        var serial = $"arn:aws:iam::{LocalIamServer.AccountId}:mfa/gexter1-phone";
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "MFA devices (1)" })).ToContainTextAsync(serial);
        await ScreenshotAsync(page, "security-credentials-mfa");

        // Signed in again: the password alone opens nothing, a wrong code is refused, the right one signs in.
        await SignOutAsync(page);
        await SignInAsUserAsync(page, "gexter1", Password);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Multi-factor authentication" })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "sign-in-mfa");
        step = TotpCodes.Step(console.Server.Clock.GetUtcNow());
        await SubmitCodeAsync(page, TotpCodes.Wrong(secret, step));
        await Expect(Alert(page)).ToHaveTextAsync(ConsoleTexts.SignInFailed);
        await Expect(page.GetByLabel("MFA code")).ToBeVisibleAsync();
        await SubmitCodeAsync(page, TotpCodes.At(secret, step));
        await IdentityAsync(page, "gexter1 @ 1111-2222-3333");

        // Now aws:MultiFactorAuthPresent is true: the Account page opens.
        Assert.Equal(200, (await page.GotoAsync("/console/account"))!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Account", Exact = true })).ToBeVisibleAsync();

        // ConsoleLogin in the trail: success, then the wrong code, then success; never the password or the secret.
        var events = (await console.Server.Services.GetRequiredService<AuditLog>().QueryAsync(LocalIamServer.AccountId))
            .Where(e => e.Action == ConsoleLogins.Action).OrderBy(e => e.Id).ToList();
        Assert.Equal(["Success", "Failure", "Success"], events.Select(e => e.Outcome));
        Assert.All(events, e => Assert.Equal(($"arn:aws:iam::{LocalIamServer.AccountId}:user/gexter1", "gexter1"), (e.PrincipalArn, e.Target)));
        var audit = await console.Server.Services.GetRequiredService<AuditLog>().QueryAsync(LocalIamServer.AccountId, limit: 1000);
        Assert.DoesNotContain(audit, e => $"{e.Target} {e.PrincipalArn} {e.Outcome}".Contains(Password, StringComparison.Ordinal)
            || $"{e.Target} {e.PrincipalArn}".Contains(secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Mfa_RemoveAfterSigningInWithMfa_DeactivatesTheDeviceAndSignInNoLongerAsks()
    {
        await using var context = await console.FreshContextAsync();
        await CreateMfaUserAsync("gexter1");
        var secret = await EnableDeviceAsync("gexter1");
        var page = await context.NewPageAsync();
        await SignInWithCodeAsync(page, "gexter1", secret);

        await page.GotoAsync("/console/iam/security-credentials");
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Multi-factor authentication (MFA)" })).ToContainTextAsync("No MFA devices");
        Assert.Empty((await console.Core.MfaDevices.ListForUserAsync(ConsoleFixture.Root, "gexter1")).Items);
        await SignOutAsync(page);
        await SignInAsUserAsync(page, "gexter1", Password);
        await IdentityAsync(page, "gexter1 @ 1111-2222-3333");
    }

    [Fact]
    public async Task Mfa_RemoveWithoutMfaSession_RefusedNamingDeactivateMfaDevice()
    {
        await using var context = await console.FreshContextAsync();
        await CreateMfaUserAsync("gexter1");
        var page = await context.NewPageAsync();
        await SignInAsUserAsync(page, "gexter1", Password);
        await page.GotoAsync("/console/iam/users/gexter1/mfa");
        await page.GetByLabel("Device name").FillAsync("gexter1-phone");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await page.GetByText("Show secret key").ClickAsync();
        var secret = (await page.Locator("#secret-key").TextContentAsync())!.Trim();
        var step = TotpCodes.Step(console.Server.Clock.GetUtcNow());
        await AddMfaAsync(page, TotpCodes.At(secret, step - 1), TotpCodes.At(secret, step));

        // Still the session without MFA: AWS's policy allows deactivating only when signed in with MFA.
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove" }).ClickAsync();

        await Expect(Alert(page)).ToContainTextAsync("iam:DeactivateMFADevice");
        Assert.Single((await console.Core.MfaDevices.ListForUserAsync(ConsoleFixture.Root, "gexter1")).Items);
    }

    [Fact]
    public async Task Mfa_UserWithoutMfaPermissions_AssignRefusedNamingTheAction()
    {
        await using var context = await console.FreshContextAsync();
        await console.CreateUserAsync("gexter1", Password, managedPolicies: "IAMUserChangePassword");
        var page = await context.NewPageAsync();
        await SignInAsUserAsync(page, "gexter1", Password);

        await page.GotoAsync("/console/iam/users/gexter1/mfa");
        await page.GetByLabel("Device name").FillAsync("gexter1-phone");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();

        await Expect(Alert(page)).ToContainTextAsync("iam:CreateVirtualMFADevice");
        await Expect(Alert(page)).ToContainTextAsync($"arn:aws:iam::{LocalIamServer.AccountId}:mfa/gexter1-phone");
        await ScreenshotAsync(page, "mfa-assign-denied");
        Assert.Empty((await console.Core.MfaDevices.ListVirtualAsync(ConsoleFixture.Root, "Any")).Items);
    }

    [Fact]
    public async Task Mfa_WrongCodes_CountTowardTheLockout()
    {
        await using var context = await console.FreshContextAsync();
        await CreateMfaUserAsync("gexter1");
        var secret = await EnableDeviceAsync("gexter1");
        var page = await context.NewPageAsync();
        await SignInAsUserAsync(page, "gexter1", Password);

        for (var i = 0; i < SignInLockout.MaxFailures; i++)
        {
            await SubmitCodeAsync(page, TotpCodes.Wrong(secret, TotpCodes.Step(console.Server.Clock.GetUtcNow())));
            await Expect(Alert(page)).ToHaveTextAsync(ConsoleTexts.SignInFailed);
        }

        // Locked: the right code does not help, nor does the right password again.
        await SubmitCodeAsync(page, TotpCodes.At(secret, TotpCodes.Step(console.Server.Clock.GetUtcNow())));
        await Expect(Alert(page)).ToHaveTextAsync(ConsoleTexts.LockedOut);
        await SignInAsUserAsync(page, "gexter1", Password);
        await Expect(Alert(page)).ToHaveTextAsync(ConsoleTexts.LockedOut);
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == ConsoleSetup.CookieName);
    }

    [Fact]
    public async Task Mfa_PasswordAlone_StartsNoSession()
    {
        await using var context = await console.FreshContextAsync();
        await CreateMfaUserAsync("gexter1");
        await EnableDeviceAsync("gexter1");
        var page = await context.NewPageAsync();
        await SignInAsUserAsync(page, "gexter1", Password);
        await Expect(page.GetByLabel("MFA code")).ToBeVisibleAsync();

        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == ConsoleSetup.CookieName);
        await page.GotoAsync("/console/iam/security-credentials");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Exact = true })).ToBeVisibleAsync();

        // A pending step that is not one (made up, or cut short) signs nobody in.
        await SignInAsUserAsync(page, "gexter1", Password);
        await page.Locator($"input[name={LocalIam.Server.Console.Pages.IndexModel.PendingField}]").EvaluateAsync("e => e.value = e.value.slice(0, -4) + 'AAAA'");
        await SubmitCodeAsync(page, "123456");
        await Expect(Alert(page)).ToHaveTextAsync(ConsoleTexts.SignInFailed);
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == ConsoleSetup.CookieName);
    }

    [Fact]
    public async Task SignIn_Succeeds_PasswordLastUsedInGetUserAndTheCredentialReportThroughTheAwsCli()
    {
        await using var context = await console.FreshContextAsync();
        await console.CreateUserAsync("gexter1", Password);
        var cli = new AwsCli(console.Server.Endpoint, LocalIamServer.RootAccessKeyId, LocalIamServer.RootSecret);
        var before = await cli.OkAsync("iam", "get-user", "--user-name", "gexter1");
        Assert.False(before.GetProperty("User").TryGetProperty("PasswordLastUsed", out _));
        var page = await context.NewPageAsync();

        var start = console.Server.Clock.GetUtcNow().AddSeconds(-1);
        await SignInAsUserAsync(page, "gexter1", Password);
        await IdentityAsync(page, "gexter1 @ 1111-2222-3333");

        var used = (await cli.OkAsync("iam", "get-user", "--user-name", "gexter1")).GetProperty("User").GetProperty("PasswordLastUsed").GetDateTimeOffset();
        Assert.InRange(used, start, console.Server.Clock.GetUtcNow().AddSeconds(1));
        await cli.OkAsync("iam", "generate-credential-report");
        var report = Encoding.UTF8.GetString(Convert.FromBase64String((await cli.OkAsync("iam", "get-credential-report")).GetProperty("Content").GetString()!));
        var row = report.Split('\n').Single(l => l.StartsWith("gexter1,", StringComparison.Ordinal)).Split(',');
        Assert.Equal(used.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", System.Globalization.CultureInfo.InvariantCulture), row[4]);
    }

    [Fact]
    public async Task SignIn_FailuresAudited_UnknownUserNameHiddenRootByItsArn()
    {
        await using var context = await console.FreshContextAsync();
        await console.CreateUserAsync("gexter1", Password);
        var page = await context.NewPageAsync();

        await SignInAsUserAsync(page, "gexter1", "Wrong-Password-1");
        await SignInAsUserAsync(page, Password, Password);
        await SignInAsRootAsync(page, "Wrong-Password-2");
        await SignInAsRootAsync(page);

        var events = (await console.Server.Services.GetRequiredService<AuditLog>().QueryAsync(LocalIamServer.AccountId))
            .Where(e => e.Action == ConsoleLogins.Action).OrderBy(e => e.Id).Select(e => (e.PrincipalArn, e.Target, e.Outcome)).ToList();
        var root = $"arn:aws:iam::{LocalIamServer.AccountId}:root";
        Assert.Equal(
            [
                ($"arn:aws:iam::{LocalIamServer.AccountId}:user/gexter1", "gexter1", "Failure"),
                (ConsoleLogins.HiddenUserName, ConsoleLogins.HiddenUserName, "Failure"),
                (root, ConsoleLogins.RootTarget, "Failure"),
                (root, ConsoleLogins.RootTarget, "Success"),
            ],
            events);
    }

    [Fact]
    public async Task MfaStep_CodeOfAnotherUsersDeviceOrAfterAPasswordChange_Refused()
    {
        await using var context = await console.FreshContextAsync();
        await console.CreateUserAsync("gexter1", Password);
        await console.CreateUserAsync("gexter2", Password);
        var secret1 = await EnableDeviceAsync("gexter1");
        var secret2 = await EnableDeviceAsync("gexter2");
        var signIn = console.Server.Services.GetRequiredService<ConsoleSignIn>();
        var step = TotpCodes.Step(console.Server.Clock.GetUtcNow());

        var password = await signIn.UserAsync(LocalIamServer.AccountId, "gexter1", Password);
        Assert.Null(password.Session);
        var other = await signIn.MfaAsync(password.PendingMfa, TotpCodes.At(secret2, step));
        Assert.Equal((null, ConsoleTexts.SignInFailed), (other.Session, other.Failure));
        var own = await signIn.MfaAsync(password.PendingMfa, TotpCodes.At(secret1, step));
        Assert.Equal("gexter1", own.Session!.UserName);
        Assert.Equal(console.Server.Clock.GetUtcNow().UtcDateTime, own.Session.MfaAuthenticatedAt!.Value, TimeSpan.FromSeconds(5));

        var again = await signIn.UserAsync(LocalIamServer.AccountId, "gexter1", Password);
        await console.Core.LoginProfiles.UpdateAsync(ConsoleFixture.Root, "gexter1", "Other-Password-2", null);
        Assert.Null((await signIn.MfaAsync(again.PendingMfa, TotpCodes.At(secret1, step))).Session);
    }

    [Fact]
    public async Task MfaSession_MultiFactorAuthAge_CountsFromTheCode()
    {
        await using var context = await console.FreshContextAsync();
        await console.CreateUserAsync("gexter1", Password);
        await console.Core.InlinePolicies.PutAsync(ConsoleFixture.Root, OwnerKind.User, "gexter1", "RecentMfa", """
            { "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "Action": "account:GetAccountInformation", "Resource": "*",
              "Condition": { "NumericLessThan": { "aws:MultiFactorAuthAge": "600" } } } ] }
            """);
        var secret = await EnableDeviceAsync("gexter1");
        var page = await context.NewPageAsync();
        await SignInWithCodeAsync(page, "gexter1", secret);

        Assert.Equal(200, (await page.GotoAsync("/console/account"))!.Status);
        console.Server.Clock.Advance(TimeSpan.FromMinutes(11));

        Assert.Equal(403, (await page.GotoAsync("/console/account"))!.Status);
    }

    /// <summary>An IAM user with a console password, AWS's self-manage MFA policy, and the Account page only with MFA.</summary>
    private async Task CreateMfaUserAsync(string name)
    {
        await console.CreateUserAsync(name, Password);
        foreach (var (policy, document) in new[] { ("SelfManageMfa", SelfManageMfaPolicy), ("AccountPageWithMfa", AccountPageWithMfaPolicy) })
        {
            await console.Core.Policies.CreateAsync(ConsoleFixture.Root, policy, document);
            await console.Core.Attachments.AttachAsync(ConsoleFixture.Root, OwnerKind.User, name, $"arn:aws:iam::{LocalIamServer.AccountId}:policy/{policy}");
        }
    }

    /// <summary>A virtual device enabled for the user as an administrator would through the API; its base32 secret.</summary>
    private async Task<string> EnableDeviceAsync(string userName)
    {
        var created = await console.Core.MfaDevices.CreateAsync(ConsoleFixture.Root, $"{userName}-phone");
        var step = TotpCodes.Step(console.Server.Clock.GetUtcNow());
        var secret = created.Base32StringSeed;
        await console.Core.MfaDevices.EnableAsync(ConsoleFixture.Root, userName, created.Device.SerialNumber, TotpCodes.At(secret, step - 1), TotpCodes.At(secret, step));
        return secret;
    }

    private async Task SignInWithCodeAsync(IPage page, string userName, string secret)
    {
        await SignInAsUserAsync(page, userName, Password);
        await SubmitCodeAsync(page, TotpCodes.At(secret, TotpCodes.Step(console.Server.Clock.GetUtcNow())));
        await IdentityAsync(page, $"{userName} @ 1111-2222-3333");
    }

    private static async Task SubmitCodeAsync(IPage page, string code)
    {
        await page.GetByLabel("MFA code").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();
    }

    private static async Task AddMfaAsync(IPage page, string code1, string code2)
    {
        await page.GetByLabel("MFA code 1").FillAsync(code1);
        await page.GetByLabel("MFA code 2").FillAsync(code2);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add MFA" }).ClickAsync();
    }
}
