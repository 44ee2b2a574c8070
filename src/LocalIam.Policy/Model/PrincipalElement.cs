using LocalIam.Policy.Text;

namespace LocalIam.Policy.Model;

/// <summary><c>Principal</c> or <c>NotPrincipal</c>. <c>"*"</c> is <see cref="IsWildcard"/>; otherwise typed entries.</summary>
public sealed record PrincipalElement(bool IsNegated, bool IsWildcard, IReadOnlyList<PrincipalEntry> Entries, SourceSpan Span);

/// <summary>One value under <c>AWS</c>, <c>Service</c>, <c>Federated</c> or <c>CanonicalUser</c>.</summary>
public sealed record PrincipalEntry(PrincipalType Type, string Value, SourceSpan Span);

public enum PrincipalType
{
    Aws,
    Service,
    Federated,
    CanonicalUser,
}
