using LocalIam.E2E.Tests.Support;

namespace LocalIam.E2E.Tests;

/// <summary>
/// Responses carry exactly the members AWS's recorded answers carry (issue 12): the empty result
/// elements AWS always sends, and no member AWS leaves out. Through the AWS CLI v2, whose botocore
/// parses as boto3 does.
/// </summary>
public sealed class CliResponseShapeTests(LocalIamServer server) : IClassFixture<LocalIamServer>, IAsyncLifetime
{
    private const string Trust = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";
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
}
