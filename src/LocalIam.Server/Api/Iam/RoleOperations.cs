using System.Xml.Linq;
using LocalIam.Iam.Tags;

namespace LocalIam.Server.Api.Iam;

/// <summary>Role operations: CreateRole, GetRole, UpdateRole, UpdateAssumeRolePolicy, DeleteRole, ListRoles, tags, boundary.</summary>
internal static class RoleOperations
{
    public static void Register(QueryTable table) => table
        .Add("CreateRole", "iam:CreateRole",
            q => (Name: q.Required("RoleName"), Trust: q.Required("AssumeRolePolicyDocument"), Path: q.Get("Path"), Description: q.Get("Description"),
                MaxSession: q.GetInt("MaxSessionDuration"), Boundary: q.Get("PermissionsBoundary"), Tags: q.Tags()),
            (r, c) => c.Arn("role", r.Name, r.Path),
            async (r, c) =>
            {
                var role = await c.Core.Roles.CreateAsync(c.Caller, r.Name, r.Trust, r.Path, r.Description, r.MaxSession, r.Boundary, r.Tags);
                return [new XElement("Role", IamShapes.Role(role, r.Tags, ShapeView.Created))];
            },
            (r, context) =>
            {
                RequestParameters.AddTagKeys(context, r.Tags);
                RequestParameters.AddBoundary(context, r.Boundary);
            })
        .Add("GetRole", "iam:GetRole", q => q.Required("RoleName"), (name, _) => ResourceName.Named("role", name), async (name, c) =>
        {
            var role = await c.Core.Roles.GetAsync(c.Caller, name);
            var lastUsed = await c.Core.LastAccessed.RoleLastUsedAsync([role]);
            return [new XElement("Role", IamShapes.Role(role, await c.Core.Roles.ListTagsAsync(c.Caller, role.Name), lastUsed: lastUsed[role.Id]))];
        })
        .Add("UpdateRole", "iam:UpdateRole",
            q => (Name: q.Required("RoleName"), Description: q.Get("Description"), MaxSession: q.GetInt("MaxSessionDuration")),
            (r, _) => ResourceName.Named("role", r.Name),
            async (r, c) =>
            {
                await c.Core.Roles.UpdateAsync(c.Caller, r.Name, r.Description, r.MaxSession);

                // The only IAM operation whose model has an empty result: AWS sends <UpdateRoleResult/>, and clients expect it.
                return [];
            })
        .Add("UpdateRoleDescription", "iam:UpdateRoleDescription", q => (Name: q.Required("RoleName"), Description: q.Required("Description")),
            (r, _) => ResourceName.Named("role", r.Name),
            async (r, c) => [new XElement("Role", IamShapes.Role(await c.Core.Roles.UpdateAsync(c.Caller, r.Name, r.Description, null)))])
        .AddVoid("UpdateAssumeRolePolicy", "iam:UpdateAssumeRolePolicy", q => (Name: q.Required("RoleName"), Document: q.Required("PolicyDocument")),
            (r, _) => ResourceName.Named("role", r.Name), (r, c) => c.Core.Roles.UpdateTrustPolicyAsync(c.Caller, r.Name, r.Document))
        .AddVoid("DeleteRole", "iam:DeleteRole", q => q.Required("RoleName"), (name, _) => ResourceName.Named("role", name),
            (name, c) => c.Core.Roles.DeleteAsync(c.Caller, name))
        .Add("ListRoles", "iam:ListRoles",
            q => (PathPrefix: q.Get("PathPrefix"), Marker: q.Get("Marker"), MaxItems: q.GetInt("MaxItems")),
            (r, c) => $"arn:aws:iam::{c.AccountId}:role{r.PathPrefix ?? "/"}",
            async (r, c) => IamShapes.Page("Roles", await c.Core.Roles.ListAsync(c.Caller, r.PathPrefix, r.Marker, r.MaxItems), role => IamShapes.Role(role, view: ShapeView.Listed)))
        .AddVoid("TagRole", "iam:TagRole", q => (Name: q.Required("RoleName"), Tags: q.Tags()), (r, _) => ResourceName.Named("role", r.Name),
            (r, c) => c.Core.Roles.TagAsync(c.Caller, r.Name, r.Tags), (r, context) => RequestParameters.AddTagKeys(context, r.Tags))
        .AddVoid("UntagRole", "iam:UntagRole", q => (Name: q.Required("RoleName"), Keys: q.GetList("TagKeys")), (r, _) => ResourceName.Named("role", r.Name),
            (r, c) => c.Core.Roles.UntagAsync(c.Caller, r.Name, r.Keys), (r, context) => RequestParameters.AddUntagKeys(context, r.Keys))
        .Add("ListRoleTags", "iam:ListRoleTags", q => (Name: q.Required("RoleName"), Marker: q.Get("Marker"), MaxItems: q.GetInt("MaxItems")),
            (r, _) => ResourceName.Named("role", r.Name),
            async (r, c) => IamShapes.TagPage(RecordTags.Page(await c.Core.Roles.ListTagsAsync(c.Caller, r.Name), r.Marker, r.MaxItems)))
        .AddVoid("PutRolePermissionsBoundary", "iam:PutRolePermissionsBoundary",
            q => (Name: q.Required("RoleName"), Boundary: q.Required("PermissionsBoundary")), (r, _) => ResourceName.Named("role", r.Name),
            (r, c) => c.Core.Roles.PutPermissionsBoundaryAsync(c.Caller, r.Name, r.Boundary), (r, context) => RequestParameters.AddBoundary(context, r.Boundary))
        .AddVoid("DeleteRolePermissionsBoundary", "iam:DeleteRolePermissionsBoundary", q => q.Required("RoleName"), (name, _) => ResourceName.Named("role", name),
            (name, c) => c.Core.Roles.DeletePermissionsBoundaryAsync(c.Caller, name));
}
