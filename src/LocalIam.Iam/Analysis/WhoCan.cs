using LocalIam.Iam.Accounts;
using LocalIam.Iam.Authorization;
using LocalIam.Policy.Authorization;
using LocalIam.Policy.Evaluation;

namespace LocalIam.Iam.Analysis;

/// <summary>Turns the access query's answer into the report front ends print.</summary>
public static class WhoCan
{
    public static WhoCanReport Ask(AccountSnapshot snapshot, AccessQuestion question, DateTimeOffset now, bool includeDenied = false, CancellationToken cancellationToken = default)
    {
        var answer = AccessQuery.Answer(snapshot, question, now, cancellationToken);
        var action = new RequestAction(question.Action);
        var billing = new BillingSettingFacts(BillingAccessGate.SettingName, snapshot.Settings.IamUserAccessToBilling, BillingAccessGate.IsGated(action));
        var allowed = answer.Allowed.Select(Path).ToList();
        var denials = answer.Denied
            .GroupBy(e => ReasonName(e.Reason))
            .Select(g => new DenialCount(g.Key, g.Count()))
            .OrderByDescending(d => d.Count)
            .ThenBy(d => d.Reason, StringComparer.Ordinal)
            .ToList();
        return new WhoCanReport(snapshot.AccountId, snapshot.Revision, question.Action, question.Resource, billing,
            [.. answer.AllowedPrincipals.Select(NameOf)], allowed, denials)
        {
            Denied = includeDenied ? [.. answer.Denied.Select(Path)] : null,
        };
    }

    /// <summary>The reason as its name reads in a report: <c>BillingAccessDisabled</c>, <c>NoIdentityPolicyAllows</c>...</summary>
    public static string ReasonName(DecisionReason reason) => reason.ToString();

    /// <summary>Root by the name people use for it, not the account id the engine carries.</summary>
    public static string NameOf(AccessPrincipal principal) => principal.Kind == AccessPrincipalKind.Root ? "root" : principal.Name;

    public static string KindName(AccessPrincipalKind kind) => kind.ToString().ToLowerInvariant();

    private static AccessPathReport Path(AccessEntry entry)
    {
        var statement = entry.DecidingStatement;
        return new AccessPathReport(
            NameOf(entry.Principal),
            KindName(entry.Principal.Kind),
            entry.Principal.Arn,
            [.. entry.Chain.Select(h => h.Role.Name)],
            entry.Decision.ToString(),
            ReasonName(entry.Reason),
            entry.Result.Explanation)
        {
            Policy = entry.Source is { } source ? new PolicyReference(source.Name, source.Id, PolicyPaths.Kind(source), PolicyPaths.Describe(source)) : null,
            Statement = statement is null ? null : StatementLabel(statement),
            Line = statement?.Span.Line,
        };
    }

    public static string StatementLabel(CompiledStatement statement) =>
        statement.Sid is { Length: > 0 } sid ? sid : $"statement {statement.Index + 1}";
}
