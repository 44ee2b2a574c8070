using LocalIam.E2E.Tests.Support;

namespace LocalIam.E2E.Tests;

/// <summary>
/// The scenario of DESIGN.md, step by step, through the real AWS CLI v2; the billing setting
/// through its JSON operations signed by the AWS SDK's signer.
/// </summary>
public sealed class CliScenarioTests(LocalIamServer server) : IClassFixture<LocalIamServer>
{
    private const string Account = LocalIamServer.AccountId;
    private readonly AwsCli _root = new(server.Endpoint, LocalIamServer.RootAccessKeyId, LocalIamServer.RootSecret);

    [Fact]
    public async Task Scenario_AwsCli_BillingAccessFollowsTheSettingAndPolicies()
    {
        await server.ResetAsync();

        // 1. A new account: the setting is off.
        var (status, body) = await Billing(_root, "get");
        Assert.Equal(200, status);
        Assert.False(body.GetProperty("Enabled").GetBoolean());

        // Root creates the admin group with AdministratorAccess and an admin user with keys.
        await _root.OkAsync("iam", "create-group", "--group-name", "Admins");
        await _root.OkAsync("iam", "attach-group-policy", "--group-name", "Admins", "--policy-arn", "arn:aws:iam::aws:policy/AdministratorAccess");
        await _root.OkAsync("iam", "create-user", "--user-name", "admin");
        await _root.OkAsync("iam", "add-user-to-group", "--group-name", "Admins", "--user-name", "admin");
        var admin = await KeysFor(_root, "admin");

        // 2-3. The admin is denied billing, and cannot turn the setting on, even with AdministratorAccess.
        Assert.Equal("implicitDeny", await Simulate("admin", "aws-portal:ViewBilling"));
        var (denied, reason) = await Billing(admin, "set", "true");
        Assert.Equal(403, denied);
        Assert.Contains("only the AWS account root user can perform billing:UpdateIAMAccessPreference", reason.GetProperty("message").GetString(), StringComparison.Ordinal);

        // 4. Root turns it on; nothing else changes by itself.
        Assert.Equal(200, (await Billing(_root, "set", "true")).Status);
        Assert.Equal("allowed", await Simulate("admin", "aws-portal:ViewBilling"));

        // 5. The admin creates BillingReadOnlyGroup with job-function/Billing and adds gexter1 and gexter2.
        await admin.OkAsync("iam", "create-group", "--group-name", "BillingReadOnlyGroup");
        await admin.OkAsync("iam", "attach-group-policy", "--group-name", "BillingReadOnlyGroup", "--policy-arn", "arn:aws:iam::aws:policy/job-function/Billing");
        foreach (var name in new[] { "gexter1", "gexter2", "outsider" })
        {
            await admin.OkAsync("iam", "create-user", "--user-name", name);
        }

        await admin.OkAsync("iam", "add-user-to-group", "--group-name", "BillingReadOnlyGroup", "--user-name", "gexter1");
        await admin.OkAsync("iam", "add-user-to-group", "--group-name", "BillingReadOnlyGroup", "--user-name", "gexter2");
        var members = await admin.OkAsync("iam", "get-group", "--group-name", "BillingReadOnlyGroup");
        Assert.Equal(["gexter1", "gexter2"], members.GetProperty("Users").EnumerateArray().Select(u => u.GetProperty("UserName").GetString()));

        // 6. gexter1 and gexter2 see billing; a user in no group does not, and the answer names the missing policy.
        Assert.Equal("allowed", await Simulate("gexter1", "aws-portal:ViewBilling"));
        Assert.Equal("allowed", await Simulate("gexter2", "aws-portal:ViewBilling"));
        Assert.Equal("implicitDeny", await Simulate("outsider", "aws-portal:ViewBilling"));
        var gexter1 = await KeysFor(admin, "gexter1");
        Assert.Equal(200, (await Billing(gexter1, "get")).Status);
        var error = await gexter1.FailsAsync("AccessDenied", "iam", "create-user", "--user-name", "intruder");
        Assert.Contains(
            $"User: arn:aws:iam::{Account}:user/gexter1 is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::{Account}:user/intruder because no identity-based policy allows the iam:CreateUser action",
            error, StringComparison.Ordinal);

        // 7. Root turns it off: every IAM principal loses billing at once; root keeps it.
        Assert.Equal(200, (await Billing(_root, "set", "false")).Status);
        Assert.Equal("implicitDeny", await Simulate("gexter1", "aws-portal:ViewBilling"));
        Assert.Equal("implicitDeny", await Simulate("admin", "aws-portal:ViewBilling"));
        Assert.Equal(403, (await Billing(gexter1, "get")).Status);
        Assert.Equal(200, (await Billing(_root, "get")).Status);
    }

    private async Task<string?> Simulate(string user, string action)
    {
        var result = await _root.OkAsync("iam", "simulate-principal-policy", "--policy-source-arn", $"arn:aws:iam::{Account}:user/{user}", "--action-names", action);
        return result.GetProperty("EvaluationResults")[0].GetProperty("EvalDecision").GetString();
    }

    private async Task<AwsCli> KeysFor(AwsCli creator, string user)
    {
        var key = (await creator.OkAsync("iam", "create-access-key", "--user-name", user)).GetProperty("AccessKey");
        return _root.As(key.GetProperty("AccessKeyId").GetString()!, key.GetProperty("SecretAccessKey").GetString()!);
    }

    private Task<(int Status, System.Text.Json.JsonElement Body)> Billing(AwsCli who, params string[] arguments) =>
        NodeScripts.BillingAsync(server.Endpoint, who.AccessKeyId, who.Secret, arguments);
}
