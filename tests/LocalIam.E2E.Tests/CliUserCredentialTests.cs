using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using LocalIam.E2E.Tests.Support;

namespace LocalIam.E2E.Tests;

/// <summary>
/// A user's other credentials through the AWS CLI: SSH public keys, signing certificates,
/// service-specific credentials, and the credential report that lists them.
/// </summary>
public sealed class CliUserCredentialTests(LocalIamServer server) : IClassFixture<LocalIamServer>, IAsyncLifetime
{
    private const string Account = LocalIamServer.AccountId;

    private readonly AwsCli _root = new(server.Endpoint, LocalIamServer.RootAccessKeyId, LocalIamServer.RootSecret);

    public async ValueTask InitializeAsync()
    {
        await server.ResetAsync();
        await _root.OkAsync("iam", "create-user", "--user-name", "dev");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task UploadSSHPublicKey_RsaKey_ApkaIdAndMd5FingerprintOfTheBlob()
    {
        var key = SshKey.Create();

        var uploaded = (await _root.OkAsync("iam", "upload-ssh-public-key", "--user-name", "dev", "--ssh-public-key-body", key.Body)).GetProperty("SSHPublicKey");

        var id = uploaded.GetProperty("SSHPublicKeyId").GetString()!;
        Assert.StartsWith("APKA", id, StringComparison.Ordinal);
        Assert.Equal(20, id.Length);
        Assert.Equal(key.Fingerprint, uploaded.GetProperty("Fingerprint").GetString());
        Assert.Equal(key.Body, uploaded.GetProperty("SSHPublicKeyBody").GetString());
        Assert.Equal("Active", uploaded.GetProperty("Status").GetString());
        Assert.Equal("dev", uploaded.GetProperty("UserName").GetString());
    }

    [Fact]
    public async Task GetSSHPublicKey_PemEncoding_SubjectPublicKeyInfoOfTheSameKey()
    {
        var key = SshKey.Create();
        var id = await UploadAsync(key.Body);

        var pem = (await _root.OkAsync("iam", "get-ssh-public-key", "--user-name", "dev", "--ssh-public-key-id", id, "--encoding", "PEM"))
            .GetProperty("SSHPublicKey").GetProperty("SSHPublicKeyBody").GetString()!;
        var ssh = (await _root.OkAsync("iam", "get-ssh-public-key", "--user-name", "dev", "--ssh-public-key-id", id, "--encoding", "SSH"))
            .GetProperty("SSHPublicKey").GetProperty("SSHPublicKeyBody").GetString();

        Assert.Equal(key.Pem, pem.Trim());
        Assert.Equal(key.Body, ssh);
    }

    [Fact]
    public async Task UploadSSHPublicKey_NotAKey_UnrecognizedPublicKeyEncoding()
    {
        await _root.FailsAsync("UnrecognizedPublicKeyEncoding", "iam", "upload-ssh-public-key", "--user-name", "dev", "--ssh-public-key-body", "hello world");
    }

    [Fact]
    public async Task UploadSSHPublicKey_Rsa1024_InvalidPublicKey()
    {
        await _root.FailsAsync("InvalidPublicKey", "iam", "upload-ssh-public-key", "--user-name", "dev", "--ssh-public-key-body", SshKey.Create(1024).Body);
    }

    [Fact]
    public async Task UploadSSHPublicKey_SameKeyAgain_DuplicateSSHPublicKey()
    {
        var key = SshKey.Create();
        await UploadAsync(key.Body);

        await _root.FailsAsync("DuplicateSSHPublicKey", "iam", "upload-ssh-public-key", "--user-name", "dev", "--ssh-public-key-body", key.Body);
    }

    [Fact]
    public async Task UploadSSHPublicKey_Sixth_LimitExceeded()
    {
        for (var i = 0; i < 5; i++)
        {
            await UploadAsync(SshKey.Create().Body);
        }

        var error = await _root.FailsAsync("LimitExceeded", "iam", "upload-ssh-public-key", "--user-name", "dev", "--ssh-public-key-body", SshKey.Create().Body);

        Assert.Contains("Cannot exceed quota for PublicKeysPerUser: 5", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateSSHPublicKey_InactiveThenDeleted_ListShowsItThenGetFails()
    {
        var id = await UploadAsync(SshKey.Create().Body);

        await _root.OkAsync("iam", "update-ssh-public-key", "--user-name", "dev", "--ssh-public-key-id", id, "--status", "Inactive");
        var listed = Assert.Single((await _root.OkAsync("iam", "list-ssh-public-keys", "--user-name", "dev")).GetProperty("SSHPublicKeys").EnumerateArray());
        Assert.Equal("Inactive", listed.GetProperty("Status").GetString());
        Assert.Equal(id, listed.GetProperty("SSHPublicKeyId").GetString());

        await _root.OkAsync("iam", "delete-ssh-public-key", "--user-name", "dev", "--ssh-public-key-id", id);
        var error = await _root.FailsAsync("NoSuchEntity", "iam", "get-ssh-public-key", "--user-name", "dev", "--ssh-public-key-id", id, "--encoding", "SSH");
        Assert.Contains($"The Public Key with id {id} cannot be found.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UploadSigningCertificate_Third_LimitExceededAfterTwoListed()
    {
        var first = NewCertificatePem();
        var uploaded = (await _root.OkAsync("iam", "upload-signing-certificate", "--user-name", "dev", $"--certificate-body={first}")).GetProperty("Certificate");
        var id = uploaded.GetProperty("CertificateId").GetString()!;
        Assert.StartsWith("ASCA", id, StringComparison.Ordinal);
        Assert.Equal(first, uploaded.GetProperty("CertificateBody").GetString());
        await _root.OkAsync("iam", "upload-signing-certificate", "--user-name", "dev", $"--certificate-body={NewCertificatePem()}");
        await _root.OkAsync("iam", "update-signing-certificate", "--user-name", "dev", "--certificate-id", id, "--status", "Inactive");

        var error = await _root.FailsAsync("LimitExceeded", "iam", "upload-signing-certificate", "--user-name", "dev", $"--certificate-body={NewCertificatePem()}");

        Assert.Contains("Cannot exceed quota for CertificatesPerUser: 2", error, StringComparison.Ordinal);
        var listed = (await _root.OkAsync("iam", "list-signing-certificates", "--user-name", "dev")).GetProperty("Certificates");
        Assert.Equal("Inactive", listed.EnumerateArray().Single(c => c.GetProperty("CertificateId").GetString() == id).GetProperty("Status").GetString());
        Assert.Equal(2, listed.GetArrayLength());
    }

    [Fact]
    public async Task UploadSigningCertificate_NotPem_MalformedCertificate()
    {
        var error = await _root.FailsAsync("MalformedCertificate", "iam", "upload-signing-certificate", "--user-name", "dev", "--certificate-body", "notacert");

        Assert.Contains("Certificate notacert is malformed.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteSigningCertificate_UnknownId_NoSuchEntity()
    {
        var error = await _root.FailsAsync("NoSuchEntity", "iam", "delete-signing-certificate", "--user-name", "dev", "--certificate-id", "ASCAXXXXXXXXXXXXXXXXXXXXXXXX");

        Assert.Contains("The Certificate with id ASCAXXXXXXXXXXXXXXXXXXXXXXXX cannot be found.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateServiceSpecificCredential_CodeCommitTwice_NamesPasswordsAndQuota()
    {
        var first = await CreateCodeCommitAsync();
        var second = await CreateCodeCommitAsync();

        Assert.Equal($"dev-at-{Account}", first.GetProperty("ServiceUserName").GetString());
        Assert.Equal($"dev+1-at-{Account}", second.GetProperty("ServiceUserName").GetString());
        var password = first.GetProperty("ServicePassword").GetString()!;
        Assert.Equal(60, password.Length);
        Assert.EndsWith("=", password, StringComparison.Ordinal);
        var id = first.GetProperty("ServiceSpecificCredentialId").GetString()!;
        Assert.StartsWith("ACCA", id, StringComparison.Ordinal);
        var error = await _root.FailsAsync("LimitExceeded", "iam", "create-service-specific-credential", "--user-name", "dev", "--service-name", "codecommit.amazonaws.com");
        Assert.Contains("Cannot exceed quota for ServiceSpecificCredentialsPerUserPerService: 2", error, StringComparison.Ordinal);
        var listed = (await _root.OkAsync("iam", "list-service-specific-credentials", "--user-name", "dev")).GetProperty("ServiceSpecificCredentials");
        Assert.Equal(2, listed.GetArrayLength());
        Assert.False(listed[0].TryGetProperty("ServicePassword", out _));
    }

    [Fact]
    public async Task ResetServiceSpecificCredential_Inactive_NewPasswordStatusKept()
    {
        var created = await CreateCodeCommitAsync();
        var id = created.GetProperty("ServiceSpecificCredentialId").GetString()!;
        await _root.OkAsync("iam", "update-service-specific-credential", "--user-name", "dev", "--service-specific-credential-id", id, "--status", "Inactive");

        var reset = (await _root.OkAsync("iam", "reset-service-specific-credential", "--user-name", "dev", "--service-specific-credential-id", id))
            .GetProperty("ServiceSpecificCredential");

        Assert.NotEqual(created.GetProperty("ServicePassword").GetString(), reset.GetProperty("ServicePassword").GetString());
        Assert.Equal("Inactive", reset.GetProperty("Status").GetString());
        Assert.Equal($"dev-at-{Account}", reset.GetProperty("ServiceUserName").GetString());
    }

    [Fact]
    public async Task DeleteServiceSpecificCredential_Deleted_ListEmptyAndSecondDeleteNoSuchEntity()
    {
        var id = (await CreateCodeCommitAsync()).GetProperty("ServiceSpecificCredentialId").GetString()!;

        await _root.OkAsync("iam", "delete-service-specific-credential", "--user-name", "dev", "--service-specific-credential-id", id);

        var listed = await _root.OkAsync("iam", "list-service-specific-credentials", "--user-name", "dev", "--service-name", "codecommit.amazonaws.com");
        Assert.Equal(0, listed.GetProperty("ServiceSpecificCredentials").GetArrayLength());
        var error = await _root.FailsAsync("NoSuchEntity", "iam", "delete-service-specific-credential", "--user-name", "dev", "--service-specific-credential-id", id);
        Assert.Contains($"No such credential {id} exists", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateServiceSpecificCredential_UnsupportedService_NoSuchEntity()
    {
        var error = await _root.FailsAsync("NoSuchEntity", "iam", "create-service-specific-credential", "--user-name", "dev", "--service-name", "lambda.amazonaws.com");

        Assert.Contains("No such service lambda.amazonaws.com is supported for Service Specific Credentials", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCredentialReport_NeverGenerated_ReportNotPresent()
    {
        var error = await _root.FailsAsync("ReportNotPresent", "iam", "get-credential-report");

        // AWS sends no message with this error; botocore then says Unknown.
        Assert.EndsWith(": Unknown", error.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCredentialReport_AfterGenerate_CsvRowsForRootAndUsers()
    {
        await _root.OkAsync("iam", "create-login-profile", "--user-name", "dev", "--password", "Dev-Password-123");
        await _root.OkAsync("iam", "create-access-key", "--user-name", "dev");
        await _root.OkAsync("iam", "upload-signing-certificate", "--user-name", "dev", $"--certificate-body={NewCertificatePem()}");
        await _root.OkAsync("iam", "create-user", "--user-name", "bare", "--path", "/team/");

        var generated = await _root.OkAsync("iam", "generate-credential-report");
        var report = await _root.OkAsync("iam", "get-credential-report");

        Assert.Equal("STARTED", generated.GetProperty("State").GetString());
        Assert.Equal("text/csv", report.GetProperty("ReportFormat").GetString());
        var lines = Encoding.UTF8.GetString(Convert.FromBase64String(report.GetProperty("Content").GetString()!)).Split('\n');
        Assert.Equal(
            "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active," +
            "access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service," +
            "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service," +
            "cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated",
            lines[0]);
        var root = lines[1].Split(',');
        Assert.Equal(["<root_account>", $"arn:aws:iam::{Account}:root"], root[..2]);
        Assert.Equal(["not_supported", "no_information", "not_supported", "not_supported", "false", "true"], root[3..9]);
        var bare = lines[2].Split(',');
        Assert.Equal(["bare", $"arn:aws:iam::{Account}:user/team/bare"], bare[..2]);
        Assert.Equal(["false", "N/A", "N/A", "N/A", "false", "false", "N/A", "N/A", "N/A", "N/A"], bare[3..13]);
        Assert.Equal(["false", "N/A", "false", "N/A"], bare[18..]);
        var dev = lines[3].Split(',');
        Assert.Equal(["dev", "true", "no_information"], [dev[0], dev[3], dev[4]]);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$", dev[5]);
        Assert.Equal(["true", "N/A", "N/A", "N/A", "false"], [dev[8], dev[10], dev[11], dev[12], dev[13]]);
        Assert.Equal(["true", "false", "N/A"], [dev[18], dev[20], dev[21]]);
        Assert.Equal(4, lines.Length);
    }

    private async Task<string> UploadAsync(string body) =>
        (await _root.OkAsync("iam", "upload-ssh-public-key", "--user-name", "dev", "--ssh-public-key-body", body))
            .GetProperty("SSHPublicKey").GetProperty("SSHPublicKeyId").GetString()!;

    private async Task<System.Text.Json.JsonElement> CreateCodeCommitAsync() =>
        (await _root.OkAsync("iam", "create-service-specific-credential", "--user-name", "dev", "--service-name", "codecommit.amazonaws.com"))
            .GetProperty("ServiceSpecificCredential");

    internal static string NewCertificatePem()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=dev", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(365));
        return certificate.ExportCertificatePem();
    }

    /// <summary>An RSA key as <c>ssh-rsa</c> text (RFC 4253 wire format in base64), its MD5 fingerprint and its PEM, made here, independently of the server.</summary>
    internal sealed record SshKey(string Body, string Fingerprint, string Pem)
    {
        public static SshKey Create(int bits = 2048)
        {
            using var rsa = RSA.Create(bits);
            var parameters = rsa.ExportParameters(includePrivateParameters: false);
            using var blob = new MemoryStream();
            Field(blob, "ssh-rsa"u8.ToArray());
            Field(blob, Mpint(parameters.Exponent!));
            Field(blob, Mpint(parameters.Modulus!));
            var bytes = blob.ToArray();
#pragma warning disable CA5351 // The SSH fingerprint AWS shows is MD5 by definition.
            var hex = Convert.ToHexStringLower(MD5.HashData(bytes));
#pragma warning restore CA5351
            var fingerprint = string.Join(':', hex.Chunk(2).Select(pair => new string(pair)));
            return new SshKey($"ssh-rsa {Convert.ToBase64String(bytes)} dev@laptop", fingerprint, rsa.ExportSubjectPublicKeyInfoPem());
        }

        private static byte[] Mpint(byte[] magnitude) => magnitude[0] >= 0x80 ? [0, .. magnitude] : magnitude;

        private static void Field(MemoryStream stream, byte[] value)
        {
            var length = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(length, value.Length);
            stream.Write(length);
            stream.Write(value);
        }
    }
}
