using LocalIam.Policy.Evaluation;

namespace LocalIam.Policy.Authorization;

/// <summary>Formats decisions as AWS does, plus LocalIam's explanation of what to change.</summary>
internal static class DecisionMessages
{
    public static string Message(in AuthorizationResult result)
    {
        var request = result.Request;
        var action = request.Action.Full;
        if (result.Decision == Decision.Allowed)
        {
            return $"User: {request.Principal.Arn} is authorized to perform: {action} on resource: {request.NamedResource}";
        }

        var head = $"User: {request.Principal.Arn} is not authorized to perform: {action} on resource: {request.NamedResource}";
        return result.Reason switch
        {
            DecisionReason.DeniedByStatement =>
                $"{head} with an explicit deny in {Article(result.PolicyType!.Value)} {TypeName(result.PolicyType!.Value)}: {result.DecidingStatement!.Policy.Id}",
            DecisionReason.BillingAccessDisabled =>
                $"{head} because {BillingAccessGate.SettingName} is not activated for this account, and only the root user can activate it",
            DecisionReason.RootOnlyAction =>
                $"{head} because only the AWS account root user can perform {action}",
            DecisionReason.FederatedUserStsLimit =>
                $"{head} because federated user credentials can call no AWS STS operation other than {FederatedUserLimits.OnlyStsAction}",
            DecisionReason.NoServiceControlPolicyAllows => $"{head} because no service control policy allows the {action} action",
            DecisionReason.NoResourcePolicyAllows => $"{head} because no resource-based policy allows the {action} action",
            DecisionReason.NoPermissionsBoundaryAllows => $"{head} because no permissions boundary allows the {action} action",
            DecisionReason.NoSessionPolicyAllows => $"{head} because no session policy allows the {action} action",
            _ => $"{head} because no identity-based policy allows the {action} action",
        };
    }

    public static string Explanation(in AuthorizationResult result)
    {
        var request = result.Request;
        var action = request.Action.Full;
        var who = Describe(request.Principal);
        return result.Reason switch
        {
            DecisionReason.RootUser => "The root user has full access to its account; no identity-based policy applies to it",
            DecisionReason.AllowedByIdentityPolicy => $"Allowed by {Where(result.DecidingStatement!)}",
            DecisionReason.AllowedByResourcePolicy => $"Allowed by {Where(result.DecidingStatement!)}, which names {who} as principal",
            DecisionReason.DeniedByStatement =>
                $"{Where(result.DecidingStatement!)} denies `{action}`; an explicit deny overrides every allow, so remove or narrow that statement",
            DecisionReason.BillingAccessDisabled =>
                $"The account setting \"{BillingAccessGate.SettingName}\" is off, so no IAM user or role can use billing, whatever its policies say"
                + Overridden(result) + "; the root user can turn it on under Account, then policies such as job-function/Billing decide",
            DecisionReason.RootOnlyAction =>
                $"`{action}` is a root-only task: sign in as the root user; no policy can grant it to {who}" + Overridden(result),
            DecisionReason.FederatedUserStsLimit =>
                $"{who} holds GetFederationToken credentials, which can call only `{FederatedUserLimits.OnlyStsAction}` in STS; no policy can grant `{action}`"
                + Overridden(result) + "; call it with the IAM user's own long-term keys instead",
            DecisionReason.NoServiceControlPolicyAllows =>
                $"A service control policy level has no statement that allows `{action}`; every level from the organization root to the account must allow it",
            DecisionReason.NoResourcePolicyAllows => $"No resource-based policy on `{request.NamedResource}` names {who} in an Allow for `{action}`" + Overridden(result),
            DecisionReason.NoPermissionsBoundaryAllows =>
                $"The permissions boundary of {who} does not allow `{action}`" + Overridden(result) + "; widen the boundary or remove it",
            DecisionReason.NoSessionPolicyAllows =>
                $"The session policy passed when the session was created does not allow `{action}`" + Overridden(result),
            _ => $"No identity-based policy of {who} (its own, or its groups') allows `{action}` on `{request.NamedResource}`; attach one that does",
        };
    }

    private static string Overridden(in AuthorizationResult result) =>
        result.OverriddenAllow is { } allow ? $" (it would be allowed by {Where(allow)})" : string.Empty;

    private static string Where(CompiledStatement statement)
    {
        var label = statement.Sid is { Length: > 0 } sid ? $"statement `{sid}`" : $"statement {statement.Index + 1}";
        return $"{label} of policy `{statement.Policy.Id}` (line {statement.Span.Line})";
    }

    private static string Describe(Principal principal) => principal.Kind switch
    {
        PrincipalKind.User => $"user `{principal.Name}`",
        PrincipalKind.RoleSession => $"role session `{principal.Arn}`",
        PrincipalKind.FederatedUser => $"federated user `{principal.Name}`",
        PrincipalKind.Root => "the root user",
        PrincipalKind.Service => $"service `{principal.Name}`",
        _ => "an anonymous caller",
    };

    private static string TypeName(PolicyType type) => type switch
    {
        PolicyType.Identity => "identity-based policy",
        PolicyType.Resource => "resource-based policy",
        PolicyType.PermissionsBoundary => "permissions boundary policy",
        PolicyType.Session => "session policy",
        _ => "service control policy",
    };

    private static string Article(PolicyType type) => type is PolicyType.Identity ? "an" : "a";
}
