using System.Xml.Linq;
using LocalIam.Iam.Errors;
using LocalIam.Policy.Authorization;
using LocalIam.Storage.Entities;
using static LocalIam.Aws.Query.QueryXml;

namespace LocalIam.Server.Api.Iam;

/// <summary>Access keys and console passwords (login profiles, ChangePassword).</summary>
internal static class CredentialOperations
{
    public static void Register(QueryTable table) => table
        .Add("CreateAccessKey", "iam:CreateAccessKey", q => q.Get("UserName"), (name, c) => CallerUser.Resource(c, name), async (name, c) =>
        {
            var created = await c.Core.AccessKeys.CreateAsync(c.Caller, CallerUser.NamedOrRoot(c, name));
            var key = created.Key;
            return [new XElement("AccessKey", El("UserName", created.UserName ?? RootName(c)), El("AccessKeyId", key.Id), El("Status", key.Status.ToString()),
                El("SecretAccessKey", created.SecretAccessKey), El("CreateDate", key.CreatedAt))];
        })
        .Add("ListAccessKeys", "iam:ListAccessKeys", q => q.Get("UserName"), (name, c) => CallerUser.Resource(c, name), async (name, c) =>
        {
            var owner = CallerUser.NamedOrRoot(c, name);
            var keys = await c.Core.AccessKeys.ListAsync(c.Caller, owner);
            return [Members("AccessKeyMetadata", keys, k => IamShapes.AccessKeyMetadata(k, owner ?? RootName(c))), El("IsTruncated", false)!];
        })
        .AddVoid("UpdateAccessKey", "iam:UpdateAccessKey",
            q => (User: q.Get("UserName"), KeyId: q.Required("AccessKeyId"), Status: q.Required("Status")),
            (r, c) => CallerUser.Resource(c, r.User),
            (r, c) =>
            {
                var status = r.Status switch
                {
                    "Active" => AccessKeyStatus.Active,
                    "Inactive" => AccessKeyStatus.Inactive,
                    _ => throw IamErrors.EnumValueInvalid("status"),
                };
                return c.Core.AccessKeys.UpdateStatusAsync(c.Caller, CallerUser.NamedOrRoot(c, r.User), r.KeyId, status);
            })
        .AddVoid("DeleteAccessKey", "iam:DeleteAccessKey", q => (User: q.Get("UserName"), KeyId: q.Required("AccessKeyId")), (r, c) => CallerUser.Resource(c, r.User),
            (r, c) => c.Core.AccessKeys.DeleteAsync(c.Caller, CallerUser.NamedOrRoot(c, r.User), r.KeyId))
        .Add("GetAccessKeyLastUsed", "iam:GetAccessKeyLastUsed", q => q.Required("AccessKeyId"), (keyId, _) => new ResourceName.AccessKeyOwner(keyId), async (keyId, c) =>
        {
            var (userName, key) = await c.Core.AccessKeys.GetLastUsedAsync(c.Caller, keyId);
            return
            [
                El("UserName", userName ?? RootName(c))!,
                new XElement("AccessKeyLastUsed", El("LastUsedDate", key.LastUsedAt), El("ServiceName", key.LastUsedService ?? "N/A"), El("Region", key.LastUsedRegion ?? "N/A")),
            ];
        })
        .Add("CreateLoginProfile", "iam:CreateLoginProfile",
            q => (User: q.Get("UserName"), Password: q.Required("Password"), ResetRequired: q.GetBool("PasswordResetRequired") ?? false),
            (r, c) => CallerUser.Resource(c, r.User),
            async (r, c) =>
            {
                var userName = CallerUser.Named(c, r.User);
                var profile = await c.Core.LoginProfiles.CreateAsync(c.Caller, userName, r.Password, r.ResetRequired);
                return [new XElement("LoginProfile", IamShapes.LoginProfile(profile, userName))];
            })
        .Add("GetLoginProfile", "iam:GetLoginProfile", q => q.Get("UserName"), (name, c) => CallerUser.Resource(c, name), async (name, c) =>
        {
            var userName = CallerUser.Named(c, name);
            return [new XElement("LoginProfile", IamShapes.LoginProfile(await c.Core.LoginProfiles.GetAsync(c.Caller, userName), userName))];
        })
        .AddVoid("UpdateLoginProfile", "iam:UpdateLoginProfile",
            q => (User: q.Required("UserName"), Password: q.Get("Password"), ResetRequired: q.GetBool("PasswordResetRequired")),
            (r, _) => ResourceName.Named("user", r.User),
            (r, c) => c.Core.LoginProfiles.UpdateAsync(c.Caller, r.User, r.Password, r.ResetRequired))
        .AddVoid("DeleteLoginProfile", "iam:DeleteLoginProfile", q => q.Get("UserName"), (name, c) => CallerUser.Resource(c, name),
            (name, c) => c.Core.LoginProfiles.DeleteAsync(c.Caller, CallerUser.Named(c, name)))
        .AddVoid("ChangePassword", "iam:ChangePassword", q => (Old: q.Required("OldPassword"), New: q.Required("NewPassword")), (_, c) => c.Who.Principal.Arn,
            (r, c) => c.Who.Principal.Kind == PrincipalKind.User
                ? c.Core.LoginProfiles.ChangePasswordAsync(c.Caller, c.Who.Principal.Name, r.Old, r.New)
                : throw IamErrors.OnlyUsersChangeTheirPassword());

    /// <summary>AWS shows root's keys under the account id.</summary>
    private static string RootName(IamCall call) => call.AccountId;
}
