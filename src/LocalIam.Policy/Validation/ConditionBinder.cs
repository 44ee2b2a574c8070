using LocalIam.Policy.Evaluation.Conditions;
using LocalIam.Policy.Model;
using LocalIam.Policy.Syntax;

namespace LocalIam.Policy.Validation;

/// <summary>Binds the <c>Condition</c> block and checks operators, keys and values against the operator table.</summary>
internal sealed class ConditionBinder(List<Diagnostic> diagnostics)
{
    private const string Syntax = AwsPolicyMessages.SyntaxErrors;

    public List<ConditionClause> Bind(JsonPropertySyntax? condition, Effect effect, PolicyLanguageVersion version)
    {
        var clauses = new List<ConditionClause>();
        if (condition is null)
        {
            return clauses;
        }

        if (condition.Value is not JsonObjectSyntax block)
        {
            diagnostics.Add(PolicyDiagnostics.UnexpectedShape(Syntax, condition.Value.Span, "Condition", "an object", condition.Value.KindName));
            return clauses;
        }

        foreach (var operatorProperty in block.Properties)
        {
            var body = operatorProperty.Value as JsonObjectSyntax;
            if (!ConditionOperatorTable.TryParse(operatorProperty.Name, out var parsed))
            {
                diagnostics.Add(body is { Properties.Count: 0 }
                    ? PolicyDiagnostics.EmptyUnknownOperator(operatorProperty.NameSpan, operatorProperty.Name)
                    : PolicyDiagnostics.UnknownConditionOperator(Syntax, operatorProperty.NameSpan, operatorProperty.Name));
                continue;
            }

            if (body is null)
            {
                diagnostics.Add(PolicyDiagnostics.UnexpectedShape(
                    Syntax, operatorProperty.Value.Span, operatorProperty.Name, "an object of condition keys", operatorProperty.Value.KindName));
                continue;
            }

            if (parsed!.Qualifier == SetQualifier.ForAllValues && effect == Effect.Allow && !parsed.Info.IsNegated)
            {
                diagnostics.Add(PolicyDiagnostics.ForAllValuesWithAllow(operatorProperty.NameSpan, operatorProperty.Name));
            }

            var op = new SpannedString(operatorProperty.Name, operatorProperty.NameSpan);
            foreach (var keyProperty in body.Properties)
            {
                // AWS accepts a key without a service prefix ({"DateGreaterThan": {"a": ...}}): it is
                // a key no request carries, which the linter reports (INVALID_CONDITION_KEY_FORMAT).
                var values = SyntaxValues.ReadStrings(keyProperty, diagnostics, allowScalars: true);
                if (values is null)
                {
                    continue;
                }

                foreach (var value in values)
                {
                    CheckValue(parsed, op.Value, value, version);
                }

                clauses.Add(new ConditionClause(op, new SpannedString(keyProperty.Name, keyProperty.NameSpan), values));
            }
        }

        return clauses;
    }

    private void CheckValue(ParsedOperator parsed, string op, SpannedString value, PolicyLanguageVersion version)
    {
        var text = value.Value;
        switch (parsed.Info.Family)
        {
            case ConditionFamily.Date when !ConditionValueParser.TryParseDate(text, out _):
                diagnostics.Add(PolicyDiagnostics.InvalidDate(value.Span, text));
                break;
            case ConditionFamily.Numeric when !ConditionValueParser.TryParseNumber(text, out _):
                diagnostics.Add(PolicyDiagnostics.UnusableConditionValue(value.Span, op, text, "numbers"));
                break;
            case ConditionFamily.Bool or ConditionFamily.Null when !ConditionValueParser.TryParseBool(text, out _) && !text.Contains("${", StringComparison.Ordinal):
                diagnostics.Add(PolicyDiagnostics.UnusableConditionValue(value.Span, op, text, "`true` or `false`"));
                break;
            case ConditionFamily.IpAddress when !ConditionValueParser.TryParseNetwork(text, out _):
                diagnostics.Add(PolicyDiagnostics.UnusableConditionValue(value.Span, op, text, "IPv4 or IPv6 addresses and CIDR ranges"));
                break;
            case ConditionFamily.Binary when !ConditionValueParser.TryParseBinary(text, out _):
                diagnostics.Add(PolicyDiagnostics.UnusableConditionValue(value.Span, op, text, "base64-encoded bytes"));
                break;
            case ConditionFamily.String or ConditionFamily.Arn when version != PolicyLanguageVersion.V20121017 && text.Contains("${", StringComparison.Ordinal):
                diagnostics.Add(PolicyDiagnostics.VariableWithoutVersion(value.Span, text));
                break;
        }
    }
}
