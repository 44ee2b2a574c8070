using System.Xml.Linq;
using LocalIam.Iam.ServiceLinkedRoles;
using static LocalIam.Aws.Query.QueryXml;

namespace LocalIam.Server.Api.Iam;

/// <summary>Service-linked roles: CreateServiceLinkedRole, DeleteServiceLinkedRole, GetServiceLinkedRoleDeletionStatus.</summary>
internal static class ServiceLinkedRoleOperations
{
    public static void Register(QueryTable table) => table
        .Add("CreateServiceLinkedRole", "iam:CreateServiceLinkedRole",
            q => (Service: q.Required("AWSServiceName"), Description: q.Get("Description"), Suffix: q.Get("CustomSuffix")),
            // The role it would make, as AWS authorizes it, with the service in iam:AWSServiceName.
            (r, c) => c.Arn("role", ServiceLinkedRoleService.RoleName(r.Service, r.Suffix), ServiceLinkedRoleService.RolePath(r.Service)),
            async (r, c) =>
            {
                var role = await c.Core.ServiceLinkedRoles.CreateAsync(c.Caller, r.Service, r.Description, r.Suffix);
                return [new XElement("Role", IamShapes.Role(role, view: ShapeView.Created))];
            },
            (r, context) => context.Set("iam:AWSServiceName", r.Service))
        .Add("DeleteServiceLinkedRole", "iam:DeleteServiceLinkedRole", q => q.Required("RoleName"), (name, _) => ResourceName.Named("role", name),
            async (name, c) => [El("DeletionTaskId", await c.Core.ServiceLinkedRoles.DeleteAsync(c.Caller, name))!])
        .Add("GetServiceLinkedRoleDeletionStatus", "iam:GetServiceLinkedRoleDeletionStatus", q => q.Required("DeletionTaskId"),
            (id, c) => ServiceLinkedRoleService.ParseTaskId(id) is { } task ? c.Arn("role", task.RoleName, ServiceLinkedRoleService.RolePath(task.Service)) : "*",
            async (id, c) =>
            {
                var task = await c.Core.ServiceLinkedRoles.GetDeletionStatusAsync(c.Caller, id);
                return [El("Status", task.Status)!, .. task.Reason is null ? Array.Empty<object>() : [new XElement("Reason", El("Reason", task.Reason))]];
            });
}
