using System.Text.Json;
using LocalIam.E2E.Tests.Support;

namespace LocalIam.E2E.Tests;

/// <summary>
/// GetAccountSummary, GetAccountAuthorizationDetails, the context-key operations and policy tags,
/// through the real AWS CLI v2 (which URL-decodes and parses the policy documents it receives).
/// </summary>
public sealed class CliAccountInfoTests(LocalIamServer server) : IClassFixture<LocalIamServer>, IAsyncLifetime
{
    private const string Account = LocalIamServer.AccountId;
    private const string PolicyArns = $"arn:aws:iam::{Account}:policy";
    private const string IamReadOnly = "arn:aws:iam::aws:policy/IAMReadOnlyAccess";
    private const string Trust = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";

    private readonly AwsCli _root = new(server.Endpoint, LocalIamServer.RootAccessKeyId, LocalIamServer.RootSecret);

    public async ValueTask InitializeAsync() => await server.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task GetAccountSummary_AfterCreatingEntities_CountsThemAndReportsQuotas()
    {
        await _root.OkAsync("iam", "create-user", "--user-name", "u1");
        await _root.OkAsync("iam", "create-user", "--user-name", "u2");
        await _root.OkAsync("iam", "create-group", "--group-name", "g1");
        await _root.OkAsync("iam", "create-role", "--role-name", "r1", "--assume-role-policy-document", Trust);
        await _root.OkAsync("iam", "create-policy", "--policy-name", "p1", "--policy-document", Allow("s3:GetObject", "*"));
        await _root.OkAsync("iam", "attach-user-policy", "--user-name", "u1", "--policy-arn", $"{PolicyArns}/p1");
        await _root.OkAsync("iam", "attach-group-policy", "--group-name", "g1", "--policy-arn", IamReadOnly);

        var summary = (await _root.OkAsync("iam", "get-account-summary")).GetProperty("SummaryMap");

        Assert.Equal(2, summary.GetProperty("Users").GetInt32());
        Assert.Equal(1, summary.GetProperty("Groups").GetInt32());
        Assert.Equal(1, summary.GetProperty("Roles").GetInt32());
        Assert.Equal(1, summary.GetProperty("Policies").GetInt32());
        Assert.Equal(2, summary.GetProperty("PolicyVersionsInUse").GetInt32());
        Assert.Equal(1, summary.GetProperty("AccountAccessKeysPresent").GetInt32());
        Assert.Equal(0, summary.GetProperty("AccountMFAEnabled").GetInt32());
        Assert.Equal(0, summary.GetProperty("MFADevices").GetInt32());
        Assert.Equal(5000, summary.GetProperty("UsersQuota").GetInt32());
        Assert.Equal(1500, summary.GetProperty("PoliciesQuota").GetInt32());
        Assert.Equal(6144, summary.GetProperty("PolicySizeQuota").GetInt32());
        Assert.Equal(10240, summary.GetProperty("RolePolicySizeQuota").GetInt32());
        Assert.Equal(2048, summary.GetProperty("AssumeRolePolicySizeQuota").GetInt32());
        Assert.Equal(10, summary.GetProperty("AttachedPoliciesPerGroupQuota").GetInt32());
        Assert.Equal(5, summary.GetProperty("VersionsPerPolicyQuota").GetInt32());
    }

    [Fact]
    public async Task GetAccountSummary_RootKeyDeleted_AccountAccessKeysPresentIsZero()
    {
        var admin = await UserWithPolicyAsync("admin", Allow("iam:*", "*"));
        await _root.OkAsync("iam", "delete-access-key", "--access-key-id", LocalIamServer.RootAccessKeyId);

        var summary = (await admin.OkAsync("iam", "get-account-summary")).GetProperty("SummaryMap");

        Assert.Equal(0, summary.GetProperty("AccountAccessKeysPresent").GetInt32());
        Assert.Equal(1, summary.GetProperty("Users").GetInt32());
    }

    [Fact]
    public async Task GetAccountAuthorizationDetails_WholeAccount_DescribesEntitiesRelationsAndDocuments()
    {
        await _root.OkAsync("iam", "create-policy", "--policy-name", "app-read", "--path", "/app/", "--policy-document", Allow("s3:GetObject", "arn:aws:s3:::reports/100%25/*"));
        await _root.OkAsync("iam", "create-policy-version", "--policy-arn", $"{PolicyArns}/app/app-read", "--policy-document", Allow("s3:ListBucket", "*"));
        await _root.OkAsync("iam", "create-policy", "--policy-name", "fence", "--policy-document", Allow("s3:*", "*"));
        await _root.OkAsync("iam", "create-user", "--user-name", "alice", "--path", "/eng/", "--permissions-boundary", $"{PolicyArns}/fence", "--tags", "Key=team,Value=core");
        await _root.OkAsync("iam", "put-user-policy", "--user-name", "alice", "--policy-name", "own-home", "--policy-document", Allow("s3:PutObject", "arn:aws:s3:::home/${aws:username}/50%25/*"));
        await _root.OkAsync("iam", "attach-user-policy", "--user-name", "alice", "--policy-arn", $"{PolicyArns}/app/app-read");
        await _root.OkAsync("iam", "create-group", "--group-name", "devs");
        await _root.OkAsync("iam", "put-group-policy", "--group-name", "devs", "--policy-name", "devs-logs", "--policy-document", Allow("logs:GetLogEvents", "*"));
        await _root.OkAsync("iam", "attach-group-policy", "--group-name", "devs", "--policy-arn", IamReadOnly);
        await _root.OkAsync("iam", "add-user-to-group", "--group-name", "devs", "--user-name", "alice");
        await _root.OkAsync("iam", "create-role", "--role-name", "app-role", "--assume-role-policy-document", Trust, "--tags", "Key=tier,Value=web");
        await _root.OkAsync("iam", "put-role-policy", "--role-name", "app-role", "--policy-name", "role-queue", "--policy-document", Allow("sqs:SendMessage", "*"));
        await _root.OkAsync("iam", "attach-role-policy", "--role-name", "app-role", "--policy-arn", $"{PolicyArns}/app/app-read");
        await _root.OkAsync("iam", "create-role", "--role-name", "web-role", "--path", "/web/", "--assume-role-policy-document", Trust);
        await _root.OkAsync("iam", "create-instance-profile", "--instance-profile-name", "web-profile", "--path", "/web/", "--tags", "Key=tier,Value=web");
        await _root.OkAsync("iam", "add-role-to-instance-profile", "--instance-profile-name", "web-profile", "--role-name", "web-role");

        var details = await _root.OkAsync("iam", "get-account-authorization-details");

        var alice = Single(details.GetProperty("UserDetailList"), "UserName", "alice");
        Assert.Equal("/eng/", alice.GetProperty("Path").GetString());
        Assert.Equal($"arn:aws:iam::{Account}:user/eng/alice", alice.GetProperty("Arn").GetString());
        Assert.Equal(["devs"], Strings(alice.GetProperty("GroupList")));
        Assert.Equal([$"{PolicyArns}/app/app-read"], Values(alice.GetProperty("AttachedManagedPolicies"), "PolicyArn"));
        Assert.Equal($"{PolicyArns}/fence", alice.GetProperty("PermissionsBoundary").GetProperty("PermissionsBoundaryArn").GetString());
        Assert.Equal("core", Single(alice.GetProperty("Tags"), "Key", "team").GetProperty("Value").GetString());
        var inline = Single(alice.GetProperty("UserPolicyList"), "PolicyName", "own-home");
        Assert.Equal("arn:aws:s3:::home/${aws:username}/50%25/*", FirstStatement(inline.GetProperty("PolicyDocument")).GetProperty("Resource").GetString());

        var devs = Single(details.GetProperty("GroupDetailList"), "GroupName", "devs");
        Assert.Equal(["devs-logs"], Values(devs.GetProperty("GroupPolicyList"), "PolicyName"));
        Assert.Equal([IamReadOnly], Values(devs.GetProperty("AttachedManagedPolicies"), "PolicyArn"));

        var role = Single(details.GetProperty("RoleDetailList"), "RoleName", "app-role");
        Assert.Equal("ec2.amazonaws.com", FirstStatement(role.GetProperty("AssumeRolePolicyDocument")).GetProperty("Principal").GetProperty("Service").GetString());
        Assert.Equal(0, role.GetProperty("InstanceProfileList").GetArrayLength());
        Assert.Equal(["role-queue"], Values(role.GetProperty("RolePolicyList"), "PolicyName"));
        Assert.Equal("web", Single(role.GetProperty("Tags"), "Key", "tier").GetProperty("Value").GetString());
        var web = Single(details.GetProperty("RoleDetailList"), "RoleName", "web-role");
        var profile = Assert.Single(web.GetProperty("InstanceProfileList").EnumerateArray());
        Assert.Equal("web-profile", profile.GetProperty("InstanceProfileName").GetString());
        Assert.Equal($"arn:aws:iam::{Account}:instance-profile/web/web-profile", profile.GetProperty("Arn").GetString());
        Assert.Equal(["web-role"], Values(profile.GetProperty("Roles"), "RoleName"));
        Assert.Equal("web", Single(profile.GetProperty("Tags"), "Key", "tier").GetProperty("Value").GetString());

        // Customer managed policies, and of the AWS managed ones only those in use.
        var policies = details.GetProperty("Policies");
        Assert.Equal(["IAMReadOnlyAccess", "app-read", "fence"], Values(policies, "PolicyName").Order(StringComparer.Ordinal));
        var appRead = Single(policies, "PolicyName", "app-read");
        Assert.Equal(2, appRead.GetProperty("AttachmentCount").GetInt32());
        Assert.True(appRead.GetProperty("IsAttachable").GetBoolean());
        Assert.Equal(["v2", "v1"], Values(appRead.GetProperty("PolicyVersionList"), "VersionId"));
        var v1 = Single(appRead.GetProperty("PolicyVersionList"), "VersionId", "v1");
        Assert.True(v1.GetProperty("IsDefaultVersion").GetBoolean());
        Assert.Equal("arn:aws:s3:::reports/100%25/*", FirstStatement(v1.GetProperty("Document")).GetProperty("Resource").GetString());
        var fence = Single(policies, "PolicyName", "fence");
        Assert.Equal(0, fence.GetProperty("AttachmentCount").GetInt32());
        Assert.Equal(1, fence.GetProperty("PermissionsBoundaryUsageCount").GetInt32());
        Assert.Equal(1, Single(policies, "PolicyName", "IAMReadOnlyAccess").GetProperty("AttachmentCount").GetInt32());
    }

    [Fact]
    public async Task GetAccountAuthorizationDetails_FilterAwsManagedPolicy_OnlyAwsPoliciesInUse()
    {
        await _root.OkAsync("iam", "create-user", "--user-name", "bob");
        await _root.OkAsync("iam", "create-group", "--group-name", "readers");
        await _root.OkAsync("iam", "attach-group-policy", "--group-name", "readers", "--policy-arn", IamReadOnly);
        await _root.OkAsync("iam", "create-policy", "--policy-name", "local", "--policy-document", Allow("s3:GetObject", "*"));

        var details = await _root.OkAsync("iam", "get-account-authorization-details", "--filter", "AWSManagedPolicy");

        Assert.Equal([IamReadOnly], Values(details.GetProperty("Policies"), "Arn"));
        Assert.Equal(0, details.GetProperty("UserDetailList").GetArrayLength());
        Assert.Equal(0, details.GetProperty("GroupDetailList").GetArrayLength());
    }

    [Fact]
    public async Task GetAccountAuthorizationDetails_FilterUserAndRole_LeavesOutGroupsAndPolicies()
    {
        await _root.OkAsync("iam", "create-user", "--user-name", "carol");
        await _root.OkAsync("iam", "create-group", "--group-name", "team");
        await _root.OkAsync("iam", "create-role", "--role-name", "worker", "--assume-role-policy-document", Trust);
        await _root.OkAsync("iam", "create-policy", "--policy-name", "local", "--policy-document", Allow("s3:GetObject", "*"));

        var details = await _root.OkAsync("iam", "get-account-authorization-details", "--filter", "User", "Role");

        Assert.Equal(["carol"], Values(details.GetProperty("UserDetailList"), "UserName"));
        Assert.Equal(["worker"], Values(details.GetProperty("RoleDetailList"), "RoleName"));
        Assert.Equal(0, details.GetProperty("GroupDetailList").GetArrayLength());
        Assert.Equal(0, details.GetProperty("Policies").GetArrayLength());
    }

    [Fact]
    public async Task GetAccountAuthorizationDetails_PagesOfTwo_CliFollowsMarkersToEveryEntity()
    {
        foreach (var name in new[] { "u1", "u2", "u3" })
        {
            await _root.OkAsync("iam", "create-user", "--user-name", name);
        }

        await _root.OkAsync("iam", "create-group", "--group-name", "g1");
        await _root.OkAsync("iam", "create-group", "--group-name", "g2");
        await _root.OkAsync("iam", "create-role", "--role-name", "r1", "--assume-role-policy-document", Trust);
        await _root.OkAsync("iam", "create-role", "--role-name", "r2", "--assume-role-policy-document", Trust);
        await _root.OkAsync("iam", "create-policy", "--policy-name", "p1", "--policy-document", Allow("s3:GetObject", "*"));
        await _root.OkAsync("iam", "create-policy", "--policy-name", "p2", "--policy-document", Allow("s3:GetObject", "*"));

        var details = await _root.OkAsync("iam", "get-account-authorization-details", "--page-size", "2");

        Assert.Equal(["u1", "u2", "u3"], Values(details.GetProperty("UserDetailList"), "UserName"));
        Assert.Equal(["g1", "g2"], Values(details.GetProperty("GroupDetailList"), "GroupName"));
        Assert.Equal(["r1", "r2"], Values(details.GetProperty("RoleDetailList"), "RoleName"));
        Assert.Equal(["p1", "p2"], Values(details.GetProperty("Policies"), "PolicyName"));
    }

    [Fact]
    public async Task GetAccountAuthorizationDetails_UnknownFilter_ValidationError()
    {
        var error = await _root.FailsAsync("ValidationError", "iam", "get-account-authorization-details", "--filter", "Computer");

        // IAM names neither the value nor the enum's values (docs/api.md, "Validation").
        Assert.Contains("1 validation error detected: Value at 'filter' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set]",
            error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetContextKeysForCustomPolicy_VariablesAndConditions_EachKeyOnceInOrder()
    {
        // AWS's own example, then a policy that repeats aws:CurrentTime in another case.
        var example = """{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"dynamodb:*","Resource":"arn:aws:dynamodb:us-west-2:123456789012:table/${aws:username}","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2015-08-16T12:00:00Z"}}}}""";
        var other = """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"StringLike":{"s3:prefix":"home/*"},"DateLessThan":{"AWS:CurrentTime":"2030-01-01T00:00:00Z"}}}]}""";

        var keys = await _root.OkAsync("iam", "get-context-keys-for-custom-policy", "--policy-input-list", example, other);

        Assert.Equal(["aws:username", "aws:CurrentTime", "s3:prefix"], Strings(keys.GetProperty("ContextKeyNames")));
    }

    [Fact]
    public async Task GetContextKeysForCustomPolicy_Version2008_VariableIsPlainText()
    {
        var policy = """{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::home/${aws:username}","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}]}""";

        var keys = await _root.OkAsync("iam", "get-context-keys-for-custom-policy", "--policy-input-list", policy);

        Assert.Equal(["aws:SourceIp"], Strings(keys.GetProperty("ContextKeyNames")));
    }

    [Fact]
    public async Task GetContextKeysForCustomPolicy_NotJson_InvalidInput()
    {
        var error = await _root.FailsAsync("InvalidInput", "iam", "get-context-keys-for-custom-policy", "--policy-input-list", """{"Version":""");

        Assert.Contains("Syntax errors in policy.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetContextKeysForPrincipalPolicy_UserInGroup_KeysOfUserGroupAndInputs()
    {
        await _root.OkAsync("iam", "create-user", "--user-name", "dana");
        await _root.OkAsync("iam", "put-user-policy", "--user-name", "dana", "--policy-name", "home", "--policy-document",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::home/${aws:username}/*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}]}""");
        await _root.OkAsync("iam", "create-policy", "--policy-name", "mfa", "--policy-document",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}""");
        await _root.OkAsync("iam", "create-group", "--group-name", "ops");
        await _root.OkAsync("iam", "attach-group-policy", "--group-name", "ops", "--policy-arn", $"{PolicyArns}/mfa");
        await _root.OkAsync("iam", "add-user-to-group", "--group-name", "ops", "--user-name", "dana");
        await _root.OkAsync("iam", "create-role", "--role-name", "regional", "--assume-role-policy-document", Trust);
        await _root.OkAsync("iam", "put-role-policy", "--role-name", "regional", "--policy-name", "region", "--policy-document",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:*","Resource":"*","Condition":{"StringEquals":{"aws:RequestedRegion":"eu-west-1"}}}]}""");
        var extra = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"StringLike":{"s3:prefix":"a/*"}}}]}""";

        var user = await _root.OkAsync("iam", "get-context-keys-for-principal-policy", "--policy-source-arn", $"arn:aws:iam::{Account}:user/dana", "--policy-input-list", extra);
        var role = await _root.OkAsync("iam", "get-context-keys-for-principal-policy", "--policy-source-arn", $"arn:aws:iam::{Account}:role/regional");

        Assert.Equal(
            ["aws:MultiFactorAuthPresent", "aws:SourceIp", "aws:username", "s3:prefix"],
            Strings(user.GetProperty("ContextKeyNames")).Order(StringComparer.Ordinal));
        Assert.Equal(["aws:RequestedRegion"], Strings(role.GetProperty("ContextKeyNames")));
    }

    [Fact]
    public async Task GetContextKeysForPrincipalPolicy_MissingUser_NoSuchEntity()
    {
        var error = await _root.FailsAsync("NoSuchEntity", "iam", "get-context-keys-for-principal-policy", "--policy-source-arn", $"arn:aws:iam::{Account}:user/ghost");

        Assert.Contains("The user with name ghost cannot be found.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TagPolicy_ThenUntagOtherCase_ListPolicyTagsFollows()
    {
        await _root.OkAsync("iam", "create-policy", "--policy-name", "tagged", "--policy-document", Allow("s3:GetObject", "*"));
        var arn = $"{PolicyArns}/tagged";

        await _root.OkAsync("iam", "tag-policy", "--policy-arn", arn, "--tags", "Key=env,Value=dev", "Key=Owner,Value=ana");
        var tagged = await _root.OkAsync("iam", "list-policy-tags", "--policy-arn", arn);
        await _root.OkAsync("iam", "untag-policy", "--policy-arn", arn, "--tag-keys", "ENV");
        var untagged = await _root.OkAsync("iam", "list-policy-tags", "--policy-arn", arn);

        Assert.Equal(["Owner=ana", "env=dev"], tagged.GetProperty("Tags").EnumerateArray().Select(t => $"{t.GetProperty("Key").GetString()}={t.GetProperty("Value").GetString()}"));
        Assert.Equal(["Owner"], Values(untagged.GetProperty("Tags"), "Key"));
    }

    [Fact]
    public async Task TagPolicy_AwsManagedPolicy_NoSuchEntity()
    {
        var error = await _root.FailsAsync("NoSuchEntity", "iam", "tag-policy", "--policy-arn", IamReadOnly, "--tags", "Key=env,Value=dev");

        Assert.Contains($"Policy {IamReadOnly} was not found.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewOperations_UserWithNarrowPolicy_AuthorizedOnAwsResources()
    {
        await _root.OkAsync("iam", "create-policy", "--policy-name", "team-a", "--policy-document", Allow("s3:GetObject", "*"));
        await _root.OkAsync("iam", "create-policy", "--policy-name", "other", "--policy-document", Allow("s3:GetObject", "*"));
        await _root.OkAsync("iam", "create-user", "--user-name", "stranger");
        var limited = await UserWithPolicyAsync("limited", $$"""
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Action":"iam:TagPolicy","Resource":"{{PolicyArns}}/team-*"},
              {"Effect":"Allow","Action":"iam:GetContextKeysForPrincipalPolicy","Resource":"arn:aws:iam::{{Account}}:user/limited"},
              {"Effect":"Allow","Action":"iam:GetAccountSummary","Resource":"*"}]}
            """);

        await limited.OkAsync("iam", "tag-policy", "--policy-arn", $"{PolicyArns}/team-a", "--tags", "Key=k,Value=v");
        await limited.OkAsync("iam", "get-context-keys-for-principal-policy", "--policy-source-arn", $"arn:aws:iam::{Account}:user/limited");
        await limited.OkAsync("iam", "get-account-summary");
        var tagOther = await limited.FailsAsync("AccessDenied", "iam", "tag-policy", "--policy-arn", $"{PolicyArns}/other", "--tags", "Key=k,Value=v");
        var keysOther = await limited.FailsAsync("AccessDenied", "iam", "get-context-keys-for-principal-policy", "--policy-source-arn", $"arn:aws:iam::{Account}:user/stranger");
        var details = await limited.FailsAsync("AccessDenied", "iam", "get-account-authorization-details");

        Assert.Contains($"iam:TagPolicy on resource: {PolicyArns}/other", tagOther, StringComparison.Ordinal);
        Assert.Contains($"iam:GetContextKeysForPrincipalPolicy on resource: arn:aws:iam::{Account}:user/stranger", keysOther, StringComparison.Ordinal);
        Assert.Contains("iam:GetAccountAuthorizationDetails", details, StringComparison.Ordinal);
    }

    private static string Allow(string action, string resource) =>
        $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"{{action}}","Resource":"{{resource}}"}]}""";

    private async Task<AwsCli> UserWithPolicyAsync(string user, string policy)
    {
        await _root.OkAsync("iam", "create-user", "--user-name", user);
        await _root.OkAsync("iam", "put-user-policy", "--user-name", user, "--policy-name", "access", "--policy-document", policy);
        var key = (await _root.OkAsync("iam", "create-access-key", "--user-name", user)).GetProperty("AccessKey");
        return _root.As(key.GetProperty("AccessKeyId").GetString()!, key.GetProperty("SecretAccessKey").GetString()!);
    }

    private static JsonElement Single(JsonElement list, string property, string value) =>
        list.EnumerateArray().Single(e => e.GetProperty(property).GetString() == value);

    private static List<string?> Values(JsonElement list, string property) =>
        [.. list.EnumerateArray().Select(e => e.GetProperty(property).GetString())];

    private static List<string?> Strings(JsonElement list) => [.. list.EnumerateArray().Select(e => e.GetString())];

    /// <summary>The CLI hands back policy documents parsed; a statement may be an object or a list.</summary>
    private static JsonElement FirstStatement(JsonElement document)
    {
        var statement = document.GetProperty("Statement");
        return statement.ValueKind == JsonValueKind.Array ? statement[0] : statement;
    }
}
