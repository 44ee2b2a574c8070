using System.Buffers.Text;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using LocalIam.Iam.Errors;
using LocalIam.Iam.Federation;
using LocalIam.Iam.OpenIdConnect;

namespace LocalIam.Iam.Tests.Federation;

/// <summary>The web identity token's verification: what a forged, foreign, expired or malformed token gets, with STS's codes.</summary>
public sealed class WebIdentityTokenTests : IDisposable
{
    private const string Issuer = "https://token.actions.githubusercontent.com";
    private const string ProviderArn = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com";
    private const string Subject = "repo:org/repo:ref:refs/heads/main";
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly TestIdentityProvider _idp = TestIdentityProvider.Create();
    private readonly TestIdentityProvider _other = TestIdentityProvider.Create();

    public void Dispose()
    {
        _idp.Dispose();
        _other.Dispose();
    }

    private OidcProvider Provider(params string[] clientIds) => new()
    {
        Url = "token.actions.githubusercontent.com",
        ClientIds = clientIds.Length == 0 ? ["sts.amazonaws.com"] : clientIds,
        Thumbprints = [_idp.Thumbprint.ToUpperInvariant()],
        CreateDate = Now.UtcDateTime,
    };

    private string Token(string audience = "sts.amazonaws.com", DateTimeOffset? issuedAt = null, JsonObject? claims = null) =>
        _idp.IssueToken(Issuer, Subject, [audience], issuedAt ?? Now.AddMinutes(-1), TimeSpan.FromHours(1), claims);

    private VerifiedWebIdentity Verify(string token, OidcProvider? provider = null) =>
        WebIdentityToken.Read(token).Verify(provider ?? Provider(), ProviderArn, Now);

    private static IamException Refused(Action verify) => Assert.Throws<IamException>(verify);

    [Fact]
    public void Verify_TokenOfTheTrustedKey_SubjectAudienceAndTags()
    {
        var claims = new JsonObject
        {
            ["amr"] = new JsonArray("pwd", "mfa"),
            [WebIdentityToken.TagsClaim] = new JsonObject
            {
                ["principal_tags"] = new JsonObject { ["team"] = new JsonArray("blue") },
                ["transitive_tag_keys"] = new JsonArray("team"),
            },
        };

        var identity = Verify(Token(claims: claims));

        Assert.Equal(Subject, identity.Subject);
        Assert.Equal("sts.amazonaws.com", identity.Audience);
        Assert.Equal(["pwd", "mfa"], identity.Amr);
        Assert.Equal("blue", Assert.Single(identity.Tags, t => t.Key == "team").Value);
        Assert.Equal(["team"], identity.TransitiveTagKeys);
        Assert.Equal(Issuer, WebIdentityToken.Read(Token()).Issuer);
    }

    [Fact]
    public void Verify_SeveralAudiencesOneAClientId_ThatAudience()
    {
        var token = _idp.IssueToken(Issuer, Subject, ["other", "sts.amazonaws.com"], Now.AddMinutes(-1), TimeSpan.FromHours(1));

        Assert.Equal("sts.amazonaws.com", Verify(token).Audience);
    }

    [Fact]
    public void Verify_PayloadChangedAfterSigning_InvalidIdentityToken()
    {
        var parts = Token().Split('.');
        var forged = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1])).Replace("refs/heads/main", "refs/heads/evil", StringComparison.Ordinal);
        var token = $"{parts[0]}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(forged))}.{parts[2]}";

        var error = Refused(() => Verify(token));

        Assert.Equal(IamErrorCode.InvalidIdentityToken, error.Code);
        Assert.Equal(FederationErrors.NotValidatedText, error.Message);
    }

    [Fact]
    public void Verify_SignedByAnotherKeyWithItsOwnCertificate_InvalidIdentityToken()
    {
        var token = _other.IssueToken(Issuer, Subject, ["sts.amazonaws.com"], Now.AddMinutes(-1), TimeSpan.FromHours(1));

        var error = Refused(() => Verify(token));

        Assert.Equal(IamErrorCode.InvalidIdentityToken, error.Code);
        Assert.Contains("thumbprint list", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_SignedByAnotherKeyNamingTheTrustedCertificate_InvalidIdentityToken()
    {
        var header = $$"""{"alg":"RS256","typ":"JWT","x5c":["{{_idp.CertificateBase64}}"]}""";
        var payload = $$"""{"iss":"{{Issuer}}","sub":"{{Subject}}","aud":"sts.amazonaws.com","exp":{{Now.AddHours(1).ToUnixTimeSeconds()}}}""";

        var error = Refused(() => Verify(_other.Sign(header, payload)));

        Assert.Equal(IamErrorCode.InvalidIdentityToken, error.Code);
        Assert.Equal(FederationErrors.NotValidatedText, error.Message);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("HS256")]
    [InlineData("RS512")]
    public void Verify_AlgorithmOtherThanRs256OrEs256_InvalidIdentityToken(string alg)
    {
        var header = Base64Url.EncodeToString(Encoding.UTF8.GetBytes($$"""{"alg":"{{alg}}","x5c":["{{_idp.CertificateBase64}}"]}"""));
        var payload = Token().Split('.')[1];
        // An HMAC "signed" with the certificate, as the classic key-confusion attack does.
        var mac = Base64Url.EncodeToString(HMACSHA256.HashData(Convert.FromBase64String(_idp.CertificateBase64), Encoding.ASCII.GetBytes($"{header}.{payload}")));

        var error = Refused(() => Verify($"{header}.{payload}.{(alg == "none" ? "AA" : mac)}"));

        Assert.Equal(IamErrorCode.InvalidIdentityToken, error.Code);
        Assert.Equal($"Unsupported signing algorithm {alg}", error.Message);
    }

    [Fact]
    public void Verify_WithoutCertificate_InvalidIdentityToken()
    {
        var token = _idp.Sign("""{"alg":"RS256"}""", Encoding.UTF8.GetString(Base64Url.DecodeFromChars(Token().Split('.')[1])));

        Assert.Equal(IamErrorCode.InvalidIdentityToken, Refused(() => Verify(token)).Code);
    }

    [Fact]
    public void Verify_Expired_ExpiredTokenExceptionWithBothTimes()
    {
        var issued = Now.AddHours(-2);

        var error = Refused(() => Verify(Token(issuedAt: issued)));

        Assert.Equal(IamErrorCode.ExpiredTokenException, error.Code);
        Assert.Equal($"Token expired: current date/time {Now.ToUnixTimeSeconds()} must be before the expiration date/time {issued.AddHours(1).ToUnixTimeSeconds()}", error.Message);
    }

    [Fact]
    public void Verify_NotYetValid_InvalidIdentityToken()
    {
        Assert.Equal(IamErrorCode.InvalidIdentityToken, Refused(() => Verify(Token(issuedAt: Now.AddMinutes(10)))).Code);
    }

    [Fact]
    public void Verify_AudienceNotAClientId_IncorrectTokenAudience()
    {
        var error = Refused(() => Verify(Token(audience: "someone-else")));

        Assert.Equal(IamErrorCode.InvalidIdentityToken, error.Code);
        Assert.Equal("Incorrect token audience", error.Message);
    }

    [Theory]
    [InlineData("sub")]
    [InlineData("exp")]
    [InlineData("aud")]
    public void Verify_RequiredClaimMissing_InvalidIdentityToken(string claim)
    {
        var payload = JsonNode.Parse(Encoding.UTF8.GetString(Base64Url.DecodeFromChars(Token().Split('.')[1])))!.AsObject();
        payload.Remove(claim);
        var token = _idp.Sign($$"""{"alg":"RS256","x5c":["{{_idp.CertificateBase64}}"]}""", payload.ToJsonString());

        var error = Refused(() => Verify(token));

        Assert.Equal(IamErrorCode.InvalidIdentityToken, error.Code);
        Assert.Equal($"Missing a required claim: {claim}", error.Message);
    }

    [Fact]
    public void Verify_SubjectShorterThanTheModelAllows_IdpRejectedClaim()
    {
        var token = _idp.IssueToken(Issuer, "abc", ["sts.amazonaws.com"], Now.AddMinutes(-1), TimeSpan.FromHours(1));

        Assert.Equal(IamErrorCode.IDPRejectedClaim, Refused(() => Verify(token)).Code);
    }

    [Theory]
    [InlineData("not-a-jwt")]
    [InlineData("a.b")]
    [InlineData("a.b.c.d")]
    [InlineData("..")]
    [InlineData("!!!.###.$$$")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.AA")]
    [InlineData("WzFd.e30.AA")]
    [InlineData("e30.e30.AA")]
    public void Read_NotACompactJws_NotAValidJwt(string token)
    {
        var error = Refused(() => WebIdentityToken.Read(token));

        Assert.Equal(IamErrorCode.InvalidIdentityToken, error.Code);
        Assert.Equal("The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)", error.Message);
    }

    [Fact]
    public void Read_HeaderNestedTooDeep_NotAValidJwtAtOnce()
    {
        var deep = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(new string('[', 5000) + new string(']', 5000)));

        Assert.Equal(IamErrorCode.InvalidIdentityToken, Refused(() => WebIdentityToken.Read($"{deep}.e30.AA")).Code);
    }

    [Fact]
    public void Read_LongerThanTheModelAllows_RefusedWithoutWork()
    {
        var huge = new string('A', 1_000_000) + ".e30.AA";
        var watch = Stopwatch.StartNew();

        Assert.Equal(IamErrorCode.InvalidIdentityToken, Refused(() => WebIdentityToken.Read(huge)).Code);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
    }

    [Fact]
    public void Verify_Es256TokenOfATrustedCertificate_Verifies()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var certificate = new CertificateRequest("CN=ec", key, HashAlgorithmName.SHA256).CreateSelfSigned(Now.AddDays(-1), Now.AddDays(1));
        var header = Base64Url.EncodeToString(Encoding.UTF8.GetBytes($$"""{"alg":"ES256","x5c":["{{Convert.ToBase64String(certificate.RawData)}}"]}"""));
        var payload = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
            $$"""{"iss":"{{Issuer}}","sub":"{{Subject}}","aud":"sts.amazonaws.com","exp":{{Now.AddHours(1).ToUnixTimeSeconds()}}}"""));
        var signature = key.SignData(Encoding.ASCII.GetBytes($"{header}.{payload}"), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        var provider = Provider() with { Thumbprints = [ThumbprintOf(certificate)] };

        var identity = WebIdentityToken.Read($"{header}.{payload}.{Base64Url.EncodeToString(signature)}").Verify(provider, ProviderArn, Now);

        Assert.Equal(Subject, identity.Subject);
    }

#pragma warning disable CA5350 // IAM's thumbprints are SHA-1 by definition.
    private static string ThumbprintOf(X509Certificate2 certificate) => Convert.ToHexString(SHA1.HashData(certificate.RawData));
#pragma warning restore CA5350
}
