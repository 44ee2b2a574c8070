using LocalIam.Policy.Model;
using LocalIam.Policy.Syntax;

namespace LocalIam.Policy.Validation;

/// <summary>Reads the "string or array of strings" shape that IAM accepts almost everywhere.</summary>
internal static class SyntaxValues
{
    /// <param name="skipNulls">Leave out <c>null</c> items of an array: AWS accepts them in <c>Resource</c> lists and ignores them.</param>
    public static List<SpannedString>? ReadStrings(JsonPropertySyntax property, List<Diagnostic> diagnostics, bool allowScalars = false, bool skipNulls = false)
    {
        switch (property.Value)
        {
            case JsonStringSyntax single:
                return [new SpannedString(single.Value, single.Span)];
            case JsonArraySyntax array:
                var values = new List<SpannedString>(array.Items.Count);
                foreach (var item in array.Items)
                {
                    if (AsString(item, allowScalars) is { } value)
                    {
                        values.Add(value);
                    }
                    else if (skipNulls && item is JsonNullSyntax)
                    {
                        continue;
                    }
                    else
                    {
                        diagnostics.Add(PolicyDiagnostics.UnexpectedShape(AwsPolicyMessages.SyntaxErrors, item.Span, property.Name, "a string", item.KindName));
                    }
                }

                return values;
            default:
                if (allowScalars && AsString(property.Value, allowScalars) is { } scalar)
                {
                    return [scalar];
                }

                diagnostics.Add(PolicyDiagnostics.UnexpectedShape(
                    AwsPolicyMessages.SyntaxErrors, property.Value.Span, property.Name, "a string or an array of strings", property.Value.KindName));
                return null;
        }
    }

    /// <summary>Condition values may be written as JSON numbers or booleans; IAM reads them as their text.</summary>
    private static SpannedString? AsString(JsonSyntax value, bool allowScalars) => value switch
    {
        JsonStringSyntax text => new SpannedString(text.Value, text.Span),
        JsonNumberSyntax number when allowScalars => new SpannedString(number.Text, number.Span),
        JsonBooleanSyntax boolean when allowScalars => new SpannedString(boolean.Value ? "true" : "false", boolean.Span),
        _ => null,
    };
}
