using System.Globalization;
using System.Text;

namespace LocalIam.Aws;

/// <summary>
/// Text any response can carry, whatever a request sent or an old store holds. XML 1.0 has no
/// way to write C0 controls other than TAB, LF and CR, nor U+FFFE and U+FFFF; no encoding can
/// write a surrogate without its pair. Such a character is written as the six characters
/// <c>\uXXXX</c> (upper-case hex), so <c>ListUsers\0</c> reads <c>ListUsers\u0000</c>
/// (docs/api.md, "Text a response cannot carry").
/// </summary>
public static class WritableText
{
    /// <summary>The text with every character XML 1.0 cannot hold written as <c>\uXXXX</c>; the same string when there is none.</summary>
    public static string ForXml(string text) => Escape(text, xml: true);

    /// <summary>JSON escapes control characters itself; only unpaired surrogates are written as <c>\uXXXX</c>.</summary>
    public static string ForJson(string text) => Escape(text, xml: false);

    private static string Escape(string text, bool xml)
    {
        var first = FirstUnwritable(text, xml);
        if (first < 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length + 16).Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[++i]);
            }
            else if (char.IsSurrogate(c) || (xml && !IsXmlChar(c)))
            {
                sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static int FirstUnwritable(string text, bool xml)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c) || (xml && !IsXmlChar(c)))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>XML 1.0's Char production for one UTF-16 unit that is not a surrogate.</summary>
    private static bool IsXmlChar(char c) => c >= ' ' ? c < '\uFFFE' : c is '\t' or '\n' or '\r';
}
