using LocalIam.E2E.Tests.Support;

namespace LocalIam.E2E.Tests;

/// <summary>
/// Authorization decides on the entity a request acts on: its stored name and path, whatever case
/// and path the request spells. A denial names the resource as the request did, as AWS does
/// (<c>on resource: user BOSS</c>), so it discloses nothing the caller did not send.
/// </summary>
public sealed class CliStoredEntityAuthorizationTests(LocalIamServer server) : IClassFixture<LocalIamServer>, IAsyncLifetime
{
    private const string Account = LocalIamServer.AccountId;
    private const string Trust = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";

    private readonly AwsCli _root = new(server.Endpoint, LocalIamServer.RootAccessKeyId, LocalIamServer.RootSecret);

    public async ValueTask InitializeAsync() => await server.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task GetUser_DenyWrittenForAPath_AppliesToAUserNamedWithoutIt()
    {
        await _root.OkAsync("iam", "create-user", "--user-name", "boss", "--path", "/admins/");
        await _root.OkAsync("iam", "create-user", "--user-name", "clerk");
        var reader = await UserWithPolicyAsync("reader", Allow("iam:GetUser", "*"), Deny("iam:GetUser", $"arn:aws:iam::{Account}:user/admins/*"));

        var clerk = await reader.OkAsync("iam", "get-user", "--user-name", "clerk");
        var error = await reader.FailsAsync("AccessDenied", "iam", "get-user", "--user-name", "boss");

        Assert.Equal("clerk", clerk.GetProperty("User").GetProperty("UserName").GetString());
        Assert.Contains("is not authorized to perform: iam:GetUser on resource: user boss with an explicit deny", error, StringComparison.Ordinal);
        Assert.DoesNotContain("/admins/", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAccessKey_DenyOnUserNamedInOtherCase_StoredUserDenied()
    {
        await _root.OkAsync("iam", "create-user", "--user-name", "boss");
        await _root.OkAsync("iam", "attach-user-policy", "--user-name", "boss", "--policy-arn", "arn:aws:iam::aws:policy/AdministratorAccess");
        var helpdesk = await UserWithPolicyAsync("helpdesk", Allow("iam:CreateAccessKey", $"arn:aws:iam::{Account}:user/*"), Deny("iam:*", $"arn:aws:iam::{Account}:user/boss"));

        foreach (var spelling in new[] { "boss", "BOSS", "Boss" })
        {
            var error = await helpdesk.FailsAsync("AccessDenied", "iam", "create-access-key", "--user-name", spelling);
            Assert.Contains($"on resource: user {spelling} with an explicit deny", error, StringComparison.Ordinal);
        }

        Assert.Equal(0, (await _root.OkAsync("iam", "list-access-keys", "--user-name", "boss")).GetProperty("AccessKeyMetadata").GetArrayLength());
    }

    [Fact]
    public async Task DeleteUser_DenyByNamePrefix_HoldsForTheNameInOtherCase()
    {
        await _root.OkAsync("iam", "create-user", "--user-name", "bossman");
        var admin = await UserWithPolicyAsync("ops", Allow("iam:*", "*"), Deny("iam:DeleteUser", $"arn:aws:iam::{Account}:user/boss*"));

        await admin.FailsAsync("AccessDenied", "iam", "delete-user", "--user-name", "BOSSMAN");

        await _root.OkAsync("iam", "get-user", "--user-name", "bossman");
    }

    [Fact]
    public async Task AddUserToGroup_DenyOnGroupNamedInOtherCase_Denied()
    {
        await _root.OkAsync("iam", "create-group", "--group-name", "Admins", "--path", "/ops/");
        await _root.OkAsync("iam", "create-user", "--user-name", "mallory");
        var mallory = await UserWithPolicyAsync("mallory2", Allow("iam:AddUserToGroup", "*"), Deny("iam:AddUserToGroup", $"arn:aws:iam::{Account}:group/ops/Admins"));

        var error = await mallory.FailsAsync("AccessDenied", "iam", "add-user-to-group", "--group-name", "ADMINS", "--user-name", "mallory");

        Assert.Contains("on resource: group ADMINS with an explicit deny", error, StringComparison.Ordinal);
        Assert.Equal(0, (await _root.OkAsync("iam", "get-group", "--group-name", "Admins")).GetProperty("Users").GetArrayLength());
    }

    [Fact]
    public async Task UpdateAssumeRolePolicy_DenyOnRoleNamedInOtherCase_TrustPolicyUnchanged()
    {
        await _root.OkAsync("iam", "create-role", "--role-name", "Admin", "--assume-role-policy-document", Trust);
        var mallory = await UserWithPolicyAsync("mallory", Allow("iam:UpdateAssumeRolePolicy", "*"), Deny("iam:*", $"arn:aws:iam::{Account}:role/Admin"));
        var open = $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{Account}}:user/mallory"},"Action":"sts:AssumeRole"}]}""";

        await mallory.FailsAsync("AccessDenied", "iam", "update-assume-role-policy", "--role-name", "ADMIN", "--policy-document", open);

        var role = (await _root.OkAsync("iam", "get-role", "--role-name", "Admin")).GetProperty("Role");
        Assert.Contains("ec2.amazonaws.com", role.GetProperty("AssumeRolePolicyDocument").GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateLoginProfile_DenyOnUserNamedInOtherCase_PasswordUnchanged()
    {
        await _root.OkAsync("iam", "create-user", "--user-name", "boss");
        await _root.OkAsync("iam", "create-login-profile", "--user-name", "boss", "--password", "Boss-Password-1");
        var helpdesk = await UserWithPolicyAsync("helpdesk", Allow("iam:UpdateLoginProfile", "*"), Deny("iam:UpdateLoginProfile", $"arn:aws:iam::{Account}:user/boss"));

        await helpdesk.FailsAsync("AccessDenied", "iam", "update-login-profile", "--user-name", "Boss", "--password", "Mallory-Password-1");
    }

    [Fact]
    public async Task SimulatePrincipalPolicy_SourceArnInOtherCase_AuthorizedOnTheStoredUser()
    {
        await _root.OkAsync("iam", "create-user", "--user-name", "boss");
        var auditor = await UserWithPolicyAsync("auditor", Allow("iam:SimulatePrincipalPolicy", "*"), Deny("iam:SimulatePrincipalPolicy", $"arn:aws:iam::{Account}:user/boss"));

        await auditor.FailsAsync("AccessDenied", "iam", "simulate-principal-policy", "--policy-source-arn", $"arn:aws:iam::{Account}:user/BOSS", "--action-names", "iam:GetUser");
    }

    [Fact]
    public async Task UpdateUser_AllowedOnSourceOnly_RenameDenied()
    {
        await _root.OkAsync("iam", "create-user", "--user-name", "bob");
        var admin = await UserWithPolicyAsync("renamer", Allow("iam:UpdateUser", $"arn:aws:iam::{Account}:user/bob"));

        var error = await admin.FailsAsync("AccessDenied", "iam", "update-user", "--user-name", "bob", "--new-user-name", "robert");

        Assert.Contains("iam:UpdateUser on resource: user robert", error, StringComparison.Ordinal);
        await _root.OkAsync("iam", "get-user", "--user-name", "bob");
    }

    [Fact]
    public async Task UpdateUser_AllowedOnSourceAndTarget_Renamed()
    {
        await _root.OkAsync("iam", "create-user", "--user-name", "bob", "--path", "/staff/");
        var admin = await UserWithPolicyAsync("renamer", Allow("iam:UpdateUser", $"arn:aws:iam::{Account}:user/staff/bob", $"arn:aws:iam::{Account}:user/staff/robert"));

        await admin.OkAsync("iam", "update-user", "--user-name", "bob", "--new-user-name", "robert");

        Assert.Equal("/staff/", (await _root.OkAsync("iam", "get-user", "--user-name", "robert")).GetProperty("User").GetProperty("Path").GetString());
    }

    [Fact]
    public async Task UpdateUser_NewPathNotAllowed_MoveDenied()
    {
        await _root.OkAsync("iam", "create-user", "--user-name", "bob");
        var admin = await UserWithPolicyAsync("mover", Allow("iam:UpdateUser", $"arn:aws:iam::{Account}:user/bob"));

        await admin.FailsAsync("AccessDenied", "iam", "update-user", "--user-name", "bob", "--new-path", "/admins/");

        Assert.Equal("/", (await _root.OkAsync("iam", "get-user", "--user-name", "bob")).GetProperty("User").GetProperty("Path").GetString());
    }

    [Fact]
    public async Task UpdateGroup_AllowedOnSourceOnly_RenameDenied()
    {
        await _root.OkAsync("iam", "create-group", "--group-name", "devs");
        var admin = await UserWithPolicyAsync("renamer", Allow("iam:UpdateGroup", $"arn:aws:iam::{Account}:group/devs"));

        await admin.FailsAsync("AccessDenied", "iam", "update-group", "--group-name", "devs", "--new-group-name", "Admins");

        await _root.OkAsync("iam", "get-group", "--group-name", "devs");
    }

    [Fact]
    public async Task GetAccessKeyLastUsed_OwnKeyAllowedOtherUsersKeyDenied()
    {
        await _root.OkAsync("iam", "create-user", "--user-name", "boss");
        var bossKey = (await _root.OkAsync("iam", "create-access-key", "--user-name", "boss")).GetProperty("AccessKey").GetProperty("AccessKeyId").GetString()!;
        var self = await UserWithPolicyAsync("self", Allow("iam:GetAccessKeyLastUsed", $"arn:aws:iam::{Account}:user/${{aws:username}}"));

        var own = await self.OkAsync("iam", "get-access-key-last-used", "--access-key-id", self.AccessKeyId);
        var error = await self.FailsAsync("AccessDenied", "iam", "get-access-key-last-used", "--access-key-id", bossKey);

        Assert.Equal("self", own.GetProperty("UserName").GetString());
        Assert.Contains($"iam:GetAccessKeyLastUsed on resource: access key {bossKey} because", error, StringComparison.Ordinal);
        Assert.DoesNotContain("boss", error.Replace(bossKey, string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddRoleToInstanceProfile_PassRoleExplicitlyDenied_AccessDenied()
    {
        await _root.OkAsync("iam", "create-role", "--role-name", "Admin", "--assume-role-policy-document", Trust);
        await _root.OkAsync("iam", "create-instance-profile", "--instance-profile-name", "web");
        var ops = await UserWithPolicyAsync("ops", Allow("iam:*", "*"), Deny("iam:PassRole", $"arn:aws:iam::{Account}:role/Admin"));

        var error = await ops.FailsAsync("AccessDenied", "iam", "add-role-to-instance-profile", "--instance-profile-name", "web", "--role-name", "admin");

        Assert.Contains("iam:PassRole on resource: role admin with an explicit deny", error, StringComparison.Ordinal);
        var profile = (await _root.OkAsync("iam", "get-instance-profile", "--instance-profile-name", "web")).GetProperty("InstanceProfile");
        Assert.Equal(0, profile.GetProperty("Roles").GetArrayLength());
    }

    [Fact]
    public async Task AddRoleToInstanceProfile_PassRoleAllowedForEc2_Added()
    {
        await _root.OkAsync("iam", "create-role", "--role-name", "Web", "--assume-role-policy-document", Trust);
        await _root.OkAsync("iam", "create-instance-profile", "--instance-profile-name", "web");
        var passToEc2 = """
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Action":"iam:AddRoleToInstanceProfile","Resource":"*"},
              {"Effect":"Allow","Action":"iam:PassRole","Resource":"*","Condition":{"StringEquals":{"iam:PassedToService":"ec2.amazonaws.com"}}}]}
            """;
        var ops = await UserWithDocumentAsync("ops", passToEc2);

        await ops.OkAsync("iam", "add-role-to-instance-profile", "--instance-profile-name", "web", "--role-name", "Web");

        var profile = (await _root.OkAsync("iam", "get-instance-profile", "--instance-profile-name", "web")).GetProperty("InstanceProfile");
        Assert.Equal("Web", profile.GetProperty("Roles")[0].GetProperty("RoleName").GetString());
    }

    [Fact]
    public async Task AddRoleToInstanceProfile_NoPassRole_AccessDenied()
    {
        await _root.OkAsync("iam", "create-role", "--role-name", "Web", "--assume-role-policy-document", Trust);
        await _root.OkAsync("iam", "create-instance-profile", "--instance-profile-name", "web");
        var ops = await UserWithPolicyAsync("ops", Allow("iam:AddRoleToInstanceProfile", "*"));

        var error = await ops.FailsAsync("AccessDenied", "iam", "add-role-to-instance-profile", "--instance-profile-name", "web", "--role-name", "Web");

        Assert.Contains("because no identity-based policy allows the iam:PassRole action", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteUser_DenyOnResourceTag_TaggedUserKeptOthersDeleted()
    {
        await _root.OkAsync("iam", "create-user", "--user-name", "boss", "--tags", "Key=protected,Value=true");
        await _root.OkAsync("iam", "create-user", "--user-name", "temp");
        var protect = """
            {"Effect":"Deny","Action":"iam:*","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/protected":"true"}}}
            """;
        var ops = await UserWithPolicyAsync("ops", Allow("iam:*", "*"), protect);

        await ops.FailsAsync("AccessDenied", "iam", "delete-user", "--user-name", "BOSS");
        await ops.OkAsync("iam", "delete-user", "--user-name", "temp");

        await _root.OkAsync("iam", "get-user", "--user-name", "boss");
    }

    [Fact]
    public async Task UpdateRole_IamResourceTagCondition_DecidesOnTheStoredRolesTags()
    {
        await _root.OkAsync("iam", "create-role", "--role-name", "TeamA", "--assume-role-policy-document", Trust, "--tags", "Key=team,Value=a");
        await _root.OkAsync("iam", "create-role", "--role-name", "TeamB", "--assume-role-policy-document", Trust, "--tags", "Key=team,Value=b");
        var teamA = """{"Effect":"Allow","Action":"iam:UpdateRole","Resource":"*","Condition":{"StringEquals":{"iam:ResourceTag/team":"a"}}}""";
        var lead = await UserWithPolicyAsync("lead", teamA);

        await lead.OkAsync("iam", "update-role", "--role-name", "teama", "--description", "mine");
        await lead.FailsAsync("AccessDenied", "iam", "update-role", "--role-name", "TeamB", "--description", "not mine");
    }

    [Fact]
    public async Task DeleteServerCertificate_DenyByPath_HoldsForTheNameAlone()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=www.example.com", rsa,
            System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var folder = Directory.CreateTempSubdirectory("localiam-cert-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "c.pem"), certificate.ExportCertificatePem(), TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder, "c.key"), rsa.ExportRSAPrivateKeyPem(), TestContext.Current.CancellationToken);
        await _root.OkAsync("iam", "upload-server-certificate", "--server-certificate-name", "www", "--path", "/cloudfront/",
            "--certificate-body", $"file://{folder}/c.pem", "--private-key", $"file://{folder}/c.key");
        Directory.Delete(folder, recursive: true);
        var ops = await UserWithPolicyAsync("ops", Allow("iam:*", "*"), Deny("iam:DeleteServerCertificate", $"arn:aws:iam::{Account}:server-certificate/cloudfront/*"));

        var error = await ops.FailsAsync("AccessDenied", "iam", "delete-server-certificate", "--server-certificate-name", "WWW");

        Assert.Contains($"on resource: arn:aws:iam::{Account}:server-certificate/WWW with an explicit deny", error, StringComparison.Ordinal);
        Assert.Single((await _root.OkAsync("iam", "list-server-certificates")).GetProperty("ServerCertificateMetadataList").EnumerateArray());
    }

    private static string Allow(string action, params string[] resources) => Statement("Allow", action, resources);

    private static string Deny(string action, params string[] resources) => Statement("Deny", action, resources);

    private static string Statement(string effect, string action, string[] resources) =>
        $$"""{"Effect":"{{effect}}","Action":"{{action}}","Resource":[{{Quoted(resources)}}]}""";

    private static string Quoted(string[] values) => string.Join(',', values.Select(v => $"\"{v}\""));

    private Task<AwsCli> UserWithPolicyAsync(string userName, params string[] statements) =>
        UserWithDocumentAsync(userName, $$"""{"Version":"2012-10-17","Statement":[{{string.Join(',', statements)}}]}""");

    private async Task<AwsCli> UserWithDocumentAsync(string userName, string document)
    {
        await _root.OkAsync("iam", "create-user", "--user-name", userName);
        await _root.OkAsync("iam", "put-user-policy", "--user-name", userName, "--policy-name", "policy", "--policy-document", document);
        var key = (await _root.OkAsync("iam", "create-access-key", "--user-name", userName)).GetProperty("AccessKey");
        return _root.As(key.GetProperty("AccessKeyId").GetString()!, key.GetProperty("SecretAccessKey").GetString()!);
    }
}
