using System.Net;
using LocalIam.E2E.Tests.Support;

namespace LocalIam.E2E.Tests;

/// <summary>
/// `localiam who-can` and `localiam explain` on an account built with the real AWS CLI: offline on
/// the server's SQLite store and through a running server they give the same answer; exit codes
/// 0/1/2 as documented; refusals in one line, never a stack trace; LocalIam's WhoCan/Explain API
/// answers bad bodies with AWS's ValidationException and refuses callers who may not read the account.
/// </summary>
public sealed class CliAnalysisTests(LocalIamServer server) : IClassFixture<LocalIamServer>, IAsyncLifetime
{
    private readonly AwsCli _root = new(server.Endpoint, LocalIamServer.RootAccessKeyId, LocalIamServer.RootSecret);

    public async ValueTask InitializeAsync()
    {
        if ((await _root.RunAsync("iam", "get-group", "--group-name", "BillingReadOnlyGroup")).Succeeded)
        {
            return;
        }

        // The scenario after root turned the setting on: admins through a group, billing readers through another.
        await _root.OkAsync("iam", "create-group", "--group-name", "Admins");
        await _root.OkAsync("iam", "attach-group-policy", "--group-name", "Admins", "--policy-arn", "arn:aws:iam::aws:policy/AdministratorAccess");
        await _root.OkAsync("iam", "create-group", "--group-name", "BillingReadOnlyGroup", "--path", "/finance/");
        await _root.OkAsync("iam", "attach-group-policy", "--group-name", "BillingReadOnlyGroup", "--policy-arn", "arn:aws:iam::aws:policy/job-function/Billing");
        foreach (var (user, group) in new[] { ("admin", "Admins"), ("Gexter1", "BillingReadOnlyGroup"), ("outsider", null) })
        {
            await _root.OkAsync("iam", "create-user", "--user-name", user);
            if (group is not null)
            {
                await _root.OkAsync("iam", "add-user-to-group", "--group-name", group, "--user-name", user);
            }
        }

        // Reached twice: directly and through its group.
        await _root.OkAsync("iam", "attach-user-policy", "--user-name", "Gexter1", "--policy-arn", "arn:aws:iam::aws:policy/job-function/Billing");
        var (status, body) = await SignedPost.SendJsonAsync(server.Endpoint, "AWSBilling.UpdateIAMAccessPreference", "{\"Enabled\":true}", "billing");
        Assert.True(status == HttpStatusCode.OK, body);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task WhoCan_OfflineAndThroughServer_SameAnswer()
    {
        var offline = await LocalIamCli.RunAsync("who-can", "aws-portal:ViewBilling", "--data", server.DataFolder, "--output", "json");
        var remote = await LocalIamCli.RunAsync(LocalIamCli.RootKeys, "who-can", "aws-portal:ViewBilling", "--endpoint", server.Endpoint, "--output", "json");

        Assert.True(offline.ExitCode == 0, offline.Error);
        Assert.True(remote.ExitCode == 0, remote.Error);
        var answer = LocalIamCli.Json(offline);
        Assert.Equal<string>(["root", "admin", "Gexter1"], answer.GetProperty("Principals").EnumerateArray().Select(p => p.GetString()!).ToArray());
        var gexter = answer.GetProperty("Allowed").EnumerateArray().Single(p => p.GetProperty("Principal").GetString() == "Gexter1");
        Assert.Equal<string>(["attached to user Gexter1", "through group BillingReadOnlyGroup"], gexter.GetProperty("Policy").GetProperty("Paths").EnumerateArray().Select(p => p.GetString()!).ToArray());
        Assert.True(answer.GetProperty("Billing").GetProperty("Enabled").GetBoolean());
        Assert.Equal(
            answer.GetProperty("Allowed").GetRawText(),
            LocalIamCli.Json(remote).GetProperty("Allowed").GetRawText());
    }

    [Fact]
    public async Task WhoCan_OnAnExportedAccountFile_SameAnswerAsOnTheStore()
    {
        var file = Path.Combine(Path.GetTempPath(), $"localiam-account-{Guid.NewGuid():N}.json");
        try
        {
            var exported = await LocalIamCli.RunAsync("export", "--data", server.DataFolder, "--file", file);
            var onFile = await LocalIamCli.RunAsync("who-can", "aws-portal:ViewBilling", "--account", file, "--output", "json");
            var onStore = await LocalIamCli.RunAsync("who-can", "aws-portal:ViewBilling", "--data", server.DataFolder, "--output", "json");
            var explained = await LocalIamCli.RunAsync("explain", "outsider", "aws-portal:ViewBilling", "--account", file);

            Assert.True(exported.ExitCode == 0, exported.Error);
            Assert.True(onFile.ExitCode == 0, onFile.Error);
            Assert.Equal(LocalIamCli.Json(onStore).GetProperty("Allowed").GetRawText(), LocalIamCli.Json(onFile).GetProperty("Allowed").GetRawText());
            Assert.Equal(1, explained.ExitCode);
            Assert.Contains("Add user outsider to group BillingReadOnlyGroup", explained.Output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task WhoCan_MalformedAccountFile_RefusedWithTheJsonPath()
    {
        var file = Path.Combine(Path.GetTempPath(), $"localiam-bad-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, "{\"UserDetailList\":[{\"UserName\":7}]}", TestContext.Current.CancellationToken);
        try
        {
            var run = await LocalIamCli.RunAsync("who-can", "iam:GetUser", "--account", file);

            Assert.Equal((2, $"localiam who-can: `{file}`: $.UserDetailList[0].UserName: expected a string\n"), (run.ExitCode, run.Error.ReplaceLineEndings("\n")));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task WhoCan_Table_ShowsPathsAndDenials()
    {
        var run = await LocalIamCli.RunAsync("who-can", "aws-portal:ViewBilling", "--data", server.DataFolder, "--explain");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("through group BillingReadOnlyGroup", run.Output, StringComparison.Ordinal);
        Assert.Contains("attached to user Gexter1", run.Output, StringComparison.Ordinal);
        Assert.Contains("AdministratorAccess (AWS managed)", run.Output, StringComparison.Ordinal);
        Assert.Contains("Denied: 1 for want of a policy that allows it", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhoCan_OnlyRoot_ExitsOne()
    {
        var run = await LocalIamCli.RunAsync("who-can", "iam:CreateVirtualMFADevice", "arn:aws:iam::111122223333:mfa/root", "--data", server.DataFolder, "--output", "json", "--context", "aws:SourceIp=10.0.0.1");
        var rootOnly = await LocalIamCli.RunAsync("who-can", "billing:UpdateIAMAccessPreference", "--data", server.DataFolder, "--output", "json");

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Equal(1, rootOnly.ExitCode);
        Assert.Equal<string>(["root"], LocalIamCli.Json(rootOnly).GetProperty("Principals").EnumerateArray().Select(p => p.GetString()!).ToArray());
    }

    [Fact]
    public async Task Explain_Allowed_ShowsStatementLinesAndPaths()
    {
        var run = await LocalIamCli.RunAsync("explain", "gexter1", "aws-portal:ViewBilling", "--data", server.DataFolder, "--output", "json");

        Assert.True(run.ExitCode == 0, run.Error);
        var report = LocalIamCli.Json(run);
        Assert.Equal("Allowed", report.GetProperty("Decision").GetString());
        Assert.Equal("Gexter1", report.GetProperty("Principal").GetProperty("Name").GetString());
        var decided = report.GetProperty("Statements").EnumerateArray().First();
        Assert.Equal("Billing", decided.GetProperty("Policy").GetProperty("Name").GetString());
        Assert.Equal("decided: allows", decided.GetProperty("Role").GetString());
        Assert.Contains(decided.GetProperty("Lines").EnumerateArray(), l => l.GetProperty("InStatement").GetBoolean() && l.GetProperty("Text").GetString()!.Contains("\"aws-portal:*Billing\"", StringComparison.Ordinal));
        Assert.Contains(report.GetProperty("Flips").EnumerateArray(), f => f.GetProperty("Change").GetString()!.Contains("turns off", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Explain_NoPolicy_NamesTheGroupToJoinAndWhoMayAddTheUser()
    {
        var run = await LocalIamCli.RunAsync(LocalIamCli.RootKeys, "explain", "outsider", "aws-portal:ViewBilling", "--endpoint", server.Endpoint, "--output", "json");

        Assert.Equal(1, run.ExitCode);
        var report = LocalIamCli.Json(run);
        Assert.Equal("NoIdentityPolicyAllows", report.GetProperty("Reason").GetString());
        var join = report.GetProperty("Flips").EnumerateArray().First(f => f.GetProperty("ChangeAction").GetString() == "iam:AddUserToGroup");
        Assert.Equal("Add user outsider to group BillingReadOnlyGroup, whose policies allow `aws-portal:ViewBilling`", join.GetProperty("Change").GetString());
        Assert.Equal("arn:aws:iam::111122223333:group/finance/BillingReadOnlyGroup", join.GetProperty("ChangeResource").GetString());
        Assert.Equal<string>(["root", "admin"], join.GetProperty("WhoMay").EnumerateArray().Select(p => p.GetString()!).ToArray());
        Assert.True(join.GetProperty("Alone").GetBoolean());
    }

    [Fact]
    public async Task Explain_Table_MarksTheStatement()
    {
        var run = await LocalIamCli.RunAsync("explain", "admin", "iam:CreateUser", "--data", server.DataFolder);

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("Allowed: user admin iam:CreateUser on *", run.Output, StringComparison.Ordinal);
        Assert.Contains("AdministratorAccess (AWS managed; through group Admins)", run.Output, StringComparison.Ordinal);
        Assert.Contains(">    1 |   \"Action\": \"*\",", run.Output, StringComparison.Ordinal);
        Assert.Contains("What would flip it:", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nobody", "aws-portal:ViewBilling", "localiam explain: the account has no user or role `nobody`: give root, a user's name, role/NAME, or an ARN\n")]
    [InlineData("admin", "ViewBilling", "localiam explain: `ViewBilling` is not an action: give it as service:Action, e.g. aws-portal:ViewBilling\n")]
    [InlineData("admin", "iam:Get\u0007User", "localiam explain: `iam:Get\\u0007User` is not an action: give it as service:Action, e.g. aws-portal:ViewBilling\n")]
    public async Task Explain_BadInput_ExitsTwoInOneLine(string principal, string action, string error)
    {
        var run = await LocalIamCli.RunAsync("explain", principal, action, "--data", server.DataFolder);

        Assert.Equal((2, error), (run.ExitCode, run.Error.ReplaceLineEndings("\n")));
    }

    [Fact]
    public async Task Explain_UnknownPrincipalThroughServer_ExitsTwoWithAwsCode()
    {
        var run = await LocalIamCli.RunAsync(LocalIamCli.RootKeys, "explain", "nobody", "iam:GetUser", "--endpoint", server.Endpoint);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("localiam explain: NoSuchEntityException: the account has no user or role `nobody`", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhoCan_ThroughServer_CallerWhoMayNotReadTheAccount_Refused()
    {
        var keys = (await _root.OkAsync("iam", "create-access-key", "--user-name", "outsider")).GetProperty("AccessKey");
        var environment = new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = keys.GetProperty("AccessKeyId").GetString()!,
            ["AWS_SECRET_ACCESS_KEY"] = keys.GetProperty("SecretAccessKey").GetString()!,
        };
        var denied = await LocalIamCli.RunAsync(environment, "who-can", "iam:CreateUser", "--endpoint", server.Endpoint);
        environment["AWS_SECRET_ACCESS_KEY"] = "wrong" + environment["AWS_SECRET_ACCESS_KEY"][5..];
        var forged = await LocalIamCli.RunAsync(environment, "who-can", "iam:CreateUser", "--endpoint", server.Endpoint);
        var nobody = await LocalIamCli.RunAsync("who-can", "iam:CreateUser", "--endpoint", server.Endpoint);

        Assert.Equal(1, denied.ExitCode);
        Assert.Contains("is not authorized to perform: iam:GetAccountAuthorizationDetails", denied.Error, StringComparison.Ordinal);
        Assert.Equal(1, forged.ExitCode);
        Assert.StartsWith("localiam who-can: SignatureDoesNotMatch:", forged.Error, StringComparison.Ordinal);
        Assert.Equal(2, nobody.ExitCode);
        Assert.StartsWith("localiam who-can: no credentials to sign with", nobody.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Options_TwoAccountSources_Refused()
    {
        var run = await LocalIamCli.RunAsync("who-can", "iam:GetUser", "--data", server.DataFolder, "--endpoint", server.Endpoint);
        var missing = await LocalIamCli.RunAsync("who-can", "iam:GetUser", "--data", "/nonexistent/store");

        Assert.Equal((2, "localiam who-can: give one of `--data`/`--database`, `--account` and `--endpoint`\n"), (run.ExitCode, run.Error.ReplaceLineEndings("\n")));
        Assert.Equal(2, missing.ExitCode);
        Assert.StartsWith("localiam who-can: no LocalIam store in `/nonexistent/store`", missing.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("WhoCan", "{\"Action\":7}")]
    [InlineData("WhoCan", "{}")]
    [InlineData("WhoCan", "{\"Action\":\"iam:GetUser\",\"Context\":[1]}")]
    [InlineData("WhoCan", "{\"Action\":\"iam:GetUser\",\"FollowRoleTrust\":\"yes\"}")]
    [InlineData("WhoCan", "{\"Action\":\"iam\\u0000:x\"}")]
    [InlineData("Explain", "{\"Action\":\"iam:GetUser\"}")]
    [InlineData("Explain", "{\"Principal\":{},\"Action\":\"iam:GetUser\"}")]
    public async Task Api_BadBody_ValidationException(string operation, string body)
    {
        var (status, answer) = await SignedPost.SendJsonAsync(server.Endpoint, $"LocalIam_20261201.{operation}", body, "iam", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        // AWS's JSON protocols: a member of the wrong type is SerializationException, a missing or invalid value ValidationException.
        Assert.Matches("\"__type\":\"(ValidationException|SerializationException)\"", answer);
    }
}
