using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml;

namespace LocalIam.Iam.Federation;

/// <summary>What AssumeRoleWithSAML needs from a SAML provider's metadata: the IdP's entity id and its signing certificates.</summary>
public sealed record SamlProviderKeys(string EntityId, IReadOnlyList<byte[]> SigningCertificates)
{
    private const string Metadata = "urn:oasis:names:tc:SAML:2.0:metadata";
    private const string DSig = "http://www.w3.org/2000/09/xmldsig#";

    /// <summary>The entity id and the certificates of the IdP's signing keys (a KeyDescriptor with use="signing" or no use); null when the metadata has none.</summary>
    public static SamlProviderKeys? From(string metadata)
    {
        var document = SafeXml.Parse(metadata, Saml.SamlMetadata.MaxCharacters);
        if (document?.DocumentElement is not { LocalName: "EntityDescriptor", NamespaceURI: Metadata } entity
            || entity.GetAttribute("entityID") is not { Length: > 0 } entityId)
        {
            return null;
        }

        var certificates = new List<byte[]>();
        foreach (XmlElement descriptor in entity.GetElementsByTagName("KeyDescriptor", Metadata))
        {
            if (descriptor.ParentNode is not XmlElement { LocalName: "IDPSSODescriptor", NamespaceURI: Metadata }
                || descriptor.GetAttribute("use") is not ("" or "signing"))
            {
                continue;
            }

            foreach (XmlElement certificate in descriptor.GetElementsByTagName("X509Certificate", DSig))
            {
                var buffer = new byte[certificate.InnerText.Length];
                if (Convert.TryFromBase64String(certificate.InnerText.Trim(), buffer, out var written))
                {
                    certificates.Add(buffer[..written]);
                }
            }
        }

        return certificates.Count == 0 ? null : new SamlProviderKeys(entityId, certificates);
    }

    /// <summary>The certificates as keys; ones that do not load are skipped.</summary>
    internal IEnumerable<X509Certificate2> Load()
    {
        foreach (var der in SigningCertificates)
        {
            X509Certificate2? certificate = null;
            try
            {
                certificate = X509CertificateLoader.LoadCertificate(der);
            }
            catch (CryptographicException)
            {
                // A certificate that does not parse verifies nothing.
            }

            if (certificate is not null)
            {
                yield return certificate;
            }
        }
    }
}
