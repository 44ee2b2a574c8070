using System.Net;
using System.Text;
using LocalIam.E2E.Tests.Support;
using static LocalIam.E2E.Tests.Support.StsSetup;

namespace LocalIam.E2E.Tests;

/// <summary>
/// Federation end to end, offline: `localiam idp` issues an OIDC token or a SAML response, the AWS
/// CLI's assume-role-with-web-identity / assume-role-with-saml (unsigned) turns it into a session,
/// and the session calls GetCallerIdentity; forged, expired and wrong-audience tokens are refused
/// with STS's codes and statuses.
/// </summary>
public sealed class CliFederationTests(LocalIamServer server) : IClassFixture<LocalIamServer>, IAsyncLifetime
{
    private const string GitHub = "https://token.actions.githubusercontent.com";
    private const string MainBranch = "repo:org/repo:ref:refs/heads/main";
    private const string EntityId = "https://idp.example.com/saml";
    private static readonly string OidcProviderArn = $"arn:aws:iam::{Account}:oidc-provider/token.actions.githubusercontent.com";
    private static readonly string SamlProviderArn = $"arn:aws:iam::{Account}:saml-provider/LocalIdp";

    private readonly AwsCli _root = new(server.Endpoint, LocalIamServer.RootAccessKeyId, LocalIamServer.RootSecret);

    // Unsigned calls need no credentials: these name a key that does not exist.
    private readonly AwsCli _nobody = new(server.Endpoint, "AKIANOSUCHKEY0000000", "no-such-secret-no-such-secret-no-such-s");
    private readonly string _folder = Directory.CreateTempSubdirectory("localiam-idp-").FullName;

    private string KeyFile => Path.Combine(_folder, "idp.pem");

    public async ValueTask InitializeAsync()
    {
        server.Clock.Reset();
        await server.ResetAsync();
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    private async Task<string> IdpAsync(params string[] arguments)
    {
        var result = await LocalIamCli.RunAsync(["idp", .. arguments, "--key-file", KeyFile]);
        Assert.True(result.Succeeded, $"localiam idp {string.Join(' ', arguments)} failed: {result.Error}");
        return result.Output.Trim();
    }

    /// <summary>GitHub's provider trusting the idp's key, and a role that GitHub Actions on main may assume.</summary>
    private async Task GitHubRoleAsync(string actions = "\"sts:AssumeRoleWithWebIdentity\"")
    {
        await _root.OkAsync("iam", "create-open-id-connect-provider", "--url", GitHub, "--client-id-list", "sts.amazonaws.com",
            "--thumbprint-list", await IdpAsync("thumbprint"));
        var trust = $$$$"""
            {"Effect":"Allow","Principal":{"Federated":"{{{{OidcProviderArn}}}}"},"Action":[{{{{actions}}}}],
             "Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"},
                          "StringLike":{"token.actions.githubusercontent.com:sub":"repo:org/repo:ref:refs/heads/main"}}}
            """;
        await new StsSetup(_root).RoleAsync("Deploy", Doc(trust));
    }

    private Task<string> GitHubTokenAsync(params string[] options) =>
        IdpAsync(["token", "--issuer", GitHub, "--audience", "sts.amazonaws.com", "--subject", MainBranch, .. options]);

    private static string[] WithWebIdentity(string token) =>
        ["sts", "assume-role-with-web-identity", "--role-arn", RoleArn("Deploy"), "--role-session-name", "ci", "--web-identity-token", token];

    [Fact]
    public async Task WebIdentity_TokenFromLocaliamIdp_AssumesTheRoleAndTheSessionCallsGetCallerIdentity()
    {
        await GitHubRoleAsync();

        var assumed = await _nobody.OkAsync(WithWebIdentity(await GitHubTokenAsync()));
        var identity = await new StsSetup(_root).Session(assumed).OkAsync("sts", "get-caller-identity");

        Assert.Equal(MainBranch, assumed.GetProperty("SubjectFromWebIdentityToken").GetString());
        Assert.Equal("sts.amazonaws.com", assumed.GetProperty("Audience").GetString());
        Assert.Equal(OidcProviderArn, assumed.GetProperty("Provider").GetString());
        Assert.Equal($"arn:aws:sts::{Account}:assumed-role/Deploy/ci", assumed.GetProperty("AssumedRoleUser").GetProperty("Arn").GetString());
        Assert.False(assumed.TryGetProperty("PackedPolicySize", out _));
        Assert.Equal($"arn:aws:sts::{Account}:assumed-role/Deploy/ci", identity.GetProperty("Arn").GetString());
    }

    [Fact]
    public async Task WebIdentity_TheAwsCli_SendsItUnsigned()
    {
        await GitHubRoleAsync();

        var result = await _nobody.RunAsync([.. WithWebIdentity(await GitHubTokenAsync()), "--debug"]);

        Assert.True(result.Succeeded, result.Error);
        // The CLI's signer choice for the operation: botocore's disable_signing handler, as the model's noAuth says.
        Assert.Contains("choose-signer.sts.AssumeRoleWithWebIdentity: calling handler <function disable_signing", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("AWS4-HMAC-SHA256 Credential=", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebIdentity_AnotherBranch_AccessDeniedNotAuthorized()
    {
        await GitHubRoleAsync();
        var token = await IdpAsync("token", "--issuer", GitHub, "--audience", "sts.amazonaws.com", "--subject", "repo:org/repo:ref:refs/heads/feature");

        var error = await _nobody.FailsAsync("AccessDenied", WithWebIdentity(token));
        var (status, _) = await UnsignedAsync(WebIdentityForm(token));

        Assert.Contains("Not authorized to perform sts:AssumeRoleWithWebIdentity", error, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, status);
    }

    [Fact]
    public async Task WebIdentity_SignatureForged_InvalidIdentityToken400()
    {
        await GitHubRoleAsync();
        var parts = (await GitHubTokenAsync()).Split('.');
        var forged = $"{parts[0]}.{parts[1]}.{(parts[2][0] == 'A' ? 'B' : 'A')}{parts[2][1..]}";

        var error = await _nobody.FailsAsync("InvalidIdentityToken", WithWebIdentity(forged));
        var (status, body) = await UnsignedAsync(WebIdentityForm(forged));

        Assert.Contains("could not be validated", error, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("<Code>InvalidIdentityToken</Code>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebIdentity_KeyTheProviderDoesNotTrust_InvalidIdentityToken()
    {
        await GitHubRoleAsync();
        var otherKey = Path.Combine(_folder, "other.pem");
        var result = await LocalIamCli.RunAsync("idp", "token", "--issuer", GitHub, "--audience", "sts.amazonaws.com", "--subject", MainBranch, "--key-file", otherKey);

        var error = await _nobody.FailsAsync("InvalidIdentityToken", WithWebIdentity(result.Output.Trim()));

        Assert.Contains("thumbprint list", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebIdentity_Expired_ExpiredTokenException400()
    {
        await GitHubRoleAsync();
        var token = await GitHubTokenAsync("--issued-at", "2020-01-01T00:00:00Z");

        var error = await _nobody.FailsAsync("ExpiredTokenException", WithWebIdentity(token));
        var (status, _) = await UnsignedAsync(WebIdentityForm(token));

        Assert.Contains("Token expired: current date/time", error, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Fact]
    public async Task WebIdentity_WrongAudience_InvalidIdentityTokenIncorrectAudience()
    {
        await GitHubRoleAsync();
        var token = await IdpAsync("token", "--issuer", GitHub, "--audience", "someone-else", "--subject", MainBranch);

        var error = await _nobody.FailsAsync("InvalidIdentityToken", WithWebIdentity(token));

        Assert.Contains("Incorrect token audience", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebIdentity_IssuerWithoutProvider_InvalidIdentityTokenNoProvider()
    {
        await GitHubRoleAsync();
        var token = await IdpAsync("token", "--issuer", "https://issuer.example.com", "--audience", "sts.amazonaws.com", "--subject", MainBranch);

        var error = await _nobody.FailsAsync("InvalidIdentityToken", WithWebIdentity(token));

        Assert.Contains("No OpenIDConnect provider found in your account for https://issuer.example.com", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebIdentity_TokenWithSessionTags_NeedsTagSessionAndBecomesPrincipalTags()
    {
        await GitHubRoleAsync("\"sts:AssumeRoleWithWebIdentity\",\"sts:TagSession\"");
        await _root.OkAsync("iam", "put-role-policy", "--role-name", "Deploy", "--policy-name", "blue-only", "--policy-document",
            Doc(Allows("\"iam:ListUsers\"", """{"StringEquals":{"aws:PrincipalTag/team":"blue"}}""")));
        var blue = await _nobody.OkAsync(WithWebIdentity(await GitHubTokenAsync("--tag", "team=blue")));
        var red = await _nobody.OkAsync(WithWebIdentity(await GitHubTokenAsync("--tag", "team=red")));

        await new StsSetup(_root).Session(blue).OkAsync("iam", "list-users");
        await new StsSetup(_root).Session(red).FailsAsync("AccessDenied", "iam", "list-users");
        Assert.True(blue.GetProperty("PackedPolicySize").GetInt32() > 0);
    }

    [Fact]
    public async Task WebIdentity_TokenWithTagsTrustWithoutTagSession_AccessDenied()
    {
        await GitHubRoleAsync();

        var error = await _nobody.FailsAsync("AccessDenied", WithWebIdentity(await GitHubTokenAsync("--tag", "team=blue")));

        Assert.Contains("Not authorized to perform sts:AssumeRoleWithWebIdentity", error, StringComparison.Ordinal);
    }

    private async Task SamlRoleAsync()
    {
        var metadata = Path.Combine(_folder, "metadata.xml");
        await File.WriteAllTextAsync(metadata, await IdpAsync("saml-metadata", "--entity-id", EntityId), TestContext.Current.CancellationToken);
        await _root.OkAsync("iam", "create-saml-provider", "--name", "LocalIdp", "--saml-metadata-document", $"file://{metadata}");
        var trust = $$$$"""
            {"Effect":"Allow","Principal":{"Federated":"{{{{SamlProviderArn}}}}"},"Action":"sts:AssumeRoleWithSAML",
             "Condition":{"StringEquals":{"SAML:aud":"https://signin.aws.amazon.com/saml","saml:sub":"alice","saml:sub_type":"persistent"}}}
            """;
        await new StsSetup(_root).RoleAsync("SamlRole", Doc(trust));
    }

    private Task<string> SamlResponseAsync(string subject = "alice", params string[] options) => IdpAsync(
        ["saml-response", "--entity-id", EntityId, "--subject", subject, "--role", $"{RoleArn("SamlRole")},{SamlProviderArn}", "--session-name", subject, .. options]);

    private static string[] WithSaml(string assertion) =>
        ["sts", "assume-role-with-saml", "--role-arn", RoleArn("SamlRole"), "--principal-arn", SamlProviderArn, "--saml-assertion", assertion];

    [Fact]
    public async Task Saml_ResponseFromLocaliamIdp_AssumesTheRoleAndTheSessionCallsGetCallerIdentity()
    {
        await SamlRoleAsync();

        var assumed = await _nobody.OkAsync(WithSaml(await SamlResponseAsync()));
        var identity = await new StsSetup(_root).Session(assumed).OkAsync("sts", "get-caller-identity");

        Assert.Equal("alice", assumed.GetProperty("Subject").GetString());
        Assert.Equal("persistent", assumed.GetProperty("SubjectType").GetString());
        Assert.Equal(EntityId, assumed.GetProperty("Issuer").GetString());
        Assert.Equal("https://signin.aws.amazon.com/saml", assumed.GetProperty("Audience").GetString());
        Assert.False(string.IsNullOrEmpty(assumed.GetProperty("NameQualifier").GetString()));
        Assert.Equal($"arn:aws:sts::{Account}:assumed-role/SamlRole/alice", identity.GetProperty("Arn").GetString());
    }

    [Fact]
    public async Task Saml_SubjectTheTrustPolicyDoesNotName_AccessDenied()
    {
        await SamlRoleAsync();

        var error = await _nobody.FailsAsync("AccessDenied", WithSaml(await SamlResponseAsync("mallory")));

        Assert.Contains("Not authorized to perform sts:AssumeRoleWithSAML", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Saml_SubjectChangedAfterSigning_InvalidIdentityToken400()
    {
        await SamlRoleAsync();
        var xml = Encoding.UTF8.GetString(Convert.FromBase64String(await SamlResponseAsync()));
        var forged = Convert.ToBase64String(Encoding.UTF8.GetBytes(xml.Replace(">alice</saml:NameID>", ">mallory</saml:NameID>", StringComparison.Ordinal)));

        var error = await _nobody.FailsAsync("InvalidIdentityToken", WithSaml(forged));
        var (status, _) = await UnsignedAsync(SamlForm(forged));

        Assert.Contains("Response signature invalid", error, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Fact]
    public async Task Saml_Expired_ExpiredTokenException()
    {
        await SamlRoleAsync();

        var error = await _nobody.FailsAsync("ExpiredTokenException", WithSaml(await SamlResponseAsync("alice", "--issued-at", "2020-01-01T00:00:00Z")));

        Assert.Contains("Token expired", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Saml_WrongAudience_InvalidIdentityToken()
    {
        await SamlRoleAsync();

        await _nobody.FailsAsync("InvalidIdentityToken", WithSaml(await SamlResponseAsync("alice", "--audience", "https://elsewhere.example.com")));
    }

    [Theory]
    [InlineData("WebIdentityToken", "....")]
    [InlineData("WebIdentityToken", "eyJhbGciOiJub25lIn0.eyJpc3MiOiJodHRwczovL3Rva2VuLmFjdGlvbnMuZ2l0aHVidXNlcmNvbnRlbnQuY29tIn0.")]
    [InlineData("WebIdentityToken", "eyJ4NWMiOlsiQUFBQSJdLCJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJodHRwczovL3Rva2VuLmFjdGlvbnMuZ2l0aHVidXNlcmNvbnRlbnQuY29tIiwiYXVkIjoic3RzLmFtYXpvbmF3cy5jb20ifQ.AAAA")]
    [InlineData("SAMLAssertion", "AAAA")]
    [InlineData("SAMLAssertion", "PD94bWwgdmVyc2lvbj0iMS4wIj8+PCFET0NUWVBFIHggU1lTVEVNICJmaWxlOi8vL2V0Yy9wYXNzd2QiPjx4PiZ4eHg7PC94Pg==")]
    public async Task Hostile_TokenOrAssertion_RefusedNever500(string parameter, string value)
    {
        await GitHubRoleAsync();
        await SamlRoleAsync();
        var form = parameter == "WebIdentityToken" ? WebIdentityForm(value) : SamlForm(value);

        var (status, body) = await UnsignedAsync(form);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("<Code>InvalidIdentityToken</Code>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hostile_TokenLongerThanTheModelAllows_ValidationError()
    {
        var (status, body) = await UnsignedAsync(WebIdentityForm(new string('a', 20_001)));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("<Code>ValidationError</Code>", body, StringComparison.Ordinal);
        Assert.Contains("webIdentityToken", body, StringComparison.Ordinal);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Idp_KeyFile_CreatedOnceOwnerOnlyAndKept()
    {
        var first = await IdpAsync("thumbprint");
        var second = await IdpAsync("thumbprint");

        Assert.Equal(first, second);
        Assert.Matches("^[0-9a-f]{40}$", first);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyFile));
    }

    [Fact]
    public async Task Idp_KeyFileThatIsNotAKey_RefusedWithExitCodeTwo()
    {
        await File.WriteAllTextAsync(KeyFile, "not a key", TestContext.Current.CancellationToken);

        var result = await LocalIamCli.RunAsync("idp", "token", "--issuer", GitHub, "--audience", "a", "--subject", MainBranch, "--key-file", KeyFile);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"localiam idp: `{KeyFile}` is not a key file of localiam idp: it must hold a PEM private key and certificate", result.Error.Trim());
    }

    private static string WebIdentityForm(string token) =>
        $"Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn={Uri.EscapeDataString(RoleArn("Deploy"))}&RoleSessionName=ci&WebIdentityToken={Uri.EscapeDataString(token)}";

    private static string SamlForm(string assertion) =>
        $"Action=AssumeRoleWithSAML&Version=2011-06-15&RoleArn={Uri.EscapeDataString(RoleArn("SamlRole"))}&PrincipalArn={Uri.EscapeDataString(SamlProviderArn)}&SAMLAssertion={Uri.EscapeDataString(assertion)}";

    private async Task<(HttpStatusCode Status, string Body)> UnsignedAsync(string form)
    {
        using var http = new HttpClient();
        using var content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded");
        using var response = await http.PostAsync(new Uri(server.Endpoint + "/"), content, TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
