using System.Diagnostics;
using System.Text;
using System.Xml;
using LocalIam.Iam.Errors;
using LocalIam.Iam.Federation;

namespace LocalIam.Iam.Tests.Federation;

/// <summary>The SAML response's verification: signature by the metadata's certificate, signature wrapping, DTDs, expiry, audience, role pairs.</summary>
public sealed class SamlResponseTests : IDisposable
{
    private const string Account = "111122223333";
    private const string EntityId = "https://idp.example.com/saml";
    private const string RoleArn = $"arn:aws:iam::{Account}:role/SamlRole";
    private const string ProviderArn = $"arn:aws:iam::{Account}:saml-provider/LocalIdp";
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly TestIdentityProvider _idp = TestIdentityProvider.Create();
    private readonly TestIdentityProvider _other = TestIdentityProvider.Create();

    public void Dispose()
    {
        _idp.Dispose();
        _other.Dispose();
    }

    private SamlProviderKeys Keys => SamlProviderKeys.From(_idp.SamlMetadata(EntityId))!;

    private static SamlAssertionRequest Request(DateTimeOffset? issuedAt = null, string role = $"{RoleArn},{ProviderArn}") =>
        new(EntityId, "alice", issuedAt ?? Now.AddMinutes(-1), TimeSpan.FromMinutes(5))
        {
            Attributes =
            [
                (SamlResponse.RoleAttribute, [role]),
                (SamlResponse.SessionNameAttribute, ["alice"]),
                (SamlResponse.PrincipalTagPrefix + "team", ["blue"]),
            ],
        };

    private VerifiedSamlAssertion Verify(string base64, SamlProviderKeys? keys = null) =>
        SamlResponse.Verify(base64, keys ?? Keys, Account, "LocalIdp", ProviderArn, RoleArn, Now);

    private static string Encode(XmlDocument document) => Convert.ToBase64String(Encoding.UTF8.GetBytes(document.OuterXml));

    private static string Encode(string xml) => Convert.ToBase64String(Encoding.UTF8.GetBytes(xml));

    private static IamException Refused(Action verify) => Assert.Throws<IamException>(verify);

    private static XmlElement AssertionOf(XmlDocument document) => (XmlElement)document.GetElementsByTagName("Assertion", "urn:oasis:names:tc:SAML:2.0:assertion")[0]!;

    [Fact]
    public void Verify_SignedByTheMetadatasCertificate_SubjectSessionAndTags()
    {
        var assertion = Verify(_idp.IssueSamlResponse(Request()));

        Assert.Equal(EntityId, assertion.Issuer);
        Assert.Equal("alice", assertion.Subject);
        Assert.Equal("persistent", assertion.SubjectType);
        Assert.Equal(SamlResponse.AwsAudience, assertion.Audience);
        Assert.Equal("alice", assertion.RoleSessionName);
        Assert.Equal("blue", Assert.Single(assertion.Tags).Value);
        // AWS's documented form: BASE64(SHA1(issuer + account + "/" + provider name)).
        Assert.Equal(28, assertion.NameQualifier.Length);
    }

    [Fact]
    public void Verify_NameIdChangedAfterSigning_ResponseSignatureInvalid()
    {
        var document = _idp.SamlResponseXml(Request());
        document.GetElementsByTagName("NameID", "urn:oasis:names:tc:SAML:2.0:assertion")[0]!.InnerText = "mallory";

        var error = Refused(() => Verify(Encode(document)));

        Assert.Equal(IamErrorCode.InvalidIdentityToken, error.Code);
        Assert.Equal("Response signature invalid", error.Message);
    }

    [Fact]
    public void Verify_SignedByAnotherKey_ResponseSignatureInvalid()
    {
        Assert.Equal("Response signature invalid", Refused(() => Verify(_other.IssueSamlResponse(Request()))).Message);
    }

    [Fact]
    public void Verify_SignatureRemoved_ResponseSignatureInvalid()
    {
        var document = _idp.SamlResponseXml(Request());
        var signature = document.GetElementsByTagName("Signature", "http://www.w3.org/2000/09/xmldsig#")[0]!;
        signature.ParentNode!.RemoveChild(signature);

        Assert.Equal("Response signature invalid", Refused(() => Verify(Encode(document))).Message);
    }

    [Fact]
    public void Verify_EvilAssertionBesideTheSignedOne_Refused()
    {
        var document = _idp.SamlResponseXml(Request());
        var signed = AssertionOf(document);
        var evil = (XmlElement)signed.CloneNode(deep: true);
        evil.SetAttribute("ID", "_evil");
        evil.GetElementsByTagName("NameID", "urn:oasis:names:tc:SAML:2.0:assertion")[0]!.InnerText = "mallory";
        document.DocumentElement!.InsertBefore(evil, signed);

        Assert.Equal("Invalid SAML response", Refused(() => Verify(Encode(document))).Message);
    }

    [Fact]
    public void Verify_SignedAssertionHiddenInsideTheSignatureOfAnEvilOne_Refused()
    {
        // The wrapping attack: the signed original is moved into a ds:Object; the evil copy keeps its ID and the signature.
        var document = _idp.SamlResponseXml(Request());
        var signed = AssertionOf(document);
        var evil = (XmlElement)signed.CloneNode(deep: true);
        evil.GetElementsByTagName("NameID", "urn:oasis:names:tc:SAML:2.0:assertion")[0]!.InnerText = "mallory";
        var signature = (XmlElement)evil.GetElementsByTagName("Signature", "http://www.w3.org/2000/09/xmldsig#")[0]!;
        var holder = document.CreateElement("ds", "Object", "http://www.w3.org/2000/09/xmldsig#");
        holder.AppendChild(signed.CloneNode(deep: true));
        signature.AppendChild(holder);
        document.DocumentElement!.ReplaceChild(evil, signed);

        Assert.Equal("Invalid SAML response", Refused(() => Verify(Encode(document))).Message);
    }

    [Fact]
    public void Verify_ResponseCarryingTheAssertionsId_Refused()
    {
        var document = _idp.SamlResponseXml(Request());
        document.DocumentElement!.SetAttribute("ID", AssertionOf(document).GetAttribute("ID"));

        Assert.Equal("Response signature invalid", Refused(() => Verify(Encode(document))).Message);
    }

    [Fact]
    public void Verify_ResponseSignatureThatDoesNotVerifyBesideAGoodOne_ResponseSignatureInvalid()
    {
        // Every signature present must verify: the Assertion's copied onto the Response points at the wrong element.
        var document = _idp.SamlResponseXml(Request());
        var signature = document.GetElementsByTagName("Signature", "http://www.w3.org/2000/09/xmldsig#")[0]!;
        document.DocumentElement!.InsertAfter(signature.CloneNode(deep: true), document.DocumentElement.FirstChild);

        Assert.Equal("Response signature invalid", Refused(() => Verify(Encode(document))).Message);
    }

    [Theory]
    [InlineData("899")]
    [InlineData("43201")]
    [InlineData("-1")]
    [InlineData("an hour")]
    public void Verify_SessionDurationOutsideStsRange_InvalidSamlResponse(string duration)
    {
        var request = Request() with { Attributes = [.. Request().Attributes, (SamlResponse.SessionDurationAttribute, [duration])] };

        Assert.Equal("Invalid SAML response", Refused(() => Verify(_idp.IssueSamlResponse(request))).Message);
    }

    [Fact]
    public void Verify_DocumentTypeDeclaration_InvalidSamlResponse()
    {
        var xml = _idp.SamlResponseXml(Request()).OuterXml;
        var withDtd = "<!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>" + xml;

        var error = Refused(() => Verify(Encode(withDtd)));

        Assert.Equal(IamErrorCode.InvalidIdentityToken, error.Code);
        Assert.Equal("Invalid SAML response", error.Message);
    }

    [Fact]
    public void Verify_PastNotOnOrAfter_ExpiredTokenException()
    {
        var error = Refused(() => Verify(_idp.IssueSamlResponse(Request(issuedAt: Now.AddHours(-1)))));

        Assert.Equal(IamErrorCode.ExpiredTokenException, error.Code);
        Assert.StartsWith("Token expired: current date/time", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_AudienceOtherThanAws_InvalidIdentityToken()
    {
        var error = Refused(() => Verify(_idp.IssueSamlResponse(Request() with { Audience = "https://elsewhere.example.com" })));

        Assert.Equal(IamErrorCode.InvalidIdentityToken, error.Code);
        Assert.Contains("https://signin.aws.amazon.com/saml", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_IssuerOtherThanTheMetadatasEntity_InvalidIdentityToken()
    {
        var keys = Keys with { EntityId = "https://another-idp.example.com" };

        Assert.Equal(IamErrorCode.InvalidIdentityToken, Refused(() => Verify(_idp.IssueSamlResponse(Request()), keys)).Code);
    }

    [Fact]
    public void Verify_RoleAttributeForAnotherRole_InvalidIdentityToken()
    {
        var request = Request(role: $"arn:aws:iam::{Account}:role/Other,{ProviderArn}");

        Assert.Contains("Role attribute", Refused(() => Verify(_idp.IssueSamlResponse(request))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_RolePairInProviderFirstOrder_Accepted()
    {
        Assert.Equal("alice", Verify(_idp.IssueSamlResponse(Request(role: $"{ProviderArn},{RoleArn}"))).Subject);
    }

    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("PGE+")]
    [InlineData("/w==")]
    public void Verify_NotABase64SamlResponse_InvalidSamlResponse(string base64)
    {
        Assert.Equal("Invalid SAML response", Refused(() => Verify(base64)).Message);
    }

    [Fact]
    public void Verify_NestedTooDeep_RefusedAtOnce()
    {
        var deep = Encode(string.Concat(Enumerable.Repeat("<a>", 10_000)) + string.Concat(Enumerable.Repeat("</a>", 10_000)));
        var watch = Stopwatch.StartNew();

        Assert.Equal("Invalid SAML response", Refused(() => Verify(deep)).Message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
    }

    [Fact]
    public void Verify_LongerThanTheModelAllows_InvalidSamlResponse()
    {
        Assert.Equal("Invalid SAML response", Refused(() => Verify(new string('A', SamlResponse.MaxLength + 4))).Message);
    }

    [Fact]
    public void From_MetadataWithoutSigningCertificate_Null()
    {
        Assert.Null(SamlProviderKeys.From("""<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x"><md:IDPSSODescriptor/></md:EntityDescriptor>"""));
    }
}
