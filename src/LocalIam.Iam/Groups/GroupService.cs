using LocalIam.Iam.Errors;
using LocalIam.Iam.Identifiers;
using LocalIam.Storage;
using LocalIam.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace LocalIam.Iam.Groups;

/// <summary>IAM groups and their members.</summary>
public sealed class GroupService(IamStore store, TimeProvider clock) : IamService(store, clock)
{
    public Task<Group> CreateAsync(IamCaller caller, string groupName, string? path = null)
    {
        new RequestValidator().Name(groupName, "groupName", 128).Path(path).ThrowIfInvalid();
        return ChangeAsync(caller, "iam:CreateGroup", groupName, async db =>
        {
            await db.Groups.EnsureNameFreeAsync(caller.AccountId, groupName, OwnerKind.Group);
            await db.Groups.EnsureRoomAsync(caller.AccountId, Quotas.GroupsPerAccount);

            var group = new Group
            {
                Id = IamIds.NewUniqueId(IamIds.GroupPrefix),
                AccountId = caller.AccountId,
                Name = groupName,
                NameKey = Key(groupName),
                Path = path ?? "/",
                CreatedAt = Now,
            };
            db.Groups.Add(group);
            return group;
        });
    }

    /// <summary>The group and its members (GetGroup).</summary>
    public Task<(Group Group, IReadOnlyList<User> Users)> GetAsync(IamCaller caller, string groupName)
    {
        new RequestValidator().Name(groupName, "groupName", 128).ThrowIfInvalid();
        return Store.ReadAsync(async db =>
        {
            var group = await db.GroupAsync(caller.AccountId, groupName);
            IReadOnlyList<User> users = await db.Users
                .Where(u => db.GroupMemberships.Any(m => m.GroupId == group.Id && m.UserId == u.Id))
                .OrderBy(u => u.NameKey).ToListAsync();
            return (group, users);
        });
    }

    public Task<Group> UpdateAsync(IamCaller caller, string groupName, string? newGroupName, string? newPath)
    {
        var validator = new RequestValidator().Name(groupName, "groupName", 128).Path(newPath, "newPath");
        if (newGroupName is not null)
        {
            validator.Name(newGroupName, "newGroupName", 128);
        }

        validator.ThrowIfInvalid();

        return ChangeAsync(caller, "iam:UpdateGroup", groupName, async db =>
        {
            var group = await db.GroupAsync(caller.AccountId, groupName);
            if (newGroupName is not null && Key(newGroupName) != group.NameKey)
            {
                await db.Groups.EnsureNameFreeAsync(caller.AccountId, newGroupName, OwnerKind.Group);
            }

            if (newGroupName is not null)
            {
                group.Name = newGroupName;
                group.NameKey = Key(newGroupName);
            }

            group.Path = newPath ?? group.Path;
            return group;
        });
    }

    public Task DeleteAsync(IamCaller caller, string groupName)
    {
        new RequestValidator().Name(groupName, "groupName", 128).ThrowIfInvalid();
        return ChangeAsync(caller, "iam:DeleteGroup", groupName, async db =>
        {
            var group = await db.GroupAsync(caller.AccountId, groupName);
            await Areas.IamAreas.Groups.ThrowIfDeleteConflictAsync(db, caller.AccountId, group.Id);

            db.Groups.Remove(group);
        });
    }

    public Task<Page<Group>> ListAsync(IamCaller caller, string? pathPrefix = null, string? marker = null, int? maxItems = null)
    {
        return Store.ReadAsync(db => Paging.NamedPageAsync(db.Groups.Where(g => g.AccountId == caller.AccountId), pathPrefix, marker, maxItems));
    }

    public Task<IReadOnlyList<Group>> ListForUserAsync(IamCaller caller, string userName) =>
        Store.ReadAsync<IReadOnlyList<Group>>(async db =>
        {
            var user = await db.UserAsync(caller.AccountId, userName);
            return await db.Groups.Where(g => db.GroupMemberships.Any(m => m.UserId == user.Id && m.GroupId == g.Id)).OrderBy(g => g.NameKey).ToListAsync();
        });

    public Task AddUserAsync(IamCaller caller, string groupName, string userName)
    {
        new RequestValidator().Name(groupName, "groupName", 128).Name(userName, "userName", 128).ThrowIfInvalid();
        return ChangeAsync(caller, "iam:AddUserToGroup", $"{groupName}/{userName}", async db =>
        {
            var group = await db.GroupAsync(caller.AccountId, groupName);
            var user = await db.UserAsync(caller.AccountId, userName);
            if (await db.GroupMemberships.AnyAsync(m => m.GroupId == group.Id && m.UserId == user.Id))
            {
                return;
            }

            if (await db.GroupMemberships.CountAsync(m => m.UserId == user.Id) >= Quotas.GroupsPerUser.Limit)
            {
                throw Quotas.GroupsPerUser.Exceeded();
            }

            db.GroupMemberships.Add(new GroupMembership { GroupId = group.Id, UserId = user.Id });
        });
    }

    /// <summary>Removing a user who is not a member succeeds, as on AWS.</summary>
    public Task RemoveUserAsync(IamCaller caller, string groupName, string userName)
    {
        new RequestValidator().Name(groupName, "groupName", 128).Name(userName, "userName", 128).ThrowIfInvalid();
        return ChangeAsync(caller, "iam:RemoveUserFromGroup", $"{groupName}/{userName}", async db =>
        {
            // AWS looks the user up first: with neither, the answer names the user.
            var user = await db.UserAsync(caller.AccountId, userName);
            var group = await db.GroupAsync(caller.AccountId, groupName);
            await db.GroupMemberships.Where(m => m.GroupId == group.Id && m.UserId == user.Id).ExecuteDeleteAsync();
        });
    }
}
