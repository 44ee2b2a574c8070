using LocalIam.Iam.Errors;
using LocalIam.Iam.Identifiers;
using LocalIam.Iam.Objects;
using LocalIam.Iam.Tags;
using LocalIam.Storage;
using LocalIam.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace LocalIam.Iam.InstanceProfiles;

/// <summary>An instance profile as stored: its role (AWS allows one) by id, its tags with it.</summary>
public sealed record InstanceProfile(string Id, string Name, string Path, DateTime CreatedAt, IReadOnlyList<string> RoleIds, IReadOnlyList<TagInput> Tags);

/// <summary>An instance profile with its roles, as responses show it.</summary>
public sealed record InstanceProfileView(InstanceProfile Profile, IReadOnlyList<Role> Roles);

/// <summary>Instance profiles: the container EC2 passes a role in. AWS's checks in AWS's order.</summary>
public sealed class InstanceProfileService(IamStore store, TimeProvider clock) : IamService(store, clock)
{
    internal static readonly AccountObjects<InstanceProfile> Profiles = new("instance-profile");

    public Task<InstanceProfileView> CreateAsync(IamCaller caller, string name, string? path = null, IReadOnlyList<TagInput>? tags = null)
    {
        new RequestValidator().Name(name, "instanceProfileName", 128).Path(path).ThrowIfInvalid();
        if (tags is { Count: > 0 })
        {
            TagRules.Validate(tags);
        }

        return ChangeAsync(caller, "iam:CreateInstanceProfile", name, async db =>
        {
            if (await Profiles.FindAsync(db, caller.AccountId, Key(name)) is not null)
            {
                throw IamErrors.InstanceProfileExists(name);
            }

            if (await Profiles.CountAsync(db, caller.AccountId) >= Quotas.InstanceProfilesPerAccount.Limit)
            {
                throw Quotas.InstanceProfilesPerAccount.Exceeded();
            }

            var profile = new InstanceProfile(IamIds.NewUniqueId(IamIds.InstanceProfilePrefix), name, path ?? "/", Now, [], tags ?? []);
            Profiles.Add(db, caller.AccountId, Key(name), profile, Now);
            return new InstanceProfileView(profile, []);
        });
    }

    public Task<InstanceProfileView> GetAsync(IamCaller caller, string name)
    {
        ValidateName(name);
        return Store.ReadAsync(async db =>
        {
            var profile = await ProfileAsync(db, caller.AccountId, name);
            return new InstanceProfileView(profile, await RolesAsync(db, profile.RoleIds));
        });
    }

    public Task DeleteAsync(IamCaller caller, string name)
    {
        ValidateName(name);
        return ChangeAsync(caller, "iam:DeleteInstanceProfile", name, async db =>
        {
            await ProfileAsync(db, caller.AccountId, name);
            await Areas.IamAreas.InstanceProfiles.ThrowIfDeleteConflictAsync(db, caller.AccountId, name);
            await Profiles.RemoveAsync(db, caller.AccountId, Key(name));
        });
    }

    public Task<Page<InstanceProfileView>> ListAsync(IamCaller caller, string? pathPrefix = null, string? marker = null, int? maxItems = null)
    {
        new RequestValidator().Length(pathPrefix, "pathPrefix", 1, 512).ThrowIfInvalid();
        var limit = Paging.Limit(maxItems);
        var after = Paging.Decode(marker);
        return Store.ReadAsync(async db =>
        {
            var all = await Profiles.ListAsync(db, caller.AccountId);
            var page = Paging.InMemory(all.Where(p => pathPrefix is null || p.Path.StartsWith(pathPrefix, StringComparison.Ordinal)), p => Key(p.Name), after, limit);
            return await ViewsAsync(db, page);
        });
    }

    public Task<Page<InstanceProfileView>> ListForRoleAsync(IamCaller caller, string roleName, string? marker = null, int? maxItems = null)
    {
        new RequestValidator().Name(roleName, "roleName", 64).ThrowIfInvalid();
        var limit = Paging.Limit(maxItems);
        var after = Paging.Decode(marker);
        return Store.ReadAsync(async db =>
        {
            var role = await db.RoleAsync(caller.AccountId, roleName);
            var all = await Profiles.ListAsync(db, caller.AccountId);
            return await ViewsAsync(db, Paging.InMemory(all.Where(p => p.RoleIds.Contains(role.Id)), p => Key(p.Name), after, limit));
        });
    }

    /// <summary>AWS allows one role per instance profile: a second one, even the same again, exceeds the quota.</summary>
    public Task AddRoleAsync(IamCaller caller, string profileName, string roleName)
    {
        ValidateName(profileName, roleName);
        return ChangeAsync(caller, "iam:AddRoleToInstanceProfile", profileName, async db =>
        {
            var profile = await ProfileAsync(db, caller.AccountId, profileName);
            var role = await db.RoleAsync(caller.AccountId, roleName);
            if (profile.RoleIds.Count >= Quotas.RolesPerInstanceProfile.Limit)
            {
                throw Quotas.RolesPerInstanceProfile.Exceeded();
            }

            await Profiles.UpdateAsync(db, caller.AccountId, Key(profileName), profile with { RoleIds = [.. profile.RoleIds, role.Id] });
        });
    }

    public Task RemoveRoleAsync(IamCaller caller, string profileName, string roleName)
    {
        ValidateName(profileName, roleName);
        return ChangeAsync(caller, "iam:RemoveRoleFromInstanceProfile", profileName, async db =>
        {
            var profile = await ProfileAsync(db, caller.AccountId, profileName);
            var role = await db.RoleAsync(caller.AccountId, roleName);
            if (!profile.RoleIds.Contains(role.Id))
            {
                throw IamErrors.RoleNotInInstanceProfile(role.Name, profile.Name);
            }

            await Profiles.UpdateAsync(db, caller.AccountId, Key(profileName), profile with { RoleIds = [.. profile.RoleIds.Where(id => id != role.Id)] });
        });
    }

    /// <summary>Adds or overwrites tags (keys compare regardless of case); the profile may end with at most 50.</summary>
    public Task TagAsync(IamCaller caller, string name, IReadOnlyList<TagInput> tags)
    {
        ValidateName(name);
        TagRules.Validate(tags);
        return ChangeAsync(caller, "iam:TagInstanceProfile", name, async db =>
        {
            var profile = await ProfileAsync(db, caller.AccountId, name);
            var merged = profile.Tags.Where(t => !tags.Any(n => SameKey(n.Key, t.Key))).Concat(tags).ToList();
            if (merged.Count > Quotas.TagsPerEntity.Limit)
            {
                throw IamErrors.TooManyTags();
            }

            await Profiles.UpdateAsync(db, caller.AccountId, Key(name), profile with { Tags = merged });
        });
    }

    public Task UntagAsync(IamCaller caller, string name, IReadOnlyList<string> tagKeys)
    {
        ValidateName(name);
        TagRules.ValidateKeys(tagKeys);
        return ChangeAsync(caller, "iam:UntagInstanceProfile", name, async db =>
        {
            var profile = await ProfileAsync(db, caller.AccountId, name);
            await Profiles.UpdateAsync(db, caller.AccountId, Key(name), profile with { Tags = [.. profile.Tags.Where(t => !tagKeys.Any(k => SameKey(k, t.Key)))] });
        });
    }

    public Task<Page<TagInput>> ListTagsAsync(IamCaller caller, string name, string? marker = null, int? maxItems = null)
    {
        ValidateName(name);

        // MaxItems and Marker are refused before the profile is looked up.
        _ = Paging.Limit(maxItems);
        _ = Paging.Decode(marker);
        return Store.ReadAsync(async db => RecordTags.Page((await ProfileAsync(db, caller.AccountId, name)).Tags, marker, maxItems));
    }

    /// <summary>For DeleteRole (<see cref="Areas.IamAreas.Roles"/>): whether the role is still in an instance profile.</summary>
    public static async Task<bool> HoldsRoleAsync(IamDbContext db, string accountId, string roleId) =>
        (await Profiles.ListAsync(db, accountId)).Any(p => p.RoleIds.Contains(roleId));

    /// <summary>For DeleteInstanceProfile (<see cref="Areas.IamAreas.InstanceProfiles"/>): whether the profile (by name) still has a role.</summary>
    public static async Task<bool> HasRolesAsync(IamDbContext db, string accountId, string name) =>
        (await Profiles.FindAsync(db, accountId, Key(name)))?.RoleIds.Count > 0;

    /// <summary>
    /// For GetAccountAuthorizationDetails's RoleDetail.InstanceProfileList: the profiles that hold
    /// each of <paramref name="roleIds"/>, by name, each with all its roles.
    /// </summary>
    public static async Task<ILookup<string, InstanceProfileView>> ByRoleAsync(IamDbContext db, string accountId, IReadOnlyCollection<string> roleIds)
    {
        var holding = (await Profiles.ListAsync(db, accountId)).Where(p => p.RoleIds.Any(roleIds.Contains)).ToList();
        if (holding.Count == 0)
        {
            return Array.Empty<InstanceProfileView>().ToLookup(_ => string.Empty);
        }

        var views = (await ViewsAsync(db, new Page<InstanceProfile>(holding, false, null))).Items;
        return views.SelectMany(v => v.Roles.Select(r => (RoleId: r.Id, View: v)))
            .OrderBy(p => p.View.Profile.Name, StringComparer.OrdinalIgnoreCase)
            .ToLookup(p => p.RoleId, p => p.View, StringComparer.Ordinal);
    }

    private static async Task<InstanceProfile> ProfileAsync(IamDbContext db, string accountId, string name) =>
        await Profiles.FindAsync(db, accountId, Key(name)) ?? throw IamErrors.InstanceProfileNotFound(name);

    /// <summary>Roles in the order the profile lists them; a role deleted meanwhile is left out.</summary>
    private static async Task<IReadOnlyList<Role>> RolesAsync(IamDbContext db, IReadOnlyList<string> roleIds)
    {
        if (roleIds.Count == 0)
        {
            return [];
        }

        var roles = await db.Roles.Where(r => roleIds.Contains(r.Id)).ToListAsync();
        return [.. roleIds.Select(id => roles.Find(r => r.Id == id)).OfType<Role>()];
    }

    private static async Task<Page<InstanceProfileView>> ViewsAsync(IamDbContext db, Page<InstanceProfile> page)
    {
        var roles = await RolesAsync(db, [.. page.Items.SelectMany(p => p.RoleIds).Distinct()]);
        var views = page.Items.Select(p => new InstanceProfileView(p, [.. roles.Where(r => p.RoleIds.Contains(r.Id))])).ToList();
        return new Page<InstanceProfileView>(views, page.IsTruncated, page.Marker);
    }

    private static bool SameKey(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static void ValidateName(string name, string? roleName = null)
    {
        var validator = new RequestValidator().Name(name, "instanceProfileName", 128);
        if (roleName is not null)
        {
            validator.Name(roleName, "roleName", 64);
        }

        validator.ThrowIfInvalid();
    }
}
