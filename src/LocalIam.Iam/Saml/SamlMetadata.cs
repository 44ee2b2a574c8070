using System.Xml;
using LocalIam.Iam.Errors;

namespace LocalIam.Iam.Saml;

/// <summary>
/// The check AWS makes of a SAML metadata document: well-formed XML describing an entity
/// (<c>md:EntityDescriptor</c>). Read as a stream, never built into a tree, with its depth and size
/// bounded: a hostile document nested 100,000 deep is refused at once instead of costing seconds.
/// </summary>
public static class SamlMetadata
{
    /// <summary>Real metadata nests about eight elements deep (descriptor, key, X.509 data, certificate).</summary>
    public const int MaxDepth = 64;

    /// <summary>AWS's limit on SAMLMetadataDocument.</summary>
    public const int MaxCharacters = 10_000_000;

    private const string Metadata = "urn:oasis:names:tc:SAML:2.0:metadata";

    public static void Check(string document)
    {
        if (document.Length > MaxCharacters)
        {
            throw IamErrors.SamlMetadataInvalid();
        }

        // No DTDs and no external resolution: a metadata document must not make the server fetch or expand anything.
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = MaxCharacters,
            IgnoreComments = true,
            IgnoreWhitespace = true,
        };
        try
        {
            using var reader = XmlReader.Create(new StringReader(document), settings);
            var describesEntity = false;
            while (reader.Read())
            {
                if (reader.Depth > MaxDepth)
                {
                    throw IamErrors.SamlMetadataInvalid();
                }

                describesEntity |= reader.NodeType == XmlNodeType.Element && reader.LocalName == "EntityDescriptor" && reader.NamespaceURI == Metadata;
            }

            // Read to the end either way: the whole document must be well-formed.
            if (!describesEntity)
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
