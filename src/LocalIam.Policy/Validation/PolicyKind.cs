namespace LocalIam.Policy.Validation;

/// <summary>Where a policy is used; the grammar differs (a principal is required, allowed or forbidden).</summary>
public enum PolicyKind
{
    /// <summary>Attached to a user, group or role (managed or inline). No principal.</summary>
    Identity,

    /// <summary>A role's trust policy. Principal required, only sts actions.</summary>
    Trust,

    /// <summary>Attached to a resource (bucket policy, key policy...). Principal required.</summary>
    Resource,

    /// <summary>A permissions boundary: an identity policy used as a ceiling.</summary>
    PermissionsBoundary,

    /// <summary>A session policy passed to AssumeRole or GetFederationToken.</summary>
    Session,

    /// <summary>An Organizations service control policy.</summary>
    ServiceControl,
}

public static class PolicyKindExtensions
{
    public static bool RequiresPrincipal(this PolicyKind kind) => kind is PolicyKind.Trust or PolicyKind.Resource;

}
