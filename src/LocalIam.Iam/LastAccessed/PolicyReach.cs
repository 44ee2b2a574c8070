using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using LocalIam.Policy.Catalog;
using LocalIam.Policy.Evaluation;
using LocalIam.Policy.Model;

namespace LocalIam.Iam.LastAccessed;

/// <summary>
/// What a permissions policy allows, as last accessed information reads it: the services an Allow
/// statement reaches (some action of the service that its Action names, or that its NotAction
/// leaves out), and whether it allows one action. Conditions, resources and Deny statements are
/// not read: AWS applies "permissions policy logic" only, as ListPoliciesGrantingServiceAccess does.
/// Services are the IAM action catalogue's; each policy's answer is computed once per compiled policy.
/// </summary>
internal static class PolicyReach
{
    private static readonly ConditionalWeakTable<CompiledPolicy, FrozenSet<string>> Reached = new();

    private static readonly Lazy<FrozenDictionary<string, RequestAction[]>> CatalogActions = new(() =>
        IamCatalog.Current.Services.ToFrozenDictionary(
            s => s.Prefix.ToLowerInvariant(),
            s => s.Actions.Values.Select(a => new RequestAction(a.FullName)).ToArray(),
            StringComparer.Ordinal));

    /// <summary>The lower-case prefixes of the catalogue's services that some Allow statement reaches.</summary>
    public static FrozenSet<string> ServicesOf(CompiledPolicy policy) => Reached.GetValue(policy, Compute);

    /// <summary>Some Allow statement can apply to <paramref name="action"/>.</summary>
    public static bool Allows(CompiledPolicy policy, RequestAction action) =>
        policy.Statements.Any(s => s.Effect == Effect.Allow && s.MayApplyTo(action));

    private static FrozenSet<string> Compute(CompiledPolicy policy)
    {
        var catalog = CatalogActions.Value;
        var reached = new HashSet<string>(StringComparer.Ordinal);
        foreach (var statement in policy.Statements.Where(s => s.Effect == Effect.Allow))
        {
            var candidates = statement.Services?.Select(s => s.ToLowerInvariant()) ?? catalog.Keys;
            foreach (var service in candidates)
            {
                if (!reached.Contains(service) && catalog.TryGetValue(service, out var actions) && actions.Any(statement.MayApplyTo))
                {
                    reached.Add(service);
                }
            }
        }

        return reached.ToFrozenSet(StringComparer.Ordinal);
    }
}
