namespace LocalIam.Policy.Validation;

public enum DiagnosticSeverity
{
    /// <summary>AWS accepts the document, but it probably does not do what its author meant.</summary>
    Warning,

    /// <summary>AWS rejects the document with <c>MalformedPolicyDocument</c>.</summary>
    Error,
}
