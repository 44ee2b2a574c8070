using System.Xml.Linq;
using LocalIam.Aws.Query;
using LocalIam.Iam.LastAccessed;
using LocalIam.Iam.Tags;
using LocalIam.Storage.Entities;
using static LocalIam.Aws.Query.QueryXml;

namespace LocalIam.Server.Api.Iam;

/// <summary>IAM's response shapes as XML (User, Group, Role, Policy, PolicyVersion, AccessKey...).</summary>
internal static class IamShapes
{
    /// <summary>A user as GetUser and CreateUser answer (boundary and tags when it has them); ListUsers leaves both out.</summary>
    public static IEnumerable<object?> User(User user, IReadOnlyList<TagInput>? tags = null, ShapeView view = ShapeView.Full) =>
    [
        El("Path", user.Path), El("UserName", user.Name), El("UserId", user.Id),
        El("Arn", $"arn:aws:iam::{user.AccountId}:user{user.Path}{user.Name}"), El("CreateDate", user.CreatedAt),
        El("PasswordLastUsed", user.PasswordLastUsed),
        view == ShapeView.Listed ? null : Boundary(user.PermissionsBoundaryArn), view == ShapeView.Listed ? null : Tags(tags),
    ];

    public static IEnumerable<object?> Group(Group group) =>
    [
        El("Path", group.Path), El("GroupName", group.Name), El("GroupId", group.Id),
        El("Arn", $"arn:aws:iam::{group.AccountId}:group{group.Path}{group.Name}"), El("CreateDate", group.CreatedAt),
    ];

    /// <summary>
    /// A role: GetRole sends MaxSessionDuration and RoleLastUsed (empty when never used); CreateRole
    /// neither; ListRoles MaxSessionDuration but no boundary, tags or RoleLastUsed.
    /// </summary>
    public static IEnumerable<object?> Role(Role role, IReadOnlyList<TagInput>? tags = null, ShapeView view = ShapeView.Full, RoleLastUse? lastUsed = null) =>
    [
        El("Path", role.Path), El("RoleName", role.Name), El("RoleId", role.Id),
        El("Arn", $"arn:aws:iam::{role.AccountId}:role{role.Path}{role.Name}"), El("CreateDate", role.CreatedAt),
        El("AssumeRolePolicyDocument", Uri.EscapeDataString(role.TrustPolicy)), El("Description", role.Description),
        view == ShapeView.Created ? null : El("MaxSessionDuration", role.MaxSessionDuration),
        view == ShapeView.Listed ? null : Boundary(role.PermissionsBoundaryArn), view == ShapeView.Listed ? null : Tags(tags),
        view != ShapeView.Full ? null : RoleLastUsed(lastUsed ?? new RoleLastUse(role.LastUsedAt, null)),
    ];

    /// <summary>RoleLastUsed: empty when the role was never used (within the tracking period).</summary>
    public static XElement RoleLastUsed(RoleLastUse lastUsed) =>
        new("RoleLastUsed", El("LastUsedDate", lastUsed.LastUsedDate), El("Region", lastUsed.Region));

    /// <summary>
    /// A managed policy: GetPolicy sends its Description when set and Tags always (empty when none);
    /// CreatePolicy no Description and Tags when given; ListPolicies neither.
    /// </summary>
    public static IEnumerable<object?> Policy(ManagedPolicy policy, int attachments, IReadOnlyList<TagInput>? tags = null, ShapeView view = ShapeView.Full) =>
    [
        El("PolicyName", policy.Name), El("PolicyId", policy.Id), El("Arn", policy.Arn), El("Path", policy.Path),
        El("DefaultVersionId", policy.DefaultVersionId), El("AttachmentCount", attachments), El("PermissionsBoundaryUsageCount", 0),
        El("IsAttachable", policy.IsAttachable), view == ShapeView.Full ? El("Description", policy.Description) : null,
        El("CreateDate", policy.CreatedAt), El("UpdateDate", policy.UpdatedAt),
        view switch
        {
            ShapeView.Full => Members("Tags", tags ?? [], t => [El("Key", t.Key), El("Value", t.Value)]),
            ShapeView.Created => Tags(tags),
            _ => null,
        },
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

/// <summary>Which members an answer carries: AWS sends a subset on create and in listings (docs/api.md, "Responses as AWS records them").</summary>
internal enum ShapeView
{
    /// <summary>What a Create operation answers with.</summary>
    Created,

    /// <summary>What a Get operation answers with.</summary>
    Full,

    /// <summary>One member of a List operation's answer.</summary>
    Listed,
}
