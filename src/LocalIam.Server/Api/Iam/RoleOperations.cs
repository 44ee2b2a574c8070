using System.Xml.Linq;
using LocalIam.Iam.Roles;
using static LocalIam.Aws.Query.QueryXml;

namespace LocalIam.Server.Api.Iam;

/// <summary>Role operations: CreateRole, GetRole, UpdateRole, UpdateAssumeRolePolicy, DeleteRole, ListRoles, tags, boundary.</summary>
internal static class RoleOperations
{
    public static void Register(OperationTable table) => table
        .Add("CreateRole", c => c.Arn("role", c.Query.Required("RoleName"), c.Query.Get("Path")), async c =>
        {
            var role = await c.Service<RoleService>().CreateAsync(c.Caller, c.Query.Required("RoleName"), c.Query.Required("AssumeRolePolicyDocument"),
                c.Query.Get("Path"), c.Query.Get("Description"), c.Query.GetInt("MaxSessionDuration"), c.Query.Get("PermissionsBoundary"), c.Tags());
            return [new XElement("Role", IamShapes.Role(role, c.Tags()))];
        }, (c, ctx) => { RequestParameters.AddTagKeys(c, ctx); RequestParameters.AddBoundary(c, ctx); })
        .Add("GetRole", c => ResourceName.Named("role", c.Query.Required("RoleName")), async c =>
        {
            var roles = c.Service<RoleService>();
            var role = await roles.GetAsync(c.Caller, c.Query.Required("RoleName"));
            return [new XElement("Role", IamShapes.Role(role, await roles.ListTagsAsync(c.Caller, role.Name)))];
        })
        .Add("UpdateRole", c => ResourceName.Named("role", c.Query.Required("RoleName")), async c =>
        {
            await c.Service<RoleService>().UpdateAsync(c.Caller, c.Query.Required("RoleName"), c.Query.Get("Description"), c.Query.GetInt("MaxSessionDuration"));

            // The only IAM operation whose model has an empty result: AWS sends <UpdateRoleResult/>, and clients expect it.
            return [];
        })
        .Add("UpdateRoleDescription", c => ResourceName.Named("role", c.Query.Required("RoleName")), async c =>
        {
            var role = await c.Service<RoleService>().UpdateAsync(c.Caller, c.Query.Required("RoleName"), c.Query.Required("Description"), null);
            return [new XElement("Role", IamShapes.Role(role))];
        })
        .AddVoid("UpdateAssumeRolePolicy", c => ResourceName.Named("role", c.Query.Required("RoleName")),
            c => c.Service<RoleService>().UpdateTrustPolicyAsync(c.Caller, c.Query.Required("RoleName"), c.Query.Required("PolicyDocument")))
        .AddVoid("DeleteRole", c => ResourceName.Named("role", c.Query.Required("RoleName")),
            c => c.Service<RoleService>().DeleteAsync(c.Caller, c.Query.Required("RoleName")))
        .Add("ListRoles", c => $"arn:aws:iam::{c.AccountId}:role{c.Query.Get("PathPrefix") ?? "/"}", async c =>
        {
            var page = await c.Service<RoleService>().ListAsync(c.Caller, c.Query.Get("PathPrefix"), c.Query.Get("Marker"), c.Query.GetInt("MaxItems"));
            return IamShapes.Page("Roles", page, r => IamShapes.Role(r));
        })
        .AddVoid("TagRole", c => ResourceName.Named("role", c.Query.Required("RoleName")),
            c => c.Service<RoleService>().TagAsync(c.Caller, c.Query.Required("RoleName"), c.Tags()), RequestParameters.AddTagKeys)
        .AddVoid("UntagRole", c => ResourceName.Named("role", c.Query.Required("RoleName")),
            c => c.Service<RoleService>().UntagAsync(c.Caller, c.Query.Required("RoleName"), c.Query.GetList("TagKeys")),
            (c, ctx) => ctx.SetList("aws:TagKeys", c.Query.GetList("TagKeys")))
        .Add("ListRoleTags", c => ResourceName.Named("role", c.Query.Required("RoleName")), async c =>
        {
            var tags = await c.Service<RoleService>().ListTagsAsync(c.Caller, c.Query.Required("RoleName"));
            return [Members("Tags", tags, t => [El("Key", t.Key), El("Value", t.Value)]), El("IsTruncated", false)!];
        })
        .AddVoid("PutRolePermissionsBoundary", c => ResourceName.Named("role", c.Query.Required("RoleName")),
            c => c.Service<RoleService>().PutPermissionsBoundaryAsync(c.Caller, c.Query.Required("RoleName"), c.Query.Required("PermissionsBoundary")),
            RequestParameters.AddBoundary)
        .AddVoid("DeleteRolePermissionsBoundary", c => ResourceName.Named("role", c.Query.Required("RoleName")),
            c => c.Service<RoleService>().DeletePermissionsBoundaryAsync(c.Caller, c.Query.Required("RoleName")));
}
