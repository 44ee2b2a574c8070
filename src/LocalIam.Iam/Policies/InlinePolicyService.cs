using LocalIam.Iam.Errors;
using LocalIam.Iam.ServiceLinkedRoles;
using LocalIam.Policy.Validation;
using LocalIam.Storage;
using LocalIam.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace LocalIam.Iam.Policies;

/// <summary>Inline policies embedded in users, groups and roles, with IAM's aggregate size quotas.</summary>
public sealed class InlinePolicyService(IamStore store, TimeProvider clock) : IamService(store, clock)
{
    public Task PutAsync(IamCaller caller, OwnerKind kind, string ownerName, string policyName, string document)
    {
        new RequestValidator().Name(ownerName, OwnerField(kind), 128).Name(policyName, "policyName", 128).ThrowIfInvalid();
        PolicyDocuments.Validate(document, PolicyKind.Identity, "policyDocument", partition: caller.Partition);
        return ChangeAsync(caller, $"iam:Put{kind}Policy", $"{ownerName} {policyName}", async db =>
        {
            var ownerId = await db.OwnerIdAsync(caller.AccountId, kind, ownerName);
            await ServiceLinkedRoleService.ThrowIfProtectedAsync(db, caller.AccountId, kind, ownerId, ownerName);
            var key = Key(policyName);
            var existing = await db.InlinePolicies.Where(p => p.OwnerKind == kind && p.OwnerId == ownerId).ToListAsync();
            var total = existing.Where(p => p.NameKey != key).Sum(p => PolicyDocuments.Size(p.Document)) + PolicyDocuments.Size(document);
            if (total > SizeLimit(kind))
            {
                throw IamErrors.InlinePolicySize(kind, ownerName, SizeLimit(kind));
            }

            if (existing.Find(p => p.NameKey == key) is { } current)
            {
                current.Document = document;
                current.Name = policyName;
            }
            else
            {
                db.InlinePolicies.Add(new InlinePolicy { OwnerKind = kind, OwnerId = ownerId, Name = policyName, NameKey = key, Document = document });
            }
        });
    }

    public Task<InlinePolicy> GetAsync(IamCaller caller, OwnerKind kind, string ownerName, string policyName)
    {
        new RequestValidator().Name(ownerName, OwnerField(kind), 128).Name(policyName, "policyName", 128).ThrowIfInvalid();
        return Store.ReadAsync(async db =>
        {
            var ownerId = await db.OwnerIdAsync(caller.AccountId, kind, ownerName);
            var key = Key(policyName);
            return await db.InlinePolicies.SingleOrDefaultAsync(p => p.OwnerKind == kind && p.OwnerId == ownerId && p.NameKey == key)
                ?? throw IamErrors.InlinePolicyNotFound(kind, policyName);
        });
    }

    public Task DeleteAsync(IamCaller caller, OwnerKind kind, string ownerName, string policyName)
    {
        new RequestValidator().Name(ownerName, OwnerField(kind), 128).Name(policyName, "policyName", 128).ThrowIfInvalid();
        return ChangeAsync(caller, $"iam:Delete{kind}Policy", $"{ownerName} {policyName}", async db =>
        {
            var ownerId = await db.OwnerIdAsync(caller.AccountId, kind, ownerName);
            await ServiceLinkedRoleService.ThrowIfProtectedAsync(db, caller.AccountId, kind, ownerId, ownerName);
            var key = Key(policyName);
            if (await db.InlinePolicies.Where(p => p.OwnerKind == kind && p.OwnerId == ownerId && p.NameKey == key).ExecuteDeleteAsync() == 0)
            {
                throw IamErrors.InlinePolicyNotFound(kind, policyName);
            }
        });
    }

    public Task<IReadOnlyList<string>> ListAsync(IamCaller caller, OwnerKind kind, string ownerName) =>
        Store.ReadAsync<IReadOnlyList<string>>(async db =>
        {
            var ownerId = await db.OwnerIdAsync(caller.AccountId, kind, ownerName);
            return await db.InlinePolicies.Where(p => p.OwnerKind == kind && p.OwnerId == ownerId).OrderBy(p => p.NameKey).Select(p => p.Name).ToListAsync();
        });

    private static string OwnerField(OwnerKind kind) => kind.ToString().ToLowerInvariant() + "Name";

    private static int SizeLimit(OwnerKind kind) => kind switch
    {
        OwnerKind.User => Quotas.UserInlinePolicySize.Limit,
        OwnerKind.Group => Quotas.GroupInlinePolicySize.Limit,
        _ => Quotas.RoleInlinePolicySize.Limit,
    };
}
