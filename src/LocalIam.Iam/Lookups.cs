using LocalIam.Iam.Errors;
using LocalIam.Iam.Policies;
using LocalIam.Storage;
using LocalIam.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace LocalIam.Iam;

/// <summary>Finding entities by name (case-insensitively, as IAM does), or failing with AWS's NoSuchEntity.</summary>
internal static class Lookups
{
    public static async Task<User> UserAsync(this IamDbContext db, string accountId, string name)
    {
        var key = name.ToUpperInvariant();
        return await db.Users.SingleOrDefaultAsync(u => u.AccountId == accountId && u.NameKey == key)
            ?? throw IamErrors.NoSuchEntity(OwnerKind.User, name);
    }

    public static async Task<Group> GroupAsync(this IamDbContext db, string accountId, string name)
    {
        var key = name.ToUpperInvariant();
        return await db.Groups.SingleOrDefaultAsync(g => g.AccountId == accountId && g.NameKey == key)
            ?? throw IamErrors.NoSuchEntity(OwnerKind.Group, name);
    }

    public static async Task<Role> RoleAsync(this IamDbContext db, string accountId, string name)
    {
        var key = name.ToUpperInvariant();
        return await db.Roles.SingleOrDefaultAsync(r => r.AccountId == accountId && r.NameKey == key)
            ?? throw IamErrors.NoSuchEntity(OwnerKind.Role, name);
    }

    /// <summary>A managed policy this account can see: its own (a row) or AWS's (from the catalogue).</summary>
    public static async Task<ManagedPolicy?> PolicyOrNullAsync(this IamDbContext db, string accountId, string arn) =>
        AwsManagedPolicyCatalog.IsAwsArn(arn)
            ? AwsManagedPolicyCatalog.Current.FindByArn(arn)?.ToPolicy()
            : await db.ManagedPolicies.SingleOrDefaultAsync(p => p.Arn == arn && p.AccountId == accountId);

    /// <summary>A policy that may be attached or set as a permissions boundary: AWS retires some of its own from both.</summary>
    public static async Task<ManagedPolicy?> AttachablePolicyOrNullAsync(this IamDbContext db, string accountId, string arn) =>
        await db.PolicyOrNullAsync(accountId, arn) is { IsAttachable: true } policy ? policy : null;

    public static async Task<ManagedPolicy> PolicyAsync(this IamDbContext db, string accountId, string arn) =>
        await db.PolicyOrNullAsync(accountId, arn) ?? throw IamErrors.PolicyNotFound(arn);

    public static async Task<string> OwnerIdAsync(this IamDbContext db, string accountId, OwnerKind kind, string name) => kind switch
    {
        OwnerKind.User => (await db.UserAsync(accountId, name)).Id,
        OwnerKind.Group => (await db.GroupAsync(accountId, name)).Id,
        _ => (await db.RoleAsync(accountId, name)).Id,
    };

    /// <summary>Names are unique per account regardless of case: EntityAlreadyExists otherwise.</summary>
    public static async Task EnsureNameFreeAsync<T>(this DbSet<T> set, string accountId, string name, OwnerKind kind)
        where T : NamedEntity
    {
        var key = name.ToUpperInvariant();
        if (await set.AnyAsync(e => e.AccountId == accountId && e.NameKey == key))
        {
            throw IamErrors.AlreadyExists(kind, name);
        }
    }

    /// <summary>An account-wide count quota: LimitExceeded with AWS's quota name once it is reached.</summary>
    public static async Task EnsureRoomAsync<T>(this DbSet<T> set, string accountId, Quota quota)
        where T : NamedEntity
    {
        if (await set.CountAsync(e => e.AccountId == accountId) >= quota.Limit)
        {
            throw quota.Exceeded();
        }
    }
}
