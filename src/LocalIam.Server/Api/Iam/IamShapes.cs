using System.Xml.Linq;
using LocalIam.Aws.Query;
using LocalIam.Iam.Tags;
using LocalIam.Storage.Entities;
using static LocalIam.Aws.Query.QueryXml;

namespace LocalIam.Server.Api.Iam;

/// <summary>IAM's response shapes as XML (User, Group, Role, Policy, PolicyVersion, AccessKey...).</summary>
internal static class IamShapes
{
    public static IEnumerable<object?> User(User user, IReadOnlyList<TagInput>? tags = null) =>
    [
        El("Path", user.Path), El("UserName", user.Name), El("UserId", user.Id),
        El("Arn", $"arn:aws:iam::{user.AccountId}:user{user.Path}{user.Name}"), El("CreateDate", user.CreatedAt),
        El("PasswordLastUsed", user.PasswordLastUsed), Boundary(user.PermissionsBoundaryArn), Tags(tags),
    ];

    public static IEnumerable<object?> Group(Group group) =>
    [
        El("Path", group.Path), El("GroupName", group.Name), El("GroupId", group.Id),
        El("Arn", $"arn:aws:iam::{group.AccountId}:group{group.Path}{group.Name}"), El("CreateDate", group.CreatedAt),
    ];

    public static IEnumerable<object?> Role(Role role, IReadOnlyList<TagInput>? tags = null) =>
    [
        El("Path", role.Path), El("RoleName", role.Name), El("RoleId", role.Id),
        El("Arn", $"arn:aws:iam::{role.AccountId}:role{role.Path}{role.Name}"), El("CreateDate", role.CreatedAt),
        El("AssumeRolePolicyDocument", Uri.EscapeDataString(role.TrustPolicy)), El("Description", role.Description),
        El("MaxSessionDuration", role.MaxSessionDuration), Boundary(role.PermissionsBoundaryArn), Tags(tags),
        role.LastUsedAt is { } used ? new XElement("RoleLastUsed", El("LastUsedDate", used)) : new XElement("RoleLastUsed"),
    ];

    public static IEnumerable<object?> Policy(ManagedPolicy policy, int attachments, IReadOnlyList<TagInput>? tags = null) =>
    [
        El("PolicyName", policy.Name), El("PolicyId", policy.Id), El("Arn", policy.Arn), El("Path", policy.Path),
        El("DefaultVersionId", policy.DefaultVersionId), El("AttachmentCount", attachments), El("PermissionsBoundaryUsageCount", 0),
        El("IsAttachable", policy.IsAttachable), El("Description", policy.Description), El("CreateDate", policy.CreatedAt), El("UpdateDate", policy.UpdatedAt), Tags(tags),
    ];

    public static IEnumerable<object?> PolicyVersion(PolicyVersion version, string defaultVersionId) =>
    [
        El("Document", Uri.EscapeDataString(version.Document)), El("VersionId", version.VersionId),
        El("IsDefaultVersion", version.VersionId == defaultVersionId), El("CreateDate", version.CreatedAt),
    ];

    public static IEnumerable<object?> AccessKeyMetadata(AccessKey key, string? userName) =>
    [
        El("UserName", userName), El("AccessKeyId", key.Id), El("Status", key.Status.ToString()), El("CreateDate", key.CreatedAt),
    ];

    public static IEnumerable<object?> LoginProfile(LoginProfile profile, string userName) =>
    [
        El("UserName", userName), El("CreateDate", profile.CreatedAt), El("PasswordResetRequired", profile.PasswordResetRequired),
    ];

    public static XElement? Tags(IReadOnlyList<TagInput>? tags) =>
        tags is { Count: > 0 } ? Members("Tags", tags, t => [El("Key", t.Key), El("Value", t.Value)]) : null;

    /// <summary>A whole tag list: <c>Tags</c>, always present, and <c>IsTruncated</c>.</summary>
    public static IEnumerable<object> TagList(IReadOnlyList<TagInput> tags) =>
        [Members("Tags", tags, t => [El("Key", t.Key), El("Value", t.Value)]), El("IsTruncated", false)!];

    /// <summary>One page of a paged tag list.</summary>
    public static IEnumerable<object> TagPage(LocalIam.Iam.Page<TagInput> page) => Page("Tags", page, t => [El("Key", t.Key), El("Value", t.Value)]);

    public static IEnumerable<object> Page<T>(string listName, LocalIam.Iam.Page<T> page, Func<T, IEnumerable<object?>> member)
    {
        yield return Members(listName, page.Items, member);
        yield return El("IsTruncated", page.IsTruncated)!;
        if (page.Marker is { } marker)
        {
            yield return El("Marker", marker)!;
        }
    }

    public static XElement? Boundary(string? arn) => arn is null
        ? null
        : new XElement("PermissionsBoundary", El("PermissionsBoundaryType", "Policy"), El("PermissionsBoundaryArn", arn));
}
