using System.Buffers;
using LocalIam.Policy.Model;
using LocalIam.Policy.Syntax;

namespace LocalIam.Policy.Validation;

/// <summary>Binds one statement object and checks its elements for the policy's kind.</summary>
internal sealed class StatementBinder(PolicyKind kind, PolicyLanguageVersion version, string? partition, List<Diagnostic> diagnostics)
{
    private const string Syntax = AwsPolicyMessages.SyntaxErrors;

    private static readonly SearchValues<char> AlphaNumeric = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");

    private readonly PrincipalBinder _principals = new(kind, partition, diagnostics);
    private readonly ConditionBinder _conditions = new(diagnostics);

    public Statement Bind(JsonObjectSyntax statement, int index)
    {
        SpannedString? sid = null;
        Effect? effect = null;
        var sawEffect = false;
        JsonPropertySyntax? action = null, notAction = null, resource = null, notResource = null, principal = null, notPrincipal = null, condition = null;
        foreach (var property in statement.Properties)
        {
            switch (property.Name)
            {
                case "Sid": sid = BindSid(property); break;
                case "Effect": sawEffect = true; effect = BindEffect(property); break;
                case "Action": action = property; break;
                case "NotAction": notAction = property; break;
                case "Resource": resource = property; break;
                case "NotResource": notResource = property; break;
                case "Principal": principal = property; break;
                case "NotPrincipal": notPrincipal = property; break;
                case "Condition": condition = property; break;
                default:
                    diagnostics.Add(PolicyDiagnostics.UnknownElement(Syntax, property.NameSpan, property.Name, "a statement"));
                    break;
            }
        }

        if (!sawEffect)
        {
            diagnostics.Add(PolicyDiagnostics.InvalidEffect(Syntax, statement.Span with { Length = 1 }, null));
        }

        // A document without a valid Effect is rejected anyway; Deny is the harmless stand-in.
        var boundEffect = effect ?? Effect.Deny;
        var actions = BindPair(action, notAction, "Action", "NotAction");
        CheckActions(actions, statement);
        var resources = BindPair(resource, notResource, "Resource", "NotResource");
        CheckResources(resources, resource ?? notResource, statement);
        var principalElement = _principals.Bind(principal, notPrincipal, statement);
        var conditions = _conditions.Bind(condition, boundEffect, version);
        return new Statement(index, sid, boundEffect, actions, resources, principalElement, conditions, statement.Span);
    }

    private SpannedString? BindSid(JsonPropertySyntax property)
    {
        if (property.Value is not JsonStringSyntax text)
        {
            diagnostics.Add(PolicyDiagnostics.UnexpectedShape(Syntax, property.Value.Span, "Sid", "a string", property.Value.KindName));
            return null;
        }

        // Identity-type policies limit Sids to letters and digits; trust and resource policies do not.
        if (!kind.RequiresPrincipal() && text.Value.AsSpan().ContainsAnyExcept(AlphaNumeric))
        {
            diagnostics.Add(PolicyDiagnostics.SidNotAlphanumeric(text.Span, text.Value));
        }

        return new SpannedString(text.Value, text.Span);
    }

    private Effect? BindEffect(JsonPropertySyntax property)
    {
        if (property.Value is not JsonStringSyntax text)
        {
            diagnostics.Add(PolicyDiagnostics.UnexpectedShape(Syntax, property.Value.Span, "Effect", "a string", property.Value.KindName));
            return null;
        }

        switch (text.Value)
        {
            case "Allow": return Effect.Allow;
            case "Deny": return Effect.Deny;
        }

        diagnostics.Add(text.Value.Equals("Allow", StringComparison.OrdinalIgnoreCase) || text.Value.Equals("Deny", StringComparison.OrdinalIgnoreCase)
            ? PolicyDiagnostics.EffectCase(text.Span, text.Value)
            : PolicyDiagnostics.InvalidEffect(Syntax, text.Span, text.Value));
        return null;
    }

    private ElementValues? BindPair(JsonPropertySyntax? positive, JsonPropertySyntax? negative, string positiveName, string negativeName)
    {
        if (positive is not null && negative is not null)
        {
            diagnostics.Add(PolicyDiagnostics.BothElements(Syntax, negative.NameSpan, positiveName, negativeName));
        }

        var chosen = positive ?? negative;
        if (chosen is null)
        {
            return null;
        }

        var values = SyntaxValues.ReadStrings(chosen, diagnostics, skipNulls: positiveName == "Resource");
        return values is null ? null : new ElementValues(chosen == negative, values, chosen.Value.Span);
    }

    private void CheckActions(ElementValues? actions, JsonObjectSyntax statement)
    {
        if (actions is null || actions.Values.Count == 0)
        {
            diagnostics.Add(PolicyDiagnostics.MissingActions(actions?.Span ?? statement.Span with { Length = 1 }));
            return;
        }

        foreach (var action in actions.Values)
        {
            if (ElementRules.CheckAction(action) is { } problem)
            {
                diagnostics.Add(problem);
            }
            else if (kind == PolicyKind.Trust && !ElementRules.IsTrustAction(action.Value))
            {
                diagnostics.Add(PolicyDiagnostics.TrustActionNotSts(action.Span, action.Value));
            }
        }
    }

    private void CheckResources(ElementValues? resources, JsonPropertySyntax? property, JsonObjectSyntax statement)
    {
        if (kind == PolicyKind.Trust)
        {
            if (property is not null)
            {
                diagnostics.Add(PolicyDiagnostics.TrustResourceProhibited(property.NameSpan));
            }

            return;
        }

        if (resources is null || resources.Values.Count == 0)
        {
            diagnostics.Add(PolicyDiagnostics.MissingResources(resources?.Span ?? statement.Span with { Length = 1 }));
            return;
        }

        foreach (var resource in resources.Values)
        {
            if ((ElementRules.CheckResource(resource, partition) ?? ElementRules.CheckLegacyShape(resource)) is { } problem)
            {
                diagnostics.Add(problem);
            }
            else if (version != PolicyLanguageVersion.V20121017 && resource.Value.Contains("${", StringComparison.Ordinal))
            {
                diagnostics.Add(PolicyDiagnostics.VariableWithoutVersion(resource.Span, resource.Value));
            }
        }
    }
}
