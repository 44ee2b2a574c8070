using LocalIam.Policy.Evaluation;

namespace LocalIam.Policy.Authorization;

/// <summary>One request to decide: who, which action, on which resource, with which context keys.</summary>
public sealed record AuthorizationRequest(Principal Principal, RequestAction Action, string Resource, RequestContext Context)
{
    public AuthorizationRequest(Principal principal, string action, string resource, RequestContext? context = null)
        : this(principal, new RequestAction(action), resource, context ?? new RequestContext())
    {
    }

    /// <summary>
    /// How messages name the resource when that differs from the ARN decided on: AWS names an
    /// entity the request named as <c>user NAME</c>, and says no more than the request did.
    /// </summary>
    public string? ResourceAsNamed { get; init; }

    /// <summary>The resource as messages show it.</summary>
    public string NamedResource => ResourceAsNamed ?? Resource;
}

/// <summary>
/// The policies that apply to a request. <see cref="ServiceControlPolicies"/> holds one set per
/// level (root, each OU, the account); empty when the account is not governed by SCPs.
/// </summary>
public sealed record ApplicablePolicies
{
    public PolicySet Identity { get; init; } = PolicySet.Empty;

    public PolicySet? PermissionsBoundary { get; init; }

    public PolicySet? SessionPolicy { get; init; }

    public PolicySet? ResourcePolicy { get; init; }

    public IReadOnlyList<PolicySet> ServiceControlPolicies { get; init; } = [];
}

/// <summary>Account-level settings that take part in authorization.</summary>
public sealed record AccountSettings(bool IamUserAccessToBilling)
{
    /// <summary>A new stand-alone account: IAM access to billing is off.</summary>
    public static AccountSettings Default { get; } = new(IamUserAccessToBilling: false);
}
