using System.Collections.Concurrent;
using LocalIam.Policy.Authorization;
using LocalIam.Policy.Evaluation;
using LocalIam.Storage;

namespace LocalIam.Iam.Authorization;

/// <summary>
/// Authorizes requests against what is in the store: the principal's policies come from the
/// account snapshot of the store's current revision, so a change through any process on the same
/// database is enforced on the next request, and compiled policies are shared by every principal.
/// </summary>
public sealed class IamAuthorizer(IamStore store, PrincipalPolicyLoader loader)
{
    private const int MaxCachedSessionPolicies = 10_000;

    // A session's inline policy never changes; its managed session policies are read again when the store moves.
    private readonly ConcurrentDictionary<string, (long Revision, PolicySet Policies)> _sessionPolicies = new(StringComparer.Ordinal);

    /// <summary>The principal's policies and settings as of the store's current revision.</summary>
    public Task<PrincipalAuthorizationData> DataForAsync(AuthenticatedPrincipal who, CancellationToken cancellationToken = default) =>
        who.UserId is { } userId ? loader.ForUserAsync(who.AccountId, userId)
        : who.RoleId is { } roleId ? loader.ForRoleAsync(who.AccountId, roleId)
        : loader.ForRootAsync(who.AccountId);

    /// <summary>
    /// Decides a request by the principal; <paramref name="resourcePolicy"/> is the target's own policy,
    /// <paramref name="resourceAsNamed"/> how messages name the resource (defaults to its ARN).
    /// </summary>
    public Task<AuthorizationResult> AuthorizeAsync(
        AuthenticatedPrincipal who, string action, string resource, RequestContext context, PolicySet? resourcePolicy = null,
        string? resourceAsNamed = null, CancellationToken cancellationToken = default) =>
        DecideAsync(who, action, resource, resourceAsNamed, context, resourcePolicy, resourcePolicyMustAllow: false, cancellationToken);

    /// <summary>
    /// Decides an <c>sts:</c> action on a role (AssumeRole, TagSession, SetSourceIdentity): the role's
    /// trust policy is its resource-based policy and, as AWS requires of trust policies, must allow the
    /// caller itself; one that names the account delegates to the caller's identity policies.
    /// </summary>
    public Task<AuthorizationResult> AuthorizeOnRoleAsync(
        AuthenticatedPrincipal who, string action, string roleArn, RequestContext context, PolicySet trustPolicy, CancellationToken cancellationToken = default) =>
        DecideAsync(who, action, roleArn, resourceAsNamed: null, context, trustPolicy, resourcePolicyMustAllow: true, cancellationToken);

    private async Task<AuthorizationResult> DecideAsync(
        AuthenticatedPrincipal who, string action, string resource, string? resourceAsNamed, RequestContext context, PolicySet? resourcePolicy,
        bool resourcePolicyMustAllow, CancellationToken cancellationToken)
    {
        var data = await DataForAsync(who, cancellationToken);
        // Session tags were set first by the request's context: they override role tags of the same key, whatever its case.
        foreach (var (key, value) in data.Tags)
        {
            if (!context.Contains($"aws:PrincipalTag/{key}"))
            {
                context.Set($"aws:PrincipalTag/{key}", value);
            }
        }

        var policies = await SessionPoliciesAsync(who) is { } sessionPolicies
            ? data.Policies with { SessionPolicy = sessionPolicies }
            : data.Policies;
        if (resourcePolicy is not null)
        {
            policies = policies with { ResourcePolicy = resourcePolicy, ResourcePolicyMustAllow = resourcePolicyMustAllow };
        }

        // The account is one, seen from every partition, and its policies were mostly written with aws's
        // ARNs: an explicit deny they state must hold whichever partition the request was signed in.
        var storedDeny = who.Partition == ArnPartition.Stored ? null : ExplicitDenyOnStoredArns(who, action, resource, resourceAsNamed, context, policies, data.Settings);

        // Stored ARNs are aws's; a request signed in another partition is decided on its own ARNs.
        ArnPartition.ShowKeys(context, who.Partition);
        var request = new AuthorizationRequest(who.Principal.InPartition(who.Partition), new RequestAction(action), ArnPartition.Show(resource, who.Partition), context)
        {
            ResourceAsNamed = resourceAsNamed is null ? null : ArnPartition.Show(resourceAsNamed, who.Partition),
        };
        var result = Authorizer.Authorize(request, policies, data.Settings);
        return storedDeny is { } deny && result.Decision != Decision.ExplicitDeny ? deny with { Request = request } : result;
    }

    /// <summary>
    /// The decision on the stored (aws) ARNs when it is an explicit deny, else null: a Deny on
    /// <c>arn:aws:iam::ACCOUNT:user/admins/boss</c> or on <c>iam:PolicyARN</c>
    /// <c>arn:aws:iam::aws:policy/AdministratorAccess</c> is not escaped by signing for cn-north-1.
    /// Only requests of another partition pay for this second evaluation.
    /// </summary>
    private static AuthorizationResult? ExplicitDenyOnStoredArns(
        AuthenticatedPrincipal who, string action, string resource, string? resourceAsNamed, RequestContext context, ApplicablePolicies policies, AccountSettings settings)
    {
        var stored = Authorizer.Authorize(
            new AuthorizationRequest(who.Principal, new RequestAction(action), resource, context) { ResourceAsNamed = resourceAsNamed }, policies, settings);
        return stored.Decision == Decision.ExplicitDeny ? stored : null;
    }

    /// <summary>
    /// The session policies of a role session, inline and managed together: the session may do what
    /// any of them allows and its role allows too. A managed one that no longer exists allows nothing.
    /// </summary>
    private async Task<PolicySet?> SessionPoliciesAsync(AuthenticatedPrincipal who)
    {
        if (!who.HasSessionPolicies || who.SessionKeyId is not { } keyId)
        {
            return null;
        }

        var revision = await store.ReadRevisionAsync();
        if (_sessionPolicies.TryGetValue(keyId, out var cached) && (cached.Revision == revision || who.SessionPolicyArns.Count == 0))
        {
            return cached.Policies;
        }

        var compiled = new List<CompiledPolicy>();
        if (who.SessionPolicy is { } inline)
        {
            compiled.Add(CompiledPolicy.Parse($"session/{keyId}", inline, Policy.Validation.PolicyKind.Session));
        }

        compiled.AddRange(await ManagedSessionPolicies.LoadAsync(store, who.AccountId, who.SessionPolicyArns));
        var policies = new PolicySet(compiled);

        // Counting a ConcurrentDictionary takes all its locks: only on this rare path that adds.
        if (_sessionPolicies.Count >= MaxCachedSessionPolicies)
        {
            _sessionPolicies.Clear();
        }

        _sessionPolicies[keyId] = (revision, policies);
        return policies;
    }
}
