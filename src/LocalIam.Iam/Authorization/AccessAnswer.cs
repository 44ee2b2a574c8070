using LocalIam.Policy.Authorization;
using LocalIam.Policy.Evaluation;

namespace LocalIam.Iam.Authorization;

/// <summary>
/// "Who can do <see cref="Action"/> on <see cref="Resource"/>?" <see cref="Context"/> adds condition
/// keys every principal's request would carry (aws:SourceIp, aws:MultiFactorAuthPresent ...); the
/// principal's own keys (aws:username, aws:PrincipalArn, aws:PrincipalTag/...) and the current time
/// are added for each principal. Keys that neither sets are absent, as in a request without them.
/// </summary>
public sealed record AccessQuestion(string Action, string Resource = "*")
{
    public RequestContext? Context { get; init; }

    /// <summary>Also follow role trust: who may assume a role that is allowed, and who may assume those.</summary>
    public bool FollowRoleTrust { get; init; } = true;
}

public enum AccessPrincipalKind
{
    Root,
    User,
    Role,
}

/// <summary>A principal of the account as the access query names it.</summary>
public sealed record AccessPrincipal(AccessPrincipalKind Kind, string Name, string Arn)
{
    public override string ToString() => Arn;
}

/// <summary>
/// One role assumed on the way to the permission: the role, and the decision that lets the
/// previous principal assume it (its trust policy's statement, and for a trust that names the
/// account, the identity statement that allows sts:AssumeRole).
/// </summary>
public sealed record RoleHop(AccessPrincipal Role, AuthorizationResult Assume);

/// <summary>
/// One principal's answer. <see cref="Result"/> is the decision of the principal that acts: the
/// principal itself, or for a role chain the last role of <see cref="Chain"/>. <see cref="Source"/>
/// is the policy whose statement decided, with every path by which it reaches that principal
/// (attached directly, through which group, inline, or as a boundary).
/// </summary>
public sealed record AccessEntry(AccessPrincipal Principal, AuthorizationResult Result, PolicySource? Source, IReadOnlyList<RoleHop> Chain)
{
    public Decision Decision => Result.Decision;

    public DecisionReason Reason => Result.Reason;

    public CompiledStatement? DecidingStatement => Result.DecidingStatement;

    /// <summary>Who performs the action: the principal, or the role it reaches through <see cref="Chain"/>.</summary>
    public AccessPrincipal ActingPrincipal => Chain.Count == 0 ? Principal : Chain[^1].Role;

    public override string ToString() =>
        Chain.Count == 0 ? $"{Principal} {Decision} ({Reason})" : $"{Principal} via {string.Join(" -> ", Chain.Select(h => h.Role.Name))} {Decision}";
}

/// <summary>
/// The access query's answer at one store revision. <see cref="Allowed"/>: root, the users and
/// roles allowed themselves, then everyone who reaches an allowed role through role trust (one
/// entry per principal and role, by the shortest chain). <see cref="Denied"/>: every user and role
/// not allowed itself, with the reason (the billing setting, an explicit deny, a missing policy).
/// </summary>
public sealed record AccessAnswer(string Action, string Resource, long Revision, IReadOnlyList<AccessEntry> Allowed, IReadOnlyList<AccessEntry> Denied)
{
    /// <summary>Every principal that may perform the action, by itself or through roles, each once.</summary>
    public IReadOnlyList<AccessPrincipal> AllowedPrincipals => [.. Allowed.Select(e => e.Principal).Distinct()];
}
