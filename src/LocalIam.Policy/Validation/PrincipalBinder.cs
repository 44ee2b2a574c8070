using System.Text.RegularExpressions;
using LocalIam.Policy.Model;
using LocalIam.Policy.Syntax;

namespace LocalIam.Policy.Validation;

/// <summary>
/// Binds <c>Principal</c>/<c>NotPrincipal</c>: forbidden in identity-type policies, required in trust and resource policies.
/// With <paramref name="partition"/>, an ARN principal of another partition is invalid, as IAM in
/// aws-cn refuses one of aws (AWS's <c>Invalid principal in policy</c>).
/// </summary>
internal sealed partial class PrincipalBinder(PolicyKind kind, string? partition, List<Diagnostic> diagnostics)
{
    private const string Syntax = AwsPolicyMessages.SyntaxErrors;

    public PrincipalElement? Bind(JsonPropertySyntax? principal, JsonPropertySyntax? notPrincipal, JsonObjectSyntax statement)
    {
        if (!kind.RequiresPrincipal())
        {
            foreach (var present in new[] { principal, notPrincipal })
            {
                if (present is not null)
                {
                    diagnostics.Add(PolicyDiagnostics.PrincipalNotAllowed(present.NameSpan, present.Name, kind));
                }
            }

            return null;
        }

        if (principal is not null && notPrincipal is not null)
        {
            diagnostics.Add(PolicyDiagnostics.BothElements(Syntax, notPrincipal.NameSpan, "Principal", "NotPrincipal"));
        }

        var chosen = principal ?? notPrincipal;
        if (chosen is null)
        {
            diagnostics.Add(PolicyDiagnostics.MissingPrincipal(statement.Span with { Length = 1 }, kind));
            return null;
        }

        var negated = chosen == notPrincipal;
        switch (chosen.Value)
        {
            case JsonStringSyntax { Value: "*" } star:
                if (kind == PolicyKind.Trust)
                {
                    diagnostics.Add(PolicyDiagnostics.TrustStarPrincipal(star.Span));
                }

                return new PrincipalElement(negated, IsWildcard: true, [], star.Span);
            case JsonObjectSyntax typed:
                return BindTyped(typed, negated);
            default:
                diagnostics.Add(PolicyDiagnostics.UnexpectedShape(Syntax, chosen.Value.Span, chosen.Name, "`\"*\"` or an object such as `{\"AWS\": ...}`", chosen.Value.KindName));
                return null;
        }
    }

    private PrincipalElement BindTyped(JsonObjectSyntax typed, bool negated)
    {
        var entries = new List<PrincipalEntry>();
        foreach (var property in typed.Properties)
        {
            PrincipalType? type = property.Name switch
            {
                "AWS" => PrincipalType.Aws,
                "Service" => PrincipalType.Service,
                "Federated" => PrincipalType.Federated,
                "CanonicalUser" => PrincipalType.CanonicalUser,
                _ => null,
            };
            if (type is null)
            {
                diagnostics.Add(PolicyDiagnostics.UnknownPrincipalType(Syntax, property.NameSpan, property.Name));
                continue;
            }

            foreach (var value in SyntaxValues.ReadStrings(property, diagnostics) ?? [])
            {
                if (!IsValid(type.Value, value.Value) || !InPartition(type.Value, value.Value))
                {
                    diagnostics.Add(PolicyDiagnostics.InvalidPrincipal(value.Span, property.Name, value.Value));
                }

                entries.Add(new PrincipalEntry(type.Value, value.Value, value.Span));
            }
        }

        if (entries.Count == 0)
        {
            diagnostics.Add(PolicyDiagnostics.MissingPrincipal(typed.Span, kind));
        }

        return new PrincipalElement(negated, IsWildcard: false, entries, typed.Span);
    }

    private static bool IsValid(PrincipalType type, string value) => type switch
    {
        PrincipalType.Aws => value == "*" || AccountId().IsMatch(value) || AwsPrincipalArn().IsMatch(value),
        PrincipalType.Service => value.Length > 0 && !value.Contains(' ', StringComparison.Ordinal),
        PrincipalType.Federated => value.Length > 0,
        _ => value.Length > 0,
    };

    /// <summary>An AWS or federated principal written as an ARN names the request's partition (when one is enforced).</summary>
    private bool InPartition(PrincipalType type, string value) =>
        partition is null || type is not (PrincipalType.Aws or PrincipalType.Federated) || !value.StartsWith("arn:", StringComparison.Ordinal)
        || value.AsSpan(4).StartsWith($"{partition}:", StringComparison.Ordinal);

    [GeneratedRegex("^[0-9]{12}\\z")]
    private static partial Regex AccountId();

    /// <summary>IAM and STS principal ARNs: the account root, users, roles, role sessions, federated users.</summary>
    [GeneratedRegex("^arn:aws[a-z-]*:(iam::[0-9]{12}:(root|user/.+|role/.+)|sts::[0-9]{12}:(assumed-role/.+|federated-user/.+))\\z")]
    private static partial Regex AwsPrincipalArn();
}
