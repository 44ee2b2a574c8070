using System.Xml.Linq;
using LocalIam.Iam.Credentials;
using LocalIam.Policy.Authorization;
using LocalIam.Storage.Entities;
using static LocalIam.Aws.Query.QueryXml;

namespace LocalIam.Server.Api.Iam;

/// <summary>Access keys and console passwords (login profiles, ChangePassword).</summary>
internal static class CredentialOperations
{
    public static void Register(OperationTable table) => table
        .Add("CreateAccessKey", c => UserOperations.UserResource(c, c.Query.Get("UserName")), async c =>
        {
            var created = await c.Service<AccessKeyService>().CreateAsync(c.Caller, KeyOwner(c));
            var key = created.Key;
            return [new XElement("AccessKey", El("UserName", created.UserName ?? RootName(c)), El("AccessKeyId", key.Id), El("Status", key.Status.ToString()),
                El("SecretAccessKey", created.SecretAccessKey), El("CreateDate", key.CreatedAt))];
        })
        .Add("ListAccessKeys", c => UserOperations.UserResource(c, c.Query.Get("UserName")), async c =>
        {
            var owner = KeyOwner(c);
            var keys = await c.Service<AccessKeyService>().ListAsync(c.Caller, owner);
            return [Members("AccessKeyMetadata", keys, k => IamShapes.AccessKeyMetadata(k, owner ?? RootName(c))), El("IsTruncated", false)!];
        })
        .AddVoid("UpdateAccessKey", c => UserOperations.UserResource(c, c.Query.Get("UserName")), c =>
        {
            var status = c.Query.Required("Status") switch
            {
                "Active" => AccessKeyStatus.Active,
                "Inactive" => AccessKeyStatus.Inactive,
                var other => throw new LocalIam.Iam.Errors.IamException(LocalIam.Iam.Errors.IamErrorCode.ValidationError,
                    $"1 validation error detected: Value '{other}' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive]"),
            };
            return c.Service<AccessKeyService>().UpdateStatusAsync(c.Caller, KeyOwner(c), c.Query.Required("AccessKeyId"), status);
        })
        .AddVoid("DeleteAccessKey", c => UserOperations.UserResource(c, c.Query.Get("UserName")),
            c => c.Service<AccessKeyService>().DeleteAsync(c.Caller, KeyOwner(c), c.Query.Required("AccessKeyId")))
        .Add("GetAccessKeyLastUsed", c => new ResourceName.AccessKeyOwner(c.Query.Required("AccessKeyId")), async c =>
        {
            var (userName, key) = await c.Service<AccessKeyService>().GetLastUsedAsync(c.Caller, c.Query.Required("AccessKeyId"));
            return
            [
                El("UserName", userName ?? RootName(c))!,
                new XElement("AccessKeyLastUsed", El("LastUsedDate", key.LastUsedAt), El("ServiceName", key.LastUsedService ?? "N/A"), El("Region", key.LastUsedRegion ?? "N/A")),
            ];
        })
        .Add("CreateLoginProfile", c => UserOperations.UserResource(c, c.Query.Get("UserName")), async c =>
        {
            var userName = CallerUser.Named(c);
            var profile = await c.Service<LoginProfileService>().CreateAsync(c.Caller, userName, c.Query.Required("Password"), c.Query.GetBool("PasswordResetRequired") ?? false);
            return [new XElement("LoginProfile", IamShapes.LoginProfile(profile, userName))];
        })
        .Add("GetLoginProfile", c => UserOperations.UserResource(c, c.Query.Get("UserName")), async c =>
        {
            var userName = CallerUser.Named(c);
            var profile = await c.Service<LoginProfileService>().GetAsync(c.Caller, userName);
            return [new XElement("LoginProfile", IamShapes.LoginProfile(profile, userName))];
        })
        .AddVoid("UpdateLoginProfile", c => ResourceName.Named("user", c.Query.Required("UserName")),
            c => c.Service<LoginProfileService>().UpdateAsync(c.Caller, c.Query.Required("UserName"), c.Query.Get("Password"), c.Query.GetBool("PasswordResetRequired")))
        .AddVoid("DeleteLoginProfile", c => UserOperations.UserResource(c, c.Query.Get("UserName")),
            c => c.Service<LoginProfileService>().DeleteAsync(c.Caller, CallerUser.Named(c)))
        .AddVoid("ChangePassword", c => c.Who.Principal.Arn, c =>
        {
            if (c.Who.Principal.Kind != PrincipalKind.User)
            {
                throw new LocalIam.Iam.Errors.IamException(LocalIam.Iam.Errors.IamErrorCode.InvalidUserType, "Only IAM users can change their own password.");
            }

            return c.Service<LoginProfileService>().ChangePasswordAsync(c.Caller, c.Who.Principal.Name, c.Query.Required("OldPassword"), c.Query.Required("NewPassword"));
        });

    /// <summary>
    /// The user whose keys a call manages: the named one, the calling user, or null for root's own
    /// keys — only when root itself calls. A role session must name the user.
    /// </summary>
    private static string? KeyOwner(IamCall call) => CallerUser.NamedOrRoot(call);

    /// <summary>AWS shows root's keys under the account id.</summary>
    private static string RootName(IamCall call) => call.AccountId;
}
