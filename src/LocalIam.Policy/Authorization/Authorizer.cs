using LocalIam.Policy.Evaluation;

namespace LocalIam.Policy.Authorization;

/// <summary>
/// Decides one request with AWS's documented evaluation order: explicit deny anywhere; SCPs;
/// resource-based policy; identity-based policies; permissions boundary; session policy. Root
/// skips the identity steps. Beside that order sit the root-only tasks and the billing-access
/// gate. Pure: no I/O, no clock, no allocation unless <c>matched</c> is given.
/// </summary>
public static class Authorizer
{
    public static AuthorizationResult Authorize(
        AuthorizationRequest request, ApplicablePolicies policies, AccountSettings settings, List<CompiledStatement>? matched = null)
    {
        var (principal, action, resource, context) = (request.Principal, request.Action, request.Resource, request.Context);
        var isRoot = principal.Kind == PrincipalKind.Root;

        // 1. Explicit deny in any applicable policy wins. Identity-type policies never apply to root.
        var resourceOutcome = policies.ResourcePolicy?.Evaluate(action, resource, principal, policies.PermissionsBoundary is not null, context, matched) ?? default;
        if (isRoot && resourceOutcome.Deny is not null && RootOnlyActions.IsBucketPolicyRecovery(action))
        {
            // The bucket owner's root can always read, replace or delete a bucket policy that locks everyone out.
            resourceOutcome.Deny = null;
        }

        var identity = isRoot ? default : policies.Identity.Evaluate(action, resource, principal, context, matched);
        var boundary = isRoot ? default : policies.PermissionsBoundary?.Evaluate(action, resource, principal, context, matched) ?? default;
        var session = isRoot || !principal.IsSession ? default : policies.SessionPolicy?.Evaluate(action, resource, principal, context, matched) ?? default;

        // SCPs govern the principals of member accounts only, not anonymous callers or AWS services.
        var scps = principal.Kind is PrincipalKind.Anonymous or PrincipalKind.Service ? [] : policies.ServiceControlPolicies;
        CompiledStatement? scpDeny = null;
        var scpMissingAllow = false;
        for (var level = 0; level < scps.Count; level++)
        {
            var outcome = scps[level].Evaluate(action, resource, principal, context, matched);
            scpDeny ??= outcome.Deny;
            scpMissingAllow |= outcome.Allow is null;
        }

        AuthorizationResult Result(Decision decision, DecisionReason reason, PolicyType? type = null, CompiledStatement? deciding = null, CompiledStatement? overridden = null)
        {
            Keep(matched, decision);
            return new AuthorizationResult(request, decision, reason, type, deciding, overridden);
        }

        if (FirstDeny(scpDeny, resourceOutcome.Deny, identity.Deny, boundary.Deny, session.Deny) is var (deny, denyType))
        {
            return Result(Decision.ExplicitDeny, DecisionReason.DeniedByStatement, denyType, deny);
        }

        if (!isRoot && RootOnlyActions.Contains(action))
        {
            return Result(Decision.ImplicitDeny, DecisionReason.RootOnlyAction, overridden: identity.Allow ?? resourceOutcome.Allow);
        }

        if (FederatedUserLimits.Blocks(principal, action))
        {
            return Result(Decision.ImplicitDeny, DecisionReason.FederatedUserStsLimit, overridden: identity.Allow ?? resourceOutcome.Allow);
        }

        if (BillingAccessGate.Blocks(principal, action, settings, context))
        {
            return Result(Decision.ImplicitDeny, DecisionReason.BillingAccessDisabled, overridden: identity.Allow ?? resourceOutcome.Allow);
        }

        // 2. Organizations SCPs: every level must allow, for root of a member account too.
        if (scpMissingAllow)
        {
            return Result(Decision.ImplicitDeny, DecisionReason.NoServiceControlPolicyAllows, PolicyType.ServiceControl);
        }

        // Role trust policies (and key policies) must allow the caller themselves.
        if (policies.ResourcePolicyMustAllow && resourceOutcome.Allow is null)
        {
            return Result(Decision.ImplicitDeny, DecisionReason.NoResourcePolicyAllows, PolicyType.Resource, overridden: identity.Allow);
        }

        if (isRoot)
        {
            return Result(Decision.Allowed, DecisionReason.RootUser);
        }

        // 3. A resource-based policy that names the caller itself is enough on its own; one that
        //    names the caller's role is still limited by boundary and session policy; one that names
        //    the account only delegates to the identity-based policies.
        if (resourceOutcome.Allow is { } resourceAllow && resourceOutcome.AllowPrincipalMatch != PrincipalMatch.Account)
        {
            if (resourceOutcome.AllowPrincipalMatch == PrincipalMatch.Caller)
            {
                return Result(Decision.Allowed, DecisionReason.AllowedByResourcePolicy, PolicyType.Resource, resourceAllow);
            }

            return LimitingPolicy(policies, principal, boundary, session) is { } limit
                ? Result(Decision.ImplicitDeny, limit.Reason, limit.Type, overridden: resourceAllow)
                : Result(Decision.Allowed, DecisionReason.AllowedByResourcePolicy, PolicyType.Resource, resourceAllow);
        }

        // 4. Identity-based policies (the user's and its groups', or the role's).
        if (identity.Allow is not { } identityAllow)
        {
            var reason = principal.Kind is PrincipalKind.Anonymous or PrincipalKind.Service
                ? DecisionReason.NoResourcePolicyAllows
                : DecisionReason.NoIdentityPolicyAllows;
            return Result(Decision.ImplicitDeny, reason, reason == DecisionReason.NoResourcePolicyAllows ? PolicyType.Resource : PolicyType.Identity);
        }

        // 5-6. Permissions boundary and session policy.
        return LimitingPolicy(policies, principal, boundary, session) is { } limiting
            ? Result(Decision.ImplicitDeny, limiting.Reason, limiting.Type, overridden: identityAllow)
            : Result(Decision.Allowed, DecisionReason.AllowedByIdentityPolicy, PolicyType.Identity, identityAllow);
    }

    /// <summary>
    /// The ceilings an allow must also pass: a permissions boundary, when set, must allow; a session
    /// given a session policy must be allowed by it; a federated-user session (GetFederationToken)
    /// without a session policy has no permissions at all.
    /// </summary>
    private static (DecisionReason Reason, PolicyType Type)? LimitingPolicy(
        ApplicablePolicies policies, Principal principal, in SetOutcome boundary, in SetOutcome session)
    {
        if (policies.PermissionsBoundary is not null && boundary.Allow is null)
        {
            return (DecisionReason.NoPermissionsBoundaryAllows, PolicyType.PermissionsBoundary);
        }

        if (principal.IsSession && session.Allow is null && (policies.SessionPolicy is not null || principal.Kind == PrincipalKind.FederatedUser))
        {
            return (DecisionReason.NoSessionPolicyAllows, PolicyType.Session);
        }

        return null;
    }

    /// <summary>Keeps the statements that agree with the decision: allows for Allowed, denies for ExplicitDeny, none otherwise.</summary>
    private static void Keep(List<CompiledStatement>? matched, Decision decision)
    {
        if (matched is null)
        {
            return;
        }

        switch (decision)
        {
            case Decision.Allowed:
                matched.RemoveAll(s => s.Effect != Model.Effect.Allow);
                break;
            case Decision.ExplicitDeny:
                matched.RemoveAll(s => s.Effect != Model.Effect.Deny);
                break;
            default:
                matched.Clear();
                break;
        }
    }

    private static (CompiledStatement, PolicyType)? FirstDeny(
        CompiledStatement? scp, CompiledStatement? resource, CompiledStatement? identity, CompiledStatement? boundary, CompiledStatement? session) =>
        scp is not null ? (scp, PolicyType.ServiceControl)
        : resource is not null ? (resource, PolicyType.Resource)
        : identity is not null ? (identity, PolicyType.Identity)
        : boundary is not null ? (boundary, PolicyType.PermissionsBoundary)
        : session is not null ? (session, PolicyType.Session)
        : null;
}
