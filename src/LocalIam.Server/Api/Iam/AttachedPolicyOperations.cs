using LocalIam.Aws;
using LocalIam.Storage.Entities;
using static LocalIam.Aws.Query.QueryXml;

namespace LocalIam.Server.Api.Iam;

/// <summary>
/// Managed policies attached to users, groups and roles, and their inline policies: eight
/// operations for each kind of identity, one row each, sharing the handlers below.
/// </summary>
internal static class AttachedPolicyOperations
{
    public static void Register(QueryTable table) => table
        .AddVoid("AttachUserPolicy", "iam:AttachUserPolicy", Attachment("UserName"), (r, _) => User(r.Owner), (r, c) => AttachAsync(c, OwnerKind.User, r), PolicyArn)
        .AddVoid("AttachGroupPolicy", "iam:AttachGroupPolicy", Attachment("GroupName"), (r, _) => Group(r.Owner), (r, c) => AttachAsync(c, OwnerKind.Group, r), PolicyArn)
        .AddVoid("AttachRolePolicy", "iam:AttachRolePolicy", Attachment("RoleName"), (r, _) => Role(r.Owner), (r, c) => AttachAsync(c, OwnerKind.Role, r), PolicyArn)
        .AddVoid("DetachUserPolicy", "iam:DetachUserPolicy", Attachment("UserName"), (r, _) => User(r.Owner), (r, c) => DetachAsync(c, OwnerKind.User, r), PolicyArn)
        .AddVoid("DetachGroupPolicy", "iam:DetachGroupPolicy", Attachment("GroupName"), (r, _) => Group(r.Owner), (r, c) => DetachAsync(c, OwnerKind.Group, r), PolicyArn)
        .AddVoid("DetachRolePolicy", "iam:DetachRolePolicy", Attachment("RoleName"), (r, _) => Role(r.Owner), (r, c) => DetachAsync(c, OwnerKind.Role, r), PolicyArn)
        .Add("ListAttachedUserPolicies", "iam:ListAttachedUserPolicies", q => q.Required("UserName"), (name, _) => User(name), (name, c) => ListAttachedAsync(c, OwnerKind.User, name))
        .Add("ListAttachedGroupPolicies", "iam:ListAttachedGroupPolicies", q => q.Required("GroupName"), (name, _) => Group(name), (name, c) => ListAttachedAsync(c, OwnerKind.Group, name))
        .Add("ListAttachedRolePolicies", "iam:ListAttachedRolePolicies", q => q.Required("RoleName"), (name, _) => Role(name), (name, c) => ListAttachedAsync(c, OwnerKind.Role, name))
        .AddVoid("PutUserPolicy", "iam:PutUserPolicy", Inline("UserName", withDocument: true), (r, _) => User(r.Owner), (r, c) => PutAsync(c, OwnerKind.User, r))
        .AddVoid("PutGroupPolicy", "iam:PutGroupPolicy", Inline("GroupName", withDocument: true), (r, _) => Group(r.Owner), (r, c) => PutAsync(c, OwnerKind.Group, r))
        .AddVoid("PutRolePolicy", "iam:PutRolePolicy", Inline("RoleName", withDocument: true), (r, _) => Role(r.Owner), (r, c) => PutAsync(c, OwnerKind.Role, r))
        .Add("GetUserPolicy", "iam:GetUserPolicy", Inline("UserName"), (r, _) => User(r.Owner), (r, c) => GetAsync(c, OwnerKind.User, "UserName", r))
        .Add("GetGroupPolicy", "iam:GetGroupPolicy", Inline("GroupName"), (r, _) => Group(r.Owner), (r, c) => GetAsync(c, OwnerKind.Group, "GroupName", r))
        .Add("GetRolePolicy", "iam:GetRolePolicy", Inline("RoleName"), (r, _) => Role(r.Owner), (r, c) => GetAsync(c, OwnerKind.Role, "RoleName", r))
        .AddVoid("DeleteUserPolicy", "iam:DeleteUserPolicy", Inline("UserName"), (r, _) => User(r.Owner), (r, c) => DeleteAsync(c, OwnerKind.User, r))
        .AddVoid("DeleteGroupPolicy", "iam:DeleteGroupPolicy", Inline("GroupName"), (r, _) => Group(r.Owner), (r, c) => DeleteAsync(c, OwnerKind.Group, r))
        .AddVoid("DeleteRolePolicy", "iam:DeleteRolePolicy", Inline("RoleName"), (r, _) => Role(r.Owner), (r, c) => DeleteAsync(c, OwnerKind.Role, r))
        .Add("ListUserPolicies", "iam:ListUserPolicies", q => q.Required("UserName"), (name, _) => User(name), (name, c) => ListInlineAsync(c, OwnerKind.User, name))
        .Add("ListGroupPolicies", "iam:ListGroupPolicies", q => q.Required("GroupName"), (name, _) => Group(name), (name, c) => ListInlineAsync(c, OwnerKind.Group, name))
        .Add("ListRolePolicies", "iam:ListRolePolicies", q => q.Required("RoleName"), (name, _) => Role(name), (name, c) => ListInlineAsync(c, OwnerKind.Role, name));

    private sealed record AttachmentRequest(string Owner, string PolicyArn);

    private sealed record InlineRequest(string Owner, string PolicyName, string? Document);

    private static Func<IRequestParameters, AttachmentRequest> Attachment(string ownerParameter) =>
        q => new AttachmentRequest(q.Required(ownerParameter), q.Required("PolicyArn"));

    private static Func<IRequestParameters, InlineRequest> Inline(string ownerParameter, bool withDocument = false) =>
        q => new InlineRequest(q.Required(ownerParameter), q.Required("PolicyName"), withDocument ? q.Required("PolicyDocument") : null);

    private static ResourceName User(string name) => ResourceName.Named("user", name);

    private static ResourceName Group(string name) => ResourceName.Named("group", name);

    private static ResourceName Role(string name) => ResourceName.Named("role", name);

    /// <summary><c>iam:PolicyARN</c>, the key AWS sets for attaching and detaching.</summary>
    private static void PolicyArn(AttachmentRequest request, LocalIam.Policy.Evaluation.RequestContext context) =>
        RequestParameters.AddPolicyArn(context, request.PolicyArn);

    private static Task AttachAsync(IamCall c, OwnerKind kind, AttachmentRequest r) => c.Core.Attachments.AttachAsync(c.Caller, kind, r.Owner, r.PolicyArn);

    private static Task DetachAsync(IamCall c, OwnerKind kind, AttachmentRequest r) => c.Core.Attachments.DetachAsync(c.Caller, kind, r.Owner, r.PolicyArn);

    private static async Task<IEnumerable<object>?> ListAttachedAsync(IamCall c, OwnerKind kind, string owner)
    {
        var policies = await c.Core.Attachments.ListAttachedAsync(c.Caller, kind, owner);
        return [Members("AttachedPolicies", policies, p => [El("PolicyName", p.Name), El("PolicyArn", p.Arn)]), El("IsTruncated", false)!];
    }

    private static Task PutAsync(IamCall c, OwnerKind kind, InlineRequest r) => c.Core.InlinePolicies.PutAsync(c.Caller, kind, r.Owner, r.PolicyName, r.Document!);

    private static async Task<IEnumerable<object>?> GetAsync(IamCall c, OwnerKind kind, string ownerElement, InlineRequest r)
    {
        var policy = await c.Core.InlinePolicies.GetAsync(c.Caller, kind, r.Owner, r.PolicyName);
        return [El(ownerElement, r.Owner)!, El("PolicyName", policy.Name)!, El("PolicyDocument", Uri.EscapeDataString(policy.Document))!];
    }

    private static Task DeleteAsync(IamCall c, OwnerKind kind, InlineRequest r) => c.Core.InlinePolicies.DeleteAsync(c.Caller, kind, r.Owner, r.PolicyName);

    private static async Task<IEnumerable<object>?> ListInlineAsync(IamCall c, OwnerKind kind, string owner) =>
        [StringMembers("PolicyNames", await c.Core.InlinePolicies.ListAsync(c.Caller, kind, owner)), El("IsTruncated", false)!];
}
