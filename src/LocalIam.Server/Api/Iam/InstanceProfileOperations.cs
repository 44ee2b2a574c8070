using System.Xml.Linq;
using LocalIam.Iam.InstanceProfiles;
using LocalIam.Iam.Tags;
using LocalIam.Storage.Entities;
using static LocalIam.Aws.Query.QueryXml;

namespace LocalIam.Server.Api.Iam;

/// <summary>Instance profiles: create, get, delete, list, their role, their tags.</summary>
internal static class InstanceProfileOperations
{
    public static void Register(OperationTable table) => table
        .Add("CreateInstanceProfile", c => c.Arn("instance-profile", Name(c), c.Query.Get("Path")), async c =>
        {
            var view = await c.Service<InstanceProfileService>().CreateAsync(c.Caller, Name(c), c.Query.Get("Path"), c.Tags());
            return [new XElement("InstanceProfile", Shape(c, view, IamShapes.Tags(view.Profile.Tags)))];
        }, RequestParameters.AddTagKeys)
        .Add("GetInstanceProfile", Resource, async c =>
        {
            // GetInstanceProfile always lists Tags, empty or not (AWS's recorded answers).
            var view = await c.Service<InstanceProfileService>().GetAsync(c.Caller, Name(c));
            return [new XElement("InstanceProfile", Shape(c, view, TagMembers(view.Profile.Tags)))];
        })
        .AddVoid("DeleteInstanceProfile", Resource, c => c.Service<InstanceProfileService>().DeleteAsync(c.Caller, Name(c)))
        .Add("ListInstanceProfiles", c => $"arn:aws:iam::{c.AccountId}:instance-profile{c.Query.Get("PathPrefix") ?? "/"}", async c =>
        {
            var page = await c.Service<InstanceProfileService>().ListAsync(c.Caller, c.Query.Get("PathPrefix"), c.Query.Get("Marker"), c.Query.GetInt("MaxItems"));
            return IamShapes.Page("InstanceProfiles", page, v => Shape(c, v));
        })
        .Add("ListInstanceProfilesForRole", c => ResourceName.Named("role", c.Query.Required("RoleName")), async c =>
        {
            var page = await c.Service<InstanceProfileService>().ListForRoleAsync(c.Caller, c.Query.Required("RoleName"), c.Query.Get("Marker"), c.Query.GetInt("MaxItems"));
            return IamShapes.Page("InstanceProfiles", page, v => Shape(c, v));
        })
        .AddVoid("AddRoleToInstanceProfile", Resource,
            c => c.Service<InstanceProfileService>().AddRoleAsync(c.Caller, Name(c), c.Query.Required("RoleName")),
            // AWS's API reference: the caller must be allowed to pass the role. An instance profile
            // hands its role to EC2, so iam:PassedToService is EC2's service principal.
            alsoAuthorize: c => [new("iam:PassRole", ResourceName.Named("role", c.Query.Required("RoleName")), [("iam:PassedToService", "ec2.amazonaws.com")])])
        .AddVoid("RemoveRoleFromInstanceProfile", Resource,
            c => c.Service<InstanceProfileService>().RemoveRoleAsync(c.Caller, Name(c), c.Query.Required("RoleName")))
        .AddVoid("TagInstanceProfile", Resource,
            c => c.Service<InstanceProfileService>().TagAsync(c.Caller, Name(c), c.Tags()), RequestParameters.AddTagKeys)
        .AddVoid("UntagInstanceProfile", Resource,
            c => c.Service<InstanceProfileService>().UntagAsync(c.Caller, Name(c), c.Query.GetList("TagKeys")),
            (c, ctx) => ctx.SetList("aws:TagKeys", c.Query.GetList("TagKeys")))
        .Add("ListInstanceProfileTags", Resource, async c =>
        {
            var page = await c.Service<InstanceProfileService>().ListTagsAsync(c.Caller, Name(c), c.Query.Get("Marker"), c.Query.GetInt("MaxItems"));
            return IamShapes.Page("Tags", page, t => [El("Key", t.Key), El("Value", t.Value)]);
        });

    private static string Name(IamCall call) => call.Query.Required("InstanceProfileName");

    private static ResourceName Resource(IamCall call) => ResourceName.Named("instance-profile", Name(call));

    private static IEnumerable<object?> Shape(IamCall call, InstanceProfileView view, XElement? tags = null)
    {
        var profile = view.Profile;
        return
        [
            El("Path", profile.Path), El("InstanceProfileName", profile.Name), El("InstanceProfileId", profile.Id),
            El("Arn", $"arn:aws:iam::{call.AccountId}:instance-profile{profile.Path}{profile.Name}"), El("CreateDate", profile.CreatedAt),
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
