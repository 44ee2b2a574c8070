using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using LocalIam.Iam.Federation;

namespace LocalIam.Hostile.Tests.Catalogue;

/// <summary>
/// The tokens and SAML responses the federation cases send (tests/hostile/cases/15-partitions-federation.json),
/// made when the fixture is built so they are valid then: good ones from the identity provider the
/// fixture's OIDC and SAML providers trust (its thumbprint, its metadata), and the forged, expired,
/// wrapped and oversized ones an attacker sends. Cases name them as <c>${token.NAME}</c> and <c>${saml.NAME}</c>.
/// </summary>
public sealed class FederationArtifacts : IDisposable
{
    public const string OidcIssuer = "https://oidc.hostile.example.com";
    public const string SamlEntityId = "https://hostile.example.com/saml";
    private const string Audience = "sts.amazonaws.com";
    private const string Account = "111122223333";

    private readonly TestIdentityProvider _idp = TestIdentityProvider.Create();
    private readonly TestIdentityProvider _other = TestIdentityProvider.Create();

    /// <summary>The SHA-1 of the trusted certificate, for the OIDC provider's ThumbprintList.</summary>
    public string Thumbprint => _idp.Thumbprint;

    /// <summary>The metadata the fixture's SAML provider is created with.</summary>
    public string SamlMetadata => _idp.SamlMetadata(SamlEntityId);

    public void Dispose()
    {
        _idp.Dispose();
        _other.Dispose();
    }

    /// <summary>Every artifact by its variable name, made at <paramref name="now"/>.</summary>
    public Dictionary<string, string> Make(DateTimeOffset now)
    {
        var vars = new Dictionary<string, string>(StringComparer.Ordinal);
        string Token(DateTimeOffset? issuedAt = null, JsonObject? claims = null, string audience = Audience, TestIdentityProvider? by = null) =>
            (by ?? _idp).IssueToken(OidcIssuer, "repo:org/hostile:ref:refs/heads/main", [audience], issuedAt ?? now.AddMinutes(-1), TimeSpan.FromHours(1), claims);
        static JsonObject Tags(IEnumerable<(string Key, string Value)> tags) => new()
        {
            [WebIdentityToken.TagsClaim] = new JsonObject { ["principal_tags"] = new JsonObject(tags.Select(t => KeyValuePair.Create(t.Key, (JsonNode?)new JsonArray(t.Value)))) },
        };

        var good = Token();
        var (header, payload, signature) = Parts(good);
        vars["token.good"] = good;
        vars["token.expired"] = Token(now.AddHours(-3));
        vars["token.notYetValid"] = Token(now.AddHours(1));
        vars["token.wrongAudience"] = Token(audience: "another-client");
        vars["token.otherKey"] = Token(by: _other);
        vars["token.forgedSubject"] = $"{header}.{Edit(payload, p => p["sub"] = "repo:org/hostile:ref:refs/heads/admin")}.{signature}";
        vars["token.kidChanged"] = $"{Edit(header, h => h["kid"] = "another-key")}.{payload}.{signature}";
        vars["token.trustedCertificateOtherKey"] = _other.Sign(Decode(header), Decode(payload));
        vars["token.algNone"] = $"{Edit(header, h => h["alg"] = "none")}.{payload}.{signature}";
        var hs256 = Edit(header, h => h["alg"] = "HS256");
        vars["token.hs256PublicKey"] = $"{hs256}.{payload}.{Base64Url.EncodeToString(HMACSHA256.HashData(Convert.FromBase64String(_idp.CertificateBase64), Encoding.ASCII.GetBytes($"{hs256}.{payload}")))}";
        vars["token.nestedClaims"] = _idp.Sign(Decode(header), $"{{\"iss\":\"{OidcIssuer}\",\"a\":{new string('[', 5000)}{new string(']', 5000)}}}");
        vars["token.tags51"] = Token(claims: Tags(Enumerable.Range(1, 51).Select(i => ($"k{i}", "v"))));
        vars["token.tagsAwsPrefix"] = Token(claims: Tags([("aws:team", "blue")]));
        vars["token.tagsDuplicateCase"] = Token(claims: Tags([("Team", "blue"), ("team", "red")]));
        vars["token.tagged"] = Token(claims: Tags([("team", "blue")]));

        var role = $"arn:aws:iam::{Account}:role/SamlRole";
        var provider = $"arn:aws:iam::{Account}:saml-provider/HostileIdp";
        SamlAssertionRequest Saml(DateTimeOffset? issuedAt = null, string roleArn = "", IEnumerable<(string, IReadOnlyList<string>)>? more = null) =>
            new(SamlEntityId, "alice", issuedAt ?? now.AddMinutes(-1), TimeSpan.FromHours(1))
            {
                Attributes =
                [
                    ("https://aws.amazon.com/SAML/Attributes/Role", [$"{(roleArn.Length > 0 ? roleArn : role)},{provider}"]),
                    ("https://aws.amazon.com/SAML/Attributes/RoleSessionName", ["alice"]),
                    .. more ?? [],
                ],
            };
        var goodSaml = _idp.SamlResponseXml(Saml()).OuterXml;
        vars["saml.good"] = Base64(goodSaml);
        vars["saml.expired"] = _idp.IssueSamlResponse(Saml(now.AddHours(-3)));
        vars["saml.wrongAudience"] = _idp.IssueSamlResponse(Saml() with { Audience = "https://evil.example.com/saml" });
        vars["saml.otherRole"] = _idp.IssueSamlResponse(Saml(roleArn: $"arn:aws:iam::{Account}:role/AdminRole"));
        vars["saml.otherKey"] = _other.IssueSamlResponse(Saml());
        vars["saml.tags51"] = _idp.IssueSamlResponse(Saml(more: Enumerable.Range(1, 51).Select(i => ($"https://aws.amazon.com/SAML/Attributes/PrincipalTag:k{i}", (IReadOnlyList<string>)["v"]))));
        vars["saml.nameIdChanged"] = Base64(goodSaml.Replace(">alice</saml:NameID>", ">admin</saml:NameID>", StringComparison.Ordinal));
        vars["saml.signatureRemoved"] = Base64(Without(goodSaml, "<Signature ", "</Signature>"));
        vars["saml.doctype"] = Base64("<!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>" + goodSaml.Replace(">alice</saml:NameID>", ">&b;</saml:NameID>", StringComparison.Ordinal));
        var assertion = Between(goodSaml, "<saml:Assertion ", "</saml:Assertion>");
        var evil = Without(assertion, "<Signature ", "</Signature>").Replace(">alice</saml:NameID>", ">admin</saml:NameID>", StringComparison.Ordinal);
        evil = System.Text.RegularExpressions.Regex.Replace(evil, "ID=\"[^\"]+\"", "ID=\"_evil\"");
        vars["saml.wrappedBeside"] = Base64(goodSaml.Replace(assertion, evil + assertion, StringComparison.Ordinal));
        vars["saml.wrappedInside"] = Base64(goodSaml.Replace(assertion, evil.Replace("</saml:Assertion>", $"<saml:Advice>{assertion}</saml:Advice></saml:Assertion>", StringComparison.Ordinal), StringComparison.Ordinal));
        return vars;
    }

    private static (string Header, string Payload, string Signature) Parts(string token)
    {
        var parts = token.Split('.');
        return (parts[0], parts[1], parts[2]);
    }

    private static string Decode(string part) => Encoding.UTF8.GetString(Base64Url.DecodeFromChars(part));

    private static string Edit(string part, Action<JsonObject> edit)
    {
        var json = JsonNode.Parse(Decode(part))!.AsObject();
        edit(json);
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json.ToJsonString()));
    }

    private static string Base64(string xml) => Convert.ToBase64String(Encoding.UTF8.GetBytes(xml));

    private static string Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal);
        var to = text.IndexOf(end, from, StringComparison.Ordinal) + end.Length;
        return text[from..to];
    }

    private static string Without(string text, string start, string end) => text.Replace(Between(text, start, end), string.Empty, StringComparison.Ordinal);
}
