using System.Globalization;
using System.Net;
using LocalIam.E2E.Tests.Support;

namespace LocalIam.E2E.Tests;

/// <summary>
/// What the credential scope and the time stamp must say, as AWS checks them: IAM and the billing
/// service are signed for us-east-1 only, STS for any commercial region (the AWS CLI signs for
/// the region it is given); X-Amz-Date in ISO 8601 basic format; a missing or unknown Version is
/// InvalidAction.
/// </summary>
public sealed class SigningScopeTests(LocalIamServer server) : IClassFixture<LocalIamServer>
{
    private readonly AwsCli _root = new(server.Endpoint, LocalIamServer.RootAccessKeyId, LocalIamServer.RootSecret);

    [Theory]
    [InlineData("eu-west-1")]
    [InlineData("mars-1")]
    public async Task Cli_IamInAnotherRegion_SignatureDoesNotMatch(string region)
    {
        var error = await _root.FailsAsync("SignatureDoesNotMatch", "iam", "list-users", "--region", region);

        Assert.Contains($"Credential should be scoped to a valid region, not '{region}'.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cli_IamInUsEast1_Succeeds()
    {
        await _root.OkAsync("iam", "list-users", "--region", "us-east-1");
    }

    [Fact]
    public async Task Cli_StsInARegion_Succeeds()
    {
        var identity = await _root.OkAsync("sts", "get-caller-identity", "--region", "eu-west-1");

        Assert.Equal(LocalIamServer.AccountId, identity.GetProperty("Account").GetString());
    }

    [Fact]
    public async Task Cli_StsInNoRealRegion_SignatureDoesNotMatch()
    {
        var error = await _root.FailsAsync("SignatureDoesNotMatch", "sts", "get-caller-identity", "--region", "mars-1");

        Assert.Contains("Credential should be scoped to a valid region, not 'mars-1'.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AssumeRole_SignedForARegion_RequestedRegionIsThatRegion()
    {
        // A user may assume the role only through eu-west-1: the region the request was signed for decides.
        var (user, key) = await UserWithPolicyAsync(
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*","Condition":{"StringEquals":{"aws:RequestedRegion":"eu-west-1"}}}]}""");
        await _root.OkAsync("iam", "create-role", "--role-name", "regional", "--assume-role-policy-document",
            $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{LocalIamServer.AccountId}}:root"},"Action":"sts:AssumeRole"}]}""");
        var role = $"arn:aws:iam::{LocalIamServer.AccountId}:role/regional";
        var caller = _root.As(key.Id, key.Secret);

        await caller.OkAsync("sts", "assume-role", "--role-arn", role, "--role-session-name", "s1", "--region", "eu-west-1");
        await caller.FailsAsync("AccessDenied", "sts", "assume-role", "--role-arn", role, "--role-session-name", "s2", "--region", "us-east-1");
        await _root.OkAsync("iam", "delete-role", "--role-name", "regional");
        await DeleteUserAsync(user, key.Id);
    }

    [Fact]
    public async Task Post_NoVersion_InvalidActionNoVersionSpecified()
    {
        var (status, body) = await SignedPost.SendAsync(server.Endpoint, "Action=ListUsers", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("<Code>InvalidAction</Code>", body, StringComparison.Ordinal);
        Assert.Contains("<Message>Could not find operation ListUsers for version NO_VERSION_SPECIFIED</Message>", body, StringComparison.Ordinal);
        Assert.Contains("xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("iam", "Action=ListUsers&Version=2010-05-09", "Could not find operation ListUsers for version 2010-05-09")]
    [InlineData("iam", "Action=GetCallerIdentity&Version=2011-06-15", "Could not find operation GetCallerIdentity for version 2011-06-15")]
    [InlineData("sts", "Action=ListUsers&Version=2010-05-08", "Could not find operation ListUsers for version 2010-05-08")]
    [InlineData("sts", "Action=GetCallerIdentity", "Could not find operation GetCallerIdentity for version NO_VERSION_SPECIFIED")]
    public async Task Post_VersionOfAnotherServiceOrNone_InvalidAction(string service, string form, string message)
    {
        var (status, body) = await SignedPost.SendAsync(server.Endpoint, form, service: service, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains($"<Message>{message}</Message>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_SignedForS3WithIamVersion_ScopedToCorrectService()
    {
        var (status, body) = await SignedPost.SendAsync(server.Endpoint, "Action=ListUsers&Version=2010-05-08", service: "s3", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("<Message>Credential should be scoped to correct service: &apos;iam&apos;. </Message>", body.Replace("'", "&apos;", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_DateHeaderAsHttpWritesIt_Accepted()
    {
        var now = DateTimeOffset.UtcNow;
        var date = now.UtcDateTime.ToString("r", CultureInfo.InvariantCulture);

        var (status, body) = await SignedPost.SendAsync(server.Endpoint, "Action=ListUsers&Version=2010-05-08", at: now, dateHeader: date,
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(status == HttpStatusCode.OK, body);
    }

    [Fact]
    public async Task Post_DateHeaderInAnotherForm_IncompleteSignature()
    {
        var now = DateTimeOffset.UtcNow;
        var date = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        var (status, body) = await SignedPost.SendAsync(server.Endpoint, "Action=ListUsers&Version=2010-05-08", at: now, dateHeader: date,
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("<Code>IncompleteSignature</Code>", body, StringComparison.Ordinal);
    }

    private async Task<(string User, (string Id, string Secret) Key)> UserWithPolicyAsync(string policy)
    {
        var name = "scope-" + Guid.NewGuid().ToString("N")[..8];
        await _root.OkAsync("iam", "create-user", "--user-name", name);
        await _root.OkAsync("iam", "put-user-policy", "--user-name", name, "--policy-name", "p", "--policy-document", policy);
        var key = (await _root.OkAsync("iam", "create-access-key", "--user-name", name)).GetProperty("AccessKey");
        return (name, (key.GetProperty("AccessKeyId").GetString()!, key.GetProperty("SecretAccessKey").GetString()!));
    }

    private async Task DeleteUserAsync(string user, string keyId)
    {
        await _root.OkAsync("iam", "delete-access-key", "--user-name", user, "--access-key-id", keyId);
        await _root.OkAsync("iam", "delete-user-policy", "--user-name", user, "--policy-name", "p");
        await _root.OkAsync("iam", "delete-user", "--user-name", user);
    }
}
