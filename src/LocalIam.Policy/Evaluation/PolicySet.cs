using System.Collections.Frozen;
using LocalIam.Policy.Authorization;
using LocalIam.Policy.Model;

namespace LocalIam.Policy.Evaluation;

/// <summary>
/// Several policies of one type that are evaluated together (a user's identity policies, one
/// level of SCPs, a boundary). Statements are indexed by service prefix so a request only looks
/// at statements that can name its action.
/// </summary>
public sealed class PolicySet
{
    private readonly FrozenDictionary<string, CompiledStatement[]> _byService;
    private readonly CompiledStatement[] _anyService;

    public PolicySet(IEnumerable<CompiledPolicy> policies)
    {
        Policies = [.. policies];
        var byService = new Dictionary<string, List<CompiledStatement>>(StringComparer.OrdinalIgnoreCase);
        var anyService = new List<CompiledStatement>();
        foreach (var statement in Policies.SelectMany(p => p.Statements))
        {
            if (statement.Services is not { } services)
            {
                anyService.Add(statement);
                continue;
            }

            foreach (var service in services)
            {
                if (!byService.TryGetValue(service, out var list))
                {
                    byService[service] = list = [];
                }

                list.Add(statement);
            }
        }

        _byService = byService.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.OrdinalIgnoreCase);
        _anyService = [.. anyService];
    }

    public static PolicySet Empty { get; } = new([]);

    public IReadOnlyList<CompiledPolicy> Policies { get; }

    public bool IsEmpty => Policies.Count == 0;

    /// <summary>
    /// Evaluates every candidate statement. Without <paramref name="matched"/> it stops at the first
    /// applicable Deny; with it, it records every applicable statement.
    /// </summary>
    public SetOutcome Evaluate(RequestAction action, string resource, Principal principal, RequestContext context, List<CompiledStatement>? matched = null) =>
        Evaluate(action, resource, principal, callerHasBoundary: false, context, matched);

    /// <summary>As above; <paramref name="callerHasBoundary"/> matters to NotPrincipal in resource-based policies.</summary>
    public SetOutcome Evaluate(
        RequestAction action, string resource, Principal principal, bool callerHasBoundary, RequestContext context, List<CompiledStatement>? matched)
    {
        var outcome = default(SetOutcome);
        if (_byService.TryGetValue(action.Service, out var forService))
        {
            if (Scan(forService, action, resource, principal, callerHasBoundary, context, matched, ref outcome))
            {
                return outcome;
            }
        }

        Scan(_anyService, action, resource, principal, callerHasBoundary, context, matched, ref outcome);
        return outcome;
    }

    private static bool Scan(
        CompiledStatement[] statements, RequestAction action, string resource, Principal principal, bool callerHasBoundary, RequestContext context,
        List<CompiledStatement>? matched, ref SetOutcome outcome)
    {
        foreach (var statement in statements)
        {
            if (!statement.Applies(action, resource, principal, callerHasBoundary, context, out var principalMatch))
            {
                continue;
            }

            matched?.Add(statement);
            if (statement.Effect == Effect.Deny)
            {
                outcome.Deny ??= statement;
                if (matched is null)
                {
                    return true;
                }
            }
            else if (outcome.Allow is null || principalMatch > outcome.AllowPrincipalMatch)
            {
                outcome.Allow = statement;
                outcome.AllowPrincipalMatch = principalMatch;
            }
        }

        return false;
    }
}

/// <summary>What a policy set says about one request: the first applicable Deny and the strongest Allow.</summary>
public struct SetOutcome
{
    public CompiledStatement? Deny { get; set; }

    public CompiledStatement? Allow { get; set; }

    /// <summary>For resource-based policies: how the allowing statement named the caller.</summary>
    public PrincipalMatch AllowPrincipalMatch { get; set; }
}
