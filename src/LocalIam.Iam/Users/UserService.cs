using LocalIam.Iam.Errors;
using LocalIam.Iam.Identifiers;
using LocalIam.Iam.Policies;
using LocalIam.Iam.Tags;
using LocalIam.Storage;
using LocalIam.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace LocalIam.Iam.Users;

/// <summary>IAM users: create, read, rename, delete, list, tags, permissions boundary; AWS's checks in AWS's order.</summary>
public sealed class UserService(IamStore store, TimeProvider clock, Caching.RevisionCache cache) : IamService(store, clock)
{
    public Task<User> CreateAsync(IamCaller caller, string userName, string? path = null, string? permissionsBoundary = null, IReadOnlyList<TagInput>? tags = null)
    {
        new RequestValidator().Name(userName, "userName", 64).Path(path).ThrowIfInvalid();
        if (tags is { Count: > 0 })
        {
            TagRules.Validate(tags);
        }

        return ChangeAsync(caller, "iam:CreateUser", userName, async db =>
        {
            if (permissionsBoundary is not null)
            {
                PolicyArns.CheckBoundary(permissionsBoundary);
                _ = await db.AttachablePolicyOrNullAsync(caller.AccountId, permissionsBoundary) ?? throw IamErrors.BoundaryNotFound(permissionsBoundary);
            }

            await db.Users.EnsureNameFreeAsync(caller.AccountId, userName, OwnerKind.User);
            await db.Users.EnsureRoomAsync(caller.AccountId, Quotas.UsersPerAccount);

            var user = new User
            {
                Id = IamIds.NewUniqueId(IamIds.UserPrefix),
                AccountId = caller.AccountId,
                Name = userName,
                NameKey = Key(userName),
                Path = path ?? "/",
                CreatedAt = Now,
                PermissionsBoundaryArn = permissionsBoundary,
            };
            db.Users.Add(user);
            if (tags is { Count: > 0 })
            {
                await TagRules.ApplyAsync(db, OwnerKind.User, user.Id, tags);
            }

            return user;
        });
    }

    public Task<User> GetAsync(IamCaller caller, string userName)
    {
        new RequestValidator().Name(userName, "userName", 128).ThrowIfInvalid();
        return cache.GetOrReadAsync($"user/{caller.AccountId}/{userName.ToUpperInvariant()}", () => Store.ReadAsync(db => db.UserAsync(caller.AccountId, userName)));
    }

    public Task<User> UpdateAsync(IamCaller caller, string userName, string? newUserName, string? newPath)
    {
        var validator = new RequestValidator().Name(userName, "userName", 128).Path(newPath, "newPath");
        if (newUserName is not null)
        {
            validator.Name(newUserName, "newUserName", 64);
        }

        validator.ThrowIfInvalid();

        return ChangeAsync(caller, "iam:UpdateUser", userName, async db =>
        {
            var user = await db.UserAsync(caller.AccountId, userName);
            if (newUserName is not null && Key(newUserName) != user.NameKey)
            {
                await db.Users.EnsureNameFreeAsync(caller.AccountId, newUserName, OwnerKind.User);
            }

            if (newUserName is not null)
            {
                user.Name = newUserName;
                user.NameKey = Key(newUserName);
            }

            user.Path = newPath ?? user.Path;
            return user;
        });
    }

    /// <summary>Refuses while the user still has what AWS requires to be removed first, in AWS's order.</summary>
    public Task DeleteAsync(IamCaller caller, string userName)
    {
        new RequestValidator().Name(userName, "userName", 128).ThrowIfInvalid();
        return ChangeAsync(caller, "iam:DeleteUser", userName, async db =>
        {
            var user = await db.UserAsync(caller.AccountId, userName);
            await Areas.IamAreas.Users.ThrowIfDeleteConflictAsync(db, caller.AccountId, user.Id);
            await db.Tags.Where(t => t.OwnerKind == OwnerKind.User && t.OwnerId == user.Id).ExecuteDeleteAsync();
            await ServiceLastAccessRows.ForgetAsync(db, user.Id);
            db.Users.Remove(user);
        });
    }

    public Task<Page<User>> ListAsync(IamCaller caller, string? pathPrefix = null, string? marker = null, int? maxItems = null)
    {
        new RequestValidator().Length(pathPrefix, "pathPrefix", 1, 512).ThrowIfInvalid();
        return Store.ReadAsync(db => Paging.NamedPageAsync(db.Users.Where(u => u.AccountId == caller.AccountId), pathPrefix, marker, maxItems));
    }

    public Task TagAsync(IamCaller caller, string userName, IReadOnlyList<TagInput> tags) =>
        ChangeAsync(caller, "iam:TagUser", userName, async db =>
            await TagRules.ApplyAsync(db, OwnerKind.User, (await db.UserAsync(caller.AccountId, userName)).Id, tags));

    public Task UntagAsync(IamCaller caller, string userName, IReadOnlyList<string> tagKeys) =>
        ChangeAsync(caller, "iam:UntagUser", userName, async db =>
            await TagRules.RemoveAsync(db, OwnerKind.User, (await db.UserAsync(caller.AccountId, userName)).Id, tagKeys));

    public Task<IReadOnlyList<TagInput>> ListTagsAsync(IamCaller caller, string userName) =>
        cache.GetOrReadAsync($"user-tags/{caller.AccountId}/{userName.ToUpperInvariant()}",
            () => Store.ReadAsync(async db => await TagRules.ListAsync(db, OwnerKind.User, (await db.UserAsync(caller.AccountId, userName)).Id)));

    public Task PutPermissionsBoundaryAsync(IamCaller caller, string userName, string boundaryArn) =>
        ChangeAsync(caller, "iam:PutUserPermissionsBoundary", userName, async db =>
        {
            var user = await db.UserAsync(caller.AccountId, userName);
            PolicyArns.CheckBoundary(boundaryArn);
            _ = await db.AttachablePolicyOrNullAsync(caller.AccountId, boundaryArn) ?? throw IamErrors.BoundaryNotFound(boundaryArn);
            user.PermissionsBoundaryArn = boundaryArn;
        });

    public Task DeletePermissionsBoundaryAsync(IamCaller caller, string userName) =>
        ChangeAsync(caller, "iam:DeleteUserPermissionsBoundary", userName, async db =>
            (await db.UserAsync(caller.AccountId, userName)).PermissionsBoundaryArn = null);
}
