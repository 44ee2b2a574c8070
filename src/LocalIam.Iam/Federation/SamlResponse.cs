using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.Xml;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using LocalIam.Iam.Errors;
using LocalIam.Iam.Tags;

namespace LocalIam.Iam.Federation;

/// <summary>
/// A SAML 2.0 Response as AssumeRoleWithSAML reads it: base64 of a <c>samlp:Response</c> holding one
/// <c>saml:Assertion</c>, signed (the Response or the Assertion) with a certificate of the provider's
/// metadata. Against signature wrapping, the element whose signature is checked must be the very
/// Assertion that is read, or the Response that is its parent: exactly one Assertion in the whole
/// document, IDs unique, the one Reference pointing at the signed element's own ID, the Signature
/// a child of that element; DTDs are refused.
/// </summary>
public static partial class SamlResponse
{
    /// <summary>STS's model bounds SAMLAssertion to 100,000 characters.</summary>
    public const int MaxLength = 100_000;

    public const string AwsAudience = "https://signin.aws.amazon.com/saml";
    public const string RoleAttribute = "https://aws.amazon.com/SAML/Attributes/Role";
    public const string SessionNameAttribute = "https://aws.amazon.com/SAML/Attributes/RoleSessionName";
    public const string SessionDurationAttribute = "https://aws.amazon.com/SAML/Attributes/SessionDuration";
    public const string SourceIdentityAttribute = "https://aws.amazon.com/SAML/Attributes/SourceIdentity";
    public const string PrincipalTagPrefix = "https://aws.amazon.com/SAML/Attributes/PrincipalTag:";
    public const string TransitiveTagKeysAttribute = "https://aws.amazon.com/SAML/Attributes/TransitiveTagKeys";

    internal const string Protocol = "urn:oasis:names:tc:SAML:2.0:protocol";
    internal const string Assertion = "urn:oasis:names:tc:SAML:2.0:assertion";
    private const string DSig = "http://www.w3.org/2000/09/xmldsig#";
    private const string NameIdFormatPrefix = "urn:oasis:names:tc:SAML:2.0:nameid-format:";

    /// <summary>
    /// Verifies <paramref name="base64Response"/> for the role <paramref name="roleArn"/> through the
    /// provider <paramref name="providerArn"/> (named <paramref name="providerName"/> in
    /// <paramref name="accountId"/>) at <paramref name="now"/>.
    /// </summary>
    public static VerifiedSamlAssertion Verify(
        string base64Response, SamlProviderKeys keys, string accountId, string providerName, string providerArn, string roleArn, DateTimeOffset now)
    {
        var xml = Decode(base64Response);
        var document = SafeXml.Parse(xml, MaxLength) ?? throw FederationErrors.SamlInvalid();
        var response = document.DocumentElement is { LocalName: "Response", NamespaceURI: Protocol } root ? root : throw FederationErrors.SamlInvalid();

        // Exactly one Assertion anywhere, a child of the Response: nothing else can be read instead of it.
        var assertions = document.GetElementsByTagName("Assertion", Assertion);
        if (assertions.Count != 1 || assertions[0] is not XmlElement assertion || assertion.ParentNode != response)
        {
            throw FederationErrors.SamlInvalid();
        }

        if (document.GetElementsByTagName("EncryptedAssertion", Assertion).Count > 0)
        {
            throw FederationErrors.SamlInvalid();
        }

        VerifySignature(document, response, assertion, keys);

        var issuer = Child(assertion, "Issuer")?.InnerText.Trim();
        if (issuer != keys.EntityId)
        {
            throw FederationErrors.SamlIssuerMismatch();
        }

        var conditions = Child(assertion, "Conditions");
        var audiences = conditions is null ? [] : Descendants(conditions, "Audience").Select(a => a.InnerText.Trim()).ToList();
        if (!audiences.Contains(AwsAudience, StringComparer.Ordinal) && !audiences.Contains("urn:amazon:webservices", StringComparer.Ordinal))
        {
            throw FederationErrors.SamlAudienceInvalid();
        }

        var subject = Child(assertion, "Subject");
        var confirmation = subject is null ? null : Descendants(subject, "SubjectConfirmationData").FirstOrDefault();
        var expiry = Time(conditions, "NotOnOrAfter") ?? Time(confirmation, "NotOnOrAfter") ?? throw FederationErrors.SamlInvalid();
        foreach (var limit in new[] { Time(conditions, "NotOnOrAfter"), Time(confirmation, "NotOnOrAfter") })
        {
            if (limit is { } notOnOrAfter && now >= notOnOrAfter)
            {
                throw FederationErrors.TokenExpired(now, notOnOrAfter);
            }
        }

        if (Time(conditions, "NotBefore") is { } notBefore && now < notBefore)
        {
            throw FederationErrors.TokenNotYetValid();
        }

        var nameId = subject is null ? null : Child(subject, "NameID");
        var subjectValue = nameId?.InnerText.Trim() ?? throw FederationErrors.SamlInvalid();
        var format = nameId.GetAttribute("Format");
        var subjectType = format.StartsWith(NameIdFormatPrefix, StringComparison.Ordinal) && format[NameIdFormatPrefix.Length..] is "persistent" or "transient"
            ? format[NameIdFormatPrefix.Length..]
            : format.Length > 0 ? format : "unspecified";

        var attributes = Attributes(assertion);
        if (!RolePairs(attributes).Any(p => p.Role == roleArn && p.Provider == providerArn))
        {
            throw FederationErrors.SamlRoleMissing();
        }

        var sessionName = attributes.GetValueOrDefault(SessionNameAttribute)?.FirstOrDefault() ?? throw FederationErrors.SamlSessionNameMissing();
        if (!SessionNameRegex().IsMatch(sessionName))
        {
            throw FederationErrors.SamlSessionNameInvalid();
        }

        int? duration = attributes.GetValueOrDefault(SessionDurationAttribute)?.FirstOrDefault() is { } text
            ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 900 and <= 43_200
                ? seconds
                : throw FederationErrors.SamlInvalid()
            : null;
        var tags = attributes.Where(a => a.Key.StartsWith(PrincipalTagPrefix, StringComparison.Ordinal) && a.Value.Count > 0)
            .Select(a => new TagInput(a.Key[PrincipalTagPrefix.Length..], a.Value[0])).ToList();
        var transitive = attributes.GetValueOrDefault(TransitiveTagKeysAttribute) ?? [];
        var recipient = confirmation?.GetAttribute("Recipient") is { Length: > 0 } r ? r : AwsAudience;
#pragma warning disable CA5350 // AWS defines saml:namequalifier as BASE64(SHA1(issuer + account + "/" + provider name)): an identifier, not a security control.
        var nameQualifier = Convert.ToBase64String(SHA1.HashData(Encoding.UTF8.GetBytes(issuer + accountId + "/" + providerName)));
#pragma warning restore CA5350
        return new VerifiedSamlAssertion(issuer!, subjectValue, subjectType, recipient, nameQualifier, sessionName, duration, tags, transitive,
            attributes.GetValueOrDefault(SourceIdentityAttribute)?.FirstOrDefault(), expiry);
    }

    private static string Decode(string base64)
    {
        if (base64.Length > MaxLength)
        {
            throw FederationErrors.SamlInvalid();
        }

        var buffer = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64, buffer, out var written))
        {
            throw FederationErrors.SamlInvalid();
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer, 0, written);
        }
        catch (DecoderFallbackException)
        {
            throw FederationErrors.SamlInvalid();
        }
    }

    /// <summary>
    /// The Assertion's own signature, the Response's that covers it, or both: at most one each, every
    /// one present verified by a metadata certificate.
    /// </summary>
    private static void VerifySignature(XmlDocument document, XmlElement response, XmlElement assertion, SamlProviderKeys keys)
    {
        var signatures = document.GetElementsByTagName("Signature", DSig).OfType<XmlElement>().ToList();
        if (signatures.Count is 0 or > 2 || signatures.Any(s => s.ParentNode != assertion && s.ParentNode != response)
            || signatures.Select(s => s.ParentNode).Distinct().Count() != signatures.Count)
        {
            throw FederationErrors.SamlSignatureInvalid();
        }

        foreach (var signature in signatures)
        {
            if (!Verifies(document, signature, (XmlElement)signature.ParentNode!, keys))
            {
                throw FederationErrors.SamlSignatureInvalid();
            }
        }
    }

    private static bool Verifies(XmlDocument document, XmlElement signature, XmlElement signed, SamlProviderKeys keys)
    {
        var id = signed.GetAttribute("ID");
        if (id.Length == 0 || CountIds(document, id) != 1)
        {
            return false;
        }

        var xml = new TargetedSignedXml(document, signed, id);
        try
        {
            xml.LoadXml(signature);
            if (xml.SignedInfo is not { References.Count: 1 } info || info.References[0] is not Reference { Uri: var uri } || uri != "#" + id)
            {
                return false;
            }

            foreach (var certificate in keys.Load())
            {
                using (certificate)
                {
                    if (xml.CheckSignature(certificate, verifySignatureOnly: true))
                    {
                        return true;
                    }
                }
            }
        }
        catch (CryptographicException)
        {
            // A signature that cannot be read is no signature.
        }

        return false;
    }

    private static int CountIds(XmlDocument document, string id)
    {
        var count = 0;
        foreach (XmlElement element in document.GetElementsByTagName("*"))
        {
            foreach (var name in new[] { "ID", "Id", "id" })
            {
                if (element.GetAttribute(name) == id)
                {
                    count++;
                }
            }
        }

        return count;
    }

    /// <summary>The assertion's attributes by name, each with its values in order.</summary>
    private static Dictionary<string, List<string>> Attributes(XmlElement assertion)
    {
        var attributes = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (Child(assertion, "AttributeStatement") is not { } statement)
        {
            return attributes;
        }

        foreach (var attribute in statement.ChildNodes.OfType<XmlElement>().Where(e => e is { LocalName: "Attribute", NamespaceURI: Assertion }))
        {
            var values = attributes.TryGetValue(attribute.GetAttribute("Name"), out var list) ? list : attributes[attribute.GetAttribute("Name")] = [];
            values.AddRange(attribute.ChildNodes.OfType<XmlElement>()
                .Where(e => e is { LocalName: "AttributeValue", NamespaceURI: Assertion }).Select(e => e.InnerText.Trim()));
        }

        return attributes;
    }

    /// <summary>Role attribute values: a role ARN and a provider ARN, comma-separated, in either order (AWS's documentation).</summary>
    private static IEnumerable<(string Role, string Provider)> RolePairs(Dictionary<string, List<string>> attributes)
    {
        foreach (var value in attributes.GetValueOrDefault(RoleAttribute) ?? [])
        {
            var parts = value.Split(',', StringSplitOptions.TrimEntries);
            if (parts.Length != 2)
            {
                continue;
            }

            yield return parts[0].Contains(":saml-provider/", StringComparison.Ordinal) ? (parts[1], parts[0]) : (parts[0], parts[1]);
        }
    }

    private static XmlElement? Child(XmlElement parent, string name) =>
        parent.ChildNodes.OfType<XmlElement>().FirstOrDefault(e => e.LocalName == name && e.NamespaceURI == Assertion);

    private static IEnumerable<XmlElement> Descendants(XmlElement parent, string name) =>
        parent.GetElementsByTagName(name, Assertion).OfType<XmlElement>();

    private static DateTimeOffset? Time(XmlElement? element, string attribute)
    {
        if (element?.GetAttribute(attribute) is not { Length: > 0 } text)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : throw FederationErrors.SamlInvalid();
    }

    [GeneratedRegex(@"^[A-Za-z0-9_+=,.@-]{2,64}\z")]
    private static partial Regex SessionNameRegex();

    /// <summary>Resolves a Reference's ID to the one element chosen beforehand, never to another element carrying the same ID.</summary>
    private sealed class TargetedSignedXml(XmlDocument document, XmlElement target, string id) : SignedXml(document)
    {
        public override XmlElement? GetIdElement(XmlDocument? document, string idValue) => idValue == id ? target : null;
    }
}

/// <summary>What a verified SAML assertion says, as AssumeRoleWithSAML reports and the trust policy sees it.</summary>
public sealed record VerifiedSamlAssertion(
    string Issuer, string Subject, string SubjectType, string Audience, string NameQualifier, string RoleSessionName, int? SessionDuration,
    IReadOnlyList<TagInput> Tags, IReadOnlyList<string> TransitiveTagKeys, string? SourceIdentity, DateTimeOffset NotOnOrAfter);
