using LocalIam.E2E.Tests.Support;
using static LocalIam.E2E.Tests.Support.StsSetup;

namespace LocalIam.E2E.Tests;

/// <summary>AssumeRole's session policies (PolicyArns and Policy) and the role its ARN names, through the AWS CLI.</summary>
public sealed class CliAssumeRolePolicyTests(LocalIamServer server) : IClassFixture<LocalIamServer>, IAsyncLifetime
{
    private const string ReadOnly = "arn:aws:iam::aws:policy/IAMReadOnlyAccess";
    private readonly AwsCli _root = new(server.Endpoint, LocalIamServer.RootAccessKeyId, LocalIamServer.RootSecret);
    private StsSetup Setup => new(_root);

    public async ValueTask InitializeAsync()
    {
        await server.ResetAsync();
        await Setup.RoleAsync("Admin", Doc(Trusts(UserArn("dev"))));
        await _root.OkAsync("iam", "attach-role-policy", "--role-name", "Admin", "--policy-arn", "arn:aws:iam::aws:policy/AdministratorAccess");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task PolicyArns_ReadOnlySessionOfAnAdminRole_MayReadButNotCreateUser()
    {
        var dev = await Setup.UserAsync("dev");
        var session = Setup.Session(await dev.OkAsync(AssumeRole(RoleArn("Admin"), "read", "--policy-arns", $"arn={ReadOnly}")));

        var users = await session.OkAsync("iam", "list-users");
        var error = await session.FailsAsync("AccessDenied", "iam", "create-user", "--user-name", "intruder");

        Assert.Equal(1, users.GetProperty("Users").GetArrayLength());
        Assert.Contains($"User: arn:aws:sts::{Account}:assumed-role/Admin/read is not authorized to perform: iam:CreateUser", error, StringComparison.Ordinal);
        Assert.Contains("because no session policy allows the iam:CreateUser action", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PolicyArnsAndPolicy_Together_SessionMayDoWhatEitherAllows()
    {
        var dev = await Setup.UserAsync("dev");
        var inline = Doc(Allows("\"iam:CreateUser\""));
        var session = Setup.Session(await dev.OkAsync(AssumeRole(RoleArn("Admin"), "both", "--policy-arns", $"arn={ReadOnly}", "--policy", inline)));

        await session.OkAsync("iam", "create-user", "--user-name", "made");
        await session.OkAsync("iam", "get-user", "--user-name", "made");
        var error = await session.FailsAsync("AccessDenied", "iam", "delete-user", "--user-name", "made");

        Assert.Contains("because no session policy allows the iam:DeleteUser action", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PolicyArns_ManagedPolicyChangedAfterTheSessionStarted_SessionFollowsItsCurrentVersion()
    {
        var dev = await Setup.UserAsync("dev");
        var created = await _root.OkAsync("iam", "create-policy", "--policy-name", "SessionScope", "--policy-document", Doc(Allows("\"iam:ListUsers\"")));
        var scope = created.GetProperty("Policy").GetProperty("Arn").GetString()!;
        var session = Setup.Session(await dev.OkAsync(AssumeRole(RoleArn("Admin"), "scoped", "--policy-arns", $"arn={scope}")));
        await session.OkAsync("iam", "list-users");

        await _root.OkAsync("iam", "create-policy-version", "--policy-arn", scope, "--policy-document", Doc(Allows("\"iam:ListRoles\"")), "--set-as-default");

        await session.FailsAsync("AccessDenied", "iam", "list-users");
        await session.OkAsync("iam", "list-roles");
    }

    [Fact]
    public async Task PolicyArns_NoSuchPolicy_MalformedPolicyDocument()
    {
        var dev = await Setup.UserAsync("dev");
        var missing = $"arn:aws:iam::{Account}:policy/NoSuchPolicy";

        var error = await dev.FailsAsync("MalformedPolicyDocument", AssumeRole(RoleArn("Admin"), "s1", "--policy-arns", $"arn={missing}"));

        Assert.Contains($"Policy {missing} does not exist or is not attachable.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PolicyArns_NotAnArn_ValidationError()
    {
        var dev = await Setup.UserAsync("dev");

        var error = await dev.FailsAsync("ValidationError", AssumeRole(RoleArn("Admin"), "s1", "--policy-arns", "arn=not-an-arn-but-long-enough"));

        Assert.Contains("not-an-arn-but-long-enough is invalid", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PolicyArns_MoreThanTen_ValidationError()
    {
        var dev = await Setup.UserAsync("dev");
        var arns = Enumerable.Range(1, 11).Select(i => $"arn=arn:aws:iam::{Account}:policy/P{i}");

        var error = await dev.FailsAsync("ValidationError", [.. AssumeRole(RoleArn("Admin"), "s1", "--policy-arns"), .. arns]);

        Assert.Contains("Value at 'policyArns' failed to satisfy constraint: Member must have length less than or equal to 10", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RoleArn_InAnotherCase_NamesTheStoredRoleAndIsAuthorizedAsIt()
    {
        var dev = await Setup.UserAsync("dev");

        var assumed = await dev.OkAsync(AssumeRole($"arn:aws:iam::{Account}:role/ADMIN", "upper"));

        Assert.Equal($"arn:aws:sts::{Account}:assumed-role/Admin/upper", assumed.GetProperty("AssumedRoleUser").GetProperty("Arn").GetString());
    }

    [Fact]
    public async Task RoleArn_InAnotherCase_DenyOnTheStoredRoleStillHolds()
    {
        var trustAccount = Doc(Trusts($"arn:aws:iam::{Account}:root"));
        await Setup.RoleAsync("Boss", trustAccount);
        var eve = await Setup.UserAsync("eve", Doc(
            Allows("\"sts:AssumeRole\""),
            $$"""{"Effect":"Deny","Action":"sts:AssumeRole","Resource":"{{RoleArn("Boss")}}"}"""));

        var error = await eve.FailsAsync("AccessDenied", AssumeRole($"arn:aws:iam::{Account}:role/BOSS", "s1"));

        Assert.Contains($"is not authorized to perform: sts:AssumeRole on resource: {RoleArn("Boss")} with an explicit deny", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RoleArn_WithAPathThatIsNotTheRoles_NamesNoRole()
    {
        var dev = await Setup.UserAsync("dev");
        var wrongPath = $"arn:aws:iam::{Account}:role/team/Admin";

        var error = await dev.FailsAsync("AccessDenied", AssumeRole(wrongPath, "s1"));

        Assert.Contains($"User: {UserArn("dev")} is not authorized to perform: sts:AssumeRole on resource: {wrongPath}", error, StringComparison.Ordinal);
    }
}
