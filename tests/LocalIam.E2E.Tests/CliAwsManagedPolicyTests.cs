using System.Text.Json;
using LocalIam.E2E.Tests.Support;
using LocalIam.Iam.Policies;
using static LocalIam.E2E.Tests.Support.StsSetup;

namespace LocalIam.E2E.Tests;

/// <summary>
/// The whole AWS managed catalogue through the real AWS CLI v2: listed and paged as AWS does, read
/// by get-policy and get-policy-version, attached to users, groups and roles, and enforced.
/// </summary>
public sealed class CliAwsManagedPolicyTests(LocalIamServer server) : IClassFixture<LocalIamServer>, IAsyncLifetime
{
    private const string ReadOnly = "arn:aws:iam::aws:policy/ReadOnlyAccess";
    private const string LambdaBasic = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";
    private const string SsoServiceRole = "arn:aws:iam::aws:policy/aws-service-role/AWSSSOServiceRolePolicy";
    private const string Retired = "arn:aws:iam::aws:policy/service-role/AWSConfigRole";

    private readonly AwsCli _root = new(server.Endpoint, LocalIamServer.RootAccessKeyId, LocalIamServer.RootSecret);

    private StsSetup Setup => new(_root);

    public async ValueTask InitializeAsync() => await server.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task ListPolicies_ScopeAws_CliPagesThroughTheWholeCatalogue()
    {
        // --page-size makes the CLI send MaxItems and follow every Marker itself.
        var listed = await _root.OkAsync("iam", "list-policies", "--scope", "AWS", "--page-size", "300");

        var arns = Values(listed.GetProperty("Policies"), "Arn");
        Assert.Equal(AwsManagedPolicyCatalog.Entries.Count, arns.Count);
        Assert.Equal(AwsManagedPolicyCatalog.Entries.Select(p => p.Arn), arns);
        Assert.Equal(1569, arns.Count);
    }

    [Fact]
    public async Task ListPolicies_MaxItemsAndStartingToken_ResumesWhereThePageEnded()
    {
        var first = await _root.OkAsync("iam", "list-policies", "--scope", "AWS", "--path-prefix", "/job-function/", "--max-items", "4");
        var rest = await _root.OkAsync("iam", "list-policies", "--scope", "AWS", "--path-prefix", "/job-function/", "--starting-token", first.GetProperty("NextToken").GetString()!);

        var names = Values(first.GetProperty("Policies"), "PolicyName").Concat(Values(rest.GetProperty("Policies"), "PolicyName")).ToList();
        Assert.Equal(4, first.GetProperty("Policies").GetArrayLength());
        Assert.Equal(11, names.Count);
        Assert.Contains("Billing", names);
        Assert.Contains("ViewOnlyAccess", names);
    }

    [Theory]
    [InlineData(ReadOnly, "ReadOnlyAccess", "/")]
    [InlineData(LambdaBasic, "AWSLambdaBasicExecutionRole", "/service-role/")]
    [InlineData(SsoServiceRole, "AWSSSOServiceRolePolicy", "/aws-service-role/")]
    public async Task GetPolicyAndVersion_CataloguePolicies_AsAwsDescribesThem(string arn, string name, string path)
    {
        var entry = AwsManagedPolicyCatalog.Current.FindByArn(arn)!;

        var policy = (await _root.OkAsync("iam", "get-policy", "--policy-arn", arn)).GetProperty("Policy");
        var version = (await _root.OkAsync("iam", "get-policy-version", "--policy-arn", arn, "--version-id", entry.DefaultVersionId)).GetProperty("PolicyVersion");
        var versions = (await _root.OkAsync("iam", "list-policy-versions", "--policy-arn", arn)).GetProperty("Versions");

        Assert.Equal(name, policy.GetProperty("PolicyName").GetString());
        Assert.Equal(path, policy.GetProperty("Path").GetString());
        Assert.Equal(entry.PolicyId, policy.GetProperty("PolicyId").GetString());
        Assert.Equal(entry.DefaultVersionId, policy.GetProperty("DefaultVersionId").GetString());
        Assert.True(policy.GetProperty("IsAttachable").GetBoolean());
        Assert.Equal(0, policy.GetProperty("AttachmentCount").GetInt32());
        Assert.Equal(entry.UpdatedAt, policy.GetProperty("UpdateDate").GetDateTime().ToUniversalTime());

        // The CLI URL-decodes and parses the document: the same JSON value as the catalogue's.
        Assert.True(version.GetProperty("IsDefaultVersion").GetBoolean());
        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(entry.Document).RootElement, version.GetProperty("Document")));
        Assert.Equal(entry.DefaultVersionId, Assert.Single(versions.EnumerateArray()).GetProperty("VersionId").GetString());
        var missing = await _root.FailsAsync("NoSuchEntity", "iam", "get-policy-version", "--policy-arn", arn, "--version-id", "v9999");
        Assert.Contains($"Policy {arn} version v9999 does not exist or is not attachable.", missing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AttachUserPolicy_ReadOnlyAccess_ReadsAllowedWritesDeniedNamingThePolicy()
    {
        var reader = await Setup.UserAsync("reader");
        await _root.OkAsync("iam", "attach-user-policy", "--user-name", "reader", "--policy-arn", ReadOnly);

        var users = await reader.OkAsync("iam", "list-users");
        var denied = await reader.FailsAsync("AccessDenied", "iam", "create-user", "--user-name", "intruder");
        var attached = await _root.OkAsync("iam", "list-attached-user-policies", "--user-name", "reader");
        var policy = (await _root.OkAsync("iam", "get-policy", "--policy-arn", ReadOnly)).GetProperty("Policy");

        Assert.Contains("reader", Values(users.GetProperty("Users"), "UserName"));
        Assert.Contains("is not authorized to perform: iam:CreateUser", denied, StringComparison.Ordinal);
        Assert.Equal([ReadOnly], Values(attached.GetProperty("AttachedPolicies"), "PolicyArn"));
        Assert.Equal(1, policy.GetProperty("AttachmentCount").GetInt32());
    }

    [Fact]
    public async Task AttachRolePolicy_ServiceLinkedPolicy_SessionGetsItsRoleReads()
    {
        var dev = await Setup.UserAsync("dev", Doc(Allows("\"sts:AssumeRole\"")));
        await Setup.RoleAsync("sso", Doc(Trusts(UserArn("dev"))));
        await _root.OkAsync("iam", "attach-role-policy", "--role-name", "sso", "--policy-arn", SsoServiceRole);

        var session = Setup.Session(await dev.OkAsync(AssumeRole(RoleArn("sso"), "console")));
        var roles = await session.OkAsync("iam", "list-roles");
        var denied = await session.FailsAsync("AccessDenied", "iam", "list-users");

        Assert.Contains("sso", Values(roles.GetProperty("Roles"), "RoleName"));
        Assert.Contains("is not authorized to perform: iam:ListUsers", denied, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AttachRoleAndGroupPolicy_LambdaBasicExecution_SimulatorAllowsOnlyItsLogActions()
    {
        await Setup.RoleAsync("fn", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}""");
        await _root.OkAsync("iam", "attach-role-policy", "--role-name", "fn", "--policy-arn", LambdaBasic);
        await _root.OkAsync("iam", "create-group", "--group-name", "builders");
        await _root.OkAsync("iam", "attach-group-policy", "--group-name", "builders", "--policy-arn", LambdaBasic);

        var simulated = await _root.OkAsync("iam", "simulate-principal-policy", "--policy-source-arn", RoleArn("fn"),
            "--action-names", "logs:PutLogEvents", "ec2:RunInstances");
        var results = simulated.GetProperty("EvaluationResults").EnumerateArray().ToDictionary(r => r.GetProperty("EvalActionName").GetString()!);
        var entities = await _root.OkAsync("iam", "list-entities-for-policy", "--policy-arn", LambdaBasic);

        Assert.Equal("allowed", results["logs:PutLogEvents"].GetProperty("EvalDecision").GetString());
        var matched = Assert.Single(results["logs:PutLogEvents"].GetProperty("MatchedStatements").EnumerateArray());
        Assert.Equal(("AWSLambdaBasicExecutionRole", "aws-managed"), (matched.GetProperty("SourcePolicyId").GetString(), matched.GetProperty("SourcePolicyType").GetString()));
        Assert.Equal("implicitDeny", results["ec2:RunInstances"].GetProperty("EvalDecision").GetString());
        Assert.Equal(["fn"], Values(entities.GetProperty("PolicyRoles"), "RoleName"));
        Assert.Equal(["builders"], Values(entities.GetProperty("PolicyGroups"), "GroupName"));
        Assert.Equal(2, (await _root.OkAsync("iam", "get-policy", "--policy-arn", LambdaBasic)).GetProperty("Policy").GetProperty("AttachmentCount").GetInt32());
    }

    [Fact]
    public async Task PutUserPermissionsBoundary_ReadOnlyAccess_AdministratorCappedToReads()
    {
        var admin = await Setup.UserAsync("capped");
        await _root.OkAsync("iam", "attach-user-policy", "--user-name", "capped", "--policy-arn", "arn:aws:iam::aws:policy/AdministratorAccess");
        await _root.OkAsync("iam", "put-user-permissions-boundary", "--user-name", "capped", "--permissions-boundary", ReadOnly);

        await admin.OkAsync("iam", "list-roles");
        var denied = await admin.FailsAsync("AccessDenied", "iam", "create-user", "--user-name", "other");

        Assert.Contains("permissions boundary", denied, StringComparison.Ordinal);
        var details = await _root.OkAsync("iam", "get-account-authorization-details", "--filter", "AWSManagedPolicy");
        var policies = details.GetProperty("Policies").EnumerateArray().ToDictionary(p => p.GetProperty("Arn").GetString()!);
        Assert.Equal(["arn:aws:iam::aws:policy/AdministratorAccess", ReadOnly], policies.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(1, policies[ReadOnly].GetProperty("PermissionsBoundaryUsageCount").GetInt32());
    }

    [Fact]
    public async Task AttachUserPolicy_RetiredAwsPolicy_NoSuchEntityLikeAws()
    {
        await _root.OkAsync("iam", "create-user", "--user-name", "late");

        var error = await _root.FailsAsync("NoSuchEntity", "iam", "attach-user-policy", "--user-name", "late", "--policy-arn", Retired);
        var policy = (await _root.OkAsync("iam", "get-policy", "--policy-arn", Retired)).GetProperty("Policy");

        Assert.Contains($"Policy {Retired} does not exist or is not attachable.", error, StringComparison.Ordinal);
        Assert.False(policy.GetProperty("IsAttachable").GetBoolean());
    }

    private static List<string?> Values(JsonElement list, string property) =>
        [.. list.EnumerateArray().Select(e => e.GetProperty(property).GetString())];
}
