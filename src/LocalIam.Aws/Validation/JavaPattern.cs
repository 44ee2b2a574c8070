using System.Globalization;
using System.Text;

namespace LocalIam.Aws.Validation;

/// <summary>
/// Translates the Java regular expressions of AWS's service models into .NET's syntax with the
/// same meaning. Java's <c>\w</c>, <c>\d</c> and <c>\s</c> are ASCII only and its <c>.</c> stops at
/// every line terminator, where .NET's would take Unicode letters, digits and spaces; both write
/// <c>\uXXXX</c> and <c>\p{L}</c> alike. Anything this does not know is refused, never guessed.
/// </summary>
internal static class JavaPattern
{
    private const string Word = "a-zA-Z0-9_";
    private const string Digit = "0-9";
    private const string Space = @" \t\n\x0B\f\r";
    private const string NotLineTerminator = @"[^\n\r\u0085\u2028\u2029]";

    public static string ToDotNet(string java)
    {
        var sb = new StringBuilder(java.Length + 16);
        var inClass = false;
        for (var i = 0; i < java.Length; i++)
        {
            var c = java[i];
            if (c == '\\')
            {
                i = Escape(java, i, inClass, sb);
                continue;
            }

            if (inClass)
            {
                if (c == '[' || (c == '&' && i + 1 < java.Length && java[i + 1] == '&'))
                {
                    throw Unsupported(java, "nested classes and intersections");
                }

                inClass = c != ']';
                sb.Append(c);
                continue;
            }

            switch (c)
            {
                case '[':
                    inClass = true;
                    sb.Append(c);
                    if (i + 1 < java.Length && java[i + 1] == '^')
                    {
                        sb.Append('^');
                        i++;
                    }

                    // A ']' first in a class is a literal in both syntaxes.
                    if (i + 1 < java.Length && java[i + 1] == ']')
                    {
                        sb.Append(@"\]");
                        i++;
                    }

                    break;
                case '.':
                    sb.Append(NotLineTerminator);
                    break;
                case '+' or '*' or '?' or '}' when i + 1 < java.Length && java[i + 1] == '+':
                    throw Unsupported(java, "possessive quantifiers");
                default:
                    sb.Append(c);
                    break;
            }
        }

        return inClass ? throw Unsupported(java, "an unclosed class") : sb.ToString();
    }

    /// <summary>Writes the escape at <paramref name="at"/>; returns the index of its last character.</summary>
    private static int Escape(string java, int at, bool inClass, StringBuilder sb)
    {
        if (at + 1 >= java.Length)
        {
            throw Unsupported(java, "a trailing backslash");
        }

        var e = java[at + 1];
        switch (e)
        {
            case 'w':
                sb.Append(inClass ? Word : $"[{Word}]");
                return at + 1;
            case 'd':
                sb.Append(inClass ? Digit : $"[{Digit}]");
                return at + 1;
            case 's':
                sb.Append(inClass ? Space : $"[{Space}]");
                return at + 1;
            case 'W' or 'D' or 'S' when !inClass:
                sb.Append("[^").Append(e switch { 'W' => Word, 'D' => Digit, _ => Space }).Append(']');
                return at + 1;
            case 'u' when at + 5 < java.Length && IsHex(java.AsSpan(at + 2, 4)):
                sb.Append(java, at, 6);
                return at + 5;
            case 'x' when at + 3 < java.Length && IsHex(java.AsSpan(at + 2, 2)):
                sb.Append(java, at, 4);
                return at + 3;
            case 'p' or 'P' when at + 2 < java.Length && java[at + 2] == '{':
                var close = java.IndexOf('}', at + 3);
                var name = close < 0 ? string.Empty : java[(at + 3)..close];
                if (!IsGeneralCategory(name))
                {
                    throw Unsupported(java, $"the property \\p{{{name}}}");
                }

                sb.Append('\\').Append(e).Append('{').Append(name).Append('}');
                return close;
            case 't' or 'n' or 'r' or 'f' or 'a' or 'e':
                sb.Append('\\').Append(e);
                return at + 1;
            case 'b' or 'B' or 'A' or 'z' or 'G' when !inClass:
                sb.Append('\\').Append(e);
                return at + 1;
            default:
                if (char.IsAsciiLetterOrDigit(e))
                {
                    throw Unsupported(java, $"the escape \\{e}");
                }

                // An escaped punctuation character is itself in both syntaxes.
                sb.Append('\\').Append(e);
                return at + 1;
        }
    }

    /// <summary>One- and two-letter Unicode general categories (L, Lu, N, Nd, Z, ...), which both engines read alike.</summary>
    private static bool IsGeneralCategory(string name) =>
        name.Length is 1 or 2 && "LMNPSZC".Contains(name[0], StringComparison.Ordinal) && (name.Length == 1 || char.IsAsciiLetterLower(name[1]));

    private static bool IsHex(ReadOnlySpan<char> text) => int.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out _);

    private static NotSupportedException Unsupported(string pattern, string what) =>
        new($"The model pattern `{pattern}` uses {what}, which LocalIam does not translate");
}
