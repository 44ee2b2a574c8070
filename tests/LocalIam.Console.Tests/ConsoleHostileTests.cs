using System.Diagnostics;
using System.Text.RegularExpressions;
using LocalIam.Console.Tests.Support;
using LocalIam.E2E.Tests.Support;
using LocalIam.Iam.Errors;
using LocalIam.Storage.Entities;
using Microsoft.Playwright;

namespace LocalIam.Console.Tests;

/// <summary>
/// A hostile signed-in user (or learner) sending raw requests with the session cookie: bad input
/// is never a 500 or a stack trace, every handler is authorized on the entity it acts on, a refused
/// create leaves nothing behind, the work of a request stays bounded and secrets stay out of
/// URLs and headers. The store is checked through the core as root.
/// </summary>
public sealed partial class ConsoleHostileTests(ConsoleFixture console) : IClassFixture<ConsoleFixture>
{
    private const string Password = "Hostile-Password-1";
    private const string Account = LocalIamServer.AccountId;

    // ---- 1. bad input ------------------------------------------------------------------------

    [Fact]
    public async Task RoutesAndQueries_ControlCharactersAndOtherCase_AreNeverAServerError()
    {
        await using var context = await console.FreshContextAsync();
        await console.Core.Users.CreateAsync(ConsoleFixture.Root, "gexter1");
        await console.Core.Groups.CreateAsync(ConsoleFixture.Root, "Admins");
        var http = await SignInAsync(context, null);

        // Other case finds the stored entity, as IAM names are unique whatever their case.
        await AssertPageAsync(http, "/console/iam/users/Gexter1", 200, "arn:aws:iam::111122223333:user/gexter1");
        await AssertPageAsync(http, "/console/iam/groups/ADMINS", 200, "arn:aws:iam::111122223333:group/Admins");
        await AssertPageAsync(http, "/console/iam/roles/NoSuchRole", 404, "NoSuchRole");

        string[] hostile = ["%01", "%1F", "%7F", "%EF%BF%BF", "%ED%A0%80", "a%0D%0Ab", "%00", "%C0%AF", "..%2F..%2F", "%25", new string('a', 5000)];
        foreach (var bad in hostile)
        {
            foreach (var url in (string[])[
                $"/console/iam/users/{bad}", $"/console/iam/users/{bad}?tab=security_credentials", $"/console/iam/users/gexter1?tab={bad}",
                $"/console/iam/users/{bad}/mfa", $"/console/iam/groups/{bad}", $"/console/iam/roles/{bad}",
                $"/console/iam/users?filter={bad}", $"/console/iam/users?marker={bad}", $"/console/iam/groups?filter={bad}", $"/console/iam/roles?filter={bad}",
                $"/console/iam/policies?q={bad}", $"/console/iam/policies?type={bad}", $"/console/iam/policies?pageNumber={bad}",
                $"/console/iam/policies/{bad}", $"/console/iam/policies/arn:aws:iam::aws:policy/{bad}?tab=versions&version={bad}",
                $"/console/iam/policies/arn:aws:iam::aws:policy/ReadOnlyAccess?tab={bad}&version={bad}",
                $"/console/iam/settings?edit={bad}", $"/console?signin={bad}&account={bad}&ReturnUrl={bad}"])
            {
                var response = await http.GetAsync(url, new() { MaxRedirects = 0 });
                await AssertNoServerErrorAsync(response, url);
            }
        }

        foreach (var number in (string[])["-1", "0", "99999999999999999999", "2147483647", "abc"])
        {
            await AssertNoServerErrorAsync(await http.GetAsync($"/console/iam/policies?pageNumber={number}"), number);
        }
    }

    [Fact]
    public async Task PostedFields_ControlCharactersAndHugeValues_AreRefusedWithoutServerErrorAndWriteNothing()
    {
        await using var context = await console.FreshContextAsync();
        var http = await SignInAsync(context, null);
        var token = await TokenAsync(http);
        var huge = new string('x', 1024 * 1024);
        foreach (var bad in (string[])["a%01b", "%7F", "%EF%BF%BF", "%ED%A0%80", "a%0D%0Ab", Uri.EscapeDataString(huge)])
        {
            foreach (var (url, form) in (ValueTuple<string, string>[])[
                ("/console/iam/users/create", $"UserName={bad}&ConsoleAccess=true&PasswordKind=custom&Custom={bad}&Groups={bad}&Policies={bad}"),
                ("/console/iam/users/create", $"UserName={bad}"),
                ("/console/iam/groups/create", $"GroupName={bad}&Users={bad}&Policies={bad}"),
                ("/console/iam/groups/create", $"GroupName={bad}"),
                ("/console/iam/policies/create", $"PolicyName={bad}&Description={bad}&Document={bad}"),
                ("/console/iam/settings?handler=CreateAlias", $"NewAlias={bad}"),
                ("/console/iam/settings?handler=PasswordPolicy", $"MinimumLength={bad}&ExpireDays={bad}&Remember={bad}"),
                ("/console/simulator", $"Principal={bad}&Actions={bad}&Resource={bad}&Context={bad}"),
                ("/console/simulator", $"Principal=arn:aws:iam::{Account}:user/x&Actions=iam:GetUser&Context=k={bad}"),
                ($"/console/iam/users/{bad}/mfa?handler=Create", $"DeviceName={bad}&DeviceType=authenticator-app"),
                ($"/console/iam/users/{bad}/mfa?handler=Enable", $"Enrolment={bad}&MfaCode1={bad}&MfaCode2={bad}"),
                ($"/console/iam/users/{bad}/mfa?handler=Remove", $"SerialNumber={bad}"),
                ($"/console/iam/users/{bad}?handler=CreateAccessKey", string.Empty),
                ($"/console/iam/groups/{bad}?handler=RemoveUser", $"userName={bad}"),
                ($"/console/iam/groups/{bad}?handler=DetachPolicy", $"policyArn={bad}"),
                ("/console?signin=iam&handler=User", $"account={bad}&UserName={bad}&Password={bad}"),
                ("/console?signin=iam&handler=Mfa", $"PendingMfa={bad}&MfaCode={bad}"),
                ("/console/password", $"OldPassword={bad}&NewPassword={bad}&RetypedPassword={bad}")])
            {
                IAPIResponse response;
                try
                {
                    response = await PostAsync(http, url, form, token);
                }
                catch (PlaywrightException ex) when (form.Length > LocalIam.Server.Hosting.LocalIamApp.MaxRequestBodyBytes
                    && (ex.Message.Contains("EPIPE", StringComparison.Ordinal) || ex.Message.Contains("ECONNRESET", StringComparison.Ordinal)))
                {
                    // A body over the server's limit is refused (413) before it is read to its end: the
                    // connection may close while the client still writes. Nothing was read, so nothing written.
                    continue;
                }

                await AssertNoServerErrorAsync(response, url + " " + form[..Math.Min(form.Length, 80)]);
            }
        }

        // Root is still the only principal, with no policy, alias or password policy made.
        Assert.Empty((await console.Core.Users.ListAsync(ConsoleFixture.Root)).Items);
        Assert.Empty((await console.Core.Groups.ListAsync(ConsoleFixture.Root)).Items);
        Assert.Null((await console.Core.Accounts.GetAsync(Account)).Alias);
        Assert.Empty((await console.Core.MfaDevices.ListVirtualAsync(ConsoleFixture.Root, null)).Items);
    }

    [Fact]
    public async Task PasswordPolicy_NumbersThatAreNotNumbers_AreRefusedAndChangeNothing()
    {
        await using var context = await console.FreshContextAsync();
        var http = await SignInAsync(context, null);
        var token = await TokenAsync(http);
        foreach (var form in (string[])["MinimumLength=abc", "MinimumLength=99999999999999", "MinimumLength=12&ExpireDays=abc", "MinimumLength=12&Remember=1e3", "MinimumLength=-1", "MinimumLength=129", "MinimumLength=12&ExpireDays=0", "MinimumLength=12&ExpireDays=1096", "MinimumLength=12&Remember=25"])
        {
            var response = await PostAsync(http, "/console/iam/settings?handler=PasswordPolicy", form, token);
            Assert.True(response.Status == 400, $"{form}: {response.Status}");
            await AssertNoServerErrorAsync(response, form);
            var error = await Assert.ThrowsAsync<IamException>(() => console.Core.Accounts.GetPasswordPolicyAsync(ConsoleFixture.Root));
            Assert.Equal(IamErrorCode.NoSuchEntity, error.Code);
        }
    }

    [Fact]
    public async Task ThousandsOfValuesInOnePost_AreAnsweredQuicklyAndWriteNothing()
    {
        await using var context = await console.FreshContextAsync();
        await console.Core.Users.CreateAsync(ConsoleFixture.Root, "x");
        var http = await SignInAsync(context, null);
        var token = await TokenAsync(http);
        var many = string.Concat(Enumerable.Range(0, 10_000).Select(i => $"&Policies=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FP{i}"));
        var manyUsers = string.Concat(Enumerable.Range(0, 10_000).Select(i => $"&Users=u{i}"));
        var manyGroups = string.Concat(Enumerable.Range(0, 10_000).Select(i => $"&Groups=g{i}"));
        var context10k = Uri.EscapeDataString(string.Join('\n', Enumerable.Range(0, 100_000).Select(i => $"k{i}=v")));
        foreach (var (url, form) in (ValueTuple<string, string>[])[
            ("/console/iam/users/create", "UserName=many" + many),
            ("/console/iam/users/create", "UserName=many" + manyGroups),
            ("/console/iam/groups/create", "GroupName=many" + many),
            ("/console/iam/groups/create", "GroupName=many" + manyUsers),
            ("/console/iam/users/create", "UserName=many&search=1" + many),
            ("/console/simulator", $"Principal=arn%3Aaws%3Aiam%3A%3A{Account}%3Auser%2Fx&Actions=iam%3AGetUser&Context={context10k}")])
        {
            var watch = Stopwatch.StartNew();
            var response = await PostAsync(http, url, form, token);
            watch.Stop();
            await AssertNoServerErrorAsync(response, url);
            // The simulator runs (one action, 100,000 context keys); the creates are refused (form value count, LimitExceeded).
            Assert.True(url == "/console/simulator" ? response.Status == 200 : response.Status is 400 or 409, $"{url} {form[..40]}: {response.Status}");
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"{url} {form[..40]} took {watch.Elapsed}");
        }

        Assert.Equal(["x"], (await console.Core.Users.ListAsync(ConsoleFixture.Root)).Items.Select(u => u.Name));
        Assert.Empty((await console.Core.Groups.ListAsync(ConsoleFixture.Root)).Items);

        // A field given three times binds its first value: one user, never three.
        Assert.Equal(200, (await PostAsync(http, "/console/iam/users/create", "UserName=many&UserName=other&UserName=third", token)).Status);
        Assert.Equal(["many", "x"], (await console.Core.Users.ListAsync(ConsoleFixture.Root)).Items.Select(u => u.Name).Order());
    }

    // ---- 2. authorization --------------------------------------------------------------------

    [Fact]
    public async Task LowPrivilegeUser_IsRefusedEveryIamPageAndEveryChange_AndTheStoreIsUnchanged()
    {
        await using var context = await console.FreshContextAsync();
        await console.CreateUserAsync("gexter1", Password, false, "IAMUserChangePassword");
        await console.CreateUserAsync("victim", Password);
        await console.Core.Groups.CreateAsync(ConsoleFixture.Root, "Admins");
        await console.Core.Groups.AddUserAsync(ConsoleFixture.Root, "Admins", "victim");
        await console.Core.Attachments.AttachAsync(ConsoleFixture.Root, OwnerKind.Group, "Admins", "arn:aws:iam::aws:policy/AdministratorAccess");
        var customer = await console.Core.Policies.CreateAsync(ConsoleFixture.Root, "Mine", ReadUsers);
        var http = await SignInAsync(context, "gexter1");
        var token = await TokenAsync(http);

        foreach (var url in (string[])["/console/iam", "/console/iam/users", "/console/iam/users/victim", "/console/iam/users/VICTIM?tab=security_credentials",
            "/console/iam/groups", "/console/iam/groups/Admins", "/console/iam/roles", "/console/iam/policies",
            "/console/iam/policies/arn:aws:iam::aws:policy/AdministratorAccess", $"/console/iam/policies/{Uri.EscapeDataString(customer.Arn)}?tab=versions"])
        {
            var response = await http.GetAsync(url, new() { MaxRedirects = 0 });
            Assert.True(response.Status == 403, $"{url}: {response.Status}");
        }

        foreach (var (url, form) in (ValueTuple<string, string>[])[
            ("/console/iam/users/create", "UserName=made&ConsoleAccess=true&PasswordKind=custom&Custom=Made-Password-1"),
            ("/console/iam/groups/create", "GroupName=made"),
            ("/console/iam/groups/Admins?handler=RemoveUser", "userName=victim"),
            ("/console/iam/groups/ADMINS?handler=RemoveUser", "userName=VICTIM"),
            ("/console/iam/groups/Admins?handler=DetachPolicy", "policyArn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FAdministratorAccess"),
            ("/console/iam/users/victim?handler=CreateAccessKey", string.Empty),
            ("/console/iam/users/Victim?handler=CreateAccessKey", string.Empty),
            ("/console/iam/settings?handler=PasswordPolicy", "MinimumLength=20"),
            ("/console/iam/settings?handler=CreateAlias", "NewAlias=hostile-alias"),
            ("/console/iam/policies/create", "PolicyName=made&Document=" + Uri.EscapeDataString(ReadUsers)),
            ($"/console/iam/policies/{Uri.EscapeDataString(customer.Arn)}?handler=Edit", "Document=" + Uri.EscapeDataString(ReadUsers)),
            ($"/console/iam/policies/{Uri.EscapeDataString(customer.Arn)}?handler=Delete", "Confirmation=Mine"),
            ("/console/iam/users/victim/mfa?handler=Create", "DeviceName=stolen&DeviceType=authenticator-app"),
            ("/console/simulator", $"Principal=arn%3Aaws%3Aiam%3A%3A{Account}%3Auser%2Fvictim&Actions=iam%3AGetUser")])
        {
            var response = await PostAsync(http, url, form, token);
            Assert.True(response.Status == 403, $"{url} {form}: {response.Status}");
        }

        Assert.Equal(["gexter1", "victim"], (await console.Core.Users.ListAsync(ConsoleFixture.Root)).Items.Select(u => u.Name).Order());
        Assert.Equal(["Admins"], (await console.Core.Groups.ListAsync(ConsoleFixture.Root)).Items.Select(g => g.Name));
        Assert.Equal(["victim"], (await console.Core.Groups.GetAsync(ConsoleFixture.Root, "Admins")).Users.Select(u => u.Name));
        Assert.Single(await console.Core.Attachments.ListAttachedAsync(ConsoleFixture.Root, OwnerKind.Group, "Admins"));
        Assert.Empty(await console.Core.AccessKeys.ListAsync(ConsoleFixture.Root, "victim"));
        Assert.Null((await console.Core.Accounts.GetAsync(Account)).Alias);
        Assert.Equal(IamErrorCode.NoSuchEntity, (await Assert.ThrowsAsync<IamException>(() => console.Core.Accounts.GetPasswordPolicyAsync(ConsoleFixture.Root))).Code);
        Assert.Empty((await console.Core.MfaDevices.ListVirtualAsync(ConsoleFixture.Root, null)).Items);
        Assert.Equal(["Mine"], (await console.Core.Policies.ListAsync(ConsoleFixture.Root, LocalIam.Iam.Policies.PolicyScope.Local)).Items.Select(p => p.Name));
    }

    [Fact]
    public async Task SelfOnlyUser_CannotActOnAnotherUserByEditingTheName()
    {
        await using var context = await console.FreshContextAsync();
        await console.CreateUserAsync("alice", Password);
        await console.CreateUserAsync("bob", Password);
        await console.Core.InlinePolicies.PutAsync(ConsoleFixture.Root, OwnerKind.User, "alice", "self", $$"""
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Action":"iam:*","Resource":["arn:aws:iam::{{Account}}:user/${aws:username}","arn:aws:iam::{{Account}}:mfa/*"]}]}
            """);
        var http = await SignInAsync(context, "alice");
        var token = await TokenAsync(http);

        Assert.Equal(200, (await http.GetAsync("/console/iam/users/alice?tab=security_credentials")).Status);
        foreach (var name in (string[])["bob", "BOB", "Bob"])
        {
            Assert.Equal(403, (await http.GetAsync($"/console/iam/users/{name}")).Status);
            Assert.Equal(403, (await PostAsync(http, $"/console/iam/users/{name}?handler=CreateAccessKey", string.Empty, token)).Status);
            Assert.Equal(403, (await PostAsync(http, $"/console/iam/users/{name}/mfa?handler=Create", "DeviceName=evil&DeviceType=authenticator-app", token)).Status);
        }

        Assert.Empty(await console.Core.AccessKeys.ListAsync(ConsoleFixture.Root, "bob"));
        Assert.Empty((await console.Core.MfaDevices.ListVirtualAsync(ConsoleFixture.Root, null)).Items);
    }

    /// <summary>
    /// The MFA steps act on the stored user (whatever case was typed, whatever its path): they must be
    /// authorized on that user's ARN, so a Deny on <c>user/admins/*</c> or on <c>user/boss</c> holds.
    /// </summary>
    [Fact]
    public async Task Mfa_OnAnotherUser_IsAuthorizedOnTheStoredUsersArn_NotTheTypedName()
    {
        await using var context = await console.FreshContextAsync();
        await console.Core.Users.CreateAsync(ConsoleFixture.Root, "boss", "/admins/");
        await console.Core.Users.CreateAsync(ConsoleFixture.Root, "chief");
        await console.CreateUserAsync("mallory", Password);
        await console.Core.InlinePolicies.PutAsync(ConsoleFixture.Root, OwnerKind.User, "mallory", "most", $$"""
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Action":"iam:*","Resource":"*"},
              {"Effect":"Deny","Action":["iam:EnableMFADevice","iam:DeactivateMFADevice"],"Resource":["arn:aws:iam::{{Account}}:user/admins/*","arn:aws:iam::{{Account}}:user/chief"]}]}
            """);

        // A device enabled for boss by root, which mallory must not strip.
        var device = await console.Core.MfaDevices.CreateAsync(ConsoleFixture.Root, "boss-phone");
        var step = TotpCodes.Step(console.Server.Clock.GetUtcNow());
        await console.Core.MfaDevices.EnableAsync(ConsoleFixture.Root, "boss", device.Device.SerialNumber,
            TotpCodes.At(device.Base32StringSeed, step - 1), TotpCodes.At(device.Base32StringSeed, step));

        var http = await SignInAsync(context, "mallory");
        var token = await TokenAsync(http);
        foreach (var name in (string[])["boss", "BOSS", "CHIEF", "Chief"])
        {
            var create = await PostAsync(http, $"/console/iam/users/{name}/mfa?handler=Create", $"DeviceName=evil-{name}&DeviceType=authenticator-app", token);
            Assert.True(create.Status == 403, $"Create for {name}: {create.Status}");
        }

        var remove = await PostAsync(http, "/console/iam/users/boss/mfa?handler=Remove", "SerialNumber=" + Uri.EscapeDataString(device.Device.SerialNumber), token);
        Assert.Equal(403, remove.Status);

        var devices = (await console.Core.MfaDevices.ListVirtualAsync(ConsoleFixture.Root, null)).Items;
        var only = Assert.Single(devices);
        Assert.Equal("boss", only.User?.Name);
        Assert.NotNull(only.Device.EnableDate);
    }

    // ---- 3. no half-written data -------------------------------------------------------------

    [Fact]
    public async Task CreateUser_RefusedAtAnyStep_LeavesNoUser()
    {
        await using var context = await console.FreshContextAsync();
        await console.Core.Groups.CreateAsync(ConsoleFixture.Root, "Real");
        var http = await SignInAsync(context, null);
        var token = await TokenAsync(http);
        var eleven = string.Concat(((string[])["ReadOnlyAccess", "IAMReadOnlyAccess", "IAMUserChangePassword", "AdministratorAccess", "PowerUserAccess", "SecurityAudit",
            "AmazonS3ReadOnlyAccess", "AmazonEC2ReadOnlyAccess", "IAMFullAccess", "AmazonS3FullAccess", "AWSBillingReadOnlyAccess"])
            .Select(p => "&Policies=" + Uri.EscapeDataString("arn:aws:iam::aws:policy/" + p)));
        foreach (var (form, status) in (ValueTuple<string, int>[])[
            ("UserName=half1&Policies=" + Uri.EscapeDataString($"arn:aws:iam::{Account}:policy/NoSuchPolicy"), 404),
            ("UserName=half2&Policies=" + Uri.EscapeDataString("arn:aws:iam::aws:policy/NoSuchAwsPolicy"), 404),
            ("UserName=half3&Policies=not-an-arn", 400),
            ("UserName=half4&Groups=NoSuchGroup", 404),
            ("UserName=half5&Groups=Real&Groups=NoSuchGroup", 404),
            ("UserName=half6" + eleven, 409),
            ("UserName=half7&ConsoleAccess=true&PasswordKind=custom&Custom=short", 400)])
        {
            var response = await PostAsync(http, "/console/iam/users/create", form, token);
            Assert.True(response.Status == status, $"{form}: {response.Status}");
            await AssertNoServerErrorAsync(response, form);
        }

        Assert.Empty((await console.Core.Users.ListAsync(ConsoleFixture.Root)).Items);
        Assert.Empty((await console.Core.Groups.GetAsync(ConsoleFixture.Root, "Real")).Users);
    }

    [Fact]
    public async Task CreateGroup_RefusedAtAnyStep_LeavesNoGroup()
    {
        await using var context = await console.FreshContextAsync();
        await console.Core.Users.CreateAsync(ConsoleFixture.Root, "real");
        await console.CreateUserAsync("limited", Password);
        await console.Core.InlinePolicies.PutAsync(ConsoleFixture.Root, OwnerKind.User, "limited", "groups", $$"""
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Action":["iam:CreateGroup","iam:List*","iam:GetGroup","iam:AttachGroupPolicy"],"Resource":"*"}]}
            """);
        var root = await SignInAsync(context, null);
        var token = await TokenAsync(root);
        foreach (var (form, status) in (ValueTuple<string, int>[])[
            ("GroupName=half1&Policies=" + Uri.EscapeDataString($"arn:aws:iam::{Account}:policy/NoSuchPolicy"), 404),
            ("GroupName=half2&Policies=not-an-arn", 400),
            ("GroupName=half3&Users=nosuchuser", 404),
            ("GroupName=half4&Users=real&Users=nosuchuser", 404)])
        {
            var response = await PostAsync(root, "/console/iam/groups/create", form, token);
            Assert.True(response.Status == status, $"{form}: {response.Status}");
            await AssertNoServerErrorAsync(response, form);
        }

        // A user allowed to create the group but not to add users to it.
        await using var other = await console.NewContextAsync();
        var limited = await SignInAsync(other, "limited");
        var refused = await PostAsync(limited, "/console/iam/groups/create", "GroupName=half5&Users=real", await TokenAsync(limited));
        Assert.Equal(403, refused.Status);

        Assert.Empty((await console.Core.Groups.ListAsync(ConsoleFixture.Root)).Items);
    }

    // ---- 4. secrets --------------------------------------------------------------------------

    [Fact]
    public async Task AccessKey_SecretNeverInUrlOrHeaders_AndCsvFileNameOfOddNamesKeepsHeadersWhole()
    {
        await using var context = await console.FreshContextAsync();
        await console.Core.Users.CreateAsync(ConsoleFixture.Root, "key-user");
        var http = await SignInAsync(context, null);
        var token = await TokenAsync(http);

        var created = await PostAsync(http, "/console/iam/users/key-user?handler=CreateAccessKey&tab=security_credentials", string.Empty, token);
        Assert.Equal(200, created.Status);
        var html = await created.TextAsync();
        var secret = System.Net.WebUtility.HtmlDecode(SecretInput().Match(html).Groups[1].Value);
        Assert.Matches("^[A-Za-z0-9/+]{40}$", secret);
        Assert.DoesNotContain(secret, created.Url, StringComparison.Ordinal);
        Assert.DoesNotContain(created.HeadersArray, h => h.Value.Contains(secret, StringComparison.Ordinal));
        Assert.Contains("no-store", created.Headers["cache-control"], StringComparison.Ordinal);

        foreach (var name in (string[])["key-user", "a%22b", "a%0D%0ASet-Cookie:%20x=1", "%E5%90%8D%E5%89%8D", "a%3Bb%5C", "%01"])
        {
            var download = await PostAsync(http, $"/console/iam/users/{name}?handler=DownloadAccessKey", $"accessKeyId=AKIAEXAMPLE&secretAccessKey={Uri.EscapeDataString(secret)}", token);
            await AssertNoServerErrorAsync(download, name);
            Assert.Equal(200, download.Status);
            Assert.DoesNotContain(download.HeadersArray, h => h.Name.Equals("set-cookie", StringComparison.OrdinalIgnoreCase) && h.Value.Contains("x=1", StringComparison.Ordinal));
            var disposition = download.Headers["content-disposition"];
            Assert.StartsWith("attachment;", disposition, StringComparison.Ordinal);
            Assert.DoesNotContain('\r', disposition);
            Assert.DoesNotContain('\n', disposition);
            Assert.Equal($"Access key ID,Secret access key\nAKIAEXAMPLE,{secret}\n", await download.TextAsync());
        }
    }

    // ---- 5. open redirects -------------------------------------------------------------------

    [Fact]
    public async Task SignIn_ReturnUrl_NeverLeavesTheSite()
    {
        await using var context = await console.FreshContextAsync();
        await console.CreateUserAsync("gexter1", Password);
        foreach (var back in (string[])["//evil.example", "/\\evil.example", "https://evil.example/console", "%2F%2Fevil.example", "/console//evil.example",
            "/console/..//evil.example", "/console\\..\\\\evil.example", "\\\\evil.example", "/%09/evil.example", "http:evil.example", "/console@evil.example",
            "javascript:alert(1)", "/console%0D%0ALocation:%20https://evil.example", "%2F%5Cevil.example"])
        {
            await using var fresh = await console.NewContextAsync();
            var http = fresh.APIRequest;
            var signInPage = await http.GetAsync("/console?signin=iam");
            var token = TokenIn(await signInPage.TextAsync());
            var response = await PostAsync(http, $"/console?signin=iam&handler=User&ReturnUrl={Uri.EscapeDataString(back)}",
                $"account={Account}&UserName=gexter1&Password={Password}", token);
            Assert.True(response.Status == 302, $"{back}: {response.Status}");
            var location = response.Headers["location"];
            Assert.StartsWith("/console", location, StringComparison.Ordinal);
            Assert.False(location.StartsWith("//", StringComparison.Ordinal) || location.StartsWith("/\\", StringComparison.Ordinal), location);
            Assert.True(Uri.TryCreate(new Uri(console.Server.Endpoint), location, out var target) && target.Host == "127.0.0.1", $"{back} -> {location}");
        }
    }

    // ---- helpers -----------------------------------------------------------------------------

    private const string ReadUsers = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetUser","Resource":"*"}]}""";

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"|type=\"hidden\" name=\"__RequestVerificationToken\" value=\"([^\"]+)\"|name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();

    [GeneratedRegex("name=\"secretAccessKey\" value=\"([^\"]+)\"")]
    private static partial Regex SecretInput();

    private static string TokenIn(string html)
    {
        var match = TokenInput().Match(html);
        Assert.True(match.Success, "no antiforgery token on the page");
        return match.Groups.Values.Skip(1).First(g => g.Success).Value;
    }

    private static async Task<string> TokenAsync(IAPIRequestContext http) => TokenIn(await (await http.GetAsync("/console")).TextAsync());

    /// <summary>Signs the context in (root when <paramref name="user"/> is null) by posting the sign-in form.</summary>
    private static async Task<IAPIRequestContext> SignInAsync(IBrowserContext context, string? user)
    {
        var http = context.APIRequest;
        var choice = user is null ? "root" : "iam";
        var token = TokenIn(await (await http.GetAsync($"/console?signin={choice}")).TextAsync());
        var form = user is null
            ? $"Email={Uri.EscapeDataString(LocalIamServer.RootEmail)}&Password={Uri.EscapeDataString(LocalIamServer.RootPassword)}"
            : $"account={Account}&UserName={user}&Password={Password}";
        var response = await PostAsync(http, $"/console?signin={choice}&handler={(user is null ? "Root" : "User")}", form, token);
        Assert.Equal(302, response.Status);
        return http;
    }

    private static Task<IAPIResponse> PostAsync(IAPIRequestContext http, string url, string form, string token) =>
        http.PostAsync(url, new()
        {
            Data = (form.Length == 0 ? string.Empty : form + "&") + "__RequestVerificationToken=" + Uri.EscapeDataString(token),
            Headers = new Dictionary<string, string> { ["Content-Type"] = "application/x-www-form-urlencoded" },
            MaxRedirects = 0,
            Timeout = 60_000,
        });

    private static async Task AssertPageAsync(IAPIRequestContext http, string url, int status, string contains)
    {
        var response = await http.GetAsync(url, new() { MaxRedirects = 0 });
        Assert.True(response.Status == status, $"{url}: {response.Status}");
        Assert.Contains(contains, await response.TextAsync(), StringComparison.Ordinal);
    }

    private static async Task AssertNoServerErrorAsync(IAPIResponse response, string what)
    {
        Assert.True(response.Status < 500, $"{what}: {response.Status}");
        var body = await response.TextAsync();
        Assert.DoesNotContain("Exception:", body, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain("at LocalIam.", body, StringComparison.Ordinal);
    }
}
