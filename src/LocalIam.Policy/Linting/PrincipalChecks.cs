using System.Text.RegularExpressions;
using LocalIam.Policy.Evaluation;
using LocalIam.Policy.Model;
using LocalIam.Policy.Syntax;
using LocalIam.Policy.Text;

namespace LocalIam.Policy.Linting;

/// <summary>Principals: empty and malformed ones, NotPrincipal with Allow, trust-policy rules for federated and service principals.</summary>
internal static partial class PrincipalChecks
{
    private const string GitHubIssuer = "token.actions.githubusercontent.com";

    private static readonly string[] SourceKeys = ["aws:SourceArn", "aws:SourceAccount", "aws:SourceOrgID", "aws:SourceOrgPaths"];

    private static readonly string[] RolesAnywhereActions = ["sts:AssumeRole", "sts:SetSourceIdentity", "sts:TagSession"];

    public static void ReportMissing(LintContext context, SourceSpan span)
    {
        switch (DiagnosticFindings.Find(context.Root, span))
        {
            case JsonObjectSyntax { Properties.Count: 0 }:
                context.Report("EMPTY_OBJECT_PRINCIPAL", span);
                break;
            case JsonObjectSyntax typed when typed.Properties.All(p => p.Value is JsonArraySyntax { Items.Count: 0 }):
                context.Report("EMPTY_ARRAY_PRINCIPAL", span);
                break;
            default:
                context.Report("MISSING_PRINCIPAL", span);
                break;
        }
    }

    public static void ReportInvalidValue(LintContext context, SourceSpan span, string type, string value)
    {
        if (type == "AWS" && UniqueId().Match(value) is { Success: true } id)
        {
            context.Report(id.Groups[1].Value == "AROA" ? "INVALID_ROLE_REFERENCE" : "INVALID_USER_REFERENCE", span,
                ("roleid", value), ("userid", value));
        }
        else if (type == "Service")
        {
            context.Report("INVALID_SERVICE_PRINCIPAL_FORMAT", span, ("expectedFormat", "<service-name>.amazonaws.com"));
        }
        else
        {
            context.Report("INVALID_PRINCIPAL_FORMAT", span);
        }
    }

    public static void Check(LintContext context, Statement statement)
    {
        if (statement.Principal is not { } principal)
        {
            return;
        }

        if (principal.IsNegated)
        {
            if (context.IsTrustPolicy)
            {
                context.Report("ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL", principal.Span);
            }
            else if (statement.Effect == Effect.Allow)
            {
                context.Report("ALLOW_WITH_NOT_PRINCIPAL", principal.Span);
            }

            return;
        }

        foreach (var entry in principal.Entries.Where(e => e.Type == PrincipalType.Aws && e.Value != "*" && Evaluation.Wildcard.HasWildcards(e.Value)))
        {
            context.Report("UNSUPPORTED_WILDCARD_IN_PRINCIPAL", entry.Span, ("principal_key", "AWS"));
        }

        if (statement.Effect != Effect.Allow)
        {
            return;
        }

        if (context.IsTrustPolicy)
        {
            CheckTrust(context, statement, principal);
        }
        else
        {
            CheckResourcePolicy(context, statement, principal);
        }
    }

    private static void CheckResourcePolicy(LintContext context, Statement statement, PrincipalElement principal)
    {
        foreach (var federated in principal.Entries.Where(e => e.Type == PrincipalType.Federated))
        {
            context.Report("FEDERATED_PRINCIPAL_NOT_SUPPORTED", federated.Span);
        }

        var hasSource = statement.Conditions.Any(c => SourceKeys.Any(k => k.Equals(c.Key.Value, StringComparison.OrdinalIgnoreCase)));
        if (!hasSource && principal.Entries.FirstOrDefault(e => e.Type == PrincipalType.Service) is { } service)
        {
            context.Report("RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL", service.Span);
        }
    }

    private static void CheckTrust(LintContext context, Statement statement, PrincipalElement principal)
    {
        var actions = statement.Actions is { IsNegated: false } list ? list.Values : [];
        foreach (var action in actions)
        {
            var mismatched = principal.Entries.Where(e => !Fits(action.Value, e)).Select(e => e.Value).ToList();
            if (mismatched.Count > 0 && !Evaluation.Wildcard.HasWildcards(action.Value))
            {
                context.Report("MISMATCHED_ACTION_FOR_PRINCIPAL", action.Span, ("actionName", action.Value), ("principalNames", string.Join(", ", mismatched)));
            }
        }

        var keys = statement.Conditions.Select(c => c.Key.Value).ToList();
        foreach (var federated in principal.Entries.Where(e => e.Type == PrincipalType.Federated && !IsSamlProvider(e.Value)))
        {
            var issuer = OidcIssuer(federated.Value);
            if (issuer.Equals(GitHubIssuer, StringComparison.OrdinalIgnoreCase))
            {
                if (!keys.Any(k => k.Equals(GitHubIssuer + ":sub", StringComparison.OrdinalIgnoreCase)))
                {
                    context.Report("MISSING_GITHUB_REPO_CONDITION_KEY", federated.Span);
                }
            }
            else if (!keys.Any(k => k.StartsWith(issuer + ":", StringComparison.OrdinalIgnoreCase)))
            {
                context.Report("MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL", federated.Span);
            }
        }

        if (principal.Entries.FirstOrDefault(e => e.Type == PrincipalType.Service && e.Value.Equals("rolesanywhere.amazonaws.com", StringComparison.OrdinalIgnoreCase)) is { } rolesAnywhere
            && !RolesAnywhereActions.All(needed => actions.Any(a => a.Value == "*" || Evaluation.Wildcard.IsMatch(a.Value, needed, ignoreCase: true))))
        {
            context.Report("MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY", rolesAnywhere.Span);
        }
    }

    /// <summary>SAML providers assume with AssumeRoleWithSAML, OIDC providers with AssumeRoleWithWebIdentity, other principals with neither.</summary>
    private static bool Fits(string action, PrincipalEntry principal)
    {
        var federated = principal.Type == PrincipalType.Federated;
        var saml = federated && IsSamlProvider(principal.Value);
        return action.ToUpperInvariant() switch
        {
            "STS:ASSUMEROLEWITHSAML" => saml,
            "STS:ASSUMEROLEWITHWEBIDENTITY" => federated && !saml,
            "STS:ASSUMEROLE" => !federated,
            _ => true,
        };
    }

    private static bool IsSamlProvider(string value) => value.Contains(":saml-provider/", StringComparison.OrdinalIgnoreCase);

    /// <summary>An OIDC provider's issuer: the host in its ARN (<c>arn:aws:iam::123456789012:oidc-provider/HOST</c>) or the provider name itself.</summary>
    private static string OidcIssuer(string value)
    {
        const string marker = ":oidc-provider/";
        var at = value.IndexOf(marker, StringComparison.OrdinalIgnoreCase);
        return at < 0 ? value : value[(at + marker.Length)..];
    }

    /// <summary>IAM's unique ids: AROA for roles, AIDA for users, then 16 or more letters and digits.</summary>
    [GeneratedRegex("^(AROA|AIDA)[A-Z0-9]{12,}\\z")]
    private static partial Regex UniqueId();
}
