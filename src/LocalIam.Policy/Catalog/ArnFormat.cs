namespace LocalIam.Policy.Catalog;

/// <summary>
/// A resource type's ARN format (<c>arn:${Partition}:s3:::${BucketName}/${ObjectName}</c>) against an
/// ARN written in a policy, where both may stand for many ARNs: the format's <c>${...}</c> parts and
/// the policy's <c>*</c> and <c>?</c>.
/// </summary>
public static class ArnFormat
{
    /// <summary>Longer ARN parts are not compared (the comparison costs their product); they are taken to match.</summary>
    private const int MaxComparedLength = 1024;

    /// <summary>The service part of an ARN format or ARN, or empty.</summary>
    public static string Service(string arn)
    {
        var parts = arn.Split(':', 4);
        return parts.Length >= 3 ? parts[2] : string.Empty;
    }

    /// <summary>
    /// True when some ARN could match both the format and the policy's ARN. The format's resource part
    /// counts only up to its first <c>${...}</c>, which stands for the rest: AWS's own policies name
    /// resources with fewer parts than the reference shows (<c>stack/NAME</c> for <c>stack/${StackName}/${Id}</c>).
    /// </summary>
    public static bool CanMatch(string format, string policyArn)
    {
        var formatParts = format.Split(':', 6);
        var arnParts = policyArn.Split(':', 6);
        if (formatParts.Length != 6 || arnParts.Length != 6)
        {
            return false;
        }

        for (var i = 1; i < 6; i++)
        {
            // Partition, region and account placeholders take any value, an empty one included.
            var pattern = i switch
            {
                1 or 3 or 4 when formatParts[i].StartsWith("${", StringComparison.Ordinal) => "*",
                5 => Prefix(formatParts[i]),
                _ => Glob(formatParts[i]),
            };
            if (!Overlap(pattern, arnParts[i], ignoreCase: i == 2))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether a format's resource part (<c>bucket/${Name}</c>) could name a policy ARN's resource part.</summary>
    public static bool ResourcePartCanMatch(string formatPart, string policyPart) => Overlap(Prefix(formatPart), policyPart, ignoreCase: false);

    private static string Prefix(string part)
    {
        var open = part.IndexOf("${", StringComparison.Ordinal);
        return open < 0 ? part : string.Concat(part.AsSpan(0, open), "*");
    }

    /// <summary>A format part as a glob: each <c>${Name}</c> is <c>*</c> (one or more characters in AWS; any run here, which only widens).</summary>
    private static string Glob(string part)
    {
        var builder = new System.Text.StringBuilder(part.Length);
        for (var i = 0; i < part.Length; i++)
        {
            if (part[i] == '$' && i + 1 < part.Length && part[i + 1] == '{')
            {
                var close = part.IndexOf('}', i);
                if (close > 0)
                {
                    builder.Append('*');
                    i = close;
                    continue;
                }
            }

            builder.Append(part[i]);
        }

        return builder.ToString();
    }

    /// <summary>
    /// Whether two globs (<c>*</c> any run, <c>?</c> one character) share a string: a walk over
    /// pairs of positions, where a star may take nothing or the other side's next character.
    /// </summary>
    internal static bool Overlap(string a, string b, bool ignoreCase)
    {
        if (a.Length > MaxComparedLength || b.Length > MaxComparedLength)
        {
            return true;
        }

        var seen = new bool[a.Length + 1, b.Length + 1];
        var stack = new Stack<(int I, int J)>();
        stack.Push((0, 0));
        while (stack.Count > 0)
        {
            var (i, j) = stack.Pop();
            if (seen[i, j])
            {
                continue;
            }

            seen[i, j] = true;
            if (i == a.Length && j == b.Length)
            {
                return true;
            }

            var aStar = i < a.Length && a[i] == '*';
            var bStar = j < b.Length && b[j] == '*';
            if (aStar)
            {
                stack.Push((i + 1, j));
                if (j < b.Length)
                {
                    stack.Push((i, j + 1));
                }
            }

            if (bStar)
            {
                stack.Push((i, j + 1));
                if (i < a.Length)
                {
                    stack.Push((i + 1, j));
                }
            }

            if (!aStar && !bStar && i < a.Length && j < b.Length && Same(a[i], b[j], ignoreCase))
            {
                stack.Push((i + 1, j + 1));
            }
        }

        return false;
    }

    private static bool Same(char x, char y, bool ignoreCase) =>
        x == '?' || y == '?' || x == y || (ignoreCase && char.ToUpperInvariant(x) == char.ToUpperInvariant(y));
}
