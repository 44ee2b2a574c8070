using LocalIam.Iam.Errors;
using LocalIam.Iam.Groups;
using LocalIam.Iam.Roles;
using LocalIam.Iam.Users;
using LocalIam.Server.Api.Iam;

namespace LocalIam.Server.Api;

/// <summary>
/// Requests name users, groups and roles without their paths; AWS authorizes on the entity's full
/// ARN. So before authorizing, an entity ARN without a path gets the stored entity's path — else a
/// Deny written for <c>user/admins/*</c> would not stop a request that only says <c>UserName=boss</c>.
/// </summary>
internal static class EntityPaths
{
    public static async Task<string> ResolveAsync(IamCall call, string resource)
    {
        if (EntityArns.Parse(resource) is not { Path: "/" } named || named.AccountId != call.AccountId)
        {
            return resource;
        }

        try
        {
            var path = named.Type switch
            {
                "user" => (await call.Service<UserService>().GetAsync(call.Caller, named.Name)).Path,
                "role" => (await call.Service<RoleService>().GetAsync(call.Caller, named.Name)).Path,
                _ => (await call.Service<GroupService>().GetAsync(call.Caller, named.Name)).Group.Path,
            };
            return (named with { Path = path }).ToString();
        }
        catch (IamException)
        {
            // No such entity (yet): authorize on the ARN as the request names it; the handler answers NoSuchEntity.
            return resource;
        }
    }
}
