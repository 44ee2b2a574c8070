using LocalIam.Policy.Evaluation;
using LocalIam.Policy.Model;

namespace LocalIam.Policy.Linting;

/// <summary>
/// iam:PassRole and iam:CreateServiceLinkedRole allowed on every resource: the PASS_ROLE_* security
/// warnings and CREATE_SLR_* warnings, in identity policies. A statement that limits the target with
/// iam:PassedToService (or iam:AWSServiceName) is what AWS recommends and is not reported.
/// </summary>
internal static class PermissionChecks
{
    private sealed record Target(string Action, string Prefix, string ScopingKey);

    private static readonly Target[] Targets =
    [
        new("iam:PassRole", "PASS_ROLE", "iam:PassedToService"),
        new("iam:CreateServiceLinkedRole", "CREATE_SLR", "iam:AWSServiceName"),
    ];

    public static void Check(LintContext context, Statement statement)
    {
        if (context.Request.PolicyType != LintPolicyType.Identity || statement.Effect != Effect.Allow
            || statement.Actions is not { } actions || statement.Resources is not { } resources)
        {
            return;
        }

        foreach (var target in Targets)
        {
            var scoped = statement.Conditions.Any(c => c.Key.Value.Equals(target.ScopingKey, StringComparison.OrdinalIgnoreCase));
            var starResource = resources.IsNegated ? null : resources.Values.Cast<SpannedString?>().FirstOrDefault(r => IsStarResource(r!.Value.Value));
            if (actions.IsNegated)
            {
                if (actions.Values.Any(a => Matches(a.Value, target.Action)))
                {
                    continue;
                }

                if (resources.IsNegated)
                {
                    context.Report($"{target.Prefix}_WITH_NOT_ACTION_AND_NOT_RESOURCE", [actions.Span, resources.Span]);
                }
                else if (starResource is { } star && !scoped)
                {
                    context.Report($"{target.Prefix}_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION", [actions.Span, star.Span]);
                }

                continue;
            }

            var explicitAction = actions.Values.Cast<SpannedString?>().FirstOrDefault(a => a!.Value.Value.Equals(target.Action, StringComparison.OrdinalIgnoreCase));
            var starAction = actions.Values.Cast<SpannedString?>().FirstOrDefault(a => Wildcard.HasWildcards(a!.Value.Value) && Matches(a.Value.Value, target.Action));
            if ((explicitAction ?? starAction) is not { } action)
            {
                continue;
            }

            if (resources.IsNegated)
            {
                context.Report(explicitAction is null ? $"{target.Prefix}_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE" : $"{target.Prefix}_WITH_NOT_RESOURCE", [action.Span, resources.Span]);
            }
            else if (starResource is { } star && !scoped)
            {
                context.Report(explicitAction is null ? $"{target.Prefix}_WITH_STAR_IN_ACTION_AND_RESOURCE" : $"{target.Prefix}_WITH_STAR_IN_RESOURCE", [action.Span, star.Span]);
            }
        }
    }

    private static bool Matches(string pattern, string action) =>
        pattern == "*" || Wildcard.IsMatch(pattern, action, ignoreCase: true);

    /// <summary>A resource that names every role: <c>*</c>, or an ARN whose resource part is a bare wildcard (<c>role/*</c>, <c>*</c>).</summary>
    private static bool IsStarResource(string resource)
    {
        if (resource == "*")
        {
            return true;
        }

        var parts = resource.Split(':', 6);
        return parts.Length == 6 && parts[5] is "*" or "role/*" or "role*" && parts[2] is "iam" or "*";
    }
}
