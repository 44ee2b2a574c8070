using System.Xml;

namespace LocalIam.Iam.Federation;

/// <summary>
/// XML from outside read without DTDs, entity expansion or external resolution, its size and depth
/// bounded, whitespace kept (a signature covers it).
/// </summary>
internal static class SafeXml
{
    public const int MaxDepth = 64;

    /// <summary>Parses <paramref name="text"/>; null when it is not well-formed, has a DTD, or nests deeper than <see cref="MaxDepth"/>.</summary>
    public static XmlDocument? Parse(string text, int maxCharacters)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = maxCharacters,
            MaxCharactersFromEntities = 0,
            IgnoreProcessingInstructions = true,
        };
        try
        {
            // Depth is checked in a first pass that builds nothing.
            using (var reader = XmlReader.Create(new StringReader(text), settings))
            {
                while (reader.Read())
                {
                    if (reader.Depth > MaxDepth)
                    {
                        return null;
                    }
                }
            }

            var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
            using var again = XmlReader.Create(new StringReader(text), settings);
            document.Load(again);
            return document;
        }
        catch (XmlException)
        {
            return null;
        }
    }
}
