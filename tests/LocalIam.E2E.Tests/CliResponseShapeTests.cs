using System.Text.Json;
using LocalIam.E2E.Tests.Support;

namespace LocalIam.E2E.Tests;

/// <summary>
/// Responses carry exactly the members AWS's recorded answers carry (issue 12): the empty result
/// elements AWS always sends, and no member AWS leaves out. Through the AWS CLI v2, whose botocore
/// parses as boto3 does. The expected member sets are AWS's recorded answers: LocalStack's
/// tests/aws/services/iam/test_iam.snapshot.json (recorded against AWS) and moto's
/// tests/test_iam/test_iam_response_attributes.py (marked aws_verified); docs/api.md lists them.
/// </summary>
public sealed class CliResponseShapeTests(LocalIamServer server) : IClassFixture<LocalIamServer>, IAsyncLifetime
{
    private const string Trust = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";
    private const string Boundary = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""";
    private static readonly string[] RoleBase = ["Arn", "AssumeRolePolicyDocument", "CreateDate", "Path", "RoleId", "RoleName"];
    private static readonly string[] UserBase = ["Arn", "CreateDate", "Path", "UserId", "UserName"];
    private static readonly string[] PolicyBase =
        ["Arn", "AttachmentCount", "CreateDate", "DefaultVersionId", "IsAttachable", "Path", "PermissionsBoundaryUsageCount", "PolicyId", "PolicyName", "UpdateDate"];

    private readonly AwsCli _root = new(server.Endpoint, LocalIamServer.RootAccessKeyId, LocalIamServer.RootSecret);

    public async ValueTask InitializeAsync() => await server.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task UpdateRole_AnyCall_AnswersWithItsEmptyResultElement()
    {
        await _root.OkAsync("iam", "create-role", "--role-name", "r", "--assume-role-policy-document", Trust);

        await _root.OkAsync("iam", "update-role", "--role-name", "r", "--description", "d");
        var (status, body) = await Botocore.PostSignedAsync(server.Endpoint, "Action=UpdateRole&Version=2010-05-08&RoleName=r&MaxSessionDuration=7200"u8.ToArray());

        Assert.Equal(200, status);
        Assert.Contains("<UpdateRoleResult />", body, StringComparison.Ordinal);
        Assert.Equal(7200, (await _root.OkAsync("iam", "get-role", "--role-name", "r")).GetProperty("Role").GetProperty("MaxSessionDuration").GetInt32());
    }

    [Fact]
    public async Task Role_CreatedWithNothingOptional_CreateGetAndListCarryWhatAwsRecorded()
    {
        // LocalStack's test_create_describe_role: CreateRole has neither MaxSessionDuration nor RoleLastUsed; GetRole both; ListRoles MaxSessionDuration only.
        var created = (await _root.OkAsync("iam", "create-role", "--role-name", "r", "--path", "/p/", "--assume-role-policy-document", Trust)).GetProperty("Role");
        var got = (await _root.OkAsync("iam", "get-role", "--role-name", "r")).GetProperty("Role");
        var listed = (await _root.OkAsync("iam", "list-roles", "--path-prefix", "/p/")).GetProperty("Roles")[0];

        Assert.Equal(RoleBase, Names(created));
        Assert.Equal(Sorted([.. RoleBase, "MaxSessionDuration", "RoleLastUsed"]), Names(got));
        Assert.Equal(JsonValueKind.Object, got.GetProperty("RoleLastUsed").ValueKind);
        Assert.Empty(Names(got.GetProperty("RoleLastUsed")));
        Assert.Equal(Sorted([.. RoleBase, "MaxSessionDuration"]), Names(listed));
    }

    [Fact]
    public async Task Role_CreatedWithBoundaryTagsAndDescription_ListRolesLeavesOutBoundaryTagsAndLastUsed()
    {
        // moto's test_role_resource_returns_subset_of_available_attributes (aws_verified).
        var boundary = await CreatePolicyAsync("fence", Boundary);
        var created = (await _root.OkAsync("iam", "create-role", "--role-name", "r", "--assume-role-policy-document", Trust, "--description", "d",
            "--permissions-boundary", boundary, "--tags", "Key=team,Value=a")).GetProperty("Role");
        var got = (await _root.OkAsync("iam", "get-role", "--role-name", "r")).GetProperty("Role");
        var listed = (await _root.OkAsync("iam", "list-roles")).GetProperty("Roles")[0];

        Assert.Equal(Sorted([.. RoleBase, "Description", "PermissionsBoundary", "Tags"]), Names(created));
        Assert.Equal(Sorted([.. RoleBase, "Description", "MaxSessionDuration", "PermissionsBoundary", "RoleLastUsed", "Tags"]), Names(got));
        Assert.Equal(Sorted([.. RoleBase, "Description", "MaxSessionDuration"]), Names(listed));
    }

    [Fact]
    public async Task User_CreatedWithBoundaryAndTags_ListUsersLeavesBothOut()
    {
        // moto's test_user_resource_returns_subset_of_available_attributes (aws_verified); ListUsers' reference: "does not return PermissionsBoundary, Tags".
        var boundary = await CreatePolicyAsync("fence", Boundary);
        var created = (await _root.OkAsync("iam", "create-user", "--user-name", "u", "--permissions-boundary", boundary, "--tags", "Key=team,Value=a")).GetProperty("User");
        var got = (await _root.OkAsync("iam", "get-user", "--user-name", "u")).GetProperty("User");
        var listed = (await _root.OkAsync("iam", "list-users")).GetProperty("Users")[0];

        Assert.Equal(Sorted([.. UserBase, "PermissionsBoundary", "Tags"]), Names(created));
        Assert.Equal(Sorted([.. UserBase, "PermissionsBoundary", "Tags"]), Names(got));
        Assert.Equal(UserBase, Names(listed));
    }

    [Fact]
    public async Task Policy_WithDescriptionAndTags_OnlyGetPolicyHasTheDescriptionAndListPoliciesNeither()
    {
        // moto's test_policy_resource_returns_subset_of_available_attributes (aws_verified).
        var created = (await _root.OkAsync("iam", "create-policy", "--policy-name", "p", "--path", "/p/", "--policy-document", Boundary,
            "--description", "d", "--tags", "Key=team,Value=a")).GetProperty("Policy");
        var got = (await _root.OkAsync("iam", "get-policy", "--policy-arn", created.GetProperty("Arn").GetString()!)).GetProperty("Policy");
        var listed = (await _root.OkAsync("iam", "list-policies", "--scope", "Local", "--path-prefix", "/p/")).GetProperty("Policies")[0];

        Assert.Equal(Sorted([.. PolicyBase, "Tags"]), Names(created));
        Assert.Equal(Sorted([.. PolicyBase, "Description", "Tags"]), Names(got));
        Assert.Equal("a", got.GetProperty("Tags")[0].GetProperty("Value").GetString());
        Assert.Equal(PolicyBase, Names(listed));
    }

    [Fact]
    public async Task Policy_WithNothingOptional_GetPolicyStillSendsAnEmptyTagList()
    {
        var created = (await _root.OkAsync("iam", "create-policy", "--policy-name", "p", "--policy-document", Boundary)).GetProperty("Policy");
        var got = (await _root.OkAsync("iam", "get-policy", "--policy-arn", created.GetProperty("Arn").GetString()!)).GetProperty("Policy");

        Assert.Equal(PolicyBase, Names(created));
        Assert.Equal(Sorted([.. PolicyBase, "Tags"]), Names(got));
        Assert.Equal(0, got.GetProperty("Tags").GetArrayLength());
    }

    [Fact]
    public async Task PasswordPolicy_NothingSet_GetLeavesOutTheUnsetMembers()
    {
        await _root.OkAsync("iam", "update-account-password-policy");
        var defaults = (await _root.OkAsync("iam", "get-account-password-policy")).GetProperty("PasswordPolicy");
        await _root.OkAsync("iam", "update-account-password-policy", "--max-password-age", "90");
        var expiring = (await _root.OkAsync("iam", "get-account-password-policy")).GetProperty("PasswordPolicy");

        string[] always = ["AllowUsersToChangePassword", "ExpirePasswords", "MinimumPasswordLength", "RequireLowercaseCharacters", "RequireNumbers", "RequireSymbols", "RequireUppercaseCharacters"];
        Assert.Equal(Sorted(always), Names(defaults));
        Assert.Equal(Sorted([.. always, "HardExpiry", "MaxPasswordAge"]), Names(expiring));
        Assert.False(expiring.GetProperty("HardExpiry").GetBoolean());
    }

    [Fact]
    public async Task GenerateCredentialReport_FirstThenAgain_StartedThenComplete()
    {
        // The AWS CLI's example (awscli/examples/iam/generate-credential-report.rst) answers STARTED with this description.
        var first = await _root.OkAsync("iam", "generate-credential-report");
        var second = await _root.OkAsync("iam", "generate-credential-report");

        Assert.Equal(("STARTED", "No report exists. Starting a new report generation task"),
            (first.GetProperty("State").GetString(), first.GetProperty("Description").GetString()));
        Assert.Equal(["State"], Names(second));
        Assert.Equal("COMPLETE", second.GetProperty("State").GetString());
        await _root.OkAsync("iam", "get-credential-report");
    }

    [Theory]
    [InlineData("attach-user-policy", "--user-name")]
    [InlineData("attach-role-policy", "--role-name")]
    [InlineData("attach-group-policy", "--group-name")]
    public async Task AttachPolicy_PolicyArnThatIsNoArn_ValidationErrorCouldNotBeParsed(string command, string owner)
    {
        // Recorded for users and roles (LocalStack's test_user_attach_policy, test_role_attach_policy); groups alike.
        await _root.OkAsync("iam", "create-user", "--user-name", "o");
        await _root.OkAsync("iam", "create-role", "--role-name", "o", "--assume-role-policy-document", Trust);
        await _root.OkAsync("iam", "create-group", "--group-name", "o");

        var error = await _root.FailsAsync("ValidationError", "iam", command, owner, "o", "--policy-arn", "longpolicynamebutnoarn");
        var notPolicy = await _root.FailsAsync("InvalidInput", "iam", command, owner, "o", "--policy-arn", "arn:aws:s3:::bucket-of-a-policy");

        Assert.Contains("Invalid ARN:  Could not be parsed!", error, StringComparison.Ordinal);
        Assert.Contains("ARN arn:aws:s3:::bucket-of-a-policy is not valid.", notPolicy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SimulatePrincipalPolicy_NamedResource_ResourceSpecificResultsCarryTheMissingContextKeys()
    {
        // The API reference (EvaluationResult): with ResourceArns, missing context keys are listed in
        // ResourceSpecificResults instead, and EvalDecisionDetails is present but empty.
        await _root.OkAsync("iam", "create-user", "--user-name", "u");
        await _root.OkAsync("iam", "put-user-policy", "--user-name", "u", "--policy-name", "p", "--policy-document",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpc":"vpc-1"}}}]}""");
        var arn = $"arn:aws:iam::{LocalIamServer.AccountId}:user/u";

        var named = (await _root.OkAsync("iam", "simulate-principal-policy", "--policy-source-arn", arn, "--action-names", "s3:GetObject",
            "--resource-arns", "arn:aws:s3:::b/k")).GetProperty("EvaluationResults")[0];
        var any = (await _root.OkAsync("iam", "simulate-principal-policy", "--policy-source-arn", arn, "--action-names", "s3:GetObject"))
            .GetProperty("EvaluationResults")[0];

        var specific = Assert.Single(named.GetProperty("ResourceSpecificResults").EnumerateArray());
        Assert.Equal(0, named.GetProperty("MissingContextValues").GetArrayLength());
        Assert.Empty(Names(named.GetProperty("EvalDecisionDetails")));
        Assert.Equal(["EvalResourceDecision", "EvalResourceName", "MatchedStatements", "MissingContextValues"], Names(specific));
        Assert.Equal("aws:SourceVpc", specific.GetProperty("MissingContextValues")[0].GetString());
        Assert.Equal("arn:aws:s3:::b/k", specific.GetProperty("EvalResourceName").GetString());
        Assert.Equal("aws:SourceVpc", any.GetProperty("MissingContextValues")[0].GetString());
        Assert.False(any.TryGetProperty("ResourceSpecificResults", out _) || any.TryGetProperty("EvalDecisionDetails", out _));
    }

    private static string[] Sorted(string[] names) => [.. names.Order(StringComparer.Ordinal)];

    private static string[] Names(JsonElement shape) => [.. shape.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];

    private async Task<string> CreatePolicyAsync(string name, string document) =>
        (await _root.OkAsync("iam", "create-policy", "--policy-name", name, "--policy-document", document)).GetProperty("Policy").GetProperty("Arn").GetString()!;
}
