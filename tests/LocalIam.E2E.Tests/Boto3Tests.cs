using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using LocalIam.E2E.Tests.Support;

namespace LocalIam.E2E.Tests;

/// <summary>
/// Debian's boto3 (python3-boto3, installed by scripts/install-clients.sh) against LocalIam: every
/// IAM and STS operation of its model, a happy path and the main errors (tests/e2e/python/boto3_sweep.py).
/// boto3 parses more strictly than the AWS CLI, so each answer must parse as well as answer.
/// </summary>
public sealed class Boto3Tests(LocalIamServer server) : IClassFixture<LocalIamServer>
{
    [Fact]
    public async Task Sweep_EveryOperation_ParsesAndAnswersAsAws()
    {
        await server.ResetAsync();
        var folder = Directory.CreateTempSubdirectory("localiam-boto3-").FullName;
        try
        {
            var materials = Path.Combine(folder, "materials.json");
            await File.WriteAllTextAsync(materials, JsonSerializer.Serialize(Materials()), TestContext.Current.CancellationToken);

            var (exit, output, error) = await DebianBoto3.RunAsync("boto3_sweep.py", TimeSpan.FromMinutes(5),
                server.Endpoint, LocalIamServer.RootAccessKeyId, LocalIamServer.RootSecret, materials);

            var checks = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
            var failed = checks.Where(c => !c.GetProperty("ok").GetBoolean()).Select(c => $"{c.GetProperty("check").GetString()}: {c.GetProperty("detail").GetString()}").ToList();
            Assert.True(exit == 0 && failed.Count == 0, $"{failed.Count} of {checks.Count} checks failed:\n{string.Join('\n', failed)}\n{error}");
            // The script fails any operation of the model no check calls; this guards against a sweep cut short.
            Assert.True(checks.Count > 180, $"only {checks.Count} checks ran");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>What the sweep uploads, made here: certificates and keys, an SSH key, SAML metadata.</summary>
    private static Dictionary<string, string> Materials()
    {
        using var rsa = RSA.Create(2048);
        using var other = RSA.Create(2048);
        var request = new CertificateRequest("CN=www.example.com", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(90));
        var body = certificate.ExportCertificatePem();
        var base64 = string.Concat(body.Split('\n').Where(l => !l.StartsWith("-----", StringComparison.Ordinal)));
        var metadata = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.com/saml">
              <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
                <md:KeyDescriptor use="signing">
                  <ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>{base64}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>
                </md:KeyDescriptor>
                <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.com/saml/sso"/>
              </md:IDPSSODescriptor>
            </md:EntityDescriptor>
            """;
        using var idp = LocalIam.Iam.Federation.TestIdentityProvider.Create();
        var now = DateTimeOffset.UtcNow;
        var samlRequest = new LocalIam.Iam.Federation.SamlAssertionRequest("https://idp.b3.example/saml", "alice", now.AddMinutes(-1), TimeSpan.FromMinutes(30))
        {
            Attributes =
            [
                (LocalIam.Iam.Federation.SamlResponse.RoleAttribute,
                    [$"arn:aws:iam::{LocalIamServer.AccountId}:role/b3-saml-role,arn:aws:iam::{LocalIamServer.AccountId}:saml-provider/b3-federation"]),
                (LocalIam.Iam.Federation.SamlResponse.SessionNameAttribute, ["alice"]),
            ],
        };
        return new()
        {
            ["oidcThumbprint"] = idp.Thumbprint,
            ["webIdentityToken"] = idp.IssueToken("https://token.b3.example", "repo:org/app:ref:refs/heads/main", ["sts.amazonaws.com"], now.AddMinutes(-1), TimeSpan.FromMinutes(30)),
            ["federationSamlMetadata"] = idp.SamlMetadata("https://idp.b3.example/saml"),
            ["samlResponse"] = idp.IssueSamlResponse(samlRequest),
            ["serverCertificate"] = body + "\n",
            ["serverPrivateKey"] = rsa.ExportRSAPrivateKeyPem() + "\n",
            ["otherPrivateKey"] = other.ExportRSAPrivateKeyPem() + "\n",
            ["signingCertificate"] = CliUserCredentialTests.NewCertificatePem(),
            ["sshPublicKey"] = CliUserCredentialTests.SshKey.Create().Body,
            ["samlMetadata"] = metadata,
        };
    }
}
