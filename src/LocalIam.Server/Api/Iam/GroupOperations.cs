using System.Xml.Linq;
using static LocalIam.Aws.Query.QueryXml;

namespace LocalIam.Server.Api.Iam;

/// <summary>Group operations and membership.</summary>
internal static class GroupOperations
{
    public static void Register(QueryTable table) => table
        .Add("CreateGroup", "iam:CreateGroup", q => (Name: q.Required("GroupName"), Path: q.Get("Path")), (r, c) => c.Arn("group", r.Name, r.Path), async (r, c) =>
            [new XElement("Group", IamShapes.Group(await c.Core.Groups.CreateAsync(c.Caller, r.Name, r.Path)))])
        .Add("GetGroup", "iam:GetGroup", q => q.Required("GroupName"), (name, _) => ResourceName.Named("group", name), async (name, c) =>
        {
            var (group, users) = await c.Core.Groups.GetAsync(c.Caller, name);
            return [new XElement("Group", IamShapes.Group(group)), Members("Users", users, u => IamShapes.User(u)), El("IsTruncated", false)!];
        })
        .AddVoid("UpdateGroup", "iam:UpdateGroup",
            q => (Name: q.Required("GroupName"), NewName: q.Get("NewGroupName"), NewPath: q.Get("NewPath")),
            (r, _) => ResourceName.Named("group", r.Name),
            (r, c) => c.Core.Groups.UpdateAsync(c.Caller, r.Name, r.NewName, r.NewPath),
            // AWS's API reference: renaming or moving needs permission on the source and on the target.
            alsoAuthorize: (r, _) => [new("iam:UpdateGroup", new ResourceName.RenameTarget("group", r.Name, r.NewName, r.NewPath))])
        .AddVoid("DeleteGroup", "iam:DeleteGroup", q => q.Required("GroupName"), (name, _) => ResourceName.Named("group", name),
            (name, c) => c.Core.Groups.DeleteAsync(c.Caller, name))
        .Add("ListGroups", "iam:ListGroups",
            q => (PathPrefix: q.Get("PathPrefix"), Marker: q.Get("Marker"), MaxItems: q.GetInt("MaxItems")),
            (r, c) => $"arn:aws:iam::{c.AccountId}:group{r.PathPrefix ?? "/"}",
            async (r, c) => IamShapes.Page("Groups", await c.Core.Groups.ListAsync(c.Caller, r.PathPrefix, r.Marker, r.MaxItems), IamShapes.Group))
        .Add("ListGroupsForUser", "iam:ListGroupsForUser", q => q.Required("UserName"), (name, _) => ResourceName.Named("user", name), async (name, c) =>
            [Members("Groups", await c.Core.Groups.ListForUserAsync(c.Caller, name), IamShapes.Group), El("IsTruncated", false)!])
        .AddVoid("AddUserToGroup", "iam:AddUserToGroup", q => (Group: q.Required("GroupName"), User: q.Required("UserName")),
            (r, _) => ResourceName.Named("group", r.Group), (r, c) => c.Core.Groups.AddUserAsync(c.Caller, r.Group, r.User))
        .AddVoid("RemoveUserFromGroup", "iam:RemoveUserFromGroup", q => (Group: q.Required("GroupName"), User: q.Required("UserName")),
            (r, _) => ResourceName.Named("group", r.Group), (r, c) => c.Core.Groups.RemoveUserAsync(c.Caller, r.Group, r.User));
}
