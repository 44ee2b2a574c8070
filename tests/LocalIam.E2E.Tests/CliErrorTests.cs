using LocalIam.E2E.Tests.Support;

namespace LocalIam.E2E.Tests;

/// <summary>AWS's error codes and messages as the AWS CLI shows them.</summary>
public sealed class CliErrorTests(LocalIamServer server) : IClassFixture<LocalIamServer>, IAsyncLifetime
{
    private readonly AwsCli _root = new(server.Endpoint, LocalIamServer.RootAccessKeyId, LocalIamServer.RootSecret);

    public async ValueTask InitializeAsync() => await server.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task GetUser_Missing_NoSuchEntity()
    {
        var error = await _root.FailsAsync("NoSuchEntity", "iam", "get-user", "--user-name", "nobody");

        Assert.Contains("The user with name nobody cannot be found.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateUser_SameNameOtherCase_EntityAlreadyExists()
    {
        await _root.OkAsync("iam", "create-user", "--user-name", "Bob");

        var error = await _root.FailsAsync("EntityAlreadyExists", "iam", "create-user", "--user-name", "bob");

        Assert.Contains("User with name bob already exists.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteGroup_WithMembers_DeleteConflict()
    {
        await _root.OkAsync("iam", "create-group", "--group-name", "team");
        await _root.OkAsync("iam", "create-user", "--user-name", "carol");
        await _root.OkAsync("iam", "add-user-to-group", "--group-name", "team", "--user-name", "carol");

        var error = await _root.FailsAsync("DeleteConflict", "iam", "delete-group", "--group-name", "team");

        Assert.Contains("Cannot delete entity, must remove users from group first.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAccessKey_Third_LimitExceeded()
    {
        await _root.OkAsync("iam", "create-user", "--user-name", "dave");
        await _root.OkAsync("iam", "create-access-key", "--user-name", "dave");
        await _root.OkAsync("iam", "create-access-key", "--user-name", "dave");

        var error = await _root.FailsAsync("LimitExceeded", "iam", "create-access-key", "--user-name", "dave");

        Assert.Contains("Cannot exceed quota for AccessKeysPerUser: 2", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreatePolicy_WithPrincipal_MalformedPolicyDocument()
    {
        var document = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}]}""";

        var error = await _root.FailsAsync("MalformedPolicyDocument", "iam", "create-policy", "--policy-name", "bad", "--policy-document", document);

        Assert.Contains("Policy document should not specify a principal.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateUser_BadName_ValidationError()
    {
        var error = await _root.FailsAsync("ValidationError", "iam", "create-user", "--user-name", "bad name");

        Assert.Contains("The specified value for userName is invalid.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyCall_UnknownAccessKey_InvalidClientTokenId()
    {
        var stranger = _root.As("AKIAUNKNOWNKEY000001", "whateverwhateverwhateverwhateverwhatever");

        var error = await stranger.FailsAsync("InvalidClientTokenId", "iam", "list-users");

        Assert.Contains("The security token included in the request is invalid.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyCall_WrongSecret_SignatureDoesNotMatch()
    {
        var impostor = _root.As(LocalIamServer.RootAccessKeyId, "wrongwrongwrongwrongwrongwrongwrongwrong");

        var error = await impostor.FailsAsync("SignatureDoesNotMatch", "iam", "list-users");

        Assert.Contains("The request signature we calculated does not match the signature you provided.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyCall_InactiveKey_InvalidClientTokenId()
    {
        await _root.OkAsync("iam", "create-user", "--user-name", "erin");
        var key = (await _root.OkAsync("iam", "create-access-key", "--user-name", "erin")).GetProperty("AccessKey");
        var keyId = key.GetProperty("AccessKeyId").GetString()!;
        await _root.OkAsync("iam", "update-access-key", "--user-name", "erin", "--access-key-id", keyId, "--status", "Inactive");

        await _root.As(keyId, key.GetProperty("SecretAccessKey").GetString()!).FailsAsync("InvalidClientTokenId", "sts", "get-caller-identity");
    }

    [Fact]
    public async Task ListUsers_ManyPages_CliPaginatesThroughAll()
    {
        for (var i = 0; i < 60; i++)
        {
            await _root.OkAsync("iam", "create-user", "--user-name", $"page-user-{i:D3}");
        }

        var all = await _root.OkAsync("iam", "list-users", "--page-size", "25");

        Assert.Equal(60, all.GetProperty("Users").GetArrayLength());
        Assert.Equal(60, all.GetProperty("Users").EnumerateArray().Select(u => u.GetProperty("UserName").GetString()).Distinct().Count());
    }

    [Fact]
    public async Task GetPolicyVersion_AwsManaged_DocumentDecoded()
    {
        var version = await _root.OkAsync("iam", "get-policy-version", "--policy-arn", "arn:aws:iam::aws:policy/AdministratorAccess", "--version-id", "v1");

        var statement = version.GetProperty("PolicyVersion").GetProperty("Document").GetProperty("Statement")[0];
        Assert.Equal("*", statement.GetProperty("Action").GetString());
    }
}
