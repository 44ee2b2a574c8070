using LocalIam.Storage.Billing;

namespace LocalIam.Iam.Billing.CostExplorer;

/// <summary>How a filter compares values (Cost Explorer's MatchOptions); several may be given, one comparison and one case rule.</summary>
[Flags]
public enum CostMatch
{
    None = 0,
    Equal = 1,
    Absent = 2,
    StartsWith = 4,
    EndsWith = 8,
    Contains = 16,
    CaseSensitive = 32,
    CaseInsensitive = 64,
    GreaterThanOrEqual = 128,
}

/// <summary>
/// A Cost Explorer filter: And, Or and Not of dimension, tag and cost-category tests, as AWS's
/// <c>Expression</c>. A test matches when any of its values matches (values are OR'ed), compared
/// as its match options say; the default is EQUALS, CASE_SENSITIVE. A row without a tag has the
/// empty value for it, so <c>{"Key":"Project","Values":[""]}</c> finds untagged costs.
/// </summary>
public abstract record CostExpression
{
    public abstract bool Matches(CostRow row);

    public sealed record And(IReadOnlyList<CostExpression> Operands) : CostExpression
    {
        public override bool Matches(CostRow row) => Operands.All(o => o.Matches(row));
    }

    public sealed record Or(IReadOnlyList<CostExpression> Operands) : CostExpression
    {
        public override bool Matches(CostRow row) => Operands.Any(o => o.Matches(row));
    }

    public sealed record Not(CostExpression Operand) : CostExpression
    {
        public override bool Matches(CostRow row) => !Operand.Matches(row);
    }

    public sealed record Dimension(CostDimension Key, IReadOnlyList<string> Values, CostMatch Options = CostMatch.None) : CostExpression
    {
        public override bool Matches(CostRow row) => ValueMatches(Key.ValueOf(row), Values, Options);
    }

    /// <summary>A tag test. Without values it is ABSENT: rows without <see cref="Key"/>, or without any tag when the key is null too.</summary>
    public sealed record Tag(string? Key, IReadOnlyList<string> Values, CostMatch Options = CostMatch.None) : CostExpression
    {
        public override bool Matches(CostRow row)
        {
            if (Key is null)
            {
                return Values.Count == 0 && row.Tags.Length == 0;
            }

            var value = CostTags.ValueOf(row.Tags, Key);
            if ((Options & CostMatch.Absent) != 0 || Values.Count == 0)
            {
                // ABSENT alone finds rows without the key; with another comparison, rows matching it too.
                if (value is null)
                {
                    return true;
                }

                if (Values.Count == 0 || (Options & ~(CostMatch.Absent | CostMatch.CaseSensitive | CostMatch.CaseInsensitive)) == 0)
                {
                    return false;
                }
            }

            return ValueMatches(value ?? string.Empty, Values, Options);
        }
    }

    /// <summary>A cost category test: the account has no cost categories, so it matches nothing.</summary>
    public sealed record CostCategory(string? Key, IReadOnlyList<string> Values, CostMatch Options = CostMatch.None) : CostExpression
    {
        public override bool Matches(CostRow row) => false;
    }

    /// <summary>Every test in the expression, depth first (for rules on which dimensions and options an operation allows).</summary>
    public IEnumerable<CostExpression> Tests()
    {
        switch (this)
        {
            case And and:
                return and.Operands.SelectMany(o => o.Tests());
            case Or or:
                return or.Operands.SelectMany(o => o.Tests());
            case Not not:
                return not.Operand.Tests();
            default:
                return [this];
        }
    }

    private static bool ValueMatches(string value, IReadOnlyList<string> values, CostMatch options)
    {
        var comparison = (options & CostMatch.CaseInsensitive) != 0 ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        foreach (var wanted in values)
        {
            var hit = (options & (CostMatch.StartsWith | CostMatch.EndsWith | CostMatch.Contains | CostMatch.GreaterThanOrEqual)) switch
            {
                CostMatch.StartsWith => value.StartsWith(wanted, comparison),
                CostMatch.EndsWith => value.EndsWith(wanted, comparison),
                CostMatch.Contains => value.Contains(wanted, comparison),
                CostMatch.GreaterThanOrEqual => string.Compare(value, wanted, comparison) >= 0,
                _ => value.Equals(wanted, comparison),
            };
            if (hit)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>A cost row's tags, <c>key=value</c> lines sorted by key.</summary>
public static class CostTags
{
    /// <summary>The value of <paramref name="key"/>, or null when the row does not have the tag.</summary>
    public static string? ValueOf(string tags, string key)
    {
        var rest = tags.AsSpan();
        while (rest.Length > 0)
        {
            var end = rest.IndexOf('\n');
            var line = end < 0 ? rest : rest[..end];
            var equals = line.IndexOf('=');
            var name = equals < 0 ? line : line[..equals];
            if (name.SequenceEqual(key))
            {
                return equals < 0 ? string.Empty : line[(equals + 1)..].ToString();
            }

            rest = end < 0 ? [] : rest[(end + 1)..];
        }

        return null;
    }

    /// <summary>Every (key, value) of the row.</summary>
    public static IEnumerable<(string Key, string Value)> All(string tags)
    {
        if (tags.Length == 0)
        {
            yield break;
        }

        foreach (var line in tags.Split('\n'))
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            yield return equals < 0 ? (line, string.Empty) : (line[..equals], line[(equals + 1)..]);
        }
    }
}
