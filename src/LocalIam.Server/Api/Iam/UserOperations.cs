using System.Xml.Linq;
using LocalIam.Iam.Tags;
using LocalIam.Iam.Errors;
using LocalIam.Policy.Authorization;
using static LocalIam.Aws.Query.QueryXml;

namespace LocalIam.Server.Api.Iam;

/// <summary>User operations: CreateUser, GetUser, UpdateUser, DeleteUser, ListUsers, tags, permissions boundary.</summary>
internal static class UserOperations
{
    public static void Register(QueryTable table) => table
        .Add("CreateUser", "iam:CreateUser",
            q => (Name: q.Required("UserName"), Path: q.Get("Path"), Boundary: q.Get("PermissionsBoundary"), Tags: q.Tags()),
            (r, c) => c.Arn("user", r.Name, r.Path),
            async (r, c) =>
            {
                var user = await c.Core.Users.CreateAsync(c.Caller, r.Name, r.Path, r.Boundary, r.Tags);
                return [new XElement("User", IamShapes.User(user, r.Tags))];
            },
            (r, context) =>
            {
                RequestParameters.AddTagKeys(context, r.Tags);
                RequestParameters.AddBoundary(context, r.Boundary);
            })
        .Add("GetUser", "iam:GetUser", q => q.Get("UserName"), (name, c) => CallerUser.Resource(c, name), async (name, c) =>
        {
            if (name is null)
            {
                return c.Who.Principal.Kind switch
                {
                    PrincipalKind.User => [new XElement("User", IamShapes.User(await c.Core.Users.GetAsync(c.Caller, c.Who.Principal.Name)))],
                    PrincipalKind.Root => [new XElement("User", RootSelf(c))],
                    _ => throw IamErrors.UserNameRequired(),
                };
            }

            var user = await c.Core.Users.GetAsync(c.Caller, name);
            return [new XElement("User", IamShapes.User(user, await c.Core.Users.ListTagsAsync(c.Caller, name)))];
        })
        .AddVoid("UpdateUser", "iam:UpdateUser",
            q => (Name: q.Required("UserName"), NewName: q.Get("NewUserName"), NewPath: q.Get("NewPath")),
            (r, _) => ResourceName.Named("user", r.Name),
            (r, c) => c.Core.Users.UpdateAsync(c.Caller, r.Name, r.NewName, r.NewPath),
            // AWS's API reference: renaming or moving needs permission on the source and on the target.
            alsoAuthorize: (r, _) => [new("iam:UpdateUser", new ResourceName.RenameTarget("user", r.Name, r.NewName, r.NewPath))])
        .AddVoid("DeleteUser", "iam:DeleteUser", q => q.Required("UserName"), (name, _) => ResourceName.Named("user", name),
            (name, c) => c.Core.Users.DeleteAsync(c.Caller, name))
        .Add("ListUsers", "iam:ListUsers",
            q => (PathPrefix: q.Get("PathPrefix"), Marker: q.Get("Marker"), MaxItems: q.GetInt("MaxItems")),
            (r, c) => $"arn:aws:iam::{c.AccountId}:user{r.PathPrefix ?? "/"}",
            async (r, c) => IamShapes.Page("Users", await c.Core.Users.ListAsync(c.Caller, r.PathPrefix, r.Marker, r.MaxItems), u => IamShapes.User(u, view: ShapeView.Listed)))
        .AddVoid("TagUser", "iam:TagUser", q => (Name: q.Required("UserName"), Tags: q.Tags()), (r, _) => ResourceName.Named("user", r.Name),
            (r, c) => c.Core.Users.TagAsync(c.Caller, r.Name, r.Tags), (r, context) => RequestParameters.AddTagKeys(context, r.Tags))
        .AddVoid("UntagUser", "iam:UntagUser", q => (Name: q.Required("UserName"), Keys: q.GetList("TagKeys")), (r, _) => ResourceName.Named("user", r.Name),
            (r, c) => c.Core.Users.UntagAsync(c.Caller, r.Name, r.Keys), (r, context) => RequestParameters.AddUntagKeys(context, r.Keys))
        .Add("ListUserTags", "iam:ListUserTags", q => (Name: q.Required("UserName"), Marker: q.Get("Marker"), MaxItems: q.GetInt("MaxItems")),
            (r, _) => ResourceName.Named("user", r.Name),
            async (r, c) => IamShapes.TagPage(RecordTags.Page(await c.Core.Users.ListTagsAsync(c.Caller, r.Name), r.Marker, r.MaxItems)))
        .AddVoid("PutUserPermissionsBoundary", "iam:PutUserPermissionsBoundary",
            q => (Name: q.Required("UserName"), Boundary: q.Required("PermissionsBoundary")), (r, _) => ResourceName.Named("user", r.Name),
            (r, c) => c.Core.Users.PutPermissionsBoundaryAsync(c.Caller, r.Name, r.Boundary), (r, context) => RequestParameters.AddBoundary(context, r.Boundary))
        .AddVoid("DeleteUserPermissionsBoundary", "iam:DeleteUserPermissionsBoundary", q => q.Required("UserName"), (name, _) => ResourceName.Named("user", name),
            (name, c) => c.Core.Users.DeletePermissionsBoundaryAsync(c.Caller, name));

    /// <summary>GetUser without a name, called by root, describes the account's root user.</summary>
    private static IEnumerable<object?> RootSelf(IamCall call) =>
        [El("UserId", call.AccountId), El("Arn", call.Who.Principal.Arn), El("CreateDate", DateTime.UnixEpoch)];
}
