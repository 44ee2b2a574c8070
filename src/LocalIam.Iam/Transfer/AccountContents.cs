using LocalIam.Iam.InstanceProfiles;
using LocalIam.Storage;
using LocalIam.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace LocalIam.Iam.Transfer;

/// <summary>What an import with replace removes first, in the import's transaction.</summary>
internal static class AccountContents
{
    /// <summary>
    /// The account's users, groups, roles and customer managed policies with everything that hangs
    /// on them (memberships, attachments, inline policies, tags, versions, the users' keys,
    /// passwords and devices, sessions of users and roles, instance profiles). Root, its keys, the
    /// account's settings, identity providers and billing data stay.
    /// </summary>
    public static async Task DeleteIdentitiesAsync(IamDbContext db, string accountId, CancellationToken cancellationToken)
    {
        var users = db.Users.Where(u => u.AccountId == accountId).Select(u => u.Id);
        var groups = db.Groups.Where(g => g.AccountId == accountId).Select(g => g.Id);
        var roles = db.Roles.Where(r => r.AccountId == accountId).Select(r => r.Id);
        var policies = db.ManagedPolicies.Where(p => p.AccountId == accountId).Select(p => p.Id);

        await db.GroupMemberships.Where(m => users.Contains(m.UserId)).ExecuteDeleteAsync(cancellationToken);
        await db.PolicyAttachments.Where(a => a.AccountId == accountId).ExecuteDeleteAsync(cancellationToken);
        await db.InlinePolicies.Where(p => (p.OwnerKind == OwnerKind.User && users.Contains(p.OwnerId)) || (p.OwnerKind == OwnerKind.Group && groups.Contains(p.OwnerId))
            || (p.OwnerKind == OwnerKind.Role && roles.Contains(p.OwnerId))).ExecuteDeleteAsync(cancellationToken);
        await db.Tags.Where(t => (t.OwnerKind == OwnerKind.User && users.Contains(t.OwnerId)) || (t.OwnerKind == OwnerKind.Role && roles.Contains(t.OwnerId))
            || (t.OwnerKind == OwnerKind.Policy && policies.Contains(t.OwnerId))).ExecuteDeleteAsync(cancellationToken);
        await db.PolicyVersions.Where(v => policies.Contains(v.PolicyId)).ExecuteDeleteAsync(cancellationToken);
        await db.LoginProfiles.Where(p => users.Contains(p.UserId)).ExecuteDeleteAsync(cancellationToken);
        await db.AccessKeys.Where(k => k.AccountId == accountId && k.UserId != null).ExecuteDeleteAsync(cancellationToken);
        await db.Sessions.Where(s => s.AccountId == accountId && (s.UserId != null || s.RoleId != null)).ExecuteDeleteAsync(cancellationToken);
        await db.ServiceLastAccesses.Where(a => a.AccountId == accountId).ExecuteDeleteAsync(cancellationToken);
        await db.AccountObjects.Where(o => o.AccountId == accountId && (o.OwnerId != null || o.Kind == InstanceProfileService.Profiles.Kind)).ExecuteDeleteAsync(cancellationToken);
        await db.ManagedPolicies.Where(p => p.AccountId == accountId).ExecuteDeleteAsync(cancellationToken);
        await db.Users.Where(u => u.AccountId == accountId).ExecuteDeleteAsync(cancellationToken);
        await db.Groups.Where(g => g.AccountId == accountId).ExecuteDeleteAsync(cancellationToken);
        await db.Roles.Where(r => r.AccountId == accountId).ExecuteDeleteAsync(cancellationToken);
    }
}
