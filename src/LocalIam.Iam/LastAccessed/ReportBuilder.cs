using LocalIam.Iam.Accounts;
using LocalIam.Policy.Evaluation;
using LocalIam.Storage.Entities;

namespace LocalIam.Iam.LastAccessed;

/// <summary>
/// Builds a report's services from its subject and the recorded attempts: every service the
/// subject's policies allow, by namespace (AWS's order), each with the latest attempt that counts,
/// its entity and region, and how many entities tried; at ACTION_LEVEL also each tracked action
/// the policies allow, attempted or not.
/// </summary>
internal sealed class ReportBuilder(ReportSubject subject, TrackedActions tracked, bool actionLevel)
{
    private readonly Dictionary<string, bool> _allowed = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<ReportedEntity> Entities { get; } = [.. subject.Entities.Select(Entity)];

    public IReadOnlyList<ReportedService> Build(IReadOnlyList<ServiceLastAccess> rows)
    {
        var index = subject.Entities.Select((e, i) => (e.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        var counted = rows.Where(r => index.ContainsKey(r.PrincipalId) && (subject.CountsEveryAttempt || Allowed(r.Action)))
            .ToLookup(r => r.ServiceNamespace, StringComparer.Ordinal);
        var services = subject.Policies.SelectMany(PolicyReach.ServicesOf).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return [.. services.Select(s => Service(s, [.. counted[s]], index))];
    }

    private ReportedService Service(string serviceNamespace, List<ServiceLastAccess> rows, Dictionary<string, int> index)
    {
        var latest = rows.MaxBy(r => r.AccessedAt);
        var attempts = rows.GroupBy(r => r.PrincipalId, StringComparer.Ordinal)
            .Select(g => new EntityAttempt(index[g.Key], Utc(g.Max(r => r.AccessedAt))))
            .ToList();
        return new ReportedService(
            ServiceNames.Of(serviceNamespace), serviceNamespace, latest is null ? null : Utc(latest.AccessedAt), ArnOf(latest, index), latest?.Region,
            attempts.Count, actionLevel ? Actions(serviceNamespace, rows, index) : null, attempts);
    }

    /// <summary>The tracked actions the policies allow; null when the service has none, so the member is left out.</summary>
    private List<ReportedAction>? Actions(string serviceNamespace, List<ServiceLastAccess> rows, Dictionary<string, int> index)
    {
        var actions = tracked.Of(serviceNamespace).Where(Allowed).Select(action =>
        {
            var latest = rows.Where(r => r.Action.Equals(action, StringComparison.OrdinalIgnoreCase)).MaxBy(r => r.AccessedAt);
            return new ReportedAction(action[(action.IndexOf(':', StringComparison.Ordinal) + 1)..], ArnOf(latest, index),
                latest is null ? null : Utc(latest.AccessedAt), latest?.Region);
        }).ToList();
        return actions.Count == 0 ? null : actions;
    }

    private string? ArnOf(ServiceLastAccess? row, Dictionary<string, int> index) => row is null ? null : Entities[index[row.PrincipalId]].Arn;

    private bool Allowed(string action)
    {
        if (!_allowed.TryGetValue(action, out var allowed))
        {
            var request = new RequestAction(action);
            _allowed[action] = allowed = subject.Policies.Any(p => PolicyReach.Allows(p, request));
        }

        return allowed;
    }

    private static ReportedEntity Entity(SnapshotIdentity who) =>
        new(who.Arn, who.Name, who.Kind == OwnerKind.User ? "USER" : "ROLE", who.Id, who.Path);

    /// <summary>SQLite reads times back without a kind: every stored time is UTC.</summary>
    private static DateTime Utc(DateTime time) => DateTime.SpecifyKind(time, DateTimeKind.Utc);
}
