using LocalIam.Iam.Accounts;
using LocalIam.Iam.Credentials;
using LocalIam.Iam.Errors;
using LocalIam.Iam.Identifiers;
using LocalIam.Iam.InstanceProfiles;
using LocalIam.Iam.ServerCertificates;
using LocalIam.Iam.Tags;

namespace LocalIam.Iam.Authorization;

/// <summary>
/// Finds the stored entity a request acts on, so that authorization decides on exactly that
/// entity: <c>UserName=BOSS</c> acts on the stored <c>boss</c> at <c>/admins/</c>, so a Deny for
/// <c>user/boss</c>, <c>user/boss*</c> or <c>user/admins/*</c> must stop it. An entity that does not
/// exist is authorized as the request names it; the handler then answers NoSuchEntity. Users,
/// groups and roles come from the account snapshot the principal's policies come from, so a
/// request on one costs no query of its own.
/// </summary>
public sealed class ResourceResolver(
    AccountSnapshots snapshots, InstanceProfileService instanceProfiles, ServerCertificateService serverCertificates, AccessKeyService accessKeys)
{
    public async Task<ResolvedResource?> ResolveAsync(IamCaller caller, ResourceName resource)
    {
        switch (resource)
        {
            case ResourceName.Entity(var type, var name):
                var asNamed = AsNamed(caller, type, name);
                return await StoredAsync(caller, type, name) is { } stored
                    ? new ResolvedResource(stored.Arn.ToString(), asNamed) { Tags = stored.Tags, PermissionsBoundary = stored.Boundary }
                    : new ResolvedResource(Arn(caller, type, name), asNamed);

            case ResourceName.EntityArn(var arn):
                return EntityArns.Parse(arn) is { } named && named.AccountId == caller.AccountId
                    && await StoredAsync(caller, named.Type, named.Name) is { } found && found.Arn.Path == named.Path
                    ? new ResolvedResource(found.Arn.ToString(), arn) { Tags = found.Tags, PermissionsBoundary = found.Boundary }
                    : new ResolvedResource(arn, arn);

            case ResourceName.RenameTarget(var type, var name, var newName, var newPath):
                if (newName is null && newPath is null)
                {
                    return null;
                }

                var current = (await StoredAsync(caller, type, name))?.Arn;
                var path = newPath ?? current?.Path ?? "/";
                var target = Arn(caller, type, newName ?? current?.Name ?? name, path);
                return new ResolvedResource(target, newPath is null ? AsNamed(caller, type, newName ?? name) : target);

            case ResourceName.AccessKeyOwner(var keyId):
                // A denial names the key the caller sent, not its owner.
                return new ResolvedResource(await KeyOwnerArnAsync(caller, keyId) ?? "*", $"access key {keyId}");

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
    private static string AsNamed(IamCaller caller, string type, string name) =>
        type is "user" or "group" or "role" ? $"{type} {name}" : Arn(caller, type, name);

    /// <summary>
    /// The stored entity's ARN (its own name and path) and its tags (the <c>aws:ResourceTag/*</c> of
    /// a request on it), or null when there is none by that name.
    /// </summary>
    private async Task<(EntityArn Arn, IReadOnlyList<TagInput> Tags, string? Boundary)?> StoredAsync(IamCaller caller, string type, string name)
    {
        if (type is "user" or "group" or "role")
        {
            return await SnapshotEntityAsync(caller, type, name) is { } identity
                ? (new EntityArn(caller.AccountId, type, identity.Path, identity.Name), TagsOf(identity), BoundaryOf(identity))
                : null;
        }

        try
        {
            var (storedName, path, tags) = type switch
            {
                "instance-profile" => Of(await instanceProfiles.GetAsync(caller, name)),
                "server-certificate" => Of(await serverCertificates.GetAsync(caller, name)),
                _ => throw new InvalidOperationException($"`{type}` is not an entity type"),
            };
            return (new EntityArn(caller.AccountId, type, path, storedName), tags, null);
        }
        catch (IamException)
        {
            // No such entity, or a name IAM would refuse: the handler gives AWS's answer.
            return null;
        }
    }

    /// <summary>
    /// The user, group or role as of the change stamp this request read; one made since (a user
    /// created a moment ago, named by its first request) is looked for in a snapshot read afresh.
    /// </summary>
    private async Task<SnapshotIdentity?> SnapshotEntityAsync(IamCaller caller, string type, string name)
    {
        var snapshot = await snapshots.CurrentAsync(caller.AccountId);
        if (Find(snapshot, type, name) is { } found)
        {
            return found;
        }

        var latest = await snapshots.LatestAsync(caller.AccountId);
        return ReferenceEquals(latest, snapshot) ? null : Find(latest, type, name);

        static SnapshotIdentity? Find(AccountSnapshot snapshot, string type, string name) => type switch
        {
            "user" => snapshot.UserNamed(name),
            "group" => snapshot.GroupNamed(name),
            _ => snapshot.RoleNamed(name),
        };
    }

    private static string? BoundaryOf(SnapshotIdentity identity) => identity switch
    {
        SnapshotUser user => user.PermissionsBoundaryArn,
        SnapshotRole role => role.PermissionsBoundaryArn,
        _ => null,
    };

    private static IReadOnlyList<TagInput> TagsOf(SnapshotIdentity identity)
    {
        var tags = identity switch
        {
            SnapshotUser user => user.Tags,
            SnapshotRole role => role.Tags,
            _ => [],
        };
        return tags.Count == 0 ? [] : [.. tags.Select(t => new TagInput(t.Key, t.Value))];
    }

    private static (string, string, IReadOnlyList<TagInput>) Of(InstanceProfileView view) => (view.Profile.Name, view.Profile.Path, view.Profile.Tags);

    private static (string, string, IReadOnlyList<TagInput>) Of(ServerCertificate certificate) => (certificate.Name, certificate.Path, certificate.Tags);

    private async Task<string?> KeyOwnerArnAsync(IamCaller caller, string accessKeyId)
    {
        try
        {
            var owner = await accessKeys.OwnerAsync(caller, accessKeyId);
            return owner is null ? $"arn:aws:iam::{caller.AccountId}:root" : Arn(caller, "user", owner.Name, owner.Path);
        }
        catch (IamException)
        {
            return null;
        }
    }

    private static string Arn(IamCaller caller, string type, string name, string path = "/") => $"arn:aws:iam::{caller.AccountId}:{type}{path}{name}";
}
