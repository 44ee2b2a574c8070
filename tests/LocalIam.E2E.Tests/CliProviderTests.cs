using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using LocalIam.Aws.Validation;
using LocalIam.E2E.Tests.Support;

namespace LocalIam.E2E.Tests;

/// <summary>
/// Identity providers (OpenID Connect, SAML) and server certificates through the AWS CLI: the
/// ARNs AWS gives them, what comes back, and AWS's errors. Certificates are made here with
/// CertificateRequest.
/// </summary>
public sealed class CliProviderTests(LocalIamServer server) : IClassFixture<LocalIamServer>, IAsyncLifetime
{
    private const string Account = LocalIamServer.AccountId;
    private static readonly string Thumbprint = new('a', 40);
    private readonly AwsCli _root = new(server.Endpoint, LocalIamServer.RootAccessKeyId, LocalIamServer.RootSecret);
    private readonly string _folder = Directory.CreateTempSubdirectory("localiam-providers-").FullName;
    private readonly Dictionary<string, string> _metadata = [];

    public async ValueTask InitializeAsync() => await server.ResetAsync();

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task CreateOpenIdConnectProvider_UrlWithPath_ArnFromHostAndPath()
    {
        var created = await _root.OkAsync("iam", "create-open-id-connect-provider", "--url", "https://token.example.com/tenant",
            "--client-id-list", "app1", "app2", "--thumbprint-list", Thumbprint, "--tags", "Key=team,Value=identity");
        var arn = created.GetProperty("OpenIDConnectProviderArn").GetString()!;
        var provider = await _root.OkAsync("iam", "get-open-id-connect-provider", "--open-id-connect-provider-arn", arn);
        var list = await _root.OkAsync("iam", "list-open-id-connect-providers");

        Assert.Equal($"arn:aws:iam::{Account}:oidc-provider/token.example.com/tenant", arn);
        Assert.Equal("token.example.com/tenant", provider.GetProperty("Url").GetString());
        Assert.Equal(["app1", "app2"], Strings(provider.GetProperty("ClientIDList")));
        Assert.Equal([Thumbprint], Strings(provider.GetProperty("ThumbprintList")));
        Assert.Equal(["team=identity"], Tags(provider));
        Assert.InRange(provider.GetProperty("CreateDate").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(5));
        Assert.Equal(arn, Assert.Single(list.GetProperty("OpenIDConnectProviderList").EnumerateArray()).GetProperty("Arn").GetString());
    }

    [Fact]
    public async Task CreateOpenIdConnectProvider_SameUrl_EntityAlreadyExists()
    {
        await _root.OkAsync("iam", "create-open-id-connect-provider", "--url", "https://issuer.example.com", "--thumbprint-list", Thumbprint);

        var error = await _root.FailsAsync("EntityAlreadyExists", "iam", "create-open-id-connect-provider", "--url", "https://issuer.example.com",
            "--thumbprint-list", Thumbprint);

        Assert.Contains("Provider with url https://issuer.example.com already exists.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateOpenIdConnectProvider_NotHttps_ValidationError()
    {
        var error = await _root.FailsAsync("ValidationError", "iam", "create-open-id-connect-provider", "--url", "http://issuer.example.com",
            "--thumbprint-list", Thumbprint);

        Assert.Contains("Invalid Open ID Connect Provider URL", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateOpenIdConnectProvider_ShortThumbprint_ValidationError()
    {
        // The CLI refuses such a thumbprint itself; the JavaScript SDK sends it.
        var error = await SdkFailsAsync("ValidationError", "CreateOpenIDConnectProvider", new { Url = "https://issuer.example.com", ThumbprintList = (string[])["abc"] });

        Assert.Contains("Value at 'thumbprintList' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 40, Member must have length greater than or equal to 40]",
            error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateOpenIdConnectProvider_SixThumbprints_InvalidInput()
    {
        string[] thumbprints = [.. "abcdef".Select(c => new string(c, 40))];

        var error = await _root.FailsAsync("InvalidInput", ["iam", "create-open-id-connect-provider", "--url", "https://issuer.example.com", "--thumbprint-list", .. thumbprints]);

        Assert.Contains("Thumbprint list must contain fewer than 5 entries.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenIdConnectProvider_ClientIdsAndThumbprintsChanged_GetShowsChanges()
    {
        var arn = (await _root.OkAsync("iam", "create-open-id-connect-provider", "--url", "https://id.example.com", "--client-id-list", "web",
            "--thumbprint-list", Thumbprint)).GetProperty("OpenIDConnectProviderArn").GetString()!;

        await _root.OkAsync("iam", "add-client-id-to-open-id-connect-provider", "--open-id-connect-provider-arn", arn, "--client-id", "mobile");
        await _root.OkAsync("iam", "add-client-id-to-open-id-connect-provider", "--open-id-connect-provider-arn", arn, "--client-id", "mobile");
        await _root.OkAsync("iam", "remove-client-id-from-open-id-connect-provider", "--open-id-connect-provider-arn", arn, "--client-id", "web");
        await _root.OkAsync("iam", "update-open-id-connect-provider-thumbprint", "--open-id-connect-provider-arn", arn,
            "--thumbprint-list", new string('c', 40), new string('D', 40));
        var provider = await _root.OkAsync("iam", "get-open-id-connect-provider", "--open-id-connect-provider-arn", arn);

        Assert.Equal(["mobile"], Strings(provider.GetProperty("ClientIDList")));
        Assert.Equal([new string('c', 40), new string('D', 40)], Strings(provider.GetProperty("ThumbprintList")));
    }

    [Fact]
    public async Task DeleteOpenIdConnectProvider_Deleted_GetAndDeleteNoSuchEntity()
    {
        var arn = (await _root.OkAsync("iam", "create-open-id-connect-provider", "--url", "https://gone.example.com", "--thumbprint-list", Thumbprint))
            .GetProperty("OpenIDConnectProviderArn").GetString()!;

        await _root.OkAsync("iam", "delete-open-id-connect-provider", "--open-id-connect-provider-arn", arn);
        var get = await _root.FailsAsync("NoSuchEntity", "iam", "get-open-id-connect-provider", "--open-id-connect-provider-arn", arn);
        var delete = await _root.FailsAsync("NoSuchEntity", "iam", "delete-open-id-connect-provider", "--open-id-connect-provider-arn", arn);

        Assert.Contains($"OpenIDConnect Provider not found for arn {arn}", get, StringComparison.Ordinal);
        Assert.Contains($"OpenId connect Provider {arn} cannot be found.", delete, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TagOpenIdConnectProvider_TagThenUntag_TagsListed()
    {
        var arn = (await _root.OkAsync("iam", "create-open-id-connect-provider", "--url", "https://tags.example.com", "--thumbprint-list", Thumbprint))
            .GetProperty("OpenIDConnectProviderArn").GetString()!;

        await _root.OkAsync("iam", "tag-open-id-connect-provider", "--open-id-connect-provider-arn", arn, "--tags", "Key=k1,Value=v1", "Key=k2,Value=v2");
        await _root.OkAsync("iam", "untag-open-id-connect-provider", "--open-id-connect-provider-arn", arn, "--tag-keys", "k2");

        Assert.Equal(["k1=v1"], Tags(await _root.OkAsync("iam", "list-open-id-connect-provider-tags", "--open-id-connect-provider-arn", arn)));
    }

    [Fact]
    public async Task CreateOpenIdConnectProvider_UserAllowedOneIssuer_OtherIssuerDeniedOnItsArn()
    {
        var policy = $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:CreateOpenIDConnectProvider","Resource":"arn:aws:iam::{{Account}}:oidc-provider/allowed.example.com"}]}""";
        var admin = await UserWithPolicyAsync("oidc-admin", policy);

        await admin.OkAsync("iam", "create-open-id-connect-provider", "--url", "https://allowed.example.com", "--thumbprint-list", Thumbprint);
        var denied = await admin.FailsAsync("AccessDenied", "iam", "create-open-id-connect-provider", "--url", "https://other.example.com", "--thumbprint-list", Thumbprint);

        Assert.Contains($"iam:CreateOpenIDConnectProvider on resource: arn:aws:iam::{Account}:oidc-provider/other.example.com", denied, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateSamlProvider_MetadataFile_GetUpdateListDelete()
    {
        var created = await _root.OkAsync("iam", "create-saml-provider", "--name", "Okta", "--saml-metadata-document", await MetadataFileAsync("idp.example.com"));
        var arn = created.GetProperty("SAMLProviderArn").GetString()!;
        var provider = await _root.OkAsync("iam", "get-saml-provider", "--saml-provider-arn", arn);
        await _root.OkAsync("iam", "update-saml-provider", "--saml-provider-arn", arn, "--saml-metadata-document", await MetadataFileAsync("new-idp.example.com"));
        var updated = await _root.OkAsync("iam", "get-saml-provider", "--saml-provider-arn", arn);
        var listed = Assert.Single((await _root.OkAsync("iam", "list-saml-providers")).GetProperty("SAMLProviderList").EnumerateArray());
        await _root.OkAsync("iam", "delete-saml-provider", "--saml-provider-arn", arn);
        var gone = await _root.FailsAsync("NoSuchEntity", "iam", "get-saml-provider", "--saml-provider-arn", arn);

        Assert.Equal($"arn:aws:iam::{Account}:saml-provider/Okta", arn);
        Assert.Equal(Metadata("idp.example.com"), provider.GetProperty("SAMLMetadataDocument").GetString());
        var createDate = provider.GetProperty("CreateDate").GetDateTimeOffset();
        Assert.Equal(createDate.AddYears(100), provider.GetProperty("ValidUntil").GetDateTimeOffset());
        Assert.Equal(Metadata("new-idp.example.com"), updated.GetProperty("SAMLMetadataDocument").GetString());
        Assert.Equal(arn, listed.GetProperty("Arn").GetString());
        Assert.Equal(createDate, listed.GetProperty("CreateDate").GetDateTimeOffset());
        Assert.Contains($"Manifest not found for arn {arn}", gone, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateSamlProvider_NotXml_InvalidInput()
    {
        var file = Path.Combine(_folder, "not-xml.txt");
        await File.WriteAllTextAsync(file, new string('x', 1200), TestContext.Current.CancellationToken);

        var error = await _root.FailsAsync("InvalidInput", "iam", "create-saml-provider", "--name", "Broken", "--saml-metadata-document", "file://" + file);

        Assert.Contains("Could not parse metadata", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateSamlProvider_XmlWithoutEntityDescriptor_InvalidInput()
    {
        var file = Path.Combine(_folder, "other.xml");
        await File.WriteAllTextAsync(file, $"<root><note>{new string('x', 1200)}</note></root>", TestContext.Current.CancellationToken);

        var error = await _root.FailsAsync("InvalidInput", "iam", "create-saml-provider", "--name", "NoEntity", "--saml-metadata-document", "file://" + file);

        Assert.Contains("Could not parse metadata", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateSamlProvider_ShortDocument_ValidationError()
    {
        var error = await SdkFailsAsync("ValidationError", "CreateSAMLProvider", new { Name = "Short", SAMLMetadataDocument = "<md:EntityDescriptor/>" });

        Assert.Contains("Value at 'sAMLMetadataDocument' failed to satisfy constraint: Member must have length greater than or equal to 1000", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TagSamlProvider_CreatedWithTagsThenTagged_TagsMerged()
    {
        var arn = (await _root.OkAsync("iam", "create-saml-provider", "--name", "Tagged", "--saml-metadata-document", await MetadataFileAsync("tags.example.com"),
            "--tags", "Key=env,Value=dev")).GetProperty("SAMLProviderArn").GetString()!;

        await _root.OkAsync("iam", "tag-saml-provider", "--saml-provider-arn", arn, "--tags", "Key=ENV,Value=prod", "Key=app,Value=sso");
        await _root.OkAsync("iam", "untag-saml-provider", "--saml-provider-arn", arn, "--tag-keys", "app");

        Assert.Equal(["ENV=prod"], Tags(await _root.OkAsync("iam", "list-saml-provider-tags", "--saml-provider-arn", arn)));
    }

    [Fact]
    public async Task UploadServerCertificate_SelfSigned_MetadataAndBodyButNeverTheKey()
    {
        var (body, key, notAfter) = SelfSigned("www.example.com");

        var uploaded = await _root.OkAsync("iam", "upload-server-certificate", "--server-certificate-name", "www", "--path", "/cloudfront/",
            "--certificate-body", await WriteAsync("www.pem", body), "--private-key", await WriteAsync("www.key", key));
        var get = await _root.RunAsync("iam", "get-server-certificate", "--server-certificate-name", "www");
        var list = await _root.OkAsync("iam", "list-server-certificates", "--path-prefix", "/cloudfront/");

        var metadata = uploaded.GetProperty("ServerCertificateMetadata");
        Assert.Equal($"arn:aws:iam::{Account}:server-certificate/cloudfront/www", metadata.GetProperty("Arn").GetString());
        Assert.Equal("/cloudfront/", metadata.GetProperty("Path").GetString());
        Assert.Matches("^ASCA[A-Z2-7]{17}$", metadata.GetProperty("ServerCertificateId").GetString());
        Assert.Equal(notAfter, metadata.GetProperty("Expiration").GetDateTimeOffset());
        Assert.True(get.Succeeded, get.Error);
        Assert.Equal(body, get.Json.GetProperty("ServerCertificate").GetProperty("CertificateBody").GetString());
        Assert.DoesNotContain("PRIVATE KEY", get.Output, StringComparison.Ordinal);
        Assert.Equal("www", Assert.Single(list.GetProperty("ServerCertificateMetadataList").EnumerateArray()).GetProperty("ServerCertificateName").GetString());
    }

    [Fact]
    public async Task UploadServerCertificate_KeyOfAnotherCertificate_KeyPairMismatch()
    {
        var (body, _, _) = SelfSigned("a.example.com");
        var (_, otherKey, _) = SelfSigned("b.example.com");

        var error = await _root.FailsAsync("KeyPairMismatch", "iam", "upload-server-certificate", "--server-certificate-name", "mixed",
            "--certificate-body", await WriteAsync("a.pem", body), "--private-key", await WriteAsync("b.key", otherKey));

        Assert.Contains("Public key certificate and private key doesn't match.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UploadServerCertificate_NotPem_MalformedCertificate()
    {
        var (_, key, _) = SelfSigned("c.example.com");

        var error = await _root.FailsAsync("MalformedCertificate", "iam", "upload-server-certificate", "--server-certificate-name", "broken",
            "--certificate-body", "not a certificate", "--private-key", await WriteAsync("c.key", key));

        Assert.Contains("Unable to parse certificate. Please ensure the certificate is in PEM format.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UploadServerCertificate_SameName_EntityAlreadyExists()
    {
        var (body, key, _) = SelfSigned("d.example.com");
        var bodyFile = await WriteAsync("d.pem", body);
        var keyFile = await WriteAsync("d.key", key);
        await _root.OkAsync("iam", "upload-server-certificate", "--server-certificate-name", "dup", "--certificate-body", bodyFile, "--private-key", keyFile);

        var error = await _root.FailsAsync("EntityAlreadyExists", "iam", "upload-server-certificate", "--server-certificate-name", "DUP",
            "--certificate-body", bodyFile, "--private-key", keyFile);

        Assert.Contains("The Server Certificate with name DUP already exists.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateServerCertificate_RenameAndMove_OldNameNoSuchEntity()
    {
        var (body, key, _) = SelfSigned("e.example.com");
        var id = (await _root.OkAsync("iam", "upload-server-certificate", "--server-certificate-name", "old", "--certificate-body", await WriteAsync("e.pem", body),
            "--private-key", await WriteAsync("e.key", key), "--tags", "Key=team,Value=web")).GetProperty("ServerCertificateMetadata").GetProperty("ServerCertificateId").GetString();

        await _root.OkAsync("iam", "update-server-certificate", "--server-certificate-name", "old", "--new-server-certificate-name", "new", "--new-path", "/moved/");
        var moved = (await _root.OkAsync("iam", "get-server-certificate", "--server-certificate-name", "new")).GetProperty("ServerCertificate");
        var gone = await _root.FailsAsync("NoSuchEntity", "iam", "get-server-certificate", "--server-certificate-name", "old");
        await _root.OkAsync("iam", "delete-server-certificate", "--server-certificate-name", "new");

        Assert.Equal($"arn:aws:iam::{Account}:server-certificate/moved/new", moved.GetProperty("ServerCertificateMetadata").GetProperty("Arn").GetString());
        Assert.Equal(id, moved.GetProperty("ServerCertificateMetadata").GetProperty("ServerCertificateId").GetString());
        Assert.Equal(["team=web"], Tags(moved));
        Assert.Contains("The Server Certificate with name old cannot be found.", gone, StringComparison.Ordinal);
        Assert.Equal(0, (await _root.OkAsync("iam", "list-server-certificates")).GetProperty("ServerCertificateMetadataList").GetArrayLength());
    }

    [Fact]
    public async Task TagServerCertificate_TagThenUntag_TagsListed()
    {
        var (body, key, _) = SelfSigned("f.example.com");
        await _root.OkAsync("iam", "upload-server-certificate", "--server-certificate-name", "tagged", "--certificate-body", await WriteAsync("f.pem", body),
            "--private-key", await WriteAsync("f.key", key));

        await _root.OkAsync("iam", "tag-server-certificate", "--server-certificate-name", "tagged", "--tags", "Key=b,Value=2", "Key=a,Value=1");
        await _root.OkAsync("iam", "untag-server-certificate", "--server-certificate-name", "tagged", "--tag-keys", "b");

        Assert.Equal(["a=1"], Tags(await _root.OkAsync("iam", "list-server-certificate-tags", "--server-certificate-name", "tagged")));
    }

    [Fact]
    public async Task GetAccountSummary_ProvidersCertificatesAndProfiles_CountedAsTheyExist()
    {
        var (body, key, _) = SelfSigned("count.example.com");
        await _root.OkAsync("iam", "create-open-id-connect-provider", "--url", "https://count.example.com", "--thumbprint-list", Thumbprint);
        await _root.OkAsync("iam", "create-saml-provider", "--name", "Counted", "--saml-metadata-document", await MetadataFileAsync("count.example.com"));
        await _root.OkAsync("iam", "upload-server-certificate", "--server-certificate-name", "counted",
            "--certificate-body", await WriteAsync("count.pem", body), "--private-key", await WriteAsync("count.key", key));
        await _root.OkAsync("iam", "create-instance-profile", "--instance-profile-name", "one");
        await _root.OkAsync("iam", "create-instance-profile", "--instance-profile-name", "two");
        await _root.OkAsync("iam", "upload-signing-certificate", "--certificate-body", await WriteAsync("root-signing.pem", SelfSigned("root.example.com").Body));

        var summary = (await _root.OkAsync("iam", "get-account-summary")).GetProperty("SummaryMap");

        Assert.Equal(2, summary.GetProperty("Providers").GetInt32());
        Assert.Equal(1, summary.GetProperty("ServerCertificates").GetInt32());
        Assert.Equal(2, summary.GetProperty("InstanceProfiles").GetInt32());
        Assert.Equal(1, summary.GetProperty("AccountSigningCertificatesPresent").GetInt32());
    }

    [Fact]
    public async Task GetAccountSummary_OneEntityOfEveryKind_AnswersEveryKeyOfAwsModelWithItsCount()
    {
        // One of everything the summary counts (root's access key comes with the test account).
        var (body, key, _) = SelfSigned("every.example.com");
        await _root.OkAsync("iam", "create-user", "--user-name", "one");
        await _root.OkAsync("iam", "create-group", "--group-name", "one");
        await _root.OkAsync("iam", "create-role", "--role-name", "one", "--assume-role-policy-document",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}""");
        await _root.OkAsync("iam", "create-policy", "--policy-name", "one", "--policy-document",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""");
        await _root.OkAsync("iam", "attach-user-policy", "--user-name", "one", "--policy-arn", $"arn:aws:iam::{Account}:policy/one");
        await VirtualMfa.EnableAsync(_root, "one");
        await _root.OkAsync("iam", "create-virtual-mfa-device", "--virtual-mfa-device-name", "spare", "--outfile", Path.Combine(_folder, "spare.png"),
            "--bootstrap-method", "QRCodePNG");
        await _root.OkAsync("iam", "create-instance-profile", "--instance-profile-name", "one");
        await _root.OkAsync("iam", "upload-server-certificate", "--server-certificate-name", "one",
            "--certificate-body", await WriteAsync("every.pem", body), "--private-key", await WriteAsync("every.key", key));
        await _root.OkAsync("iam", "create-open-id-connect-provider", "--url", "https://every.example.com", "--thumbprint-list", Thumbprint);
        await _root.OkAsync("iam", "create-saml-provider", "--name", "One", "--saml-metadata-document", await MetadataFileAsync("every.example.com"));
        await _root.OkAsync("iam", "upload-signing-certificate", "--certificate-body", await WriteAsync("root-every.pem", SelfSigned("root.example.com").Body));

        var summary = (await _root.OkAsync("iam", "get-account-summary")).GetProperty("SummaryMap");

        var expected = new Dictionary<string, int>
        {
            ["Users"] = 1, ["Groups"] = 1, ["Roles"] = 1, ["Policies"] = 1, ["PolicyVersionsInUse"] = 1,
            ["MFADevices"] = 2, ["MFADevicesInUse"] = 1, ["AccountMFAEnabled"] = 0, ["AccountAccessKeysPresent"] = 1,
            ["AccountPasswordPresent"] = 1, ["AccountSigningCertificatesPresent"] = 1, ["InstanceProfiles"] = 1,
            ["ServerCertificates"] = 1, ["Providers"] = 2, ["GlobalEndpointTokenVersion"] = 1,

            // AWS's default quotas (IAM User Guide, "IAM and AWS STS quotas").
            ["UsersQuota"] = 5000, ["GroupsQuota"] = 300, ["RolesQuota"] = 1000, ["PoliciesQuota"] = 1500, ["PolicySizeQuota"] = 6144,
            ["PolicyVersionsInUseQuota"] = 10000, ["VersionsPerPolicyQuota"] = 5, ["UserPolicySizeQuota"] = 2048,
            ["GroupPolicySizeQuota"] = 5120, ["RolePolicySizeQuota"] = 10240, ["AssumeRolePolicySizeQuota"] = 2048,
            ["GroupsPerUserQuota"] = 10, ["AttachedPoliciesPerUserQuota"] = 10, ["AttachedPoliciesPerGroupQuota"] = 10,
            ["AttachedPoliciesPerRoleQuota"] = 10, ["AccessKeysPerUserQuota"] = 2, ["SigningCertificatesPerUserQuota"] = 2,
            ["InstanceProfilesQuota"] = 1000, ["ServerCertificatesQuota"] = 20,
        };
        Assert.Equal(ServiceConstraints.Iam.OutputEnum("summaryKeyType").Order(StringComparer.Ordinal), expected.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(expected.OrderBy(e => e.Key, StringComparer.Ordinal),
            summary.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value.GetInt32())).OrderBy(e => e.Key, StringComparer.Ordinal));
    }

    /// <summary>A self-signed RSA certificate, its PKCS#1 key, and its NotAfter to the second.</summary>
    private static (string Body, string Key, DateTimeOffset NotAfter) SelfSigned(string host)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={host}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var notAfter = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(90).AddHours(12).AddSeconds(34), TimeSpan.Zero);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), notAfter);
        return (certificate.ExportCertificatePem() + "\n", rsa.ExportRSAPrivateKeyPem() + "\n", notAfter);
    }

    private async Task<string> WriteAsync(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        await File.WriteAllTextAsync(path, content, TestContext.Current.CancellationToken);
        return "file://" + path;
    }

    private Task<string> MetadataFileAsync(string host) => WriteAsync(host + ".xml", Metadata(host));

    /// <summary>IdP metadata as identity providers publish it, well over AWS's 1000-character minimum; one document per host.</summary>
    private string Metadata(string host)
    {
        if (_metadata.TryGetValue(host, out var known))
        {
            return known;
        }

        var (body, _, _) = SelfSigned(host);
        var certificate = string.Concat(body.Split('\n').Where(l => !l.StartsWith("-----", StringComparison.Ordinal)));
        return _metadata[host] = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://{host}/saml">
              <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
                <md:KeyDescriptor use="signing">
                  <ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>{certificate}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>
                </md:KeyDescriptor>
                <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://{host}/saml/sso"/>
              </md:IDPSSODescriptor>
            </md:EntityDescriptor>
            """;
    }

    private async Task<AwsCli> UserWithPolicyAsync(string userName, string policy)
    {
        await _root.OkAsync("iam", "create-user", "--user-name", userName);
        await _root.OkAsync("iam", "put-user-policy", "--user-name", userName, "--policy-name", "allow", "--policy-document", policy);
        var key = (await _root.OkAsync("iam", "create-access-key", "--user-name", userName)).GetProperty("AccessKey");
        return _root.As(key.GetProperty("AccessKeyId").GetString()!, key.GetProperty("SecretAccessKey").GetString()!);
    }

    /// <summary>Sends what the CLI's own validation would refuse, through the JavaScript SDK; returns AWS's message.</summary>
    private async Task<string> SdkFailsAsync(string errorCode, string operation, object input)
    {
        var (exit, output, error) = await NodeScripts.RunAsync("iam-call.mjs", server.Endpoint, LocalIamServer.RootAccessKeyId, LocalIamServer.RootSecret,
            operation, JsonSerializer.Serialize(input));
        Assert.True(exit == 0, error);
        var result = JsonDocument.Parse(output).RootElement;
        Assert.True(result.TryGetProperty("error", out var name), output);
        Assert.Equal(errorCode, name.GetString());
        return result.GetProperty("message").GetString()!;
    }

    private static string[] Strings(JsonElement list) => [.. list.EnumerateArray().Select(e => e.GetString()!)];

    private static string[] Tags(JsonElement owner) =>
        [.. owner.GetProperty("Tags").EnumerateArray().Select(t => $"{t.GetProperty("Key").GetString()}={t.GetProperty("Value").GetString()}")];
}
