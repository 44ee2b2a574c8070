using LocalIam.Policy.Catalog;
using LocalIam.Policy.Evaluation.Conditions;
using LocalIam.Policy.Model;
using LocalIam.Policy.Syntax;
using LocalIam.Policy.Text;

namespace LocalIam.Policy.Linting;

/// <summary>Condition blocks: empty blocks and arrays, keys against the catalogue, operator and key types, qualifiers, values.</summary>
internal static class ConditionChecks
{
    private static readonly string[] TagKeyRoots = ["aws:RequestTag", "aws:ResourceTag", "aws:PrincipalTag"];

    private static IamCatalog Catalog => IamCatalog.Current;

    public static void Check(LintContext context, Statement statement)
    {
        if (DiagnosticFindings.Find(context.Root, statement.Span) is JsonObjectSyntax syntax
            && syntax.Properties.FirstOrDefault(p => p.Name == "Condition")?.Value is JsonObjectSyntax block)
        {
            CheckShape(context, block);
        }

        foreach (var clause in statement.Conditions)
        {
            if (ConditionOperatorTable.TryParse(clause.Operator.Value, out var parsed))
            {
                CheckClause(context, clause, parsed!);
            }
        }
    }

    /// <summary>What the model no longer shows: empty blocks, empty value arrays, keys repeated with another case.</summary>
    private static void CheckShape(LintContext context, JsonObjectSyntax block)
    {
        if (block.Properties.Count == 0)
        {
            context.Report("EMPTY_OBJECT_CONDITION", block.Span);
            return;
        }

        foreach (var operatorProperty in block.Properties)
        {
            if (operatorProperty.Value is not JsonObjectSyntax keys || !ConditionOperatorTable.TryParse(operatorProperty.Name, out var parsed))
            {
                continue;
            }

            if (keys.Properties.Count == 0)
            {
                context.Report("EMPTY_OBJECT_CONDITION", keys.Span);
            }

            foreach (var repeated in keys.Properties.GroupBy(k => k.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Select(k => k.Name).Distinct(StringComparer.Ordinal).Count() > 1))
            {
                context.Report("DUPLICATE_KEYS_WITH_DIFFERENT_CASE", [.. repeated.Select(k => k.NameSpan)], ("key", repeated.Key));
            }

            foreach (var key in keys.Properties.Where(k => k.Value is JsonArraySyntax { Items.Count: 0 }))
            {
                var code = parsed!.Qualifier switch
                {
                    SetQualifier.ForAllValues => "EMPTY_ARRAY_CONDITION_FORALLVALUES",
                    SetQualifier.ForAnyValue => "EMPTY_ARRAY_CONDITION_FORANYVALUE",
                    _ when parsed.IfExists => "EMPTY_ARRAY_CONDITION_IFEXISTS",
                    _ => "EMPTY_ARRAY_CONDITION",
                };
                context.Report(code, key.Value.Span, ("key", key.Name));
            }
        }
    }

    private static void CheckClause(LintContext context, ConditionClause clause, ParsedOperator parsed)
    {
        var key = clause.Key.Value;
        var op = clause.Operator.Value;
        if (!CheckKey(context, clause.Key))
        {
            return;
        }

        var type = Catalog.FindConditionKey(key)?.Type;
        var family = parsed.Info.Family;
        if (type is { } known && family != ConditionFamily.Null && !Allows(known, family))
        {
            context.Report("TYPE_MISMATCH", clause.Operator.Span, ("allowed", FamilyOf(known)), ("operator", op), ("key", key));
        }

        var multiValued = type is ConditionKeyType.ArrayOfString or ConditionKeyType.ArrayOfArn or ConditionKeyType.ArrayOfBool;
        if (type is not null && parsed.Qualifier == SetQualifier.ForAllValues && !multiValued)
        {
            context.Report("FORALLVALUES_WITH_SINGLE_VALUED_KEY", clause.Operator.Span, ("key", key));
        }

        if (multiValued && parsed.Qualifier == SetQualifier.None && family != ConditionFamily.Null)
        {
            context.Report("MISSING_QUALIFIER", clause.Key.Span, ("key", key));
        }

        if (family == ConditionFamily.Null && parsed.Qualifier != SetQualifier.None)
        {
            context.Report("NULL_WITH_QUALIFIER", clause.Operator.Span);
        }

        if (family == ConditionFamily.Bool && clause.Values.Select(v => v.Value.ToUpperInvariant()).Distinct().Count() > 1)
        {
            context.Report("INVALID_CONDITION_MULTIPLE_BOOLEAN", clause.Key.Span);
        }

        foreach (var value in clause.Values)
        {
            CheckValue(context, clause, parsed, value);
        }

        if (family == ConditionFamily.IpAddress && key.Equals("aws:SourceIp", StringComparison.OrdinalIgnoreCase))
        {
            IpRanges.CheckSourceIp(context, clause, parsed.Info.IsNegated);
        }
    }

    /// <summary>False when the key itself is wrong, so that nothing more is said about its clause.</summary>
    private static bool CheckKey(LintContext context, SpannedString key)
    {
        var name = key.Value;
        var colon = name.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            // IAM accepts the policy (docs/policy-validation.md); the key can never be in a request.
            context.Report("INVALID_CONDITION_KEY_FORMAT", key.Span);
            return false;
        }

        var prefix = name[..colon];
        if (prefix.Equals("aws", StringComparison.OrdinalIgnoreCase))
        {
            if (TagKeyRoots.FirstOrDefault(r => name.Equals(r, StringComparison.OrdinalIgnoreCase) || name.Equals(r + "/", StringComparison.OrdinalIgnoreCase)) is { } root)
            {
                context.Report("MISSING_TAG_KEY_IN_CONDITION", key.Span, ("conditionKeyName", root + "/"));
                return false;
            }

            if (name.Equals("aws:ARN", StringComparison.OrdinalIgnoreCase))
            {
                context.Report("DEPRECATED_GLOBAL_CONDITION_KEY", key.Span);
                return false;
            }

            if (Catalog.FindGlobalConditionKey(name) is null)
            {
                context.Report("INVALID_GLOBAL_CONDITION_KEY", key.Span, ("key", name));
                return false;
            }

            return true;
        }

        // Keys of identity providers (saml:, an OIDC issuer's host) carry the provider's own claims
        // (sub, aud, ...), which the catalogue lists only in part: only service prefixes are checked.
        if (Catalog.IsKnownService(prefix) && Catalog.FindServiceConditionKey(name) is null)
        {
            context.Report("INVALID_SERVICE_CONDITION_KEY", key.Span, ("key", name), ("service", prefix));
            return false;
        }

        return true;
    }

    private static void CheckValue(LintContext context, ConditionClause clause, ParsedOperator parsed, SpannedString value)
    {
        var text = value.Value;
        if (text.Contains("${", StringComparison.Ordinal))
        {
            if (Variables.Problem(text) is { } problem)
            {
                context.Report(problem, value.Span);
            }
            else if (!parsed.Info.AllowsVariables)
            {
                context.Report("INVALID_VARIABLE_FOR_OPERATOR", value.Span);
            }

            return;
        }

        if (parsed.Info.Family == ConditionFamily.String && parsed.Info.Comparison is Comparison.Equals or Comparison.EqualsIgnoreCase
            && (text.Contains('*', StringComparison.Ordinal) || text.Contains('?', StringComparison.Ordinal)))
        {
            context.Report("WILDCARD_WITHOUT_LIKE_OPERATOR", value.Span);
        }

        if (Wildcard(text))
        {
            return;
        }

        var key = clause.Key.Value;
        if (key.Equals("aws:SourceVpc", StringComparison.OrdinalIgnoreCase) && !IsResourceId(text, "vpc-"))
        {
            context.Report("INVALID_VPC_FORMAT", value.Span);
        }
        else if (key.Equals("aws:SourceVpce", StringComparison.OrdinalIgnoreCase) && !IsResourceId(text, "vpce-"))
        {
            context.Report("INVALID_VPCE_FORMAT", value.Span);
        }
    }

    /// <summary>The parser's warning that a value can never match its operator, as Access Analyzer's type mismatch for that operator.</summary>
    public static void ReportUnusableValue(LintContext context, SourceSpan span, string op)
    {
        if (!ConditionOperatorTable.TryParse(op, out var parsed))
        {
            return;
        }

        var code = parsed!.Info.Family switch
        {
            ConditionFamily.Numeric => "TYPE_MISMATCH_NUMBER",
            ConditionFamily.Bool or ConditionFamily.Null => "TYPE_MISMATCH_BOOLEAN",
            ConditionFamily.IpAddress => "TYPE_MISMATCH_IP_RANGE",
            ConditionFamily.Binary => "TYPE_MISMATCH_STRING",
            _ => null,
        };
        if (code is not null)
        {
            context.Report(code, span, ("operator", op));
        }
    }

    /// <summary>String operators serve ARN keys too, as AWS documents; every other type wants its own family.</summary>
    private static bool Allows(ConditionKeyType type, ConditionFamily family) => type switch
    {
        ConditionKeyType.String or ConditionKeyType.ArrayOfString => family is ConditionFamily.String or ConditionFamily.Arn,
        ConditionKeyType.Arn or ConditionKeyType.ArrayOfArn => family is ConditionFamily.Arn or ConditionFamily.String,
        ConditionKeyType.Numeric => family == ConditionFamily.Numeric,
        ConditionKeyType.Date => family == ConditionFamily.Date,
        ConditionKeyType.Bool or ConditionKeyType.ArrayOfBool => family == ConditionFamily.Bool,
        ConditionKeyType.IpAddress => family == ConditionFamily.IpAddress,
        _ => family == ConditionFamily.Binary,
    };

    private static string FamilyOf(ConditionKeyType type) => type switch
    {
        ConditionKeyType.String or ConditionKeyType.ArrayOfString => "String",
        ConditionKeyType.Arn or ConditionKeyType.ArrayOfArn => "ARN",
        ConditionKeyType.Numeric => "Numeric",
        ConditionKeyType.Date => "Date",
        ConditionKeyType.Bool or ConditionKeyType.ArrayOfBool => "Bool",
        ConditionKeyType.IpAddress => "IPAddress",
        _ => "Binary",
    };

    private static bool Wildcard(string text) => text.Contains('*', StringComparison.Ordinal) || text.Contains('?', StringComparison.Ordinal);

    /// <summary>AWS's resource ids: the prefix, then 8 or 17 letters and digits.</summary>
    private static bool IsResourceId(string text, string prefix) =>
        text.StartsWith(prefix, StringComparison.Ordinal) && text.Length - prefix.Length is 8 or 17 && text[prefix.Length..].All(char.IsAsciiLetterOrDigit);
}
