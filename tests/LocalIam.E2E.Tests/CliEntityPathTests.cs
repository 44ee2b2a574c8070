using LocalIam.E2E.Tests.Support;

namespace LocalIam.E2E.Tests;

/// <summary>Requests name entities without their paths; authorization still sees the full ARN, path included.</summary>
public sealed class CliEntityPathTests(LocalIamServer server) : IClassFixture<LocalIamServer>
{
    [Fact]
    public async Task GetUser_DenyWrittenForAPath_AppliesToAUserNamedWithoutIt()
    {
        await server.ResetAsync();
        var root = new AwsCli(server.Endpoint, LocalIamServer.RootAccessKeyId, LocalIamServer.RootSecret);
        var policy = $$"""
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Action":"iam:GetUser","Resource":"*"},
              {"Effect":"Deny","Action":"iam:GetUser","Resource":"arn:aws:iam::{{LocalIamServer.AccountId}}:user/admins/*"}]}
            """;
        await root.OkAsync("iam", "create-user", "--user-name", "boss", "--path", "/admins/");
        await root.OkAsync("iam", "create-user", "--user-name", "clerk");
        await root.OkAsync("iam", "create-user", "--user-name", "reader");
        await root.OkAsync("iam", "put-user-policy", "--user-name", "reader", "--policy-name", "ReadNotAdmins", "--policy-document", policy);
        var key = (await root.OkAsync("iam", "create-access-key", "--user-name", "reader")).GetProperty("AccessKey");
        var reader = root.As(key.GetProperty("AccessKeyId").GetString()!, key.GetProperty("SecretAccessKey").GetString()!);

        var clerk = await reader.OkAsync("iam", "get-user", "--user-name", "clerk");
        var error = await reader.FailsAsync("AccessDenied", "iam", "get-user", "--user-name", "boss");

        Assert.Equal("clerk", clerk.GetProperty("User").GetProperty("UserName").GetString());
        Assert.Contains($"on resource: arn:aws:iam::{LocalIamServer.AccountId}:user/admins/boss with an explicit deny", error, StringComparison.Ordinal);
    }
}
