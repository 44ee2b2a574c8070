using System.Xml.Linq;
using LocalIam.Iam.Groups;
using static LocalIam.Aws.Query.QueryXml;

namespace LocalIam.Server.Api.Iam;

/// <summary>Group operations and membership.</summary>
internal static class GroupOperations
{
    public static void Register(OperationTable table) => table
        .Add("CreateGroup", c => c.Arn("group", c.Query.Required("GroupName"), c.Query.Get("Path")), async c =>
            [new XElement("Group", IamShapes.Group(await c.Service<GroupService>().CreateAsync(c.Caller, c.Query.Required("GroupName"), c.Query.Get("Path"))))])
        .Add("GetGroup", c => ResourceName.Named("group", c.Query.Required("GroupName")), async c =>
        {
            var (group, users) = await c.Service<GroupService>().GetAsync(c.Caller, c.Query.Required("GroupName"));
            return [new XElement("Group", IamShapes.Group(group)), Members("Users", users, u => IamShapes.User(u)), El("IsTruncated", false)!];
        })
        .AddVoid("UpdateGroup", c => ResourceName.Named("group", c.Query.Required("GroupName")),
            c => c.Service<GroupService>().UpdateAsync(c.Caller, c.Query.Required("GroupName"), c.Query.Get("NewGroupName"), c.Query.Get("NewPath")),
            // AWS's API reference: renaming or moving needs permission on the source and on the target.
            alsoAuthorize: c => [new("iam:UpdateGroup", new ResourceName.RenameTarget("group", c.Query.Required("GroupName"), c.Query.Get("NewGroupName"), c.Query.Get("NewPath")))])
        .AddVoid("DeleteGroup", c => ResourceName.Named("group", c.Query.Required("GroupName")),
            c => c.Service<GroupService>().DeleteAsync(c.Caller, c.Query.Required("GroupName")))
        .Add("ListGroups", c => $"arn:aws:iam::{c.AccountId}:group{c.Query.Get("PathPrefix") ?? "/"}", async c =>
        {
            var page = await c.Service<GroupService>().ListAsync(c.Caller, c.Query.Get("PathPrefix"), c.Query.Get("Marker"), c.Query.GetInt("MaxItems"));
            return IamShapes.Page("Groups", page, IamShapes.Group);
        })
        .Add("ListGroupsForUser", c => ResourceName.Named("user", c.Query.Required("UserName")), async c =>
        {
            var groups = await c.Service<GroupService>().ListForUserAsync(c.Caller, c.Query.Required("UserName"));
            return [Members("Groups", groups, IamShapes.Group), El("IsTruncated", false)!];
        })
        .AddVoid("AddUserToGroup", c => ResourceName.Named("group", c.Query.Required("GroupName")),
            c => c.Service<GroupService>().AddUserAsync(c.Caller, c.Query.Required("GroupName"), c.Query.Required("UserName")))
        .AddVoid("RemoveUserFromGroup", c => ResourceName.Named("group", c.Query.Required("GroupName")),
            c => c.Service<GroupService>().RemoveUserAsync(c.Caller, c.Query.Required("GroupName"), c.Query.Required("UserName")));
}
