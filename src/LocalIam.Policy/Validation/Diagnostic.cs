using LocalIam.Policy.Text;

namespace LocalIam.Policy.Validation;

/// <summary>
/// One finding about a policy document. For errors, <see cref="Message"/> is the text AWS returns
/// with <c>MalformedPolicyDocument</c>; <see cref="Help"/> is LocalIam's own explanation of what is
/// wrong at <see cref="Span"/> and how to fix it.
/// </summary>
public sealed record Diagnostic(string Id, DiagnosticSeverity Severity, string Message, SourceSpan Span, string Help)
{
    public bool IsError => Severity == DiagnosticSeverity.Error;

    /// <summary>The document's own words the finding is about (an element name, a value), for tools that word it their own way.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    public override string ToString() => $"{Id} {Severity} at {Span}: {Message} ({Help})";
}
