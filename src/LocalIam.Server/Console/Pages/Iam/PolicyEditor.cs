using LocalIam.Iam.Policies;
using LocalIam.Policy.Linting;
using LocalIam.Policy.Validation;

namespace LocalIam.Server.Console.Pages.Iam;

/// <summary>
/// The "Policy editor": the document as typed and, after a save the core refused, every finding with
/// its line and column. The findings come from the core's own checks (<see cref="PolicyDocuments.DiagnoseManaged"/>),
/// the ones the live diagnostics and saving use: one set of rules. Beside them, "Policy validation":
/// Access Analyzer's findings from the linter (<see cref="PolicyLinter"/>), shown as warnings only,
/// since a write is refused for the core's errors alone.
/// </summary>
public sealed record PolicyEditor(string Document, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>Access Analyzer's findings for the document as an identity policy (managed policies are).</summary>
    public IReadOnlyList<LintFinding> Findings { get; init; } = [];

    /// <summary>AWS's console starts a new policy with one empty statement.</summary>
    public const string NewDocument = """
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": "Statement1",
                    "Effect": "Allow",
                    "Action": [],
                    "Resource": []
                }
            ]
        }
        """;

    /// <summary>How much a form with a policy may carry: the longest document, each character escaped as a form sends it, and room for the rest.</summary>
    public const int MaxFormBytes = (PolicyDocuments.MaxLength * 9) + (64 * 1024);

    public static PolicyEditor Checked(string? document) =>
        new(document ?? string.Empty, PolicyDocuments.DiagnoseManaged(document)) { Findings = Validate(document) };

    /// <summary>A document opened in the editor: its findings, before anything is saved.</summary>
    public static PolicyEditor Opened(string document) => new(document, []) { Findings = Validate(document) };

    /// <summary>The linter's findings for a managed policy's document; longer documents than IAM stores are the core's to refuse.</summary>
    public static IReadOnlyList<LintFinding> Validate(string? document) =>
        document is { Length: > 0 and <= MaxValidatedLength } ? PolicyLinter.Lint(new LintRequest(document, LintPolicyType.Identity)) : [];

    /// <summary>How long a document the editor validates: well above IAM's quotas, so the work of one page stays small.</summary>
    private const int MaxValidatedLength = 128 * 1024;

    /// <summary>"Line 3, Column 5: message", or the message alone when it has no position.</summary>
    public static string Describe(Diagnostic diagnostic) =>
        diagnostic.Span.IsNone ? diagnostic.Message : $"Line {diagnostic.Span.Line}, Column {diagnostic.Span.Column}: {diagnostic.Message}";
}
