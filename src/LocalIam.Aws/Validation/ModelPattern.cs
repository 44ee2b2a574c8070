using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace LocalIam.Aws.Validation;

/// <summary>
/// A pattern from AWS's service model, matched as AWS matches it: against the whole value, with
/// Java's meaning (see <see cref="JavaPattern"/>), compiled once, with a time limit.
/// </summary>
public sealed class ModelPattern
{
    /// <summary>The model's patterns are single classes and short alternations; this is a guard, never reached by them.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(250);

    private readonly Regex _regex;

    // Java matches code points; .NET matches UTF-16 units. Only classes of Unicode categories
    // (\p{L} in tag keys) see a difference: a letter outside the BMP is one letter to Java and
    // two surrogates to .NET. Such patterns see each surrogate pair as a BMP character of the
    // same category. Patterns that also name \u ranges keep the units, which no range holds.
    private readonly bool _matchesCodePoints;

    public ModelPattern(string text)
    {
        Text = text;
        _regex = new Regex($@"\A(?:{JavaPattern.ToDotNet(text)})\z", RegexOptions.CultureInvariant, MatchTimeout);
        _matchesCodePoints = text.Contains(@"\p{", StringComparison.Ordinal) && !text.Contains(@"\u", StringComparison.Ordinal);
    }

    /// <summary>The pattern as the model writes it.</summary>
    public string Text { get; }

    /// <summary>The pattern with its <c>\uXXXX</c> escapes as the characters they stand for, as IAM prints it in messages.</summary>
    public string Unescaped => Regex.Replace(Text, @"\\u([0-9A-Fa-f]{4})", m => ((char)int.Parse(m.Groups[1].ValueSpan, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString());

    public bool IsMatch(string value)
    {
        try
        {
            return _regex.IsMatch(_matchesCodePoints ? AsBmp(value) : value);
        }
        catch (RegexMatchTimeoutException)
        {
            // A value that cannot be checked in time is not accepted.
            return false;
        }
    }

    private static string AsBmp(string value)
    {
        if (!value.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF'))
        {
            return value;
        }

        var sb = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsSurrogatePair(value, i))
            {
                sb.Append(SameCategory(CharUnicodeInfo.GetUnicodeCategory(char.ConvertToUtf32(value[i], value[i + 1]))));
                i++;
            }
            else
            {
                sb.Append(value[i]);
            }
        }

        return sb.ToString();
    }

    /// <summary>A BMP character of the category, outside ASCII and Latin-1 so that no literal or \w of a pattern takes it.</summary>
    private static char SameCategory(UnicodeCategory category) => category switch
    {
        UnicodeCategory.UppercaseLetter => '\u0100',
        UnicodeCategory.LowercaseLetter => '\u0101',
        UnicodeCategory.TitlecaseLetter => '\u01C5',
        UnicodeCategory.ModifierLetter => '\u02B0',
        UnicodeCategory.OtherLetter => '\u05D0',
        UnicodeCategory.NonSpacingMark => '\u0300',
        UnicodeCategory.SpacingCombiningMark => '\u0903',
        UnicodeCategory.EnclosingMark => '\u0488',
        UnicodeCategory.DecimalDigitNumber => '\u0660',
        UnicodeCategory.LetterNumber => '\u16EE',
        UnicodeCategory.OtherNumber => '\u2070',
        UnicodeCategory.SpaceSeparator => '\u2000',
        UnicodeCategory.Format => '\u200B',
        UnicodeCategory.PrivateUse => '\uE000',
        UnicodeCategory.ConnectorPunctuation => '\u203F',
        UnicodeCategory.DashPunctuation => '\u2010',
        UnicodeCategory.OpenPunctuation => '\u2045',
        UnicodeCategory.ClosePunctuation => '\u2046',
        UnicodeCategory.InitialQuotePunctuation => '\u2018',
        UnicodeCategory.FinalQuotePunctuation => '\u2019',
        UnicodeCategory.OtherPunctuation => '\u2016',
        UnicodeCategory.MathSymbol => '\u2200',
        UnicodeCategory.CurrencySymbol => '\u20AC',
        UnicodeCategory.ModifierSymbol => '\u02C2',
        UnicodeCategory.OtherSymbol => '\u2103',
        _ => '\u0378', // unassigned
    };
}
