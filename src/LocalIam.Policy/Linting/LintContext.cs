using LocalIam.Policy.Model;
using LocalIam.Policy.Syntax;
using LocalIam.Policy.Text;

namespace LocalIam.Policy.Linting;

/// <summary>What every check reads (the document as syntax and as model, its type) and where it reports.</summary>
internal sealed class LintContext(JsonSyntax? root, PolicyDocument? document, PositionMap positions, LintRequest request)
{
    /// <summary>About 1,000 actions with a wildcard in their service part (AWS's managed policies have none): some tens of milliseconds.</summary>
    public const long ServiceScansPerLint = 400_000;

    private readonly List<LintFinding> _findings = [];

    public JsonSyntax? Root { get; } = root;

    public PolicyDocument? Document { get; } = document;

    public LintRequest Request { get; } = request;

    public bool IsTrustPolicy => Request.IsTrustPolicy;

    public IReadOnlyList<LintFinding> Findings => _findings;

    /// <summary>The work "Did you mean ...?" may still do in this lint.</summary>
    public LintBudget Suggestions { get; } = new(TextDistance.CellsPerLint);

    /// <summary>
    /// Services an action with a wildcard in its service part may still be looked up in: each such
    /// action is matched against every service of the catalogue (about 400), so thousands of them are cut off.
    /// </summary>
    public LintBudget ServiceScans { get; } = new(ServiceScansPerLint);

    /// <summary>A finding at a span of the document, its path found through the syntax.</summary>
    public void Report(string issueCode, SourceSpan span, params (string Name, string Value)[] values) =>
        Report(issueCode, [span], values);

    public void Report(string issueCode, IReadOnlyList<SourceSpan> spans, params (string Name, string Value)[] values)
    {
        var locations = spans.Select(Locate).ToList();
        ReportAt(issueCode, locations, values);
    }

    public LintPosition PositionOf(SourceSpan span) => positions.At(span.Offset);

    /// <summary>A finding about the whole document (no path, the whole text), as Access Analyzer reports a missing Version.</summary>
    public void ReportDocument(string issueCode, params (string Name, string Value)[] values) =>
        ReportAt(issueCode, [new LintLocation([], positions.Whole)], values);

    /// <summary>AWS's check with the text already worded: where AWS's text has a part that only some findings carry ("Did you mean ...?").</summary>
    public void ReportWithDetails(string issueCode, SourceSpan span, string details)
    {
        var check = AwsPolicyChecks.Get(issueCode);
        _findings.Add(new LintFinding(check.FindingType, issueCode, details, check.LearnMoreLink, [Locate(span)]));
    }

    private LintLocation Locate(SourceSpan span) =>
        span.IsNone ? new LintLocation([], positions.Whole) : new LintLocation(SyntaxLocator.PathTo(Root, span), positions.Span(span));

    private void ReportAt(string issueCode, IReadOnlyList<LintLocation> locations, (string Name, string Value)[] values)
    {
        var check = AwsPolicyChecks.Get(issueCode);
        var details = check.Format(values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal));
        _findings.Add(new LintFinding(check.FindingType, issueCode, details, check.LearnMoreLink, locations));
    }
}
