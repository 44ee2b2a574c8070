using System.Globalization;

namespace LocalIam.Policy.Evaluation.Conditions;

/// <summary>
/// Reads a date condition value as IAM does (AWS's answers are in
/// tests/LocalIam.Policy.Tests/Validation/Data/aws-recorded-policy-validation.json; the rules are in
/// docs/policy-validation.md). A value with a <c>T</c> or a <c>-</c> is a lenient ISO 8601 date:
/// <c>[-]year[-month[-day]][T[hour[:minute[:second[.fraction]]]][zone]]</c>, each field any number
/// of digits, the year within Java's range (-292275054 to 292278993), fractions of at most nine
/// digits, a zone <c>Z</c> or <c>±hh[:mm]</c> with two-digit hours. Any other value is whole seconds
/// since 1970, at most 2^63 − 1. Dates outside what <see cref="DateTimeOffset"/> holds are read as
/// its smallest or largest value, which compares the same way against any real request time.
/// </summary>
public static class AwsDateReader
{
    private const long MinYear = -292_275_054;
    private const long MaxYear = 292_278_993;
    private const int MaxFieldDigits = 10;
    private static readonly System.Buffers.SearchValues<char> Digits = System.Buffers.SearchValues.Create("0123456789");
    private static readonly System.Buffers.SearchValues<char> ZoneStarts = System.Buffers.SearchValues.Create("Zz+-");

    public static bool TryRead(ReadOnlySpan<char> text, out DateTimeOffset value)
    {
        value = default;
        var t = text.IndexOfAny('T', 't');
        if (t < 0 && !text.Contains('-'))
        {
            return TryReadEpoch(text, out value);
        }

        var datePart = t < 0 ? text : text[..t];
        var timePart = t < 0 ? [] : text[(t + 1)..];
        if (!TryReadDate(datePart, out var year, out var month, out var day)
            || !TryReadTime(timePart, out var timeOfDay, out var offset))
        {
            return false;
        }

        value = Compose(year, month, day, timeOfDay, offset);
        return true;
    }

    private static bool TryReadEpoch(ReadOnlySpan<char> text, out DateTimeOffset value)
    {
        value = default;
        if (text.Length == 0 || text.ContainsAnyExcept(Digits)
            || !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }

        value = seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds() ? DateTimeOffset.MaxValue : DateTimeOffset.FromUnixTimeSeconds(seconds);
        return true;
    }

    private static bool TryReadDate(ReadOnlySpan<char> text, out long year, out int month, out int day)
    {
        year = 0;
        month = 1;
        day = 1;
        var negative = text.StartsWith("-");
        if (negative)
        {
            text = text[1..];
        }

        Span<Range> fields = stackalloc Range[4];
        var count = text.Split(fields, '-');
        if (count is < 1 or > 3 || !TryDigits(text[fields[0]], out year))
        {
            return false;
        }

        year = negative ? -year : year;
        if (year is < MinYear or > MaxYear)
        {
            return false;
        }

        if (count > 1)
        {
            if (!TryDigits(text[fields[1]], out var m) || m is < 1 or > 12)
            {
                return false;
            }

            month = (int)m;
        }

        if (count > 2)
        {
            if (!TryDigits(text[fields[2]], out var d) || d is < 1 or > 31)
            {
                return false;
            }

            day = (int)d;
        }

        return true;
    }

    private static bool TryReadTime(ReadOnlySpan<char> text, out TimeSpan timeOfDay, out TimeSpan offset)
    {
        timeOfDay = TimeSpan.Zero;
        offset = TimeSpan.Zero;
        var zone = text.IndexOfAny(ZoneStarts);
        if (zone >= 0)
        {
            if (!TryReadZone(text[zone..], out offset))
            {
                return false;
            }

            text = text[..zone];
        }

        if (text.Length == 0)
        {
            return true;
        }

        Span<Range> fields = stackalloc Range[4];
        var count = text.Split(fields, ':');
        if (count > 3 || !TryDigits(text[fields[0]], out var hour) || hour > 23)
        {
            return false;
        }

        long minute = 0;
        if (count > 1 && (!TryDigits(text[fields[1]], out minute) || minute > 59))
        {
            return false;
        }

        var ticks = 0L;
        if (count > 2 && !TryReadSeconds(text[fields[2]], out ticks))
        {
            return false;
        }

        timeOfDay = new TimeSpan(hour * TimeSpan.TicksPerHour + minute * TimeSpan.TicksPerMinute + ticks);
        return true;
    }

    private static bool TryReadSeconds(ReadOnlySpan<char> text, out long ticks)
    {
        ticks = 0;
        var dot = text.IndexOf('.');
        if (!TryDigits(dot < 0 ? text : text[..dot], out var seconds) || seconds > 59)
        {
            return false;
        }

        ticks = seconds * TimeSpan.TicksPerSecond;
        if (dot < 0)
        {
            return true;
        }

        var fraction = text[(dot + 1)..];
        if (fraction.Length is 0 or > 9 || fraction.ContainsAnyExcept(Digits))
        {
            return false;
        }

        // Ticks are 100 ns: the first seven digits count, the rest are below what a tick holds.
        var digits = fraction.Length > 7 ? fraction[..7] : fraction;
        ticks += long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture) * (long)Math.Pow(10, 7 - digits.Length);
        return true;
    }

    private static bool TryReadZone(ReadOnlySpan<char> text, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        if (text is "Z" or "z")
        {
            return true;
        }

        var sign = text[0] == '-' ? -1 : text[0] == '+' ? 1 : 0;
        var rest = text[1..];
        if (sign == 0 || rest.Length < 2 || !TryDigits(rest[..2], out var hours) || hours > 23)
        {
            return false;
        }

        long minutes = 0;
        if (rest.Length > 2 && (rest.Length != 5 || rest[2] != ':' || !TryDigits(rest[3..], out minutes) || minutes > 59))
        {
            return false;
        }

        offset = TimeSpan.FromMinutes(sign * ((hours * 60) + minutes));
        return true;
    }

    private static DateTimeOffset Compose(long year, int month, int day, TimeSpan timeOfDay, TimeSpan offset)
    {
        if (year < 1)
        {
            return DateTimeOffset.MinValue;
        }

        if (year > 9999)
        {
            return DateTimeOffset.MaxValue;
        }

        // A day past the month's end rolls into the next month, as a lenient calendar reads it.
        var local = new DateTime((int)year, month, 1, 0, 0, 0, DateTimeKind.Unspecified).Ticks
            + ((day - 1) * TimeSpan.TicksPerDay) + timeOfDay.Ticks;
        var utc = local - offset.Ticks;
        return utc < DateTime.MinValue.Ticks ? DateTimeOffset.MinValue
            : utc > DateTime.MaxValue.Ticks ? DateTimeOffset.MaxValue
            : new DateTimeOffset(utc, TimeSpan.Zero);
    }

    private static bool TryDigits(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        if (text.Length is 0 or > MaxFieldDigits)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
