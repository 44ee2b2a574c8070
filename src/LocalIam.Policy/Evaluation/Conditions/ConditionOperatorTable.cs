using System.Collections.Frozen;

namespace LocalIam.Policy.Evaluation.Conditions;

public enum ConditionFamily
{
    String,
    Numeric,
    Date,
    Bool,
    Binary,
    IpAddress,
    Arn,
    Null,
}

public enum Comparison
{
    Equals,
    EqualsIgnoreCase,
    Like,
    LessThan,
    LessThanEquals,
    GreaterThan,
    GreaterThanEquals,
    InRange,
    IsNull,
}

public enum SetQualifier
{
    None,
    ForAllValues,
    ForAnyValue,
}

/// <summary>One base operator: its value family, comparison, and whether it is the negated form.</summary>
public sealed record ConditionOperatorInfo(string Name, ConditionFamily Family, Comparison Comparison, bool IsNegated, bool AllowsVariables);

/// <summary>An operator as written: optional set qualifier, base operator, optional <c>IfExists</c>.</summary>
public sealed record ParsedOperator(ConditionOperatorInfo Info, SetQualifier Qualifier, bool IfExists);

/// <summary>
/// Every condition operator IAM knows, in one table. A name that is not here is an error, never a
/// silent match.
/// </summary>
public static class ConditionOperatorTable
{
    public static readonly FrozenDictionary<string, ConditionOperatorInfo> Operators = new ConditionOperatorInfo[]
    {
        new("StringEquals", ConditionFamily.String, Comparison.Equals, false, true),
        new("StringNotEquals", ConditionFamily.String, Comparison.Equals, true, true),
        new("StringEqualsIgnoreCase", ConditionFamily.String, Comparison.EqualsIgnoreCase, false, true),
        new("StringNotEqualsIgnoreCase", ConditionFamily.String, Comparison.EqualsIgnoreCase, true, true),
        new("StringLike", ConditionFamily.String, Comparison.Like, false, true),
        new("StringNotLike", ConditionFamily.String, Comparison.Like, true, true),
        new("NumericEquals", ConditionFamily.Numeric, Comparison.Equals, false, false),
        new("NumericNotEquals", ConditionFamily.Numeric, Comparison.Equals, true, false),
        new("NumericLessThan", ConditionFamily.Numeric, Comparison.LessThan, false, false),
        new("NumericLessThanEquals", ConditionFamily.Numeric, Comparison.LessThanEquals, false, false),
        new("NumericGreaterThan", ConditionFamily.Numeric, Comparison.GreaterThan, false, false),
        new("NumericGreaterThanEquals", ConditionFamily.Numeric, Comparison.GreaterThanEquals, false, false),
        new("DateEquals", ConditionFamily.Date, Comparison.Equals, false, false),
        new("DateNotEquals", ConditionFamily.Date, Comparison.Equals, true, false),
        new("DateLessThan", ConditionFamily.Date, Comparison.LessThan, false, false),
        new("DateLessThanEquals", ConditionFamily.Date, Comparison.LessThanEquals, false, false),
        new("DateGreaterThan", ConditionFamily.Date, Comparison.GreaterThan, false, false),
        new("DateGreaterThanEquals", ConditionFamily.Date, Comparison.GreaterThanEquals, false, false),
        new("Bool", ConditionFamily.Bool, Comparison.Equals, false, true),
        new("BinaryEquals", ConditionFamily.Binary, Comparison.Equals, false, false),
        new("IpAddress", ConditionFamily.IpAddress, Comparison.InRange, false, false),
        new("NotIpAddress", ConditionFamily.IpAddress, Comparison.InRange, true, false),
        new("ArnEquals", ConditionFamily.Arn, Comparison.Like, false, true),
        new("ArnLike", ConditionFamily.Arn, Comparison.Like, false, true),
        new("ArnNotEquals", ConditionFamily.Arn, Comparison.Like, true, true),
        new("ArnNotLike", ConditionFamily.Arn, Comparison.Like, true, true),
        new("Null", ConditionFamily.Null, Comparison.IsNull, false, false),
    }.ToFrozenDictionary(op => op.Name, StringComparer.OrdinalIgnoreCase);

    // Every operator as it may be written (qualifier x IfExists), made once: parsing a name allocates nothing.
    private static readonly FrozenDictionary<string, ParsedOperator[]> Written = Operators.ToFrozenDictionary(
        op => op.Key,
        op => new[] { SetQualifier.None, SetQualifier.ForAllValues, SetQualifier.ForAnyValue }
            .SelectMany(q => new[] { new ParsedOperator(op.Value, q, IfExists: false), new ParsedOperator(op.Value, q, IfExists: true) })
            .ToArray(),
        StringComparer.OrdinalIgnoreCase);

    private const string ForAllValuesPrefix = "ForAllValues:";
    private const string ForAnyValuePrefix = "ForAnyValue:";
    private const string IfExistsSuffix = "IfExists";

    /// <summary>Reads <c>ForAnyValue:StringLikeIfExists</c> and the like; false for anything IAM does not know.</summary>
    public static bool TryParse(string text, out ParsedOperator? parsed)
    {
        parsed = null;
        var name = text.AsSpan();
        var qualifier = SetQualifier.None;
        if (name.StartsWith(ForAllValuesPrefix, StringComparison.OrdinalIgnoreCase))
        {
            qualifier = SetQualifier.ForAllValues;
            name = name[ForAllValuesPrefix.Length..];
        }
        else if (name.StartsWith(ForAnyValuePrefix, StringComparison.OrdinalIgnoreCase))
        {
            qualifier = SetQualifier.ForAnyValue;
            name = name[ForAnyValuePrefix.Length..];
        }

        var lookup = Written.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(name, out var forms))
        {
            parsed = forms[(int)qualifier * 2];
            return true;
        }

        if (name.EndsWith(IfExistsSuffix, StringComparison.OrdinalIgnoreCase)
            && lookup.TryGetValue(name[..^IfExistsSuffix.Length], out forms)
            && forms[0].Info.Family != ConditionFamily.Null)
        {
            parsed = forms[((int)qualifier * 2) + 1];
            return true;
        }

        return false;
    }
}
