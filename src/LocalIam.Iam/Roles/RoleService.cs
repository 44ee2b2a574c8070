using LocalIam.Iam.Errors;
using LocalIam.Iam.Identifiers;
using LocalIam.Iam.Policies;
using LocalIam.Iam.ServiceLinkedRoles;
using LocalIam.Iam.Tags;
using LocalIam.Policy.Validation;
using LocalIam.Storage;
using LocalIam.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace LocalIam.Iam.Roles;

/// <summary>IAM roles with their trust policy and session duration.</summary>
public sealed class RoleService(IamStore store, TimeProvider clock) : IamService(store, clock)
{
    public Task<Role> CreateAsync(
        IamCaller caller, string roleName, string trustPolicy, string? path = null, string? description = null,
        int? maxSessionDuration = null, string? permissionsBoundary = null, IReadOnlyList<TagInput>? tags = null)
    {
        new RequestValidator().Name(roleName, "roleName", 64).Path(path).Length(description, "description", 0, 1000)
            .Range(maxSessionDuration, "maxSessionDuration", 3600, 43200).ThrowIfInvalid();
        CheckTrustPolicy(trustPolicy, caller.Partition);
        if (tags is { Count: > 0 })
        {
            TagRules.Validate(tags);
        }

        return ChangeAsync(caller, "iam:CreateRole", roleName, async db =>
        {
            if (permissionsBoundary is not null)
            {
                PolicyArns.CheckBoundary(permissionsBoundary);
                _ = await db.AttachablePolicyOrNullAsync(caller.AccountId, permissionsBoundary) ?? throw IamErrors.BoundaryNotFound(permissionsBoundary);
            }

            await db.Roles.EnsureNameFreeAsync(caller.AccountId, roleName, OwnerKind.Role);
            await db.Roles.EnsureRoomAsync(caller.AccountId, Quotas.RolesPerAccount);

            var role = new Role
            {
                Id = IamIds.NewUniqueId(IamIds.RolePrefix),
                AccountId = caller.AccountId,
                Name = roleName,
                NameKey = Key(roleName),
                Path = path ?? "/",
                CreatedAt = Now,
                TrustPolicy = trustPolicy,
                Description = description,
                MaxSessionDuration = maxSessionDuration ?? 3600,
                PermissionsBoundaryArn = permissionsBoundary,
            };
            db.Roles.Add(role);
            if (tags is { Count: > 0 })
            {
                await TagRules.ApplyAsync(db, OwnerKind.Role, role.Id, tags);
            }

            return role;
        });
    }

    public Task<Role> GetAsync(IamCaller caller, string roleName)
    {
        new RequestValidator().Name(roleName, "roleName", 64).ThrowIfInvalid();
        return Store.ReadAsync(db => db.RoleAsync(caller.AccountId, roleName));
    }

    /// <summary>
    /// The role an ARN names, as STS finds it: this account's, found by name whatever its case, and
    /// only at its own path; null otherwise. The stored role's ARN and name are what is authorized
    /// and what a session is called.
    /// </summary>
    public async Task<Role?> FindByArnAsync(IamCaller caller, string roleArn)
    {
        if (EntityArns.Parse(roleArn) is not { Type: "role" } named || named.AccountId != caller.AccountId)
        {
            return null;
        }

        try
        {
            var role = await GetAsync(caller, named.Name);
            return role.Path == named.Path ? role : null;
        }
        catch (IamException ex) when (ex.Code is IamErrorCode.NoSuchEntity or IamErrorCode.ValidationError)
        {
            return null;
        }
    }

    public Task<Role> UpdateAsync(IamCaller caller, string roleName, string? description, int? maxSessionDuration)
    {
        new RequestValidator().Name(roleName, "roleName", 64).Length(description, "description", 0, 1000)
            .Range(maxSessionDuration, "maxSessionDuration", 3600, 43200).ThrowIfInvalid();
        return ChangeAsync(caller, "iam:UpdateRole", roleName, async db =>
        {
            var role = await db.RoleAsync(caller.AccountId, roleName);

            // A service-linked role's description may be edited (AWS's user guide), nothing else.
            if (maxSessionDuration is not null)
            {
                await ServiceLinkedRoleService.ThrowIfProtectedAsync(db, role);
            }

            role.Description = description ?? role.Description;
            role.MaxSessionDuration = maxSessionDuration ?? role.MaxSessionDuration;
            return role;
        });
    }

    public Task UpdateTrustPolicyAsync(IamCaller caller, string roleName, string trustPolicy)
    {
        new RequestValidator().Name(roleName, "roleName", 64).ThrowIfInvalid();
        CheckTrustPolicy(trustPolicy, caller.Partition);
        return ChangeAsync(caller, "iam:UpdateAssumeRolePolicy", roleName, async db =>
        {
            var role = await db.RoleAsync(caller.AccountId, roleName);
            await ServiceLinkedRoleService.ThrowIfProtectedAsync(db, role);
            role.TrustPolicy = trustPolicy;
        });
    }

    public Task DeleteAsync(IamCaller caller, string roleName)
    {
        new RequestValidator().Name(roleName, "roleName", 64).ThrowIfInvalid();
        return ChangeAsync(caller, "iam:DeleteRole", roleName, async db =>
        {
            var role = await db.RoleAsync(caller.AccountId, roleName);
            await ServiceLinkedRoleService.ThrowIfProtectedAsync(db, role);
            await Areas.IamAreas.Roles.ThrowIfDeleteConflictAsync(db, caller.AccountId, role.Id);

            await db.Tags.Where(t => t.OwnerKind == OwnerKind.Role && t.OwnerId == role.Id).ExecuteDeleteAsync();
            await ServiceLastAccessRows.ForgetAsync(db, role.Id);
            db.Roles.Remove(role);
        });
    }

    public Task<Page<Role>> ListAsync(IamCaller caller, string? pathPrefix = null, string? marker = null, int? maxItems = null)
    {
        return Store.ReadAsync(db => Paging.NamedPageAsync(db.Roles.Where(r => r.AccountId == caller.AccountId), pathPrefix, marker, maxItems));
    }

    public Task TagAsync(IamCaller caller, string roleName, IReadOnlyList<TagInput> tags) =>
        ChangeAsync(caller, "iam:TagRole", roleName, async db =>
            await TagRules.ApplyAsync(db, OwnerKind.Role, (await db.RoleAsync(caller.AccountId, roleName)).Id, tags));

    public Task UntagAsync(IamCaller caller, string roleName, IReadOnlyList<string> tagKeys) =>
        ChangeAsync(caller, "iam:UntagRole", roleName, async db =>
            await TagRules.RemoveAsync(db, OwnerKind.Role, (await db.RoleAsync(caller.AccountId, roleName)).Id, tagKeys));

    public Task<IReadOnlyList<TagInput>> ListTagsAsync(IamCaller caller, string roleName) =>
        Store.ReadAsync(async db => await TagRules.ListAsync(db, OwnerKind.Role, (await db.RoleAsync(caller.AccountId, roleName)).Id));

    public Task PutPermissionsBoundaryAsync(IamCaller caller, string roleName, string boundaryArn) =>
        ChangeAsync(caller, "iam:PutRolePermissionsBoundary", roleName, async db =>
        {
            var role = await db.RoleAsync(caller.AccountId, roleName);
            await ServiceLinkedRoleService.ThrowIfProtectedAsync(db, role);
            PolicyArns.CheckBoundary(boundaryArn);
            _ = await db.AttachablePolicyOrNullAsync(caller.AccountId, boundaryArn) ?? throw IamErrors.BoundaryNotFound(boundaryArn);
            role.PermissionsBoundaryArn = boundaryArn;
        });

    public Task DeletePermissionsBoundaryAsync(IamCaller caller, string roleName) =>
        ChangeAsync(caller, "iam:DeleteRolePermissionsBoundary", roleName, async db =>
        {
            var role = await db.RoleAsync(caller.AccountId, roleName);
            await ServiceLinkedRoleService.ThrowIfProtectedAsync(db, role);
            role.PermissionsBoundaryArn = null;
        });

    private static void CheckTrustPolicy(string trustPolicy, string partition)
    {
        PolicyDocuments.Validate(trustPolicy, PolicyKind.Trust, "assumeRolePolicyDocument", partition: partition);
        if (PolicyDocuments.Size(trustPolicy) > Quotas.TrustPolicySize.Limit)
        {
            throw Quotas.TrustPolicySize.Exceeded();
        }
    }
}
