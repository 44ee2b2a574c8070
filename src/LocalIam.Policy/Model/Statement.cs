using LocalIam.Policy.Text;

namespace LocalIam.Policy.Model;

public enum Effect
{
    Allow,
    Deny,
}

/// <summary>A string from the document with where it was written.</summary>
public readonly record struct SpannedString(string Value, SourceSpan Span)
{
    public override string ToString() => Value;
}

/// <summary><c>Action</c>/<c>NotAction</c> or <c>Resource</c>/<c>NotResource</c>: the values and whether they are negated.</summary>
public sealed record ElementValues(bool IsNegated, IReadOnlyList<SpannedString> Values, SourceSpan Span);

/// <summary>One statement. <see cref="Index"/> is its 0-based position in the document.</summary>
public sealed record Statement(
    int Index,
    SpannedString? Sid,
    Effect Effect,
    ElementValues? Actions,
    ElementValues? Resources,
    PrincipalElement? Principal,
    IReadOnlyList<ConditionClause> Conditions,
    SourceSpan Span)
{
    /// <summary>The Sid if there is one, otherwise the statement's 1-based position as AWS's simulator shows it.</summary>
    public string Label => Sid?.Value is { Length: > 0 } sid ? sid : $"statement {Index + 1}";
}
