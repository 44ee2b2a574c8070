using LocalIam.E2E.Tests.Support;
using static LocalIam.E2E.Tests.Support.StsSetup;

namespace LocalIam.E2E.Tests;

/// <summary>AssumeRole's session tags and transitive tag keys, through the AWS CLI.</summary>
public sealed class CliAssumeRoleTagTests(LocalIamServer server) : IClassFixture<LocalIamServer>, IAsyncLifetime
{
    private const string AssumeAndTag = "\"sts:AssumeRole\",\"sts:TagSession\"";

    /// <summary>ListUsers only for a principal tagged team=ops.</summary>
    private static readonly string ListUsersForOps = Doc(Allows("\"iam:ListUsers\"", """{"StringEquals":{"aws:PrincipalTag/team":"ops"}}"""));

    private readonly AwsCli _root = new(server.Endpoint, LocalIamServer.RootAccessKeyId, LocalIamServer.RootSecret);
    private StsSetup Setup => new(_root);

    public async ValueTask InitializeAsync() => await server.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Tags_PassedTag_IsThePrincipalTagThatDecidesACondition()
    {
        await Setup.RoleAsync("Ops", Doc(Trusts(UserArn("dev"), AssumeAndTag)), ListUsersForOps);
        var dev = await Setup.UserAsync("dev");
        var untagged = Setup.Session(await dev.OkAsync(AssumeRole(RoleArn("Ops"), "plain")));
        var tagged = Setup.Session(await dev.OkAsync(AssumeRole(RoleArn("Ops"), "tagged", "--tags", "Key=team,Value=ops")));

        await untagged.FailsAsync("AccessDenied", "iam", "list-users");
        await tagged.OkAsync("iam", "list-users");
    }

    [Fact]
    public async Task Tags_SameKeyAsARoleTagInAnotherCase_SessionTagOverridesIt()
    {
        await Setup.RoleAsync("Ops", Doc(Trusts(UserArn("dev"), AssumeAndTag)), ListUsersForOps, "--tags", "Key=team,Value=dev");
        var dev = await Setup.UserAsync("dev");
        var roleTagged = Setup.Session(await dev.OkAsync(AssumeRole(RoleArn("Ops"), "role-tag")));
        var overridden = Setup.Session(await dev.OkAsync(AssumeRole(RoleArn("Ops"), "session-tag", "--tags", "Key=TEAM,Value=ops")));

        await roleTagged.FailsAsync("AccessDenied", "iam", "list-users");
        await overridden.OkAsync("iam", "list-users");
    }

    [Fact]
    public async Task Tags_TrustPolicyWithoutTagSession_AccessDeniedForStsTagSession()
    {
        await Setup.RoleAsync("Ops", Doc(Trusts(UserArn("dev"))), ListUsersForOps);
        var dev = await Setup.UserAsync("dev");

        var error = await dev.FailsAsync("AccessDenied", AssumeRole(RoleArn("Ops"), "s1", "--tags", "Key=team,Value=ops"));

        Assert.Contains($"User: {UserArn("dev")} is not authorized to perform: sts:TagSession on resource: {RoleArn("Ops")}", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tags_TrustPolicyConditionOnRequestTag_DecidesWhichTagsMayBePassed()
    {
        var tagOnlyDepartments = Trusts(UserArn("dev"), "\"sts:TagSession\"", """{"StringEquals":{"aws:RequestTag/department":["Engineering","Marketing"]}}""");
        await Setup.RoleAsync("Ops", Doc(Trusts(UserArn("dev")), tagOnlyDepartments));
        var dev = await Setup.UserAsync("dev");

        await dev.OkAsync(AssumeRole(RoleArn("Ops"), "eng", "--tags", "Key=department,Value=Engineering"));
        var error = await dev.FailsAsync("AccessDenied", AssumeRole(RoleArn("Ops"), "sales", "--tags", "Key=department,Value=Sales"));

        Assert.Contains("sts:TagSession", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TransitiveTags_ChainedSession_InheritsThemAndMayNotOverrideThem()
    {
        await Setup.RoleAsync("Jump", Doc(Trusts(UserArn("dev"), AssumeAndTag)), Doc(Allows(AssumeAndTag)));
        await Setup.RoleAsync("Ops", Doc(Trusts(RoleArn("Jump"), AssumeAndTag)), ListUsersForOps);
        var dev = await Setup.UserAsync("dev");
        var jump = Setup.Session(await dev.OkAsync(AssumeRole(RoleArn("Jump"), "hop1", "--tags", "Key=team,Value=ops", "Key=shift,Value=night",
            "--transitive-tag-keys", "team")));

        var chained = Setup.Session(await jump.OkAsync(AssumeRole(RoleArn("Ops"), "hop2")));
        await chained.OkAsync("iam", "list-users");
        var error = await jump.FailsAsync("InvalidParameterValue", AssumeRole(RoleArn("Ops"), "hop3", "--tags", "Key=Team,Value=dev"));

        Assert.Contains("One of the specified transitive tag keys can't be set because it conflicts with a transitive tag key from the calling session.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TransitiveTags_NotTransitive_NotInheritedByTheChainedSession()
    {
        await Setup.RoleAsync("Jump", Doc(Trusts(UserArn("dev"), AssumeAndTag)), Doc(Allows(AssumeAndTag)));
        await Setup.RoleAsync("Ops", Doc(Trusts(RoleArn("Jump"), AssumeAndTag)), ListUsersForOps);
        var dev = await Setup.UserAsync("dev");
        var jump = Setup.Session(await dev.OkAsync(AssumeRole(RoleArn("Jump"), "hop1", "--tags", "Key=team,Value=ops")));

        var chained = Setup.Session(await jump.OkAsync(AssumeRole(RoleArn("Ops"), "hop2")));

        await chained.FailsAsync("AccessDenied", "iam", "list-users");
    }

    [Fact]
    public async Task Tags_KeysDifferingOnlyInCase_InvalidParameterValue()
    {
        await Setup.RoleAsync("Ops", Doc(Trusts(UserArn("dev"), AssumeAndTag)));
        var dev = await Setup.UserAsync("dev");

        var error = await dev.FailsAsync("InvalidParameterValue", AssumeRole(RoleArn("Ops"), "s1", "--tags", "Key=team,Value=a", "Key=Team,Value=b"));

        Assert.Contains("Duplicate tag keys found. Please note that Tag keys are case insensitive.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TransitiveTagKeys_KeyNotAmongTheTags_InvalidParameterValue()
    {
        await Setup.RoleAsync("Ops", Doc(Trusts(UserArn("dev"), AssumeAndTag)));
        var dev = await Setup.UserAsync("dev");

        var error = await dev.FailsAsync("InvalidParameterValue", AssumeRole(RoleArn("Ops"), "s1", "--tags", "Key=team,Value=a", "--transitive-tag-keys", "project"));

        Assert.Contains("The specified transitive tag key must be included in the requested tags.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tags_MoreThanFifty_ValidationError()
    {
        await Setup.RoleAsync("Ops", Doc(Trusts(UserArn("dev"), AssumeAndTag)));
        var dev = await Setup.UserAsync("dev");
        var tags = Enumerable.Range(1, 51).Select(i => $"Key=k{i},Value=v");

        var error = await dev.FailsAsync("ValidationError", [.. AssumeRole(RoleArn("Ops"), "s1", "--tags"), .. tags]);

        Assert.Contains("Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tags_ValueWithACharacterOutsideThePattern_ValidationError()
    {
        await Setup.RoleAsync("Ops", Doc(Trusts(UserArn("dev"), AssumeAndTag)));
        var dev = await Setup.UserAsync("dev");

        var error = await dev.FailsAsync("ValidationError", AssumeRole(RoleArn("Ops"), "s1", "--tags", "Key=team,Value=a#b"));

        Assert.Contains(@"1 validation error detected: Value 'a#b' at 'tags.1.member.value' failed to satisfy constraint: Member must satisfy regular expression pattern: [\p{L}\p{Z}\p{N}_.:/=+\-@]*",
            error, StringComparison.Ordinal);
    }
}
