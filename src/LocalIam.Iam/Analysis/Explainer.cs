using LocalIam.Iam.Accounts;
using LocalIam.Iam.Authorization;
using LocalIam.Policy.Authorization;
using LocalIam.Policy.Evaluation;

namespace LocalIam.Iam.Analysis;

/// <summary>
/// Explains one decision on an account snapshot: the request authorizer's decision for the
/// principal with all its policies, the statements that decided, applied or nearly applied, and
/// the single changes that would flip it (<see cref="Flips"/>).
/// </summary>
public static class Explainer
{
    /// <summary>Statements that name the action but do not apply, reported at most: the rest add nothing a reader can use.</summary>
    private const int MaxNearMisses = 12;

    public static ExplainReport Explain(AccountSnapshot snapshot, ExplainQuestion question, DateTimeOffset now)
    {
        var who = ExplainedIdentity.Resolve(snapshot, question.Principal);
        var action = new RequestAction(question.Action);
        var context = AccessQuery.BaseContext(question.Context, now);
        context.ViaBillingConsole = question.ViaBillingConsole;
        if (who.Identity is { } identity)
        {
            AccessQuery.WithPrincipalKeys(context, identity, who.Principal);
        }

        var data = who.Data(snapshot);
        var matched = new List<CompiledStatement>();
        var request = new AuthorizationRequest(who.Principal, action, question.Resource, context);
        var result = Authorizer.Authorize(request, data.Policies, data.Settings, matched);

        var statements = new List<StatementReport>();
        var lines = new PolicyLines(data.Sources);
        // A gate (the billing setting, a root-only action) decides before policies: the allow it overrides still matters.
        var applied = matched.Distinct().ToList();
        if (result.OverriddenAllow is { } overridden && !applied.Contains(overridden))
        {
            applied.Add(overridden);
        }

        foreach (var statement in applied)
        {
            statements.Add(lines.Report(statement, RoleOf(statement, result), action, failed: null));
        }

        foreach (var statement in NearMisses(data.Policies, applied, action))
        {
            var check = statement.Check(action, question.Resource, who.Principal, context);
            if (check.Applies || check.FailingPart == StatementPart.Action)
            {
                continue;
            }

            var failed = check.FailedCondition is { } clause
                ? new ConditionMiss(clause.Operator.Value, clause.Key.Value, [.. clause.Values.Select(v => v.Value)], context.TryGet(clause.Key.Value, out var value) ? value.Items : null)
                : null;
            var role = check.FailingPart == StatementPart.Resource ? "does not apply: its Resource does not match" : $"does not apply: its condition on {failed?.Key} fails";
            statements.Add(lines.Report(statement, role, action, failed));
            if (statements.Count >= applied.Count + MaxNearMisses)
            {
                break;
            }
        }

        var billing = new BillingSettingFacts(BillingAccessGate.SettingName, snapshot.Settings.IamUserAccessToBilling, BillingAccessGate.IsGated(action));
        var missing = data.Policies.Identity.Policies.Concat(data.Policies.PermissionsBoundary?.Policies ?? [])
            .SelectMany(p => p.Statements).Where(s => s.MayApplyTo(action)).SelectMany(s => s.ConditionKeys)
            .Where(key => !context.Contains(key)).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        var flips = new Flips(snapshot, who, question, data, result, statements, now).Find();
        return new ExplainReport(
            snapshot.AccountId, snapshot.Revision, new ExplainedPrincipal(who.Name, who.Kind, who.Principal.Arn),
            question.Action, question.Resource, result.Decision.ToString(), WhoCan.ReasonName(result.Reason), result.Message, result.Explanation,
            billing, result.Reason == DecisionReason.BillingAccessDisabled, statements, flips, missing);
    }

    private static string RoleOf(CompiledStatement statement, AuthorizationResult result)
    {
        if (ReferenceEquals(statement, result.DecidingStatement))
        {
            return statement.Effect == Policy.Model.Effect.Deny ? "decided: denies" : "decided: allows";
        }

        if (ReferenceEquals(statement, result.OverriddenAllow))
        {
            return "allows, but is overridden";
        }

        return statement.Effect == Policy.Model.Effect.Deny ? "denies" : "allows";
    }

    /// <summary>Allow statements of the principal's policies and boundary that name the action but did not apply.</summary>
    private static IEnumerable<CompiledStatement> NearMisses(ApplicablePolicies policies, List<CompiledStatement> matched, RequestAction action) =>
        new[] { policies.Identity, policies.PermissionsBoundary }
            .OfType<PolicySet>()
            .SelectMany(set => set.Policies)
            .SelectMany(p => p.Statements)
            .Where(s => !matched.Contains(s) && s.MayApplyTo(action));
}
