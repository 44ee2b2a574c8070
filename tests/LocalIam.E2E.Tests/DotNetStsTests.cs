using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using LocalIam.E2E.Tests.Support;

namespace LocalIam.E2E.Tests;

/// <summary>STS through the AWS SDK for .NET (AWSSDK.SecurityToken): AssumeRole and its credentials.</summary>
public sealed class DotNetStsTests(LocalIamServer server) : IClassFixture<LocalIamServer>
{
    [Fact]
    public async Task AssumeRole_TrustedUser_CredentialsActAsTheRoleSession()
    {
        await server.ResetAsync();
        var root = new AwsCli(server.Endpoint, LocalIamServer.RootAccessKeyId, LocalIamServer.RootSecret);
        var trust = $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{LocalIamServer.AccountId}}:user/builder"},"Action":"sts:AssumeRole"}]}""";
        await root.OkAsync("iam", "create-user", "--user-name", "builder");
        await root.OkAsync("iam", "create-role", "--role-name", "Builds", "--assume-role-policy-document", trust, "--max-session-duration", "7200");
        var key = (await root.OkAsync("iam", "create-access-key", "--user-name", "builder")).GetProperty("AccessKey");
        using var asBuilder = Client(new BasicAWSCredentials(key.GetProperty("AccessKeyId").GetString(), key.GetProperty("SecretAccessKey").GetString()));

        var assumed = await asBuilder.AssumeRoleAsync(new AssumeRoleRequest
        {
            RoleArn = $"arn:aws:iam::{LocalIamServer.AccountId}:role/Builds",
            RoleSessionName = "ci-42",
            DurationSeconds = 7200,
        }, TestContext.Current.CancellationToken);
        using var asSession = Client(new SessionAWSCredentials(assumed.Credentials.AccessKeyId, assumed.Credentials.SecretAccessKey, assumed.Credentials.SessionToken));
        var identity = await asSession.GetCallerIdentityAsync(new GetCallerIdentityRequest(), TestContext.Current.CancellationToken);

        Assert.StartsWith("ASIA", assumed.Credentials.AccessKeyId, StringComparison.Ordinal);
        Assert.InRange(assumed.Credentials.Expiration!.Value, DateTime.UtcNow.AddMinutes(119), DateTime.UtcNow.AddMinutes(121));
        Assert.Equal($"arn:aws:sts::{LocalIamServer.AccountId}:assumed-role/Builds/ci-42", identity.Arn);
        Assert.EndsWith(":ci-42", identity.UserId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AssumeRole_LongerThanTheRoleAllows_ValidationError()
    {
        await server.ResetAsync();
        var root = new AwsCli(server.Endpoint, LocalIamServer.RootAccessKeyId, LocalIamServer.RootSecret);
        var trust = $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{LocalIamServer.AccountId}}:user/shorty"},"Action":"sts:AssumeRole"}]}""";
        await root.OkAsync("iam", "create-user", "--user-name", "shorty");
        await root.OkAsync("iam", "create-role", "--role-name", "Short", "--assume-role-policy-document", trust);
        var key = (await root.OkAsync("iam", "create-access-key", "--user-name", "shorty")).GetProperty("AccessKey");
        using var sts = Client(new BasicAWSCredentials(key.GetProperty("AccessKeyId").GetString(), key.GetProperty("SecretAccessKey").GetString()));

        var error = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() => sts.AssumeRoleAsync(new AssumeRoleRequest
        {
            RoleArn = $"arn:aws:iam::{LocalIamServer.AccountId}:role/Short",
            RoleSessionName = "long",
            DurationSeconds = 7200,
        }, TestContext.Current.CancellationToken));

        Assert.Equal("ValidationError", error.ErrorCode);
        Assert.Contains("MaxSessionDuration", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AssumeRole_SessionPoliciesTagsAndSourceIdentity_SdkSendsThemAndReadsSourceIdentity()
    {
        await server.ResetAsync();
        var root = new AwsCli(server.Endpoint, LocalIamServer.RootAccessKeyId, LocalIamServer.RootSecret);
        var trust = $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{LocalIamServer.AccountId}}:user/builder"},"Action":["sts:AssumeRole","sts:TagSession","sts:SetSourceIdentity"]}]}""";
        await root.OkAsync("iam", "create-user", "--user-name", "builder");
        await root.OkAsync("iam", "create-role", "--role-name", "Builds", "--assume-role-policy-document", trust);
        var key = (await root.OkAsync("iam", "create-access-key", "--user-name", "builder")).GetProperty("AccessKey");
        using var asBuilder = Client(new BasicAWSCredentials(key.GetProperty("AccessKeyId").GetString(), key.GetProperty("SecretAccessKey").GetString()));

        var assumed = await asBuilder.AssumeRoleAsync(new AssumeRoleRequest
        {
            RoleArn = $"arn:aws:iam::{LocalIamServer.AccountId}:role/Builds",
            RoleSessionName = "ci-43",
            PolicyArns = [new PolicyDescriptorType { Arn = "arn:aws:iam::aws:policy/IAMReadOnlyAccess" }],
            Tags = [new Tag { Key = "pipeline", Value = "release" }],
            TransitiveTagKeys = ["pipeline"],
            SourceIdentity = "ci-bot",
        }, TestContext.Current.CancellationToken);

        Assert.Equal("ci-bot", assumed.SourceIdentity);
        Assert.Equal($"arn:aws:sts::{LocalIamServer.AccountId}:assumed-role/Builds/ci-43", assumed.AssumedRoleUser.Arn);
    }

    private AmazonSecurityTokenServiceClient Client(AWSCredentials credentials) =>
        new(credentials, new AmazonSecurityTokenServiceConfig { ServiceURL = server.Endpoint, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });
}
