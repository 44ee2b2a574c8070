using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using System.Security;

namespace LocalIam.Iam.Federation;

/// <summary>
/// LocalIam's own identity provider for offline federation tests (<c>localiam idp</c>): one RSA key
/// with a self-signed certificate, kept in a PEM file so that tokens issued later verify against a
/// provider created earlier. It signs OpenID Connect tokens (RS256, the certificate in <c>x5c</c>)
/// and SAML 2.0 responses (the Assertion signed with RSA-SHA256), and prints what IAM's providers
/// are created with: the certificate's SHA-1 thumbprint and JWKS, and SAML metadata.
/// </summary>
public sealed class TestIdentityProvider : IDisposable
{
    // Base64 in x5c keeps its '+' and '/': the token stays short.
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly RSA _key;
    private readonly X509Certificate2 _certificate;

    private TestIdentityProvider(RSA key, X509Certificate2 certificate) => (_key, _certificate) = (key, certificate);

    /// <summary>The SHA-1 of the certificate, as IAM's ThumbprintList takes it (40 hex digits).</summary>
    public string Thumbprint
    {
        get
        {
#pragma warning disable CA5350 // IAM's thumbprint is a SHA-1 fingerprint by definition.
            return Convert.ToHexString(SHA1.HashData(_certificate.RawData)).ToLowerInvariant();
#pragma warning restore CA5350
        }
    }

    public string CertificateBase64 => Convert.ToBase64String(_certificate.RawData);

    /// <summary>A provider with a new key, kept only in memory.</summary>
    public static TestIdentityProvider Create()
    {
        var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=LocalIam test identity provider", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = DateTimeOffset.UtcNow;
        using var withKey = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(20));
        return new TestIdentityProvider(key, X509CertificateLoader.LoadCertificate(withKey.RawData));
    }

    /// <summary>The provider whose key is in <paramref name="path"/>; a new one, written there readable by its owner only, when the file does not exist.</summary>
    public static TestIdentityProvider LoadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            var pem = File.ReadAllText(path);
            var key = RSA.Create();
            key.ImportFromPem(pem);
            var certificate = X509Certificate2.CreateFromPem(pem);
            return new TestIdentityProvider(key, X509CertificateLoader.LoadCertificate(certificate.RawData));
        }

        var created = Create();
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }

        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var file = new StreamWriter(path, Encoding.ASCII, options))
        {
            file.Write(created._key.ExportPkcs8PrivateKeyPem());
            file.Write('\n');
            file.Write(created._certificate.ExportCertificatePem());
            file.Write('\n');
        }

        return created;
    }

    /// <summary>The JSON Web Key Set of the signing key, with its certificate (x5c) and thumbprint (x5t).</summary>
    public string Jwks()
    {
        var parameters = _key.ExportParameters(false);
        var jwk = new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["alg"] = "RS256",
            ["kid"] = Thumbprint,
            ["n"] = Base64Url.EncodeToString(parameters.Modulus),
            ["e"] = Base64Url.EncodeToString(parameters.Exponent),
            ["x5c"] = new JsonArray(CertificateBase64),
            ["x5t"] = Base64Url.EncodeToString(Convert.FromHexString(Thumbprint)),
        };
        return new JsonObject { ["keys"] = new JsonArray(jwk) }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>
    /// An ID token: <c>iss</c>, <c>sub</c>, <c>aud</c> (one audience as a string, several as an array),
    /// <c>iat</c>, <c>nbf</c> and <c>exp</c>, then <paramref name="claims"/> (which may replace any of them).
    /// </summary>
    public string IssueToken(string issuer, string subject, IReadOnlyList<string> audiences, DateTimeOffset issuedAt, TimeSpan lifetime, JsonObject? claims = null)
    {
        var header = new JsonObject { ["alg"] = "RS256", ["typ"] = "JWT", ["kid"] = Thumbprint, ["x5c"] = new JsonArray(CertificateBase64) };
        var payload = new JsonObject
        {
            ["iss"] = issuer,
            ["sub"] = subject,
            ["aud"] = audiences.Count == 1 ? audiences[0] : new JsonArray([.. audiences.Select(a => (JsonNode?)a)]),
            ["iat"] = issuedAt.ToUnixTimeSeconds(),
            ["nbf"] = issuedAt.ToUnixTimeSeconds(),
            ["exp"] = (issuedAt + lifetime).ToUnixTimeSeconds(),
        };
        foreach (var (name, value) in claims ?? [])
        {
            payload[name] = value?.DeepClone();
        }

        return Sign(header.ToJsonString(Compact), payload.ToJsonString(Compact));
    }

    /// <summary>A compact JWS of the given header and payload, signed RS256 with this provider's key.</summary>
    public string Sign(string headerJson, string payloadJson)
    {
        var signedPart = $"{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(headerJson))}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payloadJson))}";
        var signature = _key.SignData(Encoding.ASCII.GetBytes(signedPart), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{signedPart}.{Base64Url.EncodeToString(signature)}";
    }

    /// <summary>SAML 2.0 metadata for <paramref name="entityId"/>: an IdP whose signing certificate is this provider's.</summary>
    public string SamlMetadata(string entityId) =>
        $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="{SecurityElement.Escape(entityId)}">
          <md:IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
            <md:KeyDescriptor use="signing">
              <ds:KeyInfo>
                <ds:X509Data>
                  <ds:X509Certificate>{CertificateBase64}</ds:X509Certificate>
                </ds:X509Data>
              </ds:KeyInfo>
            </md:KeyDescriptor>
            <md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</md:NameIDFormat>
            <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="{SecurityElement.Escape(entityId)}/sso"/>
          </md:IDPSSODescriptor>
        </md:EntityDescriptor>
        """;

    /// <summary>A signed SAML Response, base64 as AssumeRoleWithSAML takes it.</summary>
    public string IssueSamlResponse(SamlAssertionRequest request) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(SamlResponseXml(request).OuterXml));

    /// <summary>The signed SAML Response as XML, for tests that tamper with it.</summary>
    public XmlDocument SamlResponseXml(SamlAssertionRequest request)
    {
        static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        static string E(string s) => SecurityElement.Escape(s);
        var (issued, until) = (request.IssuedAt, request.IssuedAt + request.Lifetime);
        var attributes = new StringBuilder();
        foreach (var (name, values) in request.Attributes)
        {
            attributes.Append(CultureInfo.InvariantCulture, $"<saml:Attribute Name=\"{E(name)}\">");
            foreach (var value in values)
            {
                attributes.Append(CultureInfo.InvariantCulture, $"<saml:AttributeValue>{E(value)}</saml:AttributeValue>");
            }

            attributes.Append("</saml:Attribute>");
        }

        var responseId = "_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        var assertionId = "_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        var xml =
            $"<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\" ID=\"{responseId}\" Version=\"2.0\" IssueInstant=\"{Time(issued)}\" Destination=\"{SamlResponse.AwsAudience}\">"
            + $"<saml:Issuer>{E(request.Issuer)}</saml:Issuer>"
            + "<samlp:Status><samlp:StatusCode Value=\"urn:oasis:names:tc:SAML:2.0:status:Success\"/></samlp:Status>"
            + $"<saml:Assertion ID=\"{assertionId}\" Version=\"2.0\" IssueInstant=\"{Time(issued)}\">"
            + $"<saml:Issuer>{E(request.Issuer)}</saml:Issuer>"
            + $"<saml:Subject><saml:NameID Format=\"{E(request.NameIdFormat)}\">{E(request.Subject)}</saml:NameID>"
            + $"<saml:SubjectConfirmation Method=\"urn:oasis:names:tc:SAML:2.0:cm:bearer\"><saml:SubjectConfirmationData NotOnOrAfter=\"{Time(until)}\" Recipient=\"{SamlResponse.AwsAudience}\"/></saml:SubjectConfirmation></saml:Subject>"
            + $"<saml:Conditions NotBefore=\"{Time(issued)}\" NotOnOrAfter=\"{Time(until)}\"><saml:AudienceRestriction><saml:Audience>{E(request.Audience)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>"
            + $"<saml:AuthnStatement AuthnInstant=\"{Time(issued)}\"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>"
            + $"<saml:AttributeStatement>{attributes}</saml:AttributeStatement>"
            + "</saml:Assertion></samlp:Response>";
        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        document.LoadXml(xml);
        var assertion = (XmlElement)document.GetElementsByTagName("Assertion", SamlResponse.Assertion)[0]!;
        var signed = new SignedXml(assertion) { SigningKey = _key };
        signed.SignedInfo!.CanonicalizationMethod = SignedXml.XmlDsigExcC14NTransformUrl;
        signed.SignedInfo.SignatureMethod = SignedXml.XmlDsigRSASHA256Url;
        var reference = new Reference("#" + assertionId) { DigestMethod = SignedXml.XmlDsigSHA256Url };
        reference.AddTransform(new XmlDsigEnvelopedSignatureTransform());
        reference.AddTransform(new XmlDsigExcC14NTransform());
        signed.AddReference(reference);
        var keyInfo = new KeyInfo();
        keyInfo.AddClause(new KeyInfoX509Data(_certificate));
        signed.KeyInfo = keyInfo;
        signed.ComputeSignature();
        // The schema puts the Signature right after the Assertion's Issuer.
        assertion.InsertAfter(document.ImportNode(signed.GetXml(), true), assertion.FirstChild);
        return document;
    }

    public void Dispose()
    {
        _key.Dispose();
        _certificate.Dispose();
    }
}

/// <summary>What a SAML assertion from <see cref="TestIdentityProvider"/> says.</summary>
public sealed record SamlAssertionRequest(string Issuer, string Subject, DateTimeOffset IssuedAt, TimeSpan Lifetime)
{
    public string NameIdFormat { get; init; } = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent";

    public string Audience { get; init; } = SamlResponse.AwsAudience;

    /// <summary>Attributes by name, each with its values: Role, RoleSessionName, PrincipalTag:KEY...</summary>
    public IReadOnlyList<(string Name, IReadOnlyList<string> Values)> Attributes { get; init; } = [];
}
