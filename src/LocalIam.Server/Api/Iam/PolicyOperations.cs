using System.Xml.Linq;
using LocalIam.Iam.Policies;
using LocalIam.Storage.Entities;
using static LocalIam.Aws.Query.QueryXml;

namespace LocalIam.Server.Api.Iam;

/// <summary>Managed policies and their versions.</summary>
internal static class PolicyOperations
{
    public static void Register(QueryTable table) => table
        .Add("CreatePolicy", "iam:CreatePolicy",
            q => (Name: q.Required("PolicyName"), Document: q.Required("PolicyDocument"), Path: q.Get("Path"), Description: q.Get("Description"), Tags: q.Tags()),
            (r, c) => c.Arn("policy", r.Name, r.Path),
            async (r, c) =>
            {
                var policy = await c.Core.Policies.CreateAsync(c.Caller, r.Name, r.Document, r.Path, r.Description, r.Tags);
                return [new XElement("Policy", IamShapes.Policy(policy, 0, r.Tags, ShapeView.Created))];
            },
            (r, context) => RequestParameters.AddTagKeys(context, r.Tags))
        .Add("GetPolicy", "iam:GetPolicy", q => q.Required("PolicyArn"), (arn, _) => arn, async (arn, c) =>
        {
            var policy = await c.Core.Policies.GetAsync(c.Caller, arn);
            return [new XElement("Policy", IamShapes.Policy(policy, await c.Core.Policies.AttachmentCountAsync(c.Caller, policy.Id), await c.Core.Policies.ListTagsAsync(c.Caller, policy.Arn)))];
        })
        .AddVoid("DeletePolicy", "iam:DeletePolicy", q => q.Required("PolicyArn"), (arn, _) => arn, (arn, c) => c.Core.Policies.DeleteAsync(c.Caller, arn))
        .Add("ListPolicies", "iam:ListPolicies",
            q => (Scope: q.Get("Scope"), OnlyAttached: q.GetBool("OnlyAttached"), PathPrefix: q.Get("PathPrefix"), Marker: q.Get("Marker"), MaxItems: q.GetInt("MaxItems")),
            (_, _) => "*",
            async (r, c) =>
            {
                var scope = r.Scope switch { "AWS" => PolicyScope.Aws, "Local" => PolicyScope.Local, _ => PolicyScope.All };
                var page = await c.Core.Policies.ListAsync(c.Caller, scope, r.OnlyAttached ?? false, r.PathPrefix, r.Marker, r.MaxItems);
                var counts = await c.Core.Policies.AttachmentCountsAsync(c.Caller, [.. page.Items.Select(p => p.Id)]);
                return IamShapes.Page("Policies", page, p => IamShapes.Policy(p, counts[p.Id], view: ShapeView.Listed));
            })
        .Add("CreatePolicyVersion", "iam:CreatePolicyVersion",
            q => (Arn: q.Required("PolicyArn"), Document: q.Required("PolicyDocument"), SetAsDefault: q.GetBool("SetAsDefault") ?? false),
            (r, _) => r.Arn,
            async (r, c) =>
            {
                var version = await c.Core.Policies.CreateVersionAsync(c.Caller, r.Arn, r.Document, r.SetAsDefault);
                return [new XElement("PolicyVersion", El("VersionId", version.VersionId), El("IsDefaultVersion", r.SetAsDefault), El("CreateDate", version.CreatedAt))];
            })
        .Add("GetPolicyVersion", "iam:GetPolicyVersion", q => (Arn: q.Required("PolicyArn"), VersionId: q.Required("VersionId")), (r, _) => r.Arn, async (r, c) =>
        {
            var policy = await c.Core.Policies.GetAsync(c.Caller, r.Arn);
            var version = await c.Core.Policies.GetVersionAsync(c.Caller, policy.Arn, r.VersionId);
            return [new XElement("PolicyVersion", IamShapes.PolicyVersion(version, policy.DefaultVersionId))];
        })
        .Add("ListPolicyVersions", "iam:ListPolicyVersions", q => q.Required("PolicyArn"), (arn, _) => arn, async (arn, c) =>
        {
            var policy = await c.Core.Policies.GetAsync(c.Caller, arn);
            var versions = await c.Core.Policies.ListVersionsAsync(c.Caller, policy.Arn);
            return [Members("Versions", versions, v => [El("VersionId", v.VersionId), El("IsDefaultVersion", v.VersionId == policy.DefaultVersionId), El("CreateDate", v.CreatedAt)]), El("IsTruncated", false)!];
        })
        .AddVoid("DeletePolicyVersion", "iam:DeletePolicyVersion", q => (Arn: q.Required("PolicyArn"), VersionId: q.Required("VersionId")), (r, _) => r.Arn,
            (r, c) => c.Core.Policies.DeleteVersionAsync(c.Caller, r.Arn, r.VersionId))
        .AddVoid("SetDefaultPolicyVersion", "iam:SetDefaultPolicyVersion", q => (Arn: q.Required("PolicyArn"), VersionId: q.Required("VersionId")), (r, _) => r.Arn,
            (r, c) => c.Core.Policies.SetDefaultVersionAsync(c.Caller, r.Arn, r.VersionId))
        .Add("ListEntitiesForPolicy", "iam:ListEntitiesForPolicy", q => (Arn: q.Required("PolicyArn"), Filter: q.Get("EntityFilter")), (r, _) => r.Arn, async (r, c) =>
        {
            var entities = await c.Core.Attachments.ListEntitiesAsync(c.Caller, r.Arn);

            // User, Group or Role keeps that kind; no filter, LocalManagedPolicy or AWSManagedPolicy keeps all (docs/api.md).
            bool Kept(OwnerKind kind) => r.Filter is not ("User" or "Group" or "Role") || r.Filter == kind.ToString();
            return
            [
                Members("PolicyGroups", entities.Where(e => e.Kind == OwnerKind.Group && Kept(e.Kind)), e => [El("GroupName", e.Name), El("GroupId", e.Id)]),
                Members("PolicyUsers", entities.Where(e => e.Kind == OwnerKind.User && Kept(e.Kind)), e => [El("UserName", e.Name), El("UserId", e.Id)]),
                Members("PolicyRoles", entities.Where(e => e.Kind == OwnerKind.Role && Kept(e.Kind)), e => [El("RoleName", e.Name), El("RoleId", e.Id)]),
                El("IsTruncated", false)!,
            ];
        });
}
