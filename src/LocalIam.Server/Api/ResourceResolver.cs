using LocalIam.Iam.Credentials;
using LocalIam.Iam.Errors;
using LocalIam.Iam.Groups;
using LocalIam.Iam.InstanceProfiles;
using LocalIam.Iam.Roles;
using LocalIam.Iam.ServerCertificates;
using LocalIam.Iam.Tags;
using LocalIam.Iam.Users;
using LocalIam.Server.Api.Iam;

namespace LocalIam.Server.Api;

/// <summary>
/// Finds the stored entity a request acts on, so that authorization decides on exactly that
/// entity: <c>UserName=BOSS</c> acts on the stored <c>boss</c> at <c>/admins/</c>, so a Deny for
/// <c>user/boss</c>, <c>user/boss*</c> or <c>user/admins/*</c> must stop it. An entity that does not
/// exist is authorized as the request names it; the handler then answers NoSuchEntity.
/// </summary>
internal static class ResourceResolver
{
    public static async Task<ResolvedResource?> ResolveAsync(IamCall call, ResourceName resource)
    {
        switch (resource)
        {
            case ResourceName.Entity(var type, var name):
                var asNamed = AsNamed(call, type, name);
                return await StoredAsync(call, type, name) is { } stored
                    ? new ResolvedResource(stored.Arn.ToString(), asNamed) { Tags = stored.Tags }
                    : new ResolvedResource(call.Arn(type, name), asNamed);

            case ResourceName.EntityArn(var arn):
                return EntityArns.Parse(arn) is { } named && named.AccountId == call.AccountId
                    && await StoredAsync(call, named.Type, named.Name) is { } found && found.Arn.Path == named.Path
                    ? new ResolvedResource(found.Arn.ToString(), arn) { Tags = found.Tags }
                    : new ResolvedResource(arn, arn);

            case ResourceName.RenameTarget(var type, var name, var newName, var newPath):
                if (newName is null && newPath is null)
                {
                    return null;
                }

                var current = (await StoredAsync(call, type, name))?.Arn;
                var path = newPath ?? current?.Path ?? "/";
                var target = call.Arn(type, newName ?? current?.Name ?? name, path);
                return new ResolvedResource(target, newPath is null ? AsNamed(call, type, newName ?? name) : target);

            case ResourceName.AccessKeyOwner(var keyId):
                // A denial names the key the caller sent, not its owner.
                return new ResolvedResource(await KeyOwnerArnAsync(call, keyId) ?? "*", $"access key {keyId}");

            case ResourceName.AsGiven(var arn):
                return new ResolvedResource(arn, arn);

            default:
                throw new InvalidOperationException($"unknown resource name {resource}");
        }
    }

    /// <summary>
    /// AWS names a user, group or role the request named as <c>user NAME</c> (recorded AWS answers:
    /// <c>on resource: role NAME</c>); other entities by the ARN the request's name makes, without
    /// the stored path. Either way the denial says no more than the request did.
    /// </summary>
    private static string AsNamed(IamCall call, string type, string name) =>
        type is "user" or "group" or "role" ? $"{type} {name}" : call.Arn(type, name);

    /// <summary>
    /// The stored entity's ARN (its own name and path) and its tags (the <c>aws:ResourceTag/*</c> of
    /// a request on it), or null when there is none by that name.
    /// </summary>
    private static async Task<(EntityArn Arn, IReadOnlyList<TagInput> Tags)?> StoredAsync(IamCall call, string type, string name)
    {
        try
        {
            var (storedName, path, tags) = type switch
            {
                "user" => await UserAsync(call, name),
                "group" => Of((await call.Service<GroupService>().GetAsync(call.Caller, name)).Group, []),
                "role" => await RoleAsync(call, name),
                "instance-profile" => Of(await call.Service<InstanceProfileService>().GetAsync(call.Caller, name)),
                "server-certificate" => Of(await call.Service<ServerCertificateService>().GetAsync(call.Caller, name)),
                _ => throw new InvalidOperationException($"`{type}` is not an entity type"),
            };
            return (new EntityArn(call.AccountId, type, path, storedName), tags);
        }
        catch (IamException)
        {
            // No such entity, or a name IAM would refuse: the handler gives AWS's answer.
            return null;
        }
    }

    private static async Task<(string, string, IReadOnlyList<TagInput>)> UserAsync(IamCall call, string name)
    {
        var users = call.Service<UserService>();
        var user = await users.GetAsync(call.Caller, name);
        return Of(user, await users.ListTagsAsync(call.Caller, user.Name));
    }

    private static async Task<(string, string, IReadOnlyList<TagInput>)> RoleAsync(IamCall call, string name)
    {
        var roles = call.Service<RoleService>();
        var role = await roles.GetAsync(call.Caller, name);
        return Of(role, await roles.ListTagsAsync(call.Caller, role.Name));
    }

    private static (string, string, IReadOnlyList<TagInput>) Of(LocalIam.Storage.Entities.NamedEntity entity, IReadOnlyList<TagInput> tags) =>
        (entity.Name, entity.Path, tags);

    private static (string, string, IReadOnlyList<TagInput>) Of(InstanceProfileView view) => (view.Profile.Name, view.Profile.Path, view.Profile.Tags);

    private static (string, string, IReadOnlyList<TagInput>) Of(ServerCertificate certificate) => (certificate.Name, certificate.Path, certificate.Tags);

    private static async Task<string?> KeyOwnerArnAsync(IamCall call, string accessKeyId)
    {
        try
        {
            var owner = await call.Service<AccessKeyService>().OwnerAsync(call.Caller, accessKeyId);
            return owner is null ? $"arn:aws:iam::{call.AccountId}:root" : call.Arn("user", owner.Name, owner.Path);
        }
        catch (IamException)
        {
            return null;
        }
    }
}
