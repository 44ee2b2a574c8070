using System.Collections.Concurrent;
using LocalIam.Policy.Authorization;
using LocalIam.Policy.Evaluation;
using LocalIam.Storage;

namespace LocalIam.Iam.Authorization;

/// <summary>
/// Authorizes requests against what is in the store: the principal's compiled policies are cached
/// and dropped when the store's change stamp moves, whichever process moved it.
/// </summary>
public sealed class IamAuthorizer(IamStore store, PrincipalPolicyLoader loader)
{
    private readonly ConcurrentDictionary<string, (long Revision, PrincipalAuthorizationData Data)> _cache = new(StringComparer.Ordinal);

    private const int MaxCachedSessionPolicies = 10_000;

    // A session policy never changes for the life of its session.
    private readonly ConcurrentDictionary<string, PolicySet> _sessionPolicies = new(StringComparer.Ordinal);

    /// <summary>The principal's policies and settings as of the store's current revision.</summary>
    public async Task<PrincipalAuthorizationData> DataForAsync(AuthenticatedPrincipal who, CancellationToken cancellationToken = default)
    {
        var revision = await store.ReadRevisionAsync(cancellationToken);
        if (_cache.TryGetValue(who.CacheKey, out var cached) && cached.Revision == revision)
        {
            return cached.Data;
        }

        var data = who.UserId is { } userId ? await loader.ForUserAsync(who.AccountId, userId)
            : who.RoleId is { } roleId ? await loader.ForRoleAsync(who.AccountId, roleId)
            : await loader.ForRootAsync(who.AccountId);
        _cache[who.CacheKey] = (revision, data);
        return data;
    }

    private PolicySet SessionPolicyOf(string keyId, string document)
    {
        if (_sessionPolicies.TryGetValue(keyId, out var compiled))
        {
            return compiled;
        }

        // Counting a ConcurrentDictionary takes all its locks: only on the rare path that adds.
        if (_sessionPolicies.Count >= MaxCachedSessionPolicies)
        {
            _sessionPolicies.Clear();
        }

        return _sessionPolicies.GetOrAdd(keyId, _ => new PolicySet([CompiledPolicy.Parse($"session/{keyId}", document, Policy.Validation.PolicyKind.Session)]));
    }

    /// <summary>
    /// Decides a request by the principal; <paramref name="resourcePolicy"/> is the target's own policy (a role's trust policy),
    /// <paramref name="resourceAsNamed"/> how messages name the resource (defaults to its ARN).
    /// </summary>
    public async Task<AuthorizationResult> AuthorizeAsync(
        AuthenticatedPrincipal who, string action, string resource, RequestContext context, PolicySet? resourcePolicy = null,
        string? resourceAsNamed = null, CancellationToken cancellationToken = default)
    {
        var data = await DataForAsync(who, cancellationToken);
        foreach (var (key, value) in data.Tags)
        {
            if (!context.Contains($"aws:PrincipalTag/{key}"))
            {
                context.Set($"aws:PrincipalTag/{key}", value);
            }
        }

        var policies = who.SessionPolicy is { } sessionPolicy && who.SessionKeyId is { } keyId
            ? data.Policies with { SessionPolicy = SessionPolicyOf(keyId, sessionPolicy) }
            : data.Policies;
        if (resourcePolicy is not null)
        {
            policies = policies with { ResourcePolicy = resourcePolicy };
        }

        var request = new AuthorizationRequest(who.Principal, new RequestAction(action), resource, context) { ResourceAsNamed = resourceAsNamed };
        return Authorizer.Authorize(request, policies, data.Settings);
    }
}
