using LocalIam.Iam.Policies;
using LocalIam.Policy.Validation;

namespace LocalIam.Server.Console.Pages.Iam;

/// <summary>
/// The "Policy editor": the document as typed and, after a save the core refused, every finding with
/// its line and column. The findings come from the core's own checks (<see cref="PolicyDocuments.DiagnoseManaged"/>),
/// the ones the live diagnostics and saving use: one set of rules.
/// </summary>
public sealed record PolicyEditor(string Document, IReadOnlyList<Diagnostic> Diagnostics)
{
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
        new(document ?? string.Empty, PolicyDocuments.DiagnoseManaged(document));

    /// <summary>"Line 3, Column 5: message", or the message alone when it has no position.</summary>
    public static string Describe(Diagnostic diagnostic) =>
        diagnostic.Span.IsNone ? diagnostic.Message : $"Line {diagnostic.Span.Line}, Column {diagnostic.Span.Column}: {diagnostic.Message}";
}
