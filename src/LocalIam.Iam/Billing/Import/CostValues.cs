using System.Globalization;

namespace LocalIam.Iam.Billing.Import;

/// <summary>Reading a report's numbers and timestamps, and quoting its values in messages.</summary>
internal static class CostValues
{
    /// <summary>Longest value a message repeats; the rest is cut.</summary>
    private const int EchoLength = 40;

    /// <summary>Digits a plain number may have for the fast path: 19 always fit in an unsigned 64-bit integer.</summary>
    private const int FastDigits = 19;

    /// <summary>Costs and quantities: plain or exponent notation, invariant culture; empty is 0.</summary>
    public static bool TryAmount(ReadOnlySpan<char> text, out decimal value)
    {
        if (text.IsEmpty)
        {
            value = 0;
            return true;
        }

        // Reports write plain decimals ("0.0416000000"): read those directly, ten times faster than
        // decimal.TryParse; anything else (exponents, long values) goes to it.
        return TryPlain(text, out value) || decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>An optional sign, up to 19 digits and at most one decimal point; exact.</summary>
    private static bool TryPlain(ReadOnlySpan<char> text, out decimal value)
    {
        value = 0;
        var negative = text[0] == '-';
        var i = negative || text[0] == '+' ? 1 : 0;
        ulong mantissa = 0;
        int digits = 0, scale = -1;
        for (; i < text.Length; i++)
        {
            var digit = (uint)(text[i] - '0');
            if (digit <= 9)
            {
                if (++digits > FastDigits)
                {
                    return false;
                }

                mantissa = (mantissa * 10) + digit;
                scale += scale >= 0 ? 1 : 0;
            }
            else if (text[i] == '.' && scale < 0)
            {
                scale = 0;
            }
            else
            {
                return false;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        value = new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), 0, negative, (byte)Math.Max(scale, 0));
        return true;
    }

    /// <summary>An ISO 8601 date and time (the reports' UTC form, with or without fraction and zone).</summary>
    public static bool TryDay(ReadOnlySpan<char> text, out DateOnly day)
    {
        if (text.Length >= 10 && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var moment))
        {
            day = DateOnly.FromDateTime(moment.UtcDateTime);
            return true;
        }

        day = default;
        return false;
    }

    /// <summary>A value as a message shows it: in backticks, cut when long.</summary>
    public static string Echo(ReadOnlySpan<char> text)
    {
        var shown = text.Length > EchoLength ? string.Concat(text[..EchoLength], "…") : text.ToString();
        return $"`{shown.Replace('`', '\'')}`";
    }

    public static CostReportException NotANumber(string where, ReadOnlySpan<char> text) => new($"{where}: {Echo(text)} is not a number");

    public static CostReportException NotADate(string where, ReadOnlySpan<char> text) => new($"{where}: {Echo(text)} is not a date and time");
}

/// <summary>
/// The usage day of each distinct timestamp text, parsed once: an hourly report repeats a few
/// hundred timestamps over millions of lines.
/// </summary>
internal sealed class DayCache
{
    private const int MaxEntries = 1 << 16;

    private readonly Dictionary<string, DateOnly> _days = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateOnly>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public DayCache() => _lookup = _days.GetAlternateLookup<ReadOnlySpan<char>>();

    public bool TryDay(ReadOnlySpan<char> text, out DateOnly day)
    {
        if (_lookup.TryGetValue(text, out day))
        {
            return true;
        }

        if (!CostValues.TryDay(text, out day))
        {
            return false;
        }

        if (_days.Count < MaxEntries)
        {
            _lookup[text] = day;
        }

        return true;
    }
}
