using System.Text;

namespace LocalIam.Aws;

/// <summary>Reading <c>application/x-www-form-urlencoded</c> text and writing RFC 3986 percent-encoding, as AWS does.</summary>
public static class FormEncoding
{
    public static List<KeyValuePair<string, string>> Parse(string text) => Parse(text, out _);

    /// <summary>The pairs, and whether every name and value was UTF-8 (bytes that are not become U+FFFD).</summary>
    public static List<KeyValuePair<string, string>> Parse(string text, out bool validUtf8)
    {
        validUtf8 = true;
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var part in text.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? part : part[..equals];
            var value = equals < 0 ? string.Empty : part[(equals + 1)..];
            pairs.Add(new(Decode(name, ref validUtf8), Decode(value, ref validUtf8)));
        }

        return pairs;
    }

    /// <summary>Form decoding: <c>+</c> is a space, <c>%XX</c> a byte of UTF-8. Bad escapes stay as written.</summary>
    public static string Decode(string text)
    {
        var valid = true;
        return Decode(text, ref valid);
    }

    /// <summary>Linear, one rented buffer: plain runs go in as UTF-8 (pairs of surrogates together), escapes as their bytes.</summary>
    private static string Decode(string text, ref bool validUtf8)
    {
        if (!text.Contains('%', StringComparison.Ordinal) && !text.Contains('+', StringComparison.Ordinal))
        {
            return text;
        }

        // Every character is at most three bytes of UTF-8, and an escape is three characters for one byte.
        var rented = System.Buffers.ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            var length = 0;
            var run = 0;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                var escape = c == '%' && i + 2 < text.Length && IsHex(text[i + 1]) && IsHex(text[i + 2]);
                if (c != '+' && !escape)
                {
                    continue;
                }

                length += Encoding.UTF8.GetBytes(text.AsSpan(run, i - run), rented.AsSpan(length));
                if (c == '+')
                {
                    rented[length++] = (byte)' ';
                }
                else
                {
                    rented[length++] = (byte)((HexValue(text[i + 1]) << 4) | HexValue(text[i + 2]));
                    i += 2;
                }

                run = i + 1;
            }

            length += Encoding.UTF8.GetBytes(text.AsSpan(run), rented.AsSpan(length));
            var decoded = rented.AsSpan(0, length);
            validUtf8 &= System.Text.Unicode.Utf8.IsValid(decoded);
            return Encoding.UTF8.GetString(decoded);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>RFC 3986: everything but <c>A-Z a-z 0-9 - _ . ~</c> as %XX (upper-case hex) of its UTF-8 bytes.</summary>
    public static string Encode(string text, bool keepSlash = false)
    {
        var sb = new StringBuilder(text.Length + 16);
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~' || (keepSlash && c == '/'))
            {
                sb.Append(c);
            }
            else
            {
                sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
