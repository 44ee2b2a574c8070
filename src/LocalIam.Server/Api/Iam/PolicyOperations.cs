using System.Xml.Linq;
using LocalIam.Iam.Policies;
using LocalIam.Storage.Entities;
using static LocalIam.Aws.Query.QueryXml;

namespace LocalIam.Server.Api.Iam;

/// <summary>Managed policies and versions, attachments, and inline policies of users, groups and roles.</summary>
internal static class PolicyOperations
{
    public static void Register(OperationTable table)
    {
        table
            .Add("CreatePolicy", c => c.Arn("policy", c.Query.Required("PolicyName"), c.Query.Get("Path")), async c =>
            {
                var policy = await c.Service<ManagedPolicyService>().CreateAsync(c.Caller, c.Query.Required("PolicyName"), c.Query.Required("PolicyDocument"),
                    c.Query.Get("Path"), c.Query.Get("Description"), c.Tags());
                return [new XElement("Policy", IamShapes.Policy(policy, 0, c.Tags()))];
            }, RequestParameters.AddTagKeys)
            .Add("GetPolicy", c => c.Query.Required("PolicyArn"), async c =>
            {
                var policies = c.Service<ManagedPolicyService>();
                var policy = await policies.GetAsync(c.Caller, c.Query.Required("PolicyArn"));
                return [new XElement("Policy", IamShapes.Policy(policy, await policies.AttachmentCountAsync(c.Caller, policy.Id)))];
            })
            .AddVoid("DeletePolicy", c => c.Query.Required("PolicyArn"), c => c.Service<ManagedPolicyService>().DeleteAsync(c.Caller, c.Query.Required("PolicyArn")))
            .Add("ListPolicies", c => "*", async c =>
            {
                var scope = c.Query.Get("Scope") switch { "AWS" => PolicyScope.Aws, "Local" => PolicyScope.Local, _ => PolicyScope.All };
                var policies = c.Service<ManagedPolicyService>();
                var page = await policies.ListAsync(c.Caller, scope, c.Query.GetBool("OnlyAttached") ?? false, c.Query.Get("PathPrefix"), c.Query.Get("Marker"), c.Query.GetInt("MaxItems"));
                var counts = await policies.AttachmentCountsAsync(c.Caller, [.. page.Items.Select(p => p.Id)]);
                return IamShapes.Page("Policies", page, p => IamShapes.Policy(p, counts[p.Id]));
            })
            .Add("CreatePolicyVersion", c => c.Query.Required("PolicyArn"), async c =>
            {
                var policies = c.Service<ManagedPolicyService>();
                var setAsDefault = c.Query.GetBool("SetAsDefault") ?? false;
                var version = await policies.CreateVersionAsync(c.Caller, c.Query.Required("PolicyArn"), c.Query.Required("PolicyDocument"), setAsDefault);
                return [new XElement("PolicyVersion", El("VersionId", version.VersionId), El("IsDefaultVersion", setAsDefault), El("CreateDate", version.CreatedAt))];
            })
            .Add("GetPolicyVersion", c => c.Query.Required("PolicyArn"), async c =>
            {
                var policies = c.Service<ManagedPolicyService>();
                var policy = await policies.GetAsync(c.Caller, c.Query.Required("PolicyArn"));
                var version = await policies.GetVersionAsync(c.Caller, policy.Arn, c.Query.Required("VersionId"));
                return [new XElement("PolicyVersion", IamShapes.PolicyVersion(version, policy.DefaultVersionId))];
            })
            .Add("ListPolicyVersions", c => c.Query.Required("PolicyArn"), async c =>
            {
                var policies = c.Service<ManagedPolicyService>();
                var policy = await policies.GetAsync(c.Caller, c.Query.Required("PolicyArn"));
                var versions = await policies.ListVersionsAsync(c.Caller, policy.Arn);
                return [Members("Versions", versions, v => [El("VersionId", v.VersionId), El("IsDefaultVersion", v.VersionId == policy.DefaultVersionId), El("CreateDate", v.CreatedAt)]), El("IsTruncated", false)!];
            })
            .AddVoid("DeletePolicyVersion", c => c.Query.Required("PolicyArn"),
                c => c.Service<ManagedPolicyService>().DeleteVersionAsync(c.Caller, c.Query.Required("PolicyArn"), c.Query.Required("VersionId")))
            .AddVoid("SetDefaultPolicyVersion", c => c.Query.Required("PolicyArn"),
                c => c.Service<ManagedPolicyService>().SetDefaultVersionAsync(c.Caller, c.Query.Required("PolicyArn"), c.Query.Required("VersionId")))
            .Add("ListEntitiesForPolicy", c => c.Query.Required("PolicyArn"), async c =>
            {
                var entities = await c.Service<AttachmentService>().ListEntitiesAsync(c.Caller, c.Query.Required("PolicyArn"));
                return
                [
                    Members("PolicyGroups", entities.Where(e => e.Kind == OwnerKind.Group), e => [El("GroupName", e.Name), El("GroupId", e.Id)]),
                    Members("PolicyUsers", entities.Where(e => e.Kind == OwnerKind.User), e => [El("UserName", e.Name), El("UserId", e.Id)]),
                    Members("PolicyRoles", entities.Where(e => e.Kind == OwnerKind.Role), e => [El("RoleName", e.Name), El("RoleId", e.Id)]),
                    El("IsTruncated", false)!,
                ];
            });

        foreach (var kind in new[] { OwnerKind.User, OwnerKind.Group, OwnerKind.Role })
        {
            RegisterFor(table, kind);
        }
    }

    /// <summary>Attach/Detach/ListAttached and Put/Get/Delete/List inline policies for one kind of identity.</summary>
    private static void RegisterFor(OperationTable table, OwnerKind kind)
    {
        var name = kind.ToString();
        var nameParameter = $"{name}Name";
        ResourceName Owner(IamCall c) => IamCall.Entity(name.ToLowerInvariant(), c.Query.Required(nameParameter));

        table
            .AddVoid($"Attach{name}Policy", Owner,
                c => c.Service<AttachmentService>().AttachAsync(c.Caller, kind, c.Query.Required(nameParameter), c.Query.Required("PolicyArn")), RequestParameters.AddPolicyArn)
            .AddVoid($"Detach{name}Policy", Owner,
                c => c.Service<AttachmentService>().DetachAsync(c.Caller, kind, c.Query.Required(nameParameter), c.Query.Required("PolicyArn")), RequestParameters.AddPolicyArn)
            .Add($"ListAttached{name}Policies", Owner, async c =>
            {
                var policies = await c.Service<AttachmentService>().ListAttachedAsync(c.Caller, kind, c.Query.Required(nameParameter));
                return [Members("AttachedPolicies", policies, p => [El("PolicyName", p.Name), El("PolicyArn", p.Arn)]), El("IsTruncated", false)!];
            })
            .AddVoid($"Put{name}Policy", Owner,
                c => c.Service<InlinePolicyService>().PutAsync(c.Caller, kind, c.Query.Required(nameParameter), c.Query.Required("PolicyName"), c.Query.Required("PolicyDocument")))
            .Add($"Get{name}Policy", Owner, async c =>
            {
                var policy = await c.Service<InlinePolicyService>().GetAsync(c.Caller, kind, c.Query.Required(nameParameter), c.Query.Required("PolicyName"));
                return [El(nameParameter, c.Query.Required(nameParameter))!, El("PolicyName", policy.Name)!, El("PolicyDocument", Uri.EscapeDataString(policy.Document))!];
            })
            .AddVoid($"Delete{name}Policy", Owner,
                c => c.Service<InlinePolicyService>().DeleteAsync(c.Caller, kind, c.Query.Required(nameParameter), c.Query.Required("PolicyName")))
            .Add($"List{name}Policies", Owner, async c =>
            {
                var names = await c.Service<InlinePolicyService>().ListAsync(c.Caller, kind, c.Query.Required(nameParameter));
                return [StringMembers("PolicyNames", names), El("IsTruncated", false)!];
            });
    }
}
