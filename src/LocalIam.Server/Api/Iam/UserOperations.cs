using LocalIam.Iam.Users;
using LocalIam.Policy.Authorization;
using static LocalIam.Aws.Query.QueryXml;

namespace LocalIam.Server.Api.Iam;

/// <summary>User operations: CreateUser, GetUser, UpdateUser, DeleteUser, ListUsers, tags, permissions boundary.</summary>
internal static class UserOperations
{
    public static void Register(OperationTable table) => table
        .Add("CreateUser", c => c.Arn("user", c.Query.Required("UserName"), c.Query.Get("Path")), async c =>
        {
            var user = await c.Service<UserService>().CreateAsync(c.Caller, c.Query.Required("UserName"), c.Query.Get("Path"), c.Query.Get("PermissionsBoundary"), c.Tags());
            return [new System.Xml.Linq.XElement("User", IamShapes.User(user, c.Tags()))];
        }, (c, ctx) => { RequestParameters.AddTagKeys(c, ctx); RequestParameters.AddBoundary(c, ctx); })
        .Add("GetUser", c => UserResource(c, c.Query.Get("UserName")), async c =>
        {
            var users = c.Service<UserService>();
            if (c.Query.Get("UserName") is not { } name)
            {
                return c.Who.Principal.Kind switch
                {
                    PrincipalKind.User => [new System.Xml.Linq.XElement("User", IamShapes.User(await users.GetAsync(c.Caller, c.Who.Principal.Name)))],
                    PrincipalKind.Root => [new System.Xml.Linq.XElement("User", RootSelf(c))],
                    _ => throw LocalIam.Iam.Errors.IamErrors.UserNameRequired(),
                };
            }

            var user = await users.GetAsync(c.Caller, name);
            return [new System.Xml.Linq.XElement("User", IamShapes.User(user, await users.ListTagsAsync(c.Caller, name)))];
        })
        .AddVoid("UpdateUser", c => UserResource(c, c.Query.Required("UserName")),
            c => c.Service<UserService>().UpdateAsync(c.Caller, c.Query.Required("UserName"), c.Query.Get("NewUserName"), c.Query.Get("NewPath")),
            // AWS's API reference: renaming or moving needs permission on the source and on the target.
            alsoAuthorize: c => [new("iam:UpdateUser", new ResourceName.RenameTarget("user", c.Query.Required("UserName"), c.Query.Get("NewUserName"), c.Query.Get("NewPath")))])
        .AddVoid("DeleteUser", c => UserResource(c, c.Query.Required("UserName")),
            c => c.Service<UserService>().DeleteAsync(c.Caller, c.Query.Required("UserName")))
        .Add("ListUsers", c => $"arn:aws:iam::{c.AccountId}:user{c.Query.Get("PathPrefix") ?? "/"}", async c =>
        {
            var page = await c.Service<UserService>().ListAsync(c.Caller, c.Query.Get("PathPrefix"), c.Query.Get("Marker"), c.Query.GetInt("MaxItems"));
            return IamShapes.Page("Users", page, u => IamShapes.User(u));
        })
        .AddVoid("TagUser", c => UserResource(c, c.Query.Required("UserName")),
            c => c.Service<UserService>().TagAsync(c.Caller, c.Query.Required("UserName"), c.Tags()), RequestParameters.AddTagKeys)
        .AddVoid("UntagUser", c => UserResource(c, c.Query.Required("UserName")),
            c => c.Service<UserService>().UntagAsync(c.Caller, c.Query.Required("UserName"), c.Query.GetList("TagKeys")),
            (c, ctx) => ctx.SetList("aws:TagKeys", c.Query.GetList("TagKeys")))
        .Add("ListUserTags", c => UserResource(c, c.Query.Required("UserName")), async c =>
        {
            var tags = await c.Service<UserService>().ListTagsAsync(c.Caller, c.Query.Required("UserName"));
            return [Members("Tags", tags, t => [El("Key", t.Key), El("Value", t.Value)]), El("IsTruncated", false)!];
        })
        .AddVoid("PutUserPermissionsBoundary", c => UserResource(c, c.Query.Required("UserName")),
            c => c.Service<UserService>().PutPermissionsBoundaryAsync(c.Caller, c.Query.Required("UserName"), c.Query.Required("PermissionsBoundary")),
            RequestParameters.AddBoundary)
        .AddVoid("DeleteUserPermissionsBoundary", c => UserResource(c, c.Query.Required("UserName")),
            c => c.Service<UserService>().DeletePermissionsBoundaryAsync(c.Caller, c.Query.Required("UserName")));

    /// <summary>The user a call is about: the named one, or the caller itself when no name is given.</summary>
    public static ResourceName UserResource(IamCall call, string? userName) =>
        userName is null ? call.Who.Principal.Arn : ResourceName.Named("user", userName);

    /// <summary>GetUser without a name, called by root, describes the account's root user.</summary>
    private static IEnumerable<object?> RootSelf(IamCall call) =>
        [El("UserId", call.AccountId), El("Arn", call.Who.Principal.Arn), El("CreateDate", DateTime.UnixEpoch)];
}
