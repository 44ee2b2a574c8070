using System.Text.Json;
using System.Xml.Linq;
using LocalIam.E2E.Tests.Support;

namespace LocalIam.E2E.Tests;

/// <summary>
/// Answers and errors as AWS records them (issue 12), through the AWS CLI v2: tag listings in
/// ordinal key order and paged, ListEntitiesForPolicy's EntityFilter, an unreadable Marker, a
/// malformed boundary ARN, and which entity RemoveUserFromGroup names first. Evidence in docs/api.md.
/// </summary>
public sealed class CliAnswerFidelityTests(LocalIamServer server) : IClassFixture<LocalIamServer>, IAsyncLifetime
{
    private const string Trust = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";
    private const string Document = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}]}""";
    private const string MixedCaseTags = "Key=b,Value=1 Key=A,Value=2 Key=a_,Value=3 Key=Z,Value=4";
    private static readonly string[] OrdinalKeys = ["A", "Z", "a_", "b"];
    private readonly AwsCli _root = new(server.Endpoint, LocalIamServer.RootAccessKeyId, LocalIamServer.RootSecret);

    public async ValueTask InitializeAsync() => await server.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task TagListings_MixedCaseKeysOnePerPage_OrdinalKeyOrderAcrossPages()
    {
        await _root.OkAsync("iam", "create-user", "--user-name", "u");
        await _root.OkAsync("iam", "create-role", "--role-name", "r", "--assume-role-policy-document", Trust);
        var policy = (await _root.OkAsync("iam", "create-policy", "--policy-name", "p", "--policy-document", Document)).GetProperty("Policy").GetProperty("Arn").GetString()!;
        await _root.OkAsync("iam", "create-instance-profile", "--instance-profile-name", "ip");
        await _root.OkAsync(["iam", "tag-user", "--user-name", "u", "--tags", .. MixedCaseTags.Split(' ')]);
        await _root.OkAsync(["iam", "tag-role", "--role-name", "r", "--tags", .. MixedCaseTags.Split(' ')]);
        await _root.OkAsync(["iam", "tag-policy", "--policy-arn", policy, "--tags", .. MixedCaseTags.Split(' ')]);
        await _root.OkAsync(["iam", "tag-instance-profile", "--instance-profile-name", "ip", "--tags", .. MixedCaseTags.Split(' ')]);

        // The CLI's list-user-tags follows Markers itself (--page-size sends MaxItems); the others are paged here, one tag a page.
        Assert.Equal(OrdinalKeys, Keys(await _root.OkAsync("iam", "list-user-tags", "--user-name", "u", "--page-size", "1")));
        Assert.Equal(OrdinalKeys, await KeysOnePerPageAsync("ListRoleTags", "RoleName=r"));
        Assert.Equal(OrdinalKeys, await KeysOnePerPageAsync("ListPolicyTags", "PolicyArn=" + Uri.EscapeDataString(policy)));
        Assert.Equal(OrdinalKeys, await KeysOnePerPageAsync("ListInstanceProfileTags", "InstanceProfileName=ip"));
        Assert.Equal(OrdinalKeys, await KeysOnePerPageAsync("ListUserTags", "UserName=u"));
    }

    [Theory]
    [InlineData("User", new[] { "u" }, new string[0], new string[0])]
    [InlineData("Group", new string[0], new[] { "g" }, new string[0])]
    [InlineData("Role", new string[0], new string[0], new[] { "r" })]
    [InlineData("LocalManagedPolicy", new[] { "u" }, new[] { "g" }, new[] { "r" })]
    public async Task ListEntitiesForPolicy_EntityFilter_OnlyThatKindListed(string filter, string[] users, string[] groups, string[] roles)
    {
        var policy = (await _root.OkAsync("iam", "create-policy", "--policy-name", "p", "--policy-document", Document)).GetProperty("Policy").GetProperty("Arn").GetString()!;
        await _root.OkAsync("iam", "create-user", "--user-name", "u");
        await _root.OkAsync("iam", "create-group", "--group-name", "g");
        await _root.OkAsync("iam", "create-role", "--role-name", "r", "--assume-role-policy-document", Trust);
        await _root.OkAsync("iam", "attach-user-policy", "--user-name", "u", "--policy-arn", policy);
        await _root.OkAsync("iam", "attach-group-policy", "--group-name", "g", "--policy-arn", policy);
        await _root.OkAsync("iam", "attach-role-policy", "--role-name", "r", "--policy-arn", policy);

        var listed = await _root.OkAsync("iam", "list-entities-for-policy", "--policy-arn", policy, "--entity-filter", filter);

        Assert.Equal(users, Names(listed.GetProperty("PolicyUsers"), "UserName"));
        Assert.Equal(groups, Names(listed.GetProperty("PolicyGroups"), "GroupName"));
        Assert.Equal(roles, Names(listed.GetProperty("PolicyRoles"), "RoleName"));
    }

    [Fact]
    public async Task ListUsers_MarkerNoListingGave_ValidationError()
    {
        var (status, body) = await Botocore.PostSignedAsync(server.Endpoint, "Action=ListUsers&Version=2010-05-08&Marker=%21%21"u8.ToArray());

        Assert.Equal(400, status);
        Assert.Contains("<Code>ValidationError</Code><Message>Invalid Marker.</Message>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PermissionsBoundary_NotAPolicyArn_InvalidInputArnIsNotValid()
    {
        await _root.OkAsync("iam", "create-role", "--role-name", "r", "--assume-role-policy-document", Trust);

        var onCreate = await _root.FailsAsync("InvalidInput", "iam", "create-user", "--user-name", "u", "--permissions-boundary", "not-a-policy-arn-at-all");
        var onPut = await _root.FailsAsync("InvalidInput", "iam", "put-role-permissions-boundary", "--role-name", "r", "--permissions-boundary", "arn:aws:iam::123456789012:role/app");

        Assert.Contains("ARN not-a-policy-arn-at-all is not valid.", onCreate, StringComparison.Ordinal);
        Assert.Contains("ARN arn:aws:iam::123456789012:role/app is not valid.", onPut, StringComparison.Ordinal);
        await _root.FailsAsync("NoSuchEntity", "iam", "get-user", "--user-name", "u");
    }

    [Fact]
    public async Task RemoveUserFromGroup_NeitherExists_TheUserIsNamed()
    {
        var error = await _root.FailsAsync("NoSuchEntity", "iam", "remove-user-from-group", "--group-name", "ghosts", "--user-name", "ghost");

        Assert.Contains("The user with name ghost cannot be found.", error, StringComparison.Ordinal);
    }

    /// <summary>Every key of a tag listing read with MaxItems=1, following each Marker; each page holds one tag.</summary>
    private async Task<string[]> KeysOnePerPageAsync(string action, string owner)
    {
        var keys = new List<string>();
        string? marker = null;
        do
        {
            var query = $"Action={action}&Version=2010-05-08&{owner}&MaxItems=1" + (marker is null ? "" : "&Marker=" + Uri.EscapeDataString(marker));
            var (status, body) = await Botocore.PostSignedAsync(server.Endpoint, System.Text.Encoding.UTF8.GetBytes(query));
            Assert.Equal(200, status);
            var result = XDocument.Parse(body).Descendants().Single(e => e.Name.LocalName == action + "Result");
            keys.Add(result.Descendants().Single(e => e.Name.LocalName == "Key").Value);
            marker = result.Elements().SingleOrDefault(e => e.Name.LocalName == "Marker")?.Value;
            Assert.Equal(marker is not null ? "true" : "false", result.Elements().Single(e => e.Name.LocalName == "IsTruncated").Value);
        }
        while (marker is not null && keys.Count <= OrdinalKeys.Length);

        return [.. keys];
    }

    private static string[] Keys(JsonElement listing) => Names(listing.GetProperty("Tags"), "Key");

    private static string[] Names(JsonElement members, string property) => [.. members.EnumerateArray().Select(m => m.GetProperty(property).GetString()!)];
}
