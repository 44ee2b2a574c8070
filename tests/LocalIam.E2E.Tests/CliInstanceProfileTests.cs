using System.Text.Json;
using LocalIam.E2E.Tests.Support;

namespace LocalIam.E2E.Tests;

/// <summary>Instance profiles through the AWS CLI: AWS's shapes, its one-role quota, its errors and texts.</summary>
public sealed class CliInstanceProfileTests(LocalIamServer server) : IClassFixture<LocalIamServer>, IAsyncLifetime
{
    private const string Account = LocalIamServer.AccountId;
    private const string Ec2Trust = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";

    private readonly AwsCli _root = new(server.Endpoint, LocalIamServer.RootAccessKeyId, LocalIamServer.RootSecret);

    public async ValueTask InitializeAsync() => await server.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task CreateInstanceProfile_WithPathAndTags_AipaIdPathArnNoRoles()
    {
        var profile = (await _root.OkAsync("iam", "create-instance-profile", "--instance-profile-name", "web", "--path", "/app/",
            "--tags", "Key=team,Value=blue")).GetProperty("InstanceProfile");

        var id = profile.GetProperty("InstanceProfileId").GetString()!;
        Assert.StartsWith("AIPA", id, StringComparison.Ordinal);
        Assert.Equal(21, id.Length);
        Assert.Equal("web", profile.GetProperty("InstanceProfileName").GetString());
        Assert.Equal("/app/", profile.GetProperty("Path").GetString());
        Assert.Equal($"arn:aws:iam::{Account}:instance-profile/app/web", profile.GetProperty("Arn").GetString());
        Assert.Equal(0, profile.GetProperty("Roles").GetArrayLength());
        Assert.Equal("blue", profile.GetProperty("Tags")[0].GetProperty("Value").GetString());
    }

    [Fact]
    public async Task CreateInstanceProfile_SameNameOtherCase_EntityAlreadyExists()
    {
        await _root.OkAsync("iam", "create-instance-profile", "--instance-profile-name", "Web");

        var error = await _root.FailsAsync("EntityAlreadyExists", "iam", "create-instance-profile", "--instance-profile-name", "web");

        Assert.Contains("Instance Profile web already exists.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetInstanceProfile_Missing_NoSuchEntity()
    {
        var error = await _root.FailsAsync("NoSuchEntity", "iam", "get-instance-profile", "--instance-profile-name", "nobody");

        Assert.Contains("Instance Profile nobody cannot be found.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddRoleToInstanceProfile_ExistingRole_GetAndListForRoleShowIt()
    {
        await _root.OkAsync("iam", "create-instance-profile", "--instance-profile-name", "web");
        var roleId = (await _root.OkAsync("iam", "create-role", "--role-name", "web-role", "--assume-role-policy-document", Ec2Trust))
            .GetProperty("Role").GetProperty("RoleId").GetString();

        await _root.OkAsync("iam", "add-role-to-instance-profile", "--instance-profile-name", "web", "--role-name", "web-role");

        var got = (await _root.OkAsync("iam", "get-instance-profile", "--instance-profile-name", "web")).GetProperty("InstanceProfile");
        var role = Assert.Single(got.GetProperty("Roles").EnumerateArray());
        Assert.Equal(roleId, role.GetProperty("RoleId").GetString());
        Assert.Equal($"arn:aws:iam::{Account}:role/web-role", role.GetProperty("Arn").GetString());
        Assert.Equal("ec2.amazonaws.com", role.GetProperty("AssumeRolePolicyDocument").GetProperty("Statement")[0].GetProperty("Principal").GetProperty("Service").GetString());
        Assert.Equal(0, got.GetProperty("Tags").GetArrayLength());
        var forRole = await _root.OkAsync("iam", "list-instance-profiles-for-role", "--role-name", "web-role");
        Assert.Equal(["web"], Names(forRole));
    }

    [Fact]
    public async Task AddRoleToInstanceProfile_SecondRole_LimitExceeded()
    {
        await _root.OkAsync("iam", "create-instance-profile", "--instance-profile-name", "web");
        await _root.OkAsync("iam", "create-role", "--role-name", "first", "--assume-role-policy-document", Ec2Trust);
        await _root.OkAsync("iam", "create-role", "--role-name", "second", "--assume-role-policy-document", Ec2Trust);
        await _root.OkAsync("iam", "add-role-to-instance-profile", "--instance-profile-name", "web", "--role-name", "first");

        var error = await _root.FailsAsync("LimitExceeded", "iam", "add-role-to-instance-profile", "--instance-profile-name", "web", "--role-name", "second");

        Assert.Contains("Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteInstanceProfile_WithRole_DeleteConflictUntilRoleRemoved()
    {
        await _root.OkAsync("iam", "create-instance-profile", "--instance-profile-name", "web");
        await _root.OkAsync("iam", "create-role", "--role-name", "web-role", "--assume-role-policy-document", Ec2Trust);
        await _root.OkAsync("iam", "add-role-to-instance-profile", "--instance-profile-name", "web", "--role-name", "web-role");

        var error = await _root.FailsAsync("DeleteConflict", "iam", "delete-instance-profile", "--instance-profile-name", "web");
        Assert.Contains("Cannot delete entity, must remove roles from instance profile first.", error, StringComparison.Ordinal);

        await _root.OkAsync("iam", "remove-role-from-instance-profile", "--instance-profile-name", "web", "--role-name", "web-role");
        await _root.OkAsync("iam", "delete-instance-profile", "--instance-profile-name", "web");
        await _root.FailsAsync("NoSuchEntity", "iam", "get-instance-profile", "--instance-profile-name", "web");
    }

    [Fact]
    public async Task RemoveRoleFromInstanceProfile_RoleNotInProfile_NoSuchEntity()
    {
        await _root.OkAsync("iam", "create-instance-profile", "--instance-profile-name", "web");
        await _root.OkAsync("iam", "create-role", "--role-name", "web-role", "--assume-role-policy-document", Ec2Trust);

        var error = await _root.FailsAsync("NoSuchEntity", "iam", "remove-role-from-instance-profile", "--instance-profile-name", "web", "--role-name", "web-role");

        Assert.Contains("Role web-role in Instance Profile web cannot be found.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListInstanceProfiles_PathPrefixOnePerPage_CliFollowsMarkers()
    {
        foreach (var (name, path) in new[] { ("c", "/a/"), ("a", "/a/"), ("other", "/b/"), ("b", "/a/") })
        {
            await _root.OkAsync("iam", "create-instance-profile", "--instance-profile-name", name, "--path", path);
        }

        var listed = await _root.OkAsync("iam", "list-instance-profiles", "--path-prefix", "/a/", "--page-size", "1");

        Assert.Equal(["a", "b", "c"], Names(listed));
    }

    [Fact]
    public async Task TagInstanceProfile_ThenUntag_ListShowsRemainingTags()
    {
        await _root.OkAsync("iam", "create-instance-profile", "--instance-profile-name", "web");
        await _root.OkAsync("iam", "tag-instance-profile", "--instance-profile-name", "web", "--tags", "Key=MyKey,Value=one", "Key=MyKey2,Value=two");
        await _root.OkAsync("iam", "tag-instance-profile", "--instance-profile-name", "web", "--tags", "Key=mykey,Value=three");

        await _root.OkAsync("iam", "untag-instance-profile", "--instance-profile-name", "web", "--tag-keys", "MYKEY2");

        var tags = (await _root.OkAsync("iam", "list-instance-profile-tags", "--instance-profile-name", "web")).GetProperty("Tags");
        var tag = Assert.Single(tags.EnumerateArray());
        Assert.Equal("mykey", tag.GetProperty("Key").GetString());
        Assert.Equal("three", tag.GetProperty("Value").GetString());
    }

    [Fact]
    public async Task GetInstanceProfile_UserAllowedOnOneProfile_AccessDeniedOnOther()
    {
        await _root.OkAsync("iam", "create-instance-profile", "--instance-profile-name", "allowed");
        await _root.OkAsync("iam", "create-instance-profile", "--instance-profile-name", "other");
        await _root.OkAsync("iam", "create-user", "--user-name", "ops");
        await _root.OkAsync("iam", "put-user-policy", "--user-name", "ops", "--policy-name", "read-one", "--policy-document",
            $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetInstanceProfile","Resource":"arn:aws:iam::{{Account}}:instance-profile/allowed"}]}""");
        var key = (await _root.OkAsync("iam", "create-access-key", "--user-name", "ops")).GetProperty("AccessKey");
        var ops = _root.As(key.GetProperty("AccessKeyId").GetString()!, key.GetProperty("SecretAccessKey").GetString()!);

        await ops.OkAsync("iam", "get-instance-profile", "--instance-profile-name", "allowed");
        var error = await ops.FailsAsync("AccessDenied", "iam", "get-instance-profile", "--instance-profile-name", "other");

        Assert.Contains($"is not authorized to perform: iam:GetInstanceProfile on resource: arn:aws:iam::{Account}:instance-profile/other", error, StringComparison.Ordinal);
    }

    private static List<string?> Names(JsonElement listing) =>
        [.. listing.GetProperty("InstanceProfiles").EnumerateArray().Select(p => p.GetProperty("InstanceProfileName").GetString())];
}
