using LocalIam.Policy.Validation;

namespace LocalIam.Policy.Linting;

/// <summary>
/// Validates a policy as IAM Access Analyzer's ValidatePolicy does: the parser's grammar checks and
/// the linter's own (actions, resources, conditions and principals against the action catalogue,
/// security and best-practice checks), every finding with AWS's issue code, text, link and location.
/// Pure and bounded: the parser caps the document and every check is linear or grouped by service.
/// </summary>
public static class PolicyLinter
{
    public static IReadOnlyList<LintFinding> Lint(LintRequest request)
    {
        var kind = request.IsTrustPolicy ? PolicyKind.Trust : request.PolicyType switch
        {
            LintPolicyType.Identity => PolicyKind.Identity,
            LintPolicyType.ServiceControl => PolicyKind.ServiceControl,
            _ => PolicyKind.Resource,
        };
        var parsed = PolicyParser.Parse(request.Document, kind, PolicyParseOptions.Default, out var syntax);
        var context = new LintContext(syntax, parsed.Document, new PositionMap(request.Document), request);
        foreach (var diagnostic in parsed.Diagnostics)
        {
            DiagnosticFindings.Report(context, diagnostic);
        }

        if (syntax is null || parsed.Document is not { } document)
        {
            return context.Findings;
        }

        DocumentChecks.Check(context, document);
        foreach (var statement in document.Statements)
        {
            ActionChecks.Check(context, statement);
            ResourceChecks.Check(context, statement);
            ConditionChecks.Check(context, statement);
            PrincipalChecks.Check(context, statement);
            PermissionChecks.Check(context, statement);
        }

        return [.. context.Findings.OrderBy(f => f.Locations.Count > 0 ? f.Locations[0].Span.Start.Offset : 0).ThenBy(f => f.FindingType)];
    }
}
