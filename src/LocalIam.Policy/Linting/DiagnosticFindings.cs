using LocalIam.Policy.Syntax;
using LocalIam.Policy.Validation;

namespace LocalIam.Policy.Linting;

/// <summary>
/// The grammar checks the parser already makes (<see cref="PolicyDiagnostics"/>), reported with
/// the issue code and text Access Analyzer uses for the same fault. A few are answered by a more
/// precise check of the linter instead, and LocalIam's warning of a repeated JSON key has no
/// Access Analyzer counterpart (docs/lint.md).
/// </summary>
internal static class DiagnosticFindings
{
    private const string Partitions = "aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f, aws-eusc";

    public static void Report(LintContext context, Diagnostic diagnostic)
    {
        var args = diagnostic.Arguments;
        var span = diagnostic.Span;
        var path = span.IsNone ? [] : SyntaxLocator.PathTo(context.Root, span);
        var inPrincipal = path.Any(p => p.Value is "Principal" or "NotPrincipal");
        switch (diagnostic.Id)
        {
            case "LIP001":
                var position = span.IsNone ? default : context.PositionOf(span);
                context.Report("JSON_SYNTAX_ERROR", span,
                    ("index", position.Offset.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    ("line", position.Line.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    ("column", position.Column.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                break;
            case "LIP002":
                context.Report("JSON_SYNTAX_ERROR", span, ("index", "0"), ("line", "1"), ("column", "0"));
                break;
            case "LIP003" when inPrincipal && args.Count > 0 && args[0] is "Principal" or "NotPrincipal":
                context.Report("INVALID_PRINCIPAL_FORMAT", span);
                break;
            case "LIP003":
                context.Report("DATA_TYPE_MISMATCH", span, ("data_type", DataType(args.Count > 1 ? args[1] : string.Empty)));
                break;
            case "LIP004":
                context.Report("INVALID_POLICY_ELEMENT", span, ("element", Arg(args, 0)));
                break;
            case "LIP005":
                context.Report("MISSING_STATEMENT", span);
                break;
            case "LIP006":
                context.Report("MISSING_EFFECT", span);
                break;
            case "LIP007" or "LIP012":
                context.Report("INVALID_EFFECT", span, ("effect", Arg(args, 0)));
                break;
            case "LIP008":
                context.Report("UNSUPPORTED_ELEMENT_COMBINATION", span, ("element1", Arg(args, 0)), ("element2", Arg(args, 1)));
                break;
            case "LIP009" when context.Request.PolicyType == LintPolicyType.ServiceControl:
                context.Report("SCP_SYNTAX_ERROR_PRINCIPAL", span);
                break;
            case "LIP009":
                context.Report("UNSUPPORTED_PRINCIPAL", span, ("policy_type", context.Request.PolicyTypeName));
                break;
            case "LIP010" when IsNullIfExists(Arg(args, 0)):
                context.Report("NULL_WITH_IF_EXISTS", span);
                break;
            case "LIP010" or "LIW005":
                context.Report("INVALID_CONDITION_OPERATOR", span, ("operator", Arg(args, 0)));
                break;
            case "LIP011" when args.Count > 0:
                context.Report("INVALID_VERSION", span, ("version", args[0]), ("versions", "2012-10-17, 2008-10-17"));
                break;
            case "LIP013":
                context.Report("TYPE_MISMATCH_DATE", span);
                break;
            case "LIP015" when context.Request.PolicyType is LintPolicyType.Identity or LintPolicyType.ServiceControl:
                context.Report("UNIQUE_SIDS_REQUIRED", span);
                break;
            case "LIP015":
                context.Report("UNIQUE_SIDS_RECOMMENDED", span);
                break;
            case "LIP016":
                context.Report("UNSUPPORTED_SID", span);
                break;
            case "LIP017":
                context.Report(IsEmptyArray(context, span) ? "EMPTY_ARRAY_ACTION" : "MISSING_ACTION", span);
                break;
            case "LIP018":
                context.Report(IsEmptyArray(context, span) ? "EMPTY_ARRAY_RESOURCE" : "MISSING_RESOURCE", span);
                break;
            case "LIP019":
                context.Report("INVALID_ARN_PREFIX", span);
                break;
            case "LIP020" when !Arg(args, 0).StartsWith("arn:", StringComparison.Ordinal):
                // IAM reads `s3:::bucket` as an ARN with an empty partition; Access Analyzer asks for the `arn` prefix.
                context.Report("INVALID_ARN_PREFIX", span);
                break;
            case "LIP020":
                context.Report("INVALID_PARTITION", span, ("service", Arg(args, 2)), ("partition", Arg(args, 1)), ("partitions", Partitions));
                break;
            case "LIP021":
                context.Report("INVALID_ARN_RESOURCE", span);
                break;
            case "LIP022":
                context.Report("ARN_REGION_NOT_ALLOWED", span, ("service", "iam"));
                break;
            case "LIP014" or "LIP032" or "LIP033" when IsShortArn(Arg(args, 0)):
                // The resource checks report every ARN of fewer than six parts (MISSING_ARN_FIELD).
                break;
            case "LIP032":
                context.Report("INVALID_ARN_RESOURCE", span);
                break;
            case "LIP033":
                // A full ARN: the resource checks compare it with the catalogue's formats (ARN_REGION_NOT_ALLOWED).
                break;
            case "LIP014":
                context.Report("MISSING_ARN_FIELD", span, ("fields", "6"));
                break;
            case "LIP023" or "LIP024":
                ActionChecks.ReportInvalidAction(context, span, StringAt(context, span) ?? string.Empty);
                break;
            case "LIP025":
                ActionChecks.ReportUnknownService(context, span, Arg(args, 0));
                break;
            case "LIP026":
                PrincipalChecks.ReportMissing(context, span);
                break;
            case "LIP027":
                PrincipalChecks.ReportInvalidValue(context, span, Arg(args, 0), Arg(args, 1));
                break;
            case "LIP028":
                context.Report("ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL", span);
                break;
            case "LIP029":
                context.Report("UNSUPPORTED_ACTION_IN_POLICY", span, ("action", StringAt(context, span) ?? string.Empty), ("resourceType", LintRequest.AssumeRolePolicyDocument));
                break;
            case "LIP030":
                context.Report("ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE", span);
                break;
            case "LIP031":
                context.Report("INVALID_PRINCIPAL_KEY", span, ("principal-key", Arg(args, 0)));
                break;
            case "LIW002":
                context.Report("VARIABLE_UNSUPPORTED_IN_VERSION", span);
                break;
            case "LIW003":
                ConditionChecks.ReportUnusableValue(context, span, Arg(args, 0));
                break;
        }
    }

    private static string Arg(IReadOnlyList<string> args, int index) => index < args.Count ? args[index] : string.Empty;

    private static bool IsNullIfExists(string op) =>
        op.EndsWith("NullIfExists", StringComparison.OrdinalIgnoreCase) && op.Length - "NullIfExists".Length is var prefix
        && (prefix == 0 || op[..prefix].TrimEnd(':').Equals("ForAllValues", StringComparison.OrdinalIgnoreCase) || op[..prefix].TrimEnd(':').Equals("ForAnyValue", StringComparison.OrdinalIgnoreCase));

    /// <summary>Access Analyzer names JSON types as the policy grammar does.</summary>
    private static string DataType(string expected) => expected switch
    {
        "a string" => "String",
        "a string or an array of strings" => "Array of String",
        "an object or an array of objects" => "Array of Object",
        _ => "Object",
    };

    private static bool IsEmptyArray(LintContext context, Text.SourceSpan span) =>
        Find(context.Root, span) is JsonArraySyntax { Items.Count: 0 };

    private static string? StringAt(LintContext context, Text.SourceSpan span) => (Find(context.Root, span) as JsonStringSyntax)?.Value;

    /// <summary>The node whose span is exactly <paramref name="span"/>.</summary>
    internal static JsonSyntax? Find(JsonSyntax? node, Text.SourceSpan span)
    {
        while (node is not null)
        {
            if (node.Span.Offset == span.Offset && node.Span.Length == span.Length)
            {
                return node;
            }

            node = SyntaxLocator.ChildHolding(node, span, Within);
        }

        return null;
    }

    private static bool Within(Text.SourceSpan outer, Text.SourceSpan inner) =>
        inner.Offset >= outer.Offset && inner.Offset + inner.Length <= outer.Offset + outer.Length;

    private static bool IsShortArn(string value) => value.StartsWith("arn:", StringComparison.Ordinal) && value.Split(':').Length is > 2 and < 6;
}
