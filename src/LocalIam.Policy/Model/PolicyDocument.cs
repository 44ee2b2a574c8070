using LocalIam.Policy.Text;

namespace LocalIam.Policy.Model;

public enum PolicyLanguageVersion
{
    /// <summary>No <c>Version</c> element: read as 2008-10-17, so policy variables are plain text.</summary>
    Unspecified,
    V20081017,
    V20121017,
}

/// <summary>A policy document after reading: the small model that compilation and tools use.</summary>
public sealed record PolicyDocument(PolicyLanguageVersion Version, string? Id, IReadOnlyList<Statement> Statements, SourceSpan Span)
{
    public bool SupportsVariables => Version == PolicyLanguageVersion.V20121017;
}
