using LocalIam.Policy.Evaluation;

namespace LocalIam.Policy.Authorization;

public enum Decision
{
    Allowed,
    ExplicitDeny,
    ImplicitDeny,
}

/// <summary>Why the authorizer decided as it did.</summary>
public enum DecisionReason
{
    RootUser,
    AllowedByIdentityPolicy,
    AllowedByResourcePolicy,
    DeniedByStatement,
    RootOnlyAction,
    FederatedUserStsLimit,
    BillingAccessDisabled,
    NoServiceControlPolicyAllows,
    NoResourcePolicyAllows,
    NoIdentityPolicyAllows,
    NoPermissionsBoundaryAllows,
    NoSessionPolicyAllows,
}

/// <summary>The policy types of AWS's evaluation logic, as its messages name them.</summary>
public enum PolicyType
{
    Identity,
    Resource,
    PermissionsBoundary,
    Session,
    ServiceControl,
}

/// <summary>
/// A decision, the statement that decided it, and the reason. Messages are built only when read,
/// so deciding allocates nothing.
/// </summary>
public readonly record struct AuthorizationResult(
    AuthorizationRequest Request,
    Decision Decision,
    DecisionReason Reason,
    PolicyType? PolicyType,
    CompiledStatement? DecidingStatement,
    CompiledStatement? OverriddenAllow)
{
    public bool IsAllowed => Decision == Decision.Allowed;

    /// <summary>AWS's message form: <c>User: ARN is not authorized to perform: ACTION on resource: RESOURCE because ...</c>.</summary>
    public string Message => DecisionMessages.Message(this);

    /// <summary>LocalIam's explanation: which policy or setting decided, and what to change.</summary>
    public string Explanation => DecisionMessages.Explanation(this);
}
