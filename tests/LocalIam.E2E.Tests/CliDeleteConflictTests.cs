using LocalIam.E2E.Tests.Support;

namespace LocalIam.E2E.Tests;

/// <summary>
/// DeleteUser, DeleteGroup and DeleteRole refuse while credentials, policies, members or instance
/// profiles still hang on them, one conflict at a time in the order of AWS's API reference.
/// </summary>
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

    [Fact]
    public async Task DeleteUser_WithOneOfEverything_NamesEachConflictInAwsOrderAsTheyAreRemoved()
    {
        const string User = "everything";
        await _root.OkAsync("iam", "create-user", "--user-name", User);
        await _root.OkAsync("iam", "create-login-profile", "--user-name", User, "--password", "Correct-Horse-1");
        var keyId = (await _root.OkAsync("iam", "create-access-key", "--user-name", User)).GetProperty("AccessKey").GetProperty("AccessKeyId").GetString()!;
        var certificateId = (await _root.OkAsync("iam", "upload-signing-certificate", "--user-name", User, $"--certificate-body={CliUserCredentialTests.NewCertificatePem()}"))
            .GetProperty("Certificate").GetProperty("CertificateId").GetString()!;
        var sshKeyId = (await _root.OkAsync("iam", "upload-ssh-public-key", "--user-name", User, "--ssh-public-key-body", CliUserCredentialTests.SshKey.Create().Body))
            .GetProperty("SSHPublicKey").GetProperty("SSHPublicKeyId").GetString()!;
        var credentialId = (await _root.OkAsync("iam", "create-service-specific-credential", "--user-name", User, "--service-name", "codecommit.amazonaws.com"))
            .GetProperty("ServiceSpecificCredential").GetProperty("ServiceSpecificCredentialId").GetString()!;
        var (serial, _) = await VirtualMfa.EnableAsync(_root, User);
        await _root.OkAsync("iam", "put-user-policy", "--user-name", User, "--policy-name", "inline", "--policy-document", AllowAll);
        await _root.OkAsync("iam", "attach-user-policy", "--user-name", User, "--policy-arn", "arn:aws:iam::aws:policy/ReadOnlyAccess");
        await _root.OkAsync("iam", "create-group", "--group-name", "crew");
        await _root.OkAsync("iam", "add-user-to-group", "--group-name", "crew", "--user-name", User);

        string[][] removals =
        [
            ["delete-login-profile", "--user-name", User],
            ["delete-access-key", "--user-name", User, "--access-key-id", keyId],
            ["delete-signing-certificate", "--user-name", User, "--certificate-id", certificateId],
            ["delete-ssh-public-key", "--user-name", User, "--ssh-public-key-id", sshKeyId],
            ["delete-service-specific-credential", "--user-name", User, "--service-specific-credential-id", credentialId],
            ["deactivate-mfa-device", "--user-name", User, "--serial-number", serial],
            ["delete-user-policy", "--user-name", User, "--policy-name", "inline"],
            ["detach-user-policy", "--user-name", User, "--policy-arn", "arn:aws:iam::aws:policy/ReadOnlyAccess"],
            ["remove-user-from-group", "--group-name", "crew", "--user-name", User],
        ];
        var conflicts = new List<string>();
        foreach (var removal in removals)
        {
            conflicts.Add(await _root.FailsAsync("DeleteConflict", "iam", "delete-user", "--user-name", User));
            await _root.OkAsync(["iam", .. removal]);
        }

        await _root.OkAsync("iam", "delete-user", "--user-name", User);
        Assert.Equal(
        [
            "must delete login profile first.", "must delete access keys first.", "must delete signing certificates first.",
            "must remove referenced objects first.", "must remove referenced objects first.", "must delete MFA device first.",
            "must delete policies first.", "must detach all policies first.", "must remove users from group first.",
        ], conflicts.Select(Tail));
    }

    [Fact]
    public async Task DeleteGroup_WithMembersAndPolicies_NamesEachConflictInAwsOrderAsTheyAreRemoved()
    {
        await _root.OkAsync("iam", "create-group", "--group-name", "full");
        await _root.OkAsync("iam", "create-user", "--user-name", "member");
        await _root.OkAsync("iam", "add-user-to-group", "--group-name", "full", "--user-name", "member");
        await _root.OkAsync("iam", "put-group-policy", "--group-name", "full", "--policy-name", "inline", "--policy-document", AllowAll);
        await _root.OkAsync("iam", "attach-group-policy", "--group-name", "full", "--policy-arn", "arn:aws:iam::aws:policy/ReadOnlyAccess");

        string[][] removals =
        [
            ["remove-user-from-group", "--group-name", "full", "--user-name", "member"],
            ["delete-group-policy", "--group-name", "full", "--policy-name", "inline"],
            ["detach-group-policy", "--group-name", "full", "--policy-arn", "arn:aws:iam::aws:policy/ReadOnlyAccess"],
        ];
        var conflicts = new List<string>();
        foreach (var removal in removals)
        {
            conflicts.Add(await _root.FailsAsync("DeleteConflict", "iam", "delete-group", "--group-name", "full"));
            await _root.OkAsync(["iam", .. removal]);
        }

        await _root.OkAsync("iam", "delete-group", "--group-name", "full");
        Assert.Equal(["must remove users from group first.", "must delete policies first.", "must detach all policies first."], conflicts.Select(Tail));
    }

    private const string AllowAll = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""";

    /// <summary>The part of AWS's DeleteConflict text after "Cannot delete entity, ".</summary>
    private static string Tail(string message)
    {
        const string Prefix = "Cannot delete entity, ";
        var start = message.IndexOf(Prefix, StringComparison.Ordinal);
        Assert.True(start >= 0, message);
        return message[(start + Prefix.Length)..].Trim();
    }
}
