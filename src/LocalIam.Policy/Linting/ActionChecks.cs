using LocalIam.Policy.Catalog;
using LocalIam.Policy.Evaluation;
using LocalIam.Policy.Model;
using LocalIam.Policy.Text;

namespace LocalIam.Policy.Linting;

/// <summary>Actions against the catalogue: unknown services and actions, wildcards in service names, redundant entries, variables.</summary>
internal static class ActionChecks
{
    private static IamCatalog Catalog => IamCatalog.Current;

    public static void Check(LintContext context, Statement statement)
    {
        if (statement.Actions is not { } actions)
        {
            return;
        }

        foreach (var action in actions.Values)
        {
            CheckOne(context, action);
        }

        if (!actions.IsNegated)
        {
            Redundancy.ReportActions(context, actions.Values);
        }
    }

    private static void CheckOne(LintContext context, SpannedString action)
    {
        var value = action.Value;
        if (Variables.First(value) is { } variable)
        {
            context.Report("VARIABLE_UNSUPPORTED_IN_ELEMENT", action.Span, ("variable", variable));
            return;
        }

        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (value == "*" || colon <= 0 || value.IndexOf(':', colon + 1) >= 0)
        {
            return;
        }

        var service = value[..colon];
        var name = value[(colon + 1)..];
        if (Wildcard.HasWildcards(service))
        {
            context.Report("WILDCARD_IN_SERVICE_NAME", action.Span);

            // Past the lint's allowance of catalogue scans the action is not looked up: no finding rather than a guess.
            if (context.ServiceScans.TrySpend(Catalog.Services.Count()) && !Catalog.MatchesAnyAction(value))
            {
                ReportInvalidAction(context, action.Span, value);
            }

            return;
        }

        if (!service.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.'))
        {
            return;
        }

        if (!Catalog.IsKnownService(service))
        {
            ReportUnknownService(context, action.Span, service);
            return;
        }

        if (Wildcard.HasWildcards(name) ? !Catalog.MatchesAnyAction(value) : !Catalog.IsKnownAction(value))
        {
            ReportInvalidAction(context, action.Span, value);
        }
    }

    /// <summary>Access Analyzer's INVALID_ACTION; "Did you mean ...?" only when a known action is close.</summary>
    public static void ReportInvalidAction(LintContext context, SourceSpan span, string action)
    {
        var colon = action.IndexOf(':', StringComparison.Ordinal);
        var suggestion = colon > 0 && !Wildcard.HasWildcards(action) && Catalog.FindService(action[..colon]) is { } service
            ? TextDistance.Closest(action[(colon + 1)..], service.Actions.Keys, context.Suggestions) is { } name ? $"{service.Prefix}:{name}" : null
            : null;
        context.ReportWithDetails("INVALID_ACTION", span, suggestion is null
            ? $"The action {action} does not exist."
            : $"The action {action} does not exist. Did you mean {suggestion}?");
    }

    /// <summary>Access Analyzer's INVALID_SERVICE_IN_ACTION; "Did you mean ...?" only when a known prefix is close.</summary>
    public static void ReportUnknownService(LintContext context, SourceSpan span, string service)
    {
        var closest = TextDistance.Closest(service, Catalog.Services.Select(s => s.Prefix), context.Suggestions);
        context.ReportWithDetails("INVALID_SERVICE_IN_ACTION", span, closest is null
            ? $"The service {service} specified in the action does not exist."
            : $"The service {service} specified in the action does not exist. Did you mean {closest}?");
    }
}
