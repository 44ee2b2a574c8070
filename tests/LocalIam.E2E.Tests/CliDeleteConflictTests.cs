using LocalIam.E2E.Tests.Support;

namespace LocalIam.E2E.Tests;

/// <summary>DeleteUser and DeleteRole refuse while credentials or instance profiles still hang on them, as AWS does.</summary>
public sealed class CliDeleteConflictTests(LocalIamServer server) : IClassFixture<LocalIamServer>, IAsyncLifetime
{
    private readonly AwsCli _root = new(server.Endpoint, LocalIamServer.RootAccessKeyId, LocalIamServer.RootSecret);

    public async ValueTask InitializeAsync() => await server.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task DeleteUser_WithSshKey_ReferencedObjectsFirst()
    {
        await _root.OkAsync("iam", "create-user", "--user-name", "keyholder");
        await _root.OkAsync("iam", "upload-ssh-public-key", "--user-name", "keyholder", "--ssh-public-key-body", CliUserCredentialTests.SshKey.Create().Body);

        var error = await _root.FailsAsync("DeleteConflict", "iam", "delete-user", "--user-name", "keyholder");

        Assert.Contains("Cannot delete entity, must remove referenced objects first.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteRole_InInstanceProfile_RemoveRolesFirst()
    {
        var trust = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";
        await _root.OkAsync("iam", "create-role", "--role-name", "Web", "--assume-role-policy-document", trust);
        await _root.OkAsync("iam", "create-instance-profile", "--instance-profile-name", "WebProfile");
        await _root.OkAsync("iam", "add-role-to-instance-profile", "--instance-profile-name", "WebProfile", "--role-name", "Web");

        var error = await _root.FailsAsync("DeleteConflict", "iam", "delete-role", "--role-name", "Web");

        Assert.Contains("Cannot delete entity, must remove roles from instance profile first.", error, StringComparison.Ordinal);
    }
}
