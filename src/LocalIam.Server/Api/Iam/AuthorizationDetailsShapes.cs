using System.Xml.Linq;
using LocalIam.Iam.Accounts;
using LocalIam.Storage.Entities;
using static LocalIam.Aws.Query.QueryXml;

namespace LocalIam.Server.Api.Iam;

/// <summary>GetAccountAuthorizationDetails's result: UserDetail, GroupDetail, RoleDetail, ManagedPolicyDetail; every document URL-encoded.</summary>
internal static class AuthorizationDetailsShapes
{
    public static IEnumerable<object> Result(AuthorizationDetails details)
    {
        yield return Members("UserDetailList", details.Users, User);
        yield return Members("GroupDetailList", details.Groups, Group);
        yield return Members("RoleDetailList", details.Roles, Role);
        yield return Members("Policies", details.Policies, Policy);
        yield return El("IsTruncated", details.IsTruncated)!;
        if (details.Marker is { } marker)
        {
            yield return El("Marker", marker)!;
        }
    }

    private static IEnumerable<object?> User(UserDetail detail) =>
    [
        El("Path", detail.User.Path), El("UserName", detail.User.Name), El("UserId", detail.User.Id),
        El("Arn", $"arn:aws:iam::{detail.User.AccountId}:user{detail.User.Path}{detail.User.Name}"), El("CreateDate", detail.User.CreatedAt),
        Inline("UserPolicyList", detail.Policies), StringMembers("GroupList", detail.Groups), Attached(detail.AttachedPolicies),
        IamShapes.Boundary(detail.User.PermissionsBoundaryArn), IamShapes.Tags(detail.Tags),
    ];

    private static IEnumerable<object?> Group(GroupDetail detail) =>
    [
        .. IamShapes.Group(detail.Group), Inline("GroupPolicyList", detail.Policies), Attached(detail.AttachedPolicies),
    ];

    /// <summary>A role with the instance profiles that hold it, each as GetInstanceProfile shows it (tags when it has any).</summary>
    private static IEnumerable<object?> Role(RoleDetail detail)
    {
        var role = detail.Role;
        return
        [
            El("Path", role.Path), El("RoleName", role.Name), El("RoleId", role.Id),
            El("Arn", $"arn:aws:iam::{role.AccountId}:role{role.Path}{role.Name}"), El("CreateDate", role.CreatedAt),
            El("AssumeRolePolicyDocument", Uri.EscapeDataString(role.TrustPolicy)),
            Members("InstanceProfileList", detail.InstanceProfiles, p => InstanceProfileOperations.Shape(role.AccountId, p, IamShapes.Tags(p.Profile.Tags))),
            Inline("RolePolicyList", detail.Policies), Attached(detail.AttachedPolicies),
            IamShapes.Boundary(role.PermissionsBoundaryArn), IamShapes.Tags(detail.Tags),
            IamShapes.RoleLastUsed(detail.LastUsed),
        ];
    }

    private static IEnumerable<object?> Policy(ManagedPolicyDetail detail)
    {
        var policy = detail.Policy;
        return
        [
            El("PolicyName", policy.Name), El("PolicyId", policy.Id), El("Arn", policy.Arn), El("Path", policy.Path),
            El("DefaultVersionId", policy.DefaultVersionId), El("AttachmentCount", detail.AttachmentCount),
            El("PermissionsBoundaryUsageCount", detail.PermissionsBoundaryUsageCount), El("IsAttachable", policy.IsAttachable),
            El("Description", policy.Description), El("CreateDate", policy.CreatedAt), El("UpdateDate", policy.UpdatedAt),
            Members("PolicyVersionList", detail.Versions, v => IamShapes.PolicyVersion(v, policy.DefaultVersionId)),
        ];
    }

    private static XElement Inline(string listName, IReadOnlyList<InlinePolicy> policies) =>
        Members(listName, policies, p => [El("PolicyName", p.Name), El("PolicyDocument", Uri.EscapeDataString(p.Document))]);

    private static XElement Attached(IReadOnlyList<ManagedPolicy> policies) =>
        Members("AttachedManagedPolicies", policies, p => [El("PolicyName", p.Name), El("PolicyArn", p.Arn)]);
}
