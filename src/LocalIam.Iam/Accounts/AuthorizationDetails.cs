using LocalIam.Iam.Errors;
using LocalIam.Iam.Tags;
using LocalIam.Storage.Entities;

namespace LocalIam.Iam.Accounts;

/// <summary>A user with its inline policies, group names, attached managed policies and tags (UserDetail).</summary>
public sealed record UserDetail(User User, IReadOnlyList<InlinePolicy> Policies, IReadOnlyList<string> Groups, IReadOnlyList<ManagedPolicy> AttachedPolicies, IReadOnlyList<TagInput> Tags);

/// <summary>A group with its inline and attached managed policies (GroupDetail).</summary>
public sealed record GroupDetail(Group Group, IReadOnlyList<InlinePolicy> Policies, IReadOnlyList<ManagedPolicy> AttachedPolicies);

/// <summary>A role with its inline and attached managed policies, tags and the instance profiles that hold it (RoleDetail).</summary>
public sealed record RoleDetail(Role Role, IReadOnlyList<InlinePolicy> Policies, IReadOnlyList<ManagedPolicy> AttachedPolicies, IReadOnlyList<TagInput> Tags)
{
    public IReadOnlyList<InstanceProfiles.InstanceProfileView> InstanceProfiles { get; init; } = [];

    public LastAccessed.RoleLastUse LastUsed { get; init; }
}

/// <summary>A managed policy with its use in the account and every version, newest first (ManagedPolicyDetail).</summary>
public sealed record ManagedPolicyDetail(ManagedPolicy Policy, int AttachmentCount, int PermissionsBoundaryUsageCount, IReadOnlyList<PolicyVersion> Versions);

/// <summary>One page of GetAccountAuthorizationDetails.</summary>
public sealed record AuthorizationDetails(
    IReadOnlyList<UserDetail> Users,
    IReadOnlyList<GroupDetail> Groups,
    IReadOnlyList<RoleDetail> Roles,
    IReadOnlyList<ManagedPolicyDetail> Policies,
    bool IsTruncated,
    string? Marker);

/// <summary>The entity types GetAccountAuthorizationDetails's <c>Filter</c> selects; no filter selects every type.</summary>
public sealed record AuthorizationDetailsFilter(bool Users, bool Groups, bool Roles, bool LocalPolicies, bool AwsPolicies)
{
    private static readonly string[] EntityTypes = ["User", "Role", "Group", "LocalManagedPolicy", "AWSManagedPolicy"];

    public static AuthorizationDetailsFilter All { get; } = new(true, true, true, true, true);

    public static AuthorizationDetailsFilter Parse(IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return All;
        }

        if (values.Any(v => !EntityTypes.Contains(v, StringComparer.Ordinal)))
        {
            throw IamErrors.AuthorizationDetailsFilterInvalid();
        }

        return new(values.Contains("User"), values.Contains("Group"), values.Contains("Role"), values.Contains("LocalManagedPolicy"), values.Contains("AWSManagedPolicy"));
    }
}
