using LocalIam.E2E.Tests.Support;

namespace LocalIam.E2E.Tests;

/// <summary>
/// A managed policy that reaches a user by two paths — attached directly and through a group, or
/// through two groups — is evaluated once and reported with both paths; nothing crashes. This is
/// what an account looks like while it moves to the lab's admin group.
/// </summary>
public sealed class CliPolicyReachedTwiceTests(LocalIamServer server) : IClassFixture<LocalIamServer>, IAsyncLifetime
{
    private const string Account = LocalIamServer.AccountId;
    private const string AdministratorAccess = "arn:aws:iam::aws:policy/AdministratorAccess";
    private const string IamReadOnly = "arn:aws:iam::aws:policy/IAMReadOnlyAccess";

    private readonly AwsCli _root = new(server.Endpoint, LocalIamServer.RootAccessKeyId, LocalIamServer.RootSecret);

    public async ValueTask InitializeAsync() => await server.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task SignedRequests_AdministratorAccessOnUserAndOnItsGroup_Allowed()
    {
        await _root.OkAsync("iam", "create-group", "--group-name", "Admins");
        await _root.OkAsync("iam", "attach-group-policy", "--group-name", "Admins", "--policy-arn", AdministratorAccess);
        var admin = await UserAsync("admin", "Admins");
        await _root.OkAsync("iam", "attach-user-policy", "--user-name", "admin", "--policy-arn", AdministratorAccess);

        await admin.OkAsync("iam", "create-user", "--user-name", "created-by-admin");
        var users = await admin.OkAsync("iam", "list-users");

        Assert.Contains(users.GetProperty("Users").EnumerateArray(), u => u.GetProperty("UserName").GetString() == "created-by-admin");
    }

    [Fact]
    public async Task SimulatePrincipalPolicy_PolicyThroughTwoGroups_AllowedByThatPolicy()
    {
        await _root.OkAsync("iam", "create-group", "--group-name", "Readers");
        await _root.OkAsync("iam", "create-group", "--group-name", "Auditors");
        await _root.OkAsync("iam", "attach-group-policy", "--group-name", "Readers", "--policy-arn", IamReadOnly);
        await _root.OkAsync("iam", "attach-group-policy", "--group-name", "Auditors", "--policy-arn", IamReadOnly);
        var reader = await UserAsync("reader", "Readers", "Auditors");

        var result = (await _root.OkAsync("iam", "simulate-principal-policy", "--policy-source-arn", $"arn:aws:iam::{Account}:user/reader",
            "--action-names", "iam:GetUser", "iam:CreateUser")).GetProperty("EvaluationResults");
        await reader.OkAsync("iam", "get-user", "--user-name", "reader");
        await reader.FailsAsync("AccessDenied", "iam", "create-user", "--user-name", "nope");

        Assert.Equal("allowed", result[0].GetProperty("EvalDecision").GetString());
        Assert.Equal("IAMReadOnlyAccess", Assert.Single(result[0].GetProperty("MatchedStatements").EnumerateArray()).GetProperty("SourcePolicyId").GetString());
        Assert.Equal("implicitDeny", result[1].GetProperty("EvalDecision").GetString());
    }

    [Fact]
    public async Task SimulatePrincipalPolicy_BoundaryAlsoAttached_EvaluatedAsBoth()
    {
        var user = await UserAsync("bounded");
        await _root.OkAsync("iam", "attach-user-policy", "--user-name", "bounded", "--policy-arn", IamReadOnly);
        await _root.OkAsync("iam", "put-user-permissions-boundary", "--user-name", "bounded", "--permissions-boundary", IamReadOnly);

        var result = (await _root.OkAsync("iam", "simulate-principal-policy", "--policy-source-arn", $"arn:aws:iam::{Account}:user/bounded",
            "--action-names", "iam:ListUsers")).GetProperty("EvaluationResults");
        await user.OkAsync("iam", "list-users");

        Assert.Equal("allowed", result[0].GetProperty("EvalDecision").GetString());
    }

    private async Task<AwsCli> UserAsync(string name, params string[] groups)
    {
        await _root.OkAsync("iam", "create-user", "--user-name", name);
        foreach (var group in groups)
        {
            await _root.OkAsync("iam", "add-user-to-group", "--group-name", group, "--user-name", name);
        }

        var key = (await _root.OkAsync("iam", "create-access-key", "--user-name", name)).GetProperty("AccessKey");
        return _root.As(key.GetProperty("AccessKeyId").GetString()!, key.GetProperty("SecretAccessKey").GetString()!);
    }
}
