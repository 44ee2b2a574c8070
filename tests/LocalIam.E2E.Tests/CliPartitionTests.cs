using System.Text.Json;
using LocalIam.E2E.Tests.Support;

namespace LocalIam.E2E.Tests;

/// <summary>
/// The partition of the signing region (issue 12), through the AWS CLI: a client signing for
/// cn-north-1 talks to aws-cn, as one signing for us-gov-west-1 talks to aws-us-gov. IAM is
/// signed for its one global region per partition; STS for any region of any partition. ARNs in
/// answers and errors name the request's partition, ARN parameters of another partition are
/// AWS's <c>ValidationError: Invalid ARN partition</c> (recorded for AttachRolePolicy in
/// cn-northwest-1), policy resources of another partition are <c>Partition "aws" is not valid for
/// resource ...</c> (recorded for CreatePolicy and PutRolePolicy in aws-cn), and requests are
/// decided on the request's ARNs. The account is one store: the same user reads as
/// <c>arn:aws:</c> from us-east-1.
/// </summary>
public sealed class CliPartitionTests(LocalIamServer server) : IClassFixture<LocalIamServer>, IAsyncLifetime
{
    private const string China = "cn-north-1";
    private static readonly string Account = LocalIamServer.AccountId;

    private readonly AwsCli _root = new(server.Endpoint, LocalIamServer.RootAccessKeyId, LocalIamServer.RootSecret);

    public async ValueTask InitializeAsync() => await server.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Theory]
    [InlineData("cn-north-1", "aws-cn")]
    [InlineData("cn-northwest-1", "aws-cn")]
    [InlineData("us-gov-east-1", "aws-us-gov")]
    [InlineData("us-iso-east-1", "aws-iso")]
    [InlineData("eu-west-1", "aws")]
    public async Task GetCallerIdentity_SignedForARegion_ArnInItsPartition(string region, string partition)
    {
        var identity = await _root.OkAsync("sts", "get-caller-identity", "--region", region);

        Assert.Equal($"arn:{partition}:iam::{Account}:root", identity.GetProperty("Arn").GetString());
    }

    [Theory]
    [InlineData("cn-north-1")]
    [InlineData("us-gov-west-1")]
    [InlineData("us-isob-east-1")]
    public async Task Iam_SignedForAPartitionsGlobalRegion_Accepted(string region)
    {
        await _root.OkAsync("iam", "list-users", "--region", region);
    }

    [Theory]
    [InlineData("cn-northwest-1")]
    [InlineData("us-gov-east-1")]
    public async Task Iam_SignedForAnotherRegionOfThatPartition_SignatureDoesNotMatch(string region)
    {
        var error = await _root.FailsAsync("SignatureDoesNotMatch", "iam", "list-users", "--region", region);

        Assert.Contains($"Credential should be scoped to a valid region, not '{region}'.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task User_CreatedInChina_ItsArnNamesAwsCnThereAndAwsFromUsEast1()
    {
        var created = (await _root.OkAsync("iam", "create-user", "--user-name", "Alice", "--path", "/team/", "--region", China)).GetProperty("User");
        var fromUsEast1 = (await _root.OkAsync("iam", "get-user", "--user-name", "alice")).GetProperty("User");

        Assert.Equal($"arn:aws-cn:iam::{Account}:user/team/Alice", created.GetProperty("Arn").GetString());
        Assert.Equal($"arn:aws:iam::{Account}:user/team/Alice", fromUsEast1.GetProperty("Arn").GetString());
    }

    [Fact]
    public async Task AwsManagedPolicy_AttachedByItsAwsCnArn_ListedWithIt()
    {
        await _root.OkAsync("iam", "create-user", "--user-name", "alice", "--region", China);

        await _root.OkAsync("iam", "attach-user-policy", "--user-name", "alice", "--policy-arn", "arn:aws-cn:iam::aws:policy/ReadOnlyAccess", "--region", China);
        var attached = (await _root.OkAsync("iam", "list-attached-user-policies", "--user-name", "alice", "--region", China)).GetProperty("AttachedPolicies")[0];
        var policy = (await _root.OkAsync("iam", "get-policy", "--policy-arn", "arn:aws-cn:iam::aws:policy/ReadOnlyAccess", "--region", China)).GetProperty("Policy");

        Assert.Equal("arn:aws-cn:iam::aws:policy/ReadOnlyAccess", attached.GetProperty("PolicyArn").GetString());
        Assert.Equal("arn:aws-cn:iam::aws:policy/ReadOnlyAccess", policy.GetProperty("Arn").GetString());
    }

    [Theory]
    [InlineData("cn-north-1", "arn:aws:iam::aws:policy/ReadOnlyAccess")]
    [InlineData("us-east-1", "arn:aws-cn:iam::aws:policy/ReadOnlyAccess")]
    [InlineData("us-gov-west-1", "arn:aws-cn:iam::aws:policy/ReadOnlyAccess")]
    public async Task PolicyArn_OfAnotherPartition_ValidationErrorInvalidArnPartition(string region, string policyArn)
    {
        await _root.OkAsync("iam", "create-user", "--user-name", "alice");

        var error = await _root.FailsAsync("ValidationError", "iam", "attach-user-policy", "--user-name", "alice", "--policy-arn", policyArn, "--region", region);

        Assert.Contains("Invalid ARN partition", error, StringComparison.Ordinal);
        Assert.Equal(0, (await _root.OkAsync("iam", "list-attached-user-policies", "--user-name", "alice")).GetProperty("AttachedPolicies").GetArrayLength());
    }

    [Fact]
    public async Task PolicyDocument_NamingAwsInChina_MalformedAsAwsAnswersIt()
    {
        var error = await _root.FailsAsync("MalformedPolicyDocument", "iam", "create-policy", "--policy-name", "logs", "--region", China,
            "--policy-document", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"logs:PutLogEvents","Resource":"arn:aws:logs:*:*:*"}]}""");

        Assert.Contains("""Partition "aws" is not valid for resource "arn:aws:logs:*:*:*".""", error, StringComparison.Ordinal);
        Assert.Contains("arn:aws-cn:iam::", (await _root.OkAsync("iam", "create-policy", "--policy-name", "logs", "--region", China,
            "--policy-document", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"logs:PutLogEvents","Resource":"arn:aws-cn:logs:*:*:*"}]}"""))
            .GetProperty("Policy").GetProperty("Arn").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PolicyDocument_NamingAwsCnInUsEast1_MalformedAsWell()
    {
        var error = await _root.FailsAsync("MalformedPolicyDocument", "iam", "put-user-policy", "--user-name", "nobody", "--policy-name", "p",
            "--policy-document", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws-cn:s3:::b/*"}]}""");

        Assert.Contains("""Partition "aws-cn" is not valid for resource "arn:aws-cn:s3:::b/*".""", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task User_PolicyNamingAwsCnResources_AllowedInChinaDeniedFromUsEast1WithItsPartitionsArns()
    {
        var alice = await UserAsync("alice",
            $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetUser","Resource":"arn:aws-cn:iam::{{Account}}:user/${aws:username}"}]}""");

        var got = (await alice.OkAsync("iam", "get-user", "--region", China)).GetProperty("User");
        var denied = await alice.FailsAsync("AccessDenied", "iam", "get-user");
        var deniedInChina = await alice.FailsAsync("AccessDenied", "iam", "list-users", "--region", China);

        Assert.Equal($"arn:aws-cn:iam::{Account}:user/alice", got.GetProperty("Arn").GetString());
        Assert.Contains($"User: arn:aws:iam::{Account}:user/alice is not authorized to perform: iam:GetUser on resource: arn:aws:iam::{Account}:user/alice",
            denied, StringComparison.Ordinal);
        Assert.Contains($"User: arn:aws-cn:iam::{Account}:user/alice is not authorized to perform: iam:ListUsers", deniedInChina, StringComparison.Ordinal);
        Assert.DoesNotContain("arn:aws:", deniedInChina, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AssumeRole_InChina_TrustNamingAwsCnRootAdmitsTheSessionItsArnsInAwsCn()
    {
        var alice = await UserAsync("alice",
            $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws-cn:iam::{{Account}}:role/ops"}]}""");
        await _root.OkAsync("iam", "create-role", "--role-name", "ops", "--region", China, "--assume-role-policy-document",
            $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws-cn:iam::{{Account}}:root"},"Action":"sts:AssumeRole"}]}""");

        var assumed = await alice.OkAsync("sts", "assume-role", "--role-arn", $"arn:aws-cn:iam::{Account}:role/ops", "--role-session-name", "s1", "--region", China);
        var credentials = assumed.GetProperty("Credentials");
        var session = alice.As(credentials.GetProperty("AccessKeyId").GetString()!, credentials.GetProperty("SecretAccessKey").GetString()!,
            credentials.GetProperty("SessionToken").GetString());
        var identity = await session.OkAsync("sts", "get-caller-identity", "--region", "cn-northwest-1");
        var fromUsEast1 = await alice.FailsAsync("AccessDenied", "sts", "assume-role", "--role-arn", $"arn:aws:iam::{Account}:role/ops", "--role-session-name", "s2");

        Assert.Equal($"arn:aws-cn:sts::{Account}:assumed-role/ops/s1", assumed.GetProperty("AssumedRoleUser").GetProperty("Arn").GetString());
        Assert.Equal($"arn:aws-cn:sts::{Account}:assumed-role/ops/s1", identity.GetProperty("Arn").GetString());
        Assert.Contains($"arn:aws:iam::{Account}:role/ops", fromUsEast1, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthorizationDetails_InGovCloud_EveryArnMemberInAwsUsGov()
    {
        await _root.OkAsync("iam", "create-group", "--group-name", "admins");
        await _root.OkAsync("iam", "create-user", "--user-name", "bob");
        await _root.OkAsync("iam", "add-user-to-group", "--user-name", "bob", "--group-name", "admins");
        await _root.OkAsync("iam", "attach-group-policy", "--group-name", "admins", "--policy-arn", "arn:aws:iam::aws:policy/AdministratorAccess");

        var details = await _root.OkAsync("iam", "get-account-authorization-details", "--region", "us-gov-west-1");

        var arns = ArnMembers(details).ToList();
        Assert.NotEmpty(arns);
        Assert.All(arns, arn => Assert.StartsWith("arn:aws-us-gov:", arn, StringComparison.Ordinal));
        Assert.Contains($"arn:aws-us-gov:iam::{Account}:user/bob", arns);
        Assert.Contains("arn:aws-us-gov:iam::aws:policy/AdministratorAccess", arns);
    }

    private static IEnumerable<string> ArnMembers(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p =>
            p.Value.ValueKind == JsonValueKind.String && p.Name.EndsWith("Arn", StringComparison.Ordinal) ? [p.Value.GetString()!] : ArnMembers(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(ArnMembers),
        _ => [],
    };

    private async Task<AwsCli> UserAsync(string name, string policy)
    {
        await _root.OkAsync("iam", "create-user", "--user-name", name);
        await _root.OkAsync("iam", "put-user-policy", "--user-name", name, "--policy-name", "p", "--region", China, "--policy-document", policy);
        var key = (await _root.OkAsync("iam", "create-access-key", "--user-name", name)).GetProperty("AccessKey");
        return _root.As(key.GetProperty("AccessKeyId").GetString()!, key.GetProperty("SecretAccessKey").GetString()!);
    }
}
