using System.Xml;
using System.Xml.Linq;
using LocalIam.Iam.Errors;

namespace LocalIam.Iam.Saml;

/// <summary>The check AWS makes of a SAML metadata document: well-formed XML describing an entity (<c>md:EntityDescriptor</c>).</summary>
public static class SamlMetadata
{
    private static readonly XNamespace Metadata = "urn:oasis:names:tc:SAML:2.0:metadata";

    public static void Check(string document)
    {
        // No DTDs and no external resolution: a metadata document must not make the server fetch or expand anything.
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        try
        {
            using var reader = XmlReader.Create(new StringReader(document), settings);
            var xml = XDocument.Load(reader);
            if (!xml.Descendants(Metadata + "EntityDescriptor").Any())
            {
                throw IamErrors.SamlMetadataInvalid();
            }
        }
        catch (XmlException)
        {
            throw IamErrors.SamlMetadataInvalid();
        }
    }
}
