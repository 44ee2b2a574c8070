using LocalIam.Iam.Errors;
using LocalIam.Iam.ServiceLinkedRoles;
using LocalIam.Storage;
using LocalIam.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace LocalIam.Iam.Policies;

/// <summary>One entity a managed policy is attached to (ListEntitiesForPolicy).</summary>
public sealed record PolicyEntity(OwnerKind Kind, string Name, string Id);

/// <summary>Attaching managed policies to users, groups and roles.</summary>
public sealed class AttachmentService(IamStore store, TimeProvider clock) : IamService(store, clock)
{
    public Task AttachAsync(IamCaller caller, OwnerKind kind, string ownerName, string policyArn)
    {
        new RequestValidator().Name(ownerName, Field(kind), 128).ThrowIfInvalid();
        PolicyArns.CheckAttachable(policyArn);
        return ChangeAsync(caller, $"iam:Attach{kind}Policy", $"{ownerName} {policyArn}", async db =>
        {
            var ownerId = await db.OwnerIdAsync(caller.AccountId, kind, ownerName);
            await ServiceLinkedRoleService.ThrowIfProtectedAsync(db, caller.AccountId, kind, ownerId, ownerName);
            var policy = await db.AttachablePolicyOrNullAsync(caller.AccountId, policyArn) ?? throw IamErrors.PolicyNotAttachable(policyArn);
            if (await db.PolicyAttachments.AnyAsync(a => a.OwnerKind == kind && a.OwnerId == ownerId && a.PolicyId == policy.Id))
            {
                return;
            }

            if (await db.PolicyAttachments.CountAsync(a => a.OwnerKind == kind && a.OwnerId == ownerId) >= AttachedQuota(kind).Limit)
            {
                throw AttachedQuota(kind).Exceeded();
            }

            db.PolicyAttachments.Add(new PolicyAttachment { AccountId = caller.AccountId, OwnerKind = kind, OwnerId = ownerId, PolicyId = policy.Id });
        });
    }

    /// <summary>
    /// What a form will add and attach, checked in one read before anything is written (the console's
    /// "Create user" and "Create group"): every user and group named exists, every policy is attachable.
    /// The first that is not answers as the later call would (NoSuchEntity with AWS's message).
    /// </summary>
    public Task CheckChoicesAsync(IamCaller caller, IReadOnlyCollection<string> users, IReadOnlyCollection<string> groups, IReadOnlyCollection<string> policyArns)
    {
        var validator = new RequestValidator();
        foreach (var user in users)
        {
            validator.Name(user, "userName", 128);
        }

        foreach (var group in groups)
        {
            validator.Name(group, "groupName", 128);
        }

        validator.ThrowIfInvalid();
        foreach (var arn in policyArns)
        {
            PolicyArns.CheckAttachable(arn);
        }

        return Store.ReadAsync(async db =>
        {
            await ThrowIfMissingAsync(db.Users.Where(u => u.AccountId == caller.AccountId).Select(u => u.NameKey), users, OwnerKind.User);
            await ThrowIfMissingAsync(db.Groups.Where(g => g.AccountId == caller.AccountId).Select(g => g.NameKey), groups, OwnerKind.Group);
            foreach (var arn in policyArns)
            {
                _ = await db.AttachablePolicyOrNullAsync(caller.AccountId, arn) ?? throw IamErrors.PolicyNotAttachable(arn);
            }

            return true;
        });
    }

    /// <summary>One query for all the names, whatever their case (names are unique regardless of case).</summary>
    private static async Task ThrowIfMissingAsync(IQueryable<string> nameKeys, IReadOnlyCollection<string> names, OwnerKind kind)
    {
        var keys = names.Select(n => n.ToUpperInvariant()).Distinct(StringComparer.Ordinal).ToList();
        var found = (await nameKeys.Where(k => keys.Contains(k)).ToListAsync()).ToHashSet(StringComparer.Ordinal);
        if (names.FirstOrDefault(n => !found.Contains(n.ToUpperInvariant())) is { } missing)
        {
            throw IamErrors.NoSuchEntity(kind, missing);
        }
    }

    public Task DetachAsync(IamCaller caller, OwnerKind kind, string ownerName, string policyArn)
    {
        new RequestValidator().Name(ownerName, Field(kind), 128).ThrowIfInvalid();
        PolicyArns.Check(policyArn);
        return ChangeAsync(caller, $"iam:Detach{kind}Policy", $"{ownerName} {policyArn}", async db =>
        {
            var ownerId = await db.OwnerIdAsync(caller.AccountId, kind, ownerName);
            await ServiceLinkedRoleService.ThrowIfProtectedAsync(db, caller.AccountId, kind, ownerId, ownerName);
            var policy = await db.PolicyOrNullAsync(caller.AccountId, policyArn) ?? throw IamErrors.PolicyNotFound(policyArn);
            var removed = await db.PolicyAttachments.Where(a => a.OwnerKind == kind && a.OwnerId == ownerId && a.PolicyId == policy.Id).ExecuteDeleteAsync();
            if (removed == 0)
            {
                throw IamErrors.PolicyNotFound(policyArn);
            }
        });
    }

    /// <summary>The managed policies attached to one user, group or role.</summary>
    public Task<IReadOnlyList<ManagedPolicy>> ListAttachedAsync(IamCaller caller, OwnerKind kind, string ownerName) =>
        Store.ReadAsync<IReadOnlyList<ManagedPolicy>>(async db =>
        {
            var ownerId = await db.OwnerIdAsync(caller.AccountId, kind, ownerName);
            return [.. (await db.AttachedByOwnerAsync(kind, [ownerId]))[ownerId]];
        });

    public Task<IReadOnlyList<PolicyEntity>> ListEntitiesAsync(IamCaller caller, string policyArn)
    {
        PolicyArns.Check(policyArn);
        return Store.ReadAsync<IReadOnlyList<PolicyEntity>>(async db =>
        {
            var policy = await db.PolicyAsync(caller.AccountId, policyArn);
            var attachments = await db.PolicyAttachments.Where(a => a.PolicyId == policy.Id && a.AccountId == caller.AccountId).ToListAsync();
            var ids = attachments.Select(a => a.OwnerId).ToList();
            var users = await db.Users.Where(u => u.AccountId == caller.AccountId && ids.Contains(u.Id)).Select(u => new PolicyEntity(OwnerKind.User, u.Name, u.Id)).ToListAsync();
            var groups = await db.Groups.Where(g => g.AccountId == caller.AccountId && ids.Contains(g.Id)).Select(g => new PolicyEntity(OwnerKind.Group, g.Name, g.Id)).ToListAsync();
            var roles = await db.Roles.Where(r => r.AccountId == caller.AccountId && ids.Contains(r.Id)).Select(r => new PolicyEntity(OwnerKind.Role, r.Name, r.Id)).ToListAsync();
            return [.. users, .. groups, .. roles];
        });
    }

    private static string Field(OwnerKind kind) => kind.ToString().ToLowerInvariant() + "Name";

    private static Quota AttachedQuota(OwnerKind kind) => kind switch
    {
        OwnerKind.User => Quotas.ManagedPoliciesPerUser,
        OwnerKind.Group => Quotas.ManagedPoliciesPerGroup,
        _ => Quotas.ManagedPoliciesPerRole,
    };
}
