using System.Text.Json;
using LocalIam.E2E.Tests.Support;

namespace LocalIam.E2E.Tests;

/// <summary>GetAccessKeyInfo and DecodeAuthorizationMessage through the AWS CLI, and the STS operations its version lacks signed by its botocore.</summary>
public sealed class CliStsAccountOperationsTests(LocalIamServer server) : IClassFixture<LocalIamServer>, IAsyncLifetime
{
    private const string Account = LocalIamServer.AccountId;

    private readonly AwsCli _root = new(server.Endpoint, LocalIamServer.RootAccessKeyId, LocalIamServer.RootSecret);

    public async ValueTask InitializeAsync() => await server.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task GetAccessKeyInfo_OwnKeyAndForeignKey_TheirAccounts()
    {
        var own = await _root.OkAsync("sts", "get-access-key-info", "--access-key-id", LocalIamServer.RootAccessKeyId);
        var foreign = await _root.OkAsync("sts", "get-access-key-info", "--access-key-id", "ASIAY34FZKBOKMUTVV7A");

        Assert.Equal(Account, own.GetProperty("Account").GetString());
        Assert.Equal("609629065308", foreign.GetProperty("Account").GetString());
    }

    [Fact]
    public async Task GetAccessKeyInfo_UserWithoutPermission_AccessDenied()
    {
        var bob = await UserAsync("bob", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:GetCallerIdentity","Resource":"*"}]}""");

        var error = await bob.FailsAsync("AccessDenied", "sts", "get-access-key-info", "--access-key-id", LocalIamServer.RootAccessKeyId);

        Assert.Contains("is not authorized to perform: sts:GetAccessKeyInfo", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccessDenied_DefaultServer_AwsTextWithoutEncodedMessage()
    {
        var bob = await UserAsync("bob", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:GetCallerIdentity","Resource":"*"}]}""");

        var error = await bob.FailsAsync("AccessDenied", "iam", "create-user", "--user-name", "eve");

        Assert.DoesNotContain("Encoded authorization failure message", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DecodeAuthorizationMessage_Garbage_InvalidAuthorizationMessageException()
    {
        await _root.FailsAsync("InvalidAuthorizationMessageException", "sts", "decode-authorization-message", "--encoded-message", "not-a-message-of-this-server");
    }

    [Fact]
    public async Task AssumeRoot_StandAloneAccount_AccessDenied()
    {
        var ops = await UserAsync("ops", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRoot","Resource":"*"}]}""");

        var (status, body) = await Botocore.PostSignedAsync(server.Endpoint,
            "Action=AssumeRoot&Version=2011-06-15&TargetPrincipal=444455556666&TaskPolicyArn.arn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2Froot-task%2FIAMAuditRootUserCredentials"u8.ToArray(),
            "sts", ops.AccessKeyId, ops.Secret);

        Assert.Equal(403, status);
        Assert.Contains("<Code>AccessDenied</Code>", body, StringComparison.Ordinal);
        Assert.Contains("sts:AssumeRoot on resource: arn:aws:iam::444455556666:root", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetWebIdentityToken_DisabledThenEnabled_AwsErrorThenSignedJwt()
    {
        const string request = "Action=GetWebIdentityToken&Version=2011-06-15&Audience.member.1=https%3A%2F%2Fapi.example.com&SigningAlgorithm=RS256&DurationSeconds=600";

        var (disabledStatus, disabled) = await Botocore.PostSignedAsync(server.Endpoint, System.Text.Encoding.ASCII.GetBytes(request), "sts");
        var (_, enabled) = await Botocore.PostSignedAsync(server.Endpoint, "Action=EnableOutboundWebIdentityFederation&Version=2010-05-08"u8.ToArray());
        var (tokenStatus, token) = await Botocore.PostSignedAsync(server.Endpoint, System.Text.Encoding.ASCII.GetBytes(request), "sts");

        Assert.Equal(403, disabledStatus);
        Assert.Contains("<Code>OutboundWebIdentityFederationDisabledException</Code>", disabled, StringComparison.Ordinal);
        Assert.Contains(".tokens.sts.global.api.aws</IssuerIdentifier>", enabled, StringComparison.Ordinal);
        Assert.Equal(200, tokenStatus);
        var jwt = System.Xml.Linq.XDocument.Parse(token).Descendants().Single(e => e.Name.LocalName == "WebIdentityToken").Value;
        var header = JsonDocument.Parse(Base64Url(jwt.Split('.')[0])).RootElement;
        var claims = JsonDocument.Parse(Base64Url(jwt.Split('.')[1])).RootElement;
        Assert.Equal("RS256", header.GetProperty("alg").GetString());
        Assert.Equal($"arn:aws:iam::{Account}:root", claims.GetProperty("sub").GetString());
        Assert.Equal(600, claims.GetProperty("exp").GetInt64() - claims.GetProperty("iat").GetInt64());

        // The token verifies with the public key LocalIam serves for the account, found by its kid.
        using var http = new HttpClient();
        var jwks = JsonDocument.Parse(await http.GetStringAsync(new Uri($"{server.Endpoint}/_localiam/accounts/{Account}/jwks.json"), TestContext.Current.CancellationToken)).RootElement;
        var jwk = jwks.GetProperty("keys").EnumerateArray().Single(k => k.GetProperty("kid").GetString() == header.GetProperty("kid").GetString());
        using var rsa = System.Security.Cryptography.RSA.Create(new System.Security.Cryptography.RSAParameters
        {
            Modulus = Base64Url(jwk.GetProperty("n").GetString()!),
            Exponent = Base64Url(jwk.GetProperty("e").GetString()!),
        });
        var signed = System.Text.Encoding.ASCII.GetBytes(jwt[..jwt.LastIndexOf('.')]);
        Assert.True(rsa.VerifyData(signed, Base64Url(jwt.Split('.')[2]), System.Security.Cryptography.HashAlgorithmName.SHA256,
            System.Security.Cryptography.RSASignaturePadding.Pkcs1));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync(new Uri($"{server.Endpoint}/_localiam/accounts/not-an-account/jwks.json"), TestContext.Current.CancellationToken)).StatusCode);
    }

    private static byte[] Base64Url(string text)
    {
        var base64 = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '='));
    }

    private async Task<AwsCli> UserAsync(string name, string policy)
    {
        await _root.OkAsync("iam", "create-user", "--user-name", name);
        await _root.OkAsync("iam", "put-user-policy", "--user-name", name, "--policy-name", "p", "--policy-document", policy);
        var key = (await _root.OkAsync("iam", "create-access-key", "--user-name", name)).GetProperty("AccessKey");
        return _root.As(key.GetProperty("AccessKeyId").GetString()!, key.GetProperty("SecretAccessKey").GetString()!);
    }
}

/// <summary>A server started with --encode-denials: a denial's message carries what `aws sts decode-authorization-message` reads back.</summary>
public sealed class CliEncodedDenialTests : IAsyncLifetime
{
    private readonly LocalIamServer _server = LocalIamServer.EncodingDenials();

    public ValueTask InitializeAsync() => _server.InitializeAsync();

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task DecodeAuthorizationMessage_DenialOfCreateUser_LocalIamExplanationInAwsForm()
    {
        var root = new AwsCli(_server.Endpoint, LocalIamServer.RootAccessKeyId, LocalIamServer.RootSecret);
        await root.OkAsync("iam", "create-user", "--user-name", "bob");
        await root.OkAsync("iam", "put-user-policy", "--user-name", "bob", "--policy-name", "decode", "--policy-document",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:DecodeAuthorizationMessage","Resource":"*"}]}""");
        var key = (await root.OkAsync("iam", "create-access-key", "--user-name", "bob")).GetProperty("AccessKey");
        var bob = root.As(key.GetProperty("AccessKeyId").GetString()!, key.GetProperty("SecretAccessKey").GetString()!);

        var error = await bob.FailsAsync("AccessDenied", "iam", "create-user", "--user-name", "eve");
        const string marker = "Encoded authorization failure message: ";
        var encoded = error[(error.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..].Trim();
        var decoded = JsonDocument.Parse((await bob.OkAsync("sts", "decode-authorization-message", "--encoded-message", encoded)).GetProperty("DecodedMessage").GetString()!).RootElement;

        Assert.Contains("is not authorized to perform: iam:CreateUser", error, StringComparison.Ordinal);
        Assert.False(decoded.GetProperty("allowed").GetBoolean());
        Assert.Equal("iam:CreateUser", decoded.GetProperty("context").GetProperty("action").GetString());
        Assert.Equal($"arn:aws:iam::{LocalIamServer.AccountId}:user/bob", decoded.GetProperty("context").GetProperty("principal").GetProperty("arn").GetString());
        Assert.Equal("NoIdentityPolicyAllows", decoded.GetProperty("localIam").GetProperty("reason").GetString());
        Assert.False(string.IsNullOrEmpty(decoded.GetProperty("localIam").GetProperty("explanation").GetString()));

        // Without sts:DecodeAuthorizationMessage, nobody reads it.
        await root.OkAsync("iam", "delete-user-policy", "--user-name", "bob", "--policy-name", "decode");
        await bob.FailsAsync("AccessDenied", "sts", "decode-authorization-message", "--encoded-message", encoded);
    }
}
