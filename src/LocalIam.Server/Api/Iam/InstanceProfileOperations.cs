using System.Xml.Linq;
using LocalIam.Iam.InstanceProfiles;
using LocalIam.Iam.Tags;
using LocalIam.Storage.Entities;
using static LocalIam.Aws.Query.QueryXml;

namespace LocalIam.Server.Api.Iam;

/// <summary>Instance profiles: create, get, delete, list, their role, their tags.</summary>
internal static class InstanceProfileOperations
{
    public static void Register(QueryTable table) => table
        .Add("CreateInstanceProfile", "iam:CreateInstanceProfile",
            q => (Name: q.Required("InstanceProfileName"), Path: q.Get("Path"), Tags: q.Tags()),
            (r, c) => c.Arn("instance-profile", r.Name, r.Path),
            async (r, c) =>
            {
                var view = await c.Core.InstanceProfiles.CreateAsync(c.Caller, r.Name, r.Path, r.Tags);
                return [new XElement("InstanceProfile", Shape(c.AccountId, view, IamShapes.Tags(view.Profile.Tags)))];
            },
            (r, context) => RequestParameters.AddTagKeys(context, r.Tags))
        .Add("GetInstanceProfile", "iam:GetInstanceProfile", Name, Resource, async (name, c) =>
        {
            // GetInstanceProfile always lists Tags, empty or not (AWS's recorded answers).
            var view = await c.Core.InstanceProfiles.GetAsync(c.Caller, name);
            return [new XElement("InstanceProfile", Shape(c.AccountId, view, TagMembers(view.Profile.Tags)))];
        })
        .AddVoid("DeleteInstanceProfile", "iam:DeleteInstanceProfile", Name, Resource, (name, c) => c.Core.InstanceProfiles.DeleteAsync(c.Caller, name))
        .Add("ListInstanceProfiles", "iam:ListInstanceProfiles",
            q => (PathPrefix: q.Get("PathPrefix"), Marker: q.Get("Marker"), MaxItems: q.GetInt("MaxItems")),
            (r, c) => $"arn:aws:iam::{c.AccountId}:instance-profile{r.PathPrefix ?? "/"}",
            async (r, c) => IamShapes.Page("InstanceProfiles", await c.Core.InstanceProfiles.ListAsync(c.Caller, r.PathPrefix, r.Marker, r.MaxItems), v => Shape(c.AccountId, v)))
        .Add("ListInstanceProfilesForRole", "iam:ListInstanceProfilesForRole",
            q => (Role: q.Required("RoleName"), Marker: q.Get("Marker"), MaxItems: q.GetInt("MaxItems")),
            (r, _) => ResourceName.Named("role", r.Role),
            async (r, c) => IamShapes.Page("InstanceProfiles", await c.Core.InstanceProfiles.ListForRoleAsync(c.Caller, r.Role, r.Marker, r.MaxItems), v => Shape(c.AccountId, v)))
        .AddVoid("AddRoleToInstanceProfile", "iam:AddRoleToInstanceProfile",
            q => (Profile: q.Required("InstanceProfileName"), Role: q.Required("RoleName")),
            (r, c) => Resource(r.Profile, c),
            (r, c) => c.Core.InstanceProfiles.AddRoleAsync(c.Caller, r.Profile, r.Role),
            // AWS's API reference: the caller must be allowed to pass the role. An instance profile
            // hands its role to EC2, so iam:PassedToService is EC2's service principal.
            alsoAuthorize: (r, _) => [new("iam:PassRole", ResourceName.Named("role", r.Role), [("iam:PassedToService", "ec2.amazonaws.com")])])
        .AddVoid("RemoveRoleFromInstanceProfile", "iam:RemoveRoleFromInstanceProfile",
            q => (Profile: q.Required("InstanceProfileName"), Role: q.Required("RoleName")),
            (r, c) => Resource(r.Profile, c),
            (r, c) => c.Core.InstanceProfiles.RemoveRoleAsync(c.Caller, r.Profile, r.Role))
        .AddVoid("TagInstanceProfile", "iam:TagInstanceProfile", q => (Profile: q.Required("InstanceProfileName"), Tags: q.Tags()), (r, c) => Resource(r.Profile, c),
            (r, c) => c.Core.InstanceProfiles.TagAsync(c.Caller, r.Profile, r.Tags), (r, context) => RequestParameters.AddTagKeys(context, r.Tags))
        .AddVoid("UntagInstanceProfile", "iam:UntagInstanceProfile", q => (Profile: q.Required("InstanceProfileName"), Keys: q.GetList("TagKeys")), (r, c) => Resource(r.Profile, c),
            (r, c) => c.Core.InstanceProfiles.UntagAsync(c.Caller, r.Profile, r.Keys), (r, context) => RequestParameters.AddUntagKeys(context, r.Keys))
        .Add("ListInstanceProfileTags", "iam:ListInstanceProfileTags",
            q => (Profile: q.Required("InstanceProfileName"), Marker: q.Get("Marker"), MaxItems: q.GetInt("MaxItems")),
            (r, c) => Resource(r.Profile, c),
            async (r, c) => IamShapes.Page("Tags", await c.Core.InstanceProfiles.ListTagsAsync(c.Caller, r.Profile, r.Marker, r.MaxItems), t => [El("Key", t.Key), El("Value", t.Value)]));

    private static string Name(LocalIam.Aws.IRequestParameters q) => q.Required("InstanceProfileName");

    private static ResourceName Resource(string profileName, IamCall call) => ResourceName.Named("instance-profile", profileName);

    /// <summary>An InstanceProfile: GetInstanceProfile, the list operations and GetAccountAuthorizationDetails's RoleDetail.</summary>
    public static IEnumerable<object?> Shape(string accountId, InstanceProfileView view, XElement? tags = null)
    {
        var profile = view.Profile;
        return
        [
            El("Path", profile.Path), El("InstanceProfileName", profile.Name), El("InstanceProfileId", profile.Id),
            El("Arn", $"arn:aws:iam::{accountId}:instance-profile{profile.Path}{profile.Name}"), El("CreateDate", profile.CreatedAt),
            Members("Roles", view.Roles, RoleInProfile), tags,
        ];
    }

    /// <summary>A role inside an instance profile: AWS shows fewer members than GetRole does.</summary>
    private static IEnumerable<object?> RoleInProfile(Role role) =>
    [
        El("Path", role.Path), El("RoleName", role.Name), El("RoleId", role.Id),
        El("Arn", $"arn:aws:iam::{role.AccountId}:role{role.Path}{role.Name}"), El("CreateDate", role.CreatedAt),
        El("AssumeRolePolicyDocument", Uri.EscapeDataString(role.TrustPolicy)),
    ];

    private static XElement TagMembers(IReadOnlyList<TagInput> tags) => Members("Tags", tags, t => [El("Key", t.Key), El("Value", t.Value)]);
}
