using LocalIam.Iam.Authorization;
using LocalIam.Policy.Authorization;
using LocalIam.Policy.Evaluation;

namespace LocalIam.Iam.Simulation;

/// <summary>One page of results, one per action and resource, in AWS's order (each action with every resource).</summary>
public sealed record SimulationPage(IReadOnlyList<SimulationResult> Results, bool IsTruncated, string? Marker);

/// <summary>
/// What LocalIam would enforce for one action on one resource: the decision with its reason, every
/// statement that applied, the condition keys the request lacked, whether the billing-access
/// setting decided, and (when a boundary takes part) whether the boundary allows it.
/// </summary>
public sealed record SimulationResult(
    AuthorizationResult Decision,
    IReadOnlyList<MatchedStatement> MatchedStatements,
    IReadOnlyList<string> MissingContextValues,
    bool? AllowedByPermissionsBoundary)
{
    public string ActionName => Decision.Request.Action.Full;

    public string ResourceName => Decision.Request.Resource;

    /// <summary>AWS's EvalDecision: <c>allowed</c>, <c>explicitDeny</c> or <c>implicitDeny</c>.</summary>
    public string EvalDecision => Decision.Decision switch
    {
        Policy.Authorization.Decision.Allowed => "allowed",
        Policy.Authorization.Decision.ExplicitDeny => "explicitDeny",
        _ => "implicitDeny",
    };

    /// <summary>The account setting "IAM user and role access to Billing information" decided (AWS's own simulator ignores it).</summary>
    public bool BillingSettingDecided => Decision.Reason == DecisionReason.BillingAccessDisabled;
}

/// <summary>A statement that applied, where it stands in its policy (1-based lines and columns), and where the policy came from.</summary>
public sealed record MatchedStatement(
    CompiledStatement Statement,
    string SourcePolicyId,
    string SourcePolicyType,
    (int Line, int Column) Start,
    (int Line, int Column) End,
    PolicySource? Source);
