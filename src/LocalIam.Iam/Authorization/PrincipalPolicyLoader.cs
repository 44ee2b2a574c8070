using LocalIam.Policy.Authorization;
using LocalIam.Policy.Evaluation;
using LocalIam.Policy.Validation;
using LocalIam.Storage;
using LocalIam.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace LocalIam.Iam.Authorization;

/// <summary>Where a compiled policy came from, as the simulator reports it (SourcePolicyId, SourcePolicyType).</summary>
public sealed record PolicySource(string Id, string Name, string Type, string Document);

/// <summary>Everything authorization needs about one principal, read in one go and cached as a unit.</summary>
public sealed record PrincipalAuthorizationData(
    ApplicablePolicies Policies,
    IReadOnlyDictionary<string, PolicySource> Sources,
    IReadOnlyList<KeyValuePair<string, string>> Tags,
    AccountSettings Settings);

/// <summary>
/// Reads a principal's policies from the store and compiles them: for a user its own inline and
/// attached policies and those of each of its groups, plus its permissions boundary; for a role
/// its own and its boundary. Inline policies are named <c>user/NAME/POLICY</c> (group, role alike);
/// managed policies by ARN.
/// </summary>
public sealed class PrincipalPolicyLoader(IamStore store)
{
    public Task<PrincipalAuthorizationData> ForUserAsync(string accountId, string userId) =>
        store.ReadAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == userId);
            var groups = await db.Groups.Where(g => db.GroupMemberships.Any(m => m.UserId == userId && m.GroupId == g.Id)).ToListAsync();
            var sources = new List<PolicySource>();
            sources.AddRange(await InlineAsync(db, OwnerKind.User, user.Id, $"user/{user.Name}"));
            sources.AddRange(await AttachedAsync(db, OwnerKind.User, user.Id));
            foreach (var group in groups)
            {
                sources.AddRange(await InlineAsync(db, OwnerKind.Group, group.Id, $"group/{group.Name}"));
                sources.AddRange(await AttachedAsync(db, OwnerKind.Group, group.Id));
            }

            return await BuildAsync(db, accountId, sources, user.PermissionsBoundaryArn, OwnerKind.User, user.Id);
        });

    public Task<PrincipalAuthorizationData> ForRoleAsync(string accountId, string roleId) =>
        store.ReadAsync(async db =>
        {
            var role = await db.Roles.SingleAsync(r => r.Id == roleId);
            var sources = new List<PolicySource>();
            sources.AddRange(await InlineAsync(db, OwnerKind.Role, role.Id, $"role/{role.Name}"));
            sources.AddRange(await AttachedAsync(db, OwnerKind.Role, role.Id));
            return await BuildAsync(db, accountId, sources, role.PermissionsBoundaryArn, OwnerKind.Role, role.Id);
        });

    /// <summary>A group's own policies (the simulator accepts a group as policy source).</summary>
    public Task<PrincipalAuthorizationData> ForGroupAsync(string accountId, string groupId) =>
        store.ReadAsync(async db =>
        {
            var group = await db.Groups.SingleAsync(g => g.Id == groupId);
            var sources = new List<PolicySource>();
            sources.AddRange(await InlineAsync(db, OwnerKind.Group, group.Id, $"group/{group.Name}"));
            sources.AddRange(await AttachedAsync(db, OwnerKind.Group, group.Id));
            return await BuildAsync(db, accountId, sources, null, OwnerKind.Group, group.Id);
        });

    /// <summary>Root has no identity policies; only the account's settings matter.</summary>
    public Task<PrincipalAuthorizationData> ForRootAsync(string accountId) =>
        store.ReadAsync(async db => await BuildAsync(db, accountId, [], null, null, null));

    private static async Task<PrincipalAuthorizationData> BuildAsync(
        IamDbContext db, string accountId, List<PolicySource> sources, string? boundaryArn, OwnerKind? tagOwner, string? ownerId)
    {
        var identity = new PolicySet(sources.Select(s => CompiledPolicy.Parse(s.Id, s.Document)));
        PolicySet? boundary = null;
        var all = sources.ToDictionary(s => s.Id);
        if (boundaryArn is not null && await ManagedAsync(db, boundaryArn) is { } boundarySource)
        {
            boundary = new PolicySet([CompiledPolicy.Parse(boundarySource.Id, boundarySource.Document, PolicyKind.PermissionsBoundary)]);
            all.TryAdd(boundarySource.Id, boundarySource);
        }

        var tags = tagOwner is null
            ? []
            : await db.Tags.Where(t => t.OwnerKind == tagOwner && t.OwnerId == ownerId).Select(t => new KeyValuePair<string, string>(t.Key, t.Value)).ToListAsync();
        var billing = await db.Accounts.Where(a => a.Id == accountId).Select(a => a.BillingAccessEnabled).SingleAsync();
        return new PrincipalAuthorizationData(
            new ApplicablePolicies { Identity = identity, PermissionsBoundary = boundary }, all, tags, new AccountSettings(billing));
    }

    private static async Task<List<PolicySource>> InlineAsync(IamDbContext db, OwnerKind kind, string ownerId, string prefix) =>
        (await db.InlinePolicies.Where(p => p.OwnerKind == kind && p.OwnerId == ownerId).OrderBy(p => p.NameKey).ToListAsync())
            .Select(p => new PolicySource($"{prefix}/{p.Name}", p.Name, kind.ToString().ToLowerInvariant(), p.Document)).ToList();

    private static async Task<List<PolicySource>> AttachedAsync(IamDbContext db, OwnerKind kind, string ownerId)
    {
        var policies = await db.ManagedPolicies.Where(p => db.PolicyAttachments.Any(a => a.OwnerKind == kind && a.OwnerId == ownerId && a.PolicyId == p.Id))
            .OrderBy(p => p.Arn).ToListAsync();
        var sources = new List<PolicySource>();
        foreach (var policy in policies)
        {
            sources.Add(await SourceAsync(db, policy));
        }

        return sources;
    }

    private static async Task<PolicySource?> ManagedAsync(IamDbContext db, string arn) =>
        await db.ManagedPolicies.SingleOrDefaultAsync(p => p.Arn == arn) is { } policy ? await SourceAsync(db, policy) : null;

    private static async Task<PolicySource> SourceAsync(IamDbContext db, ManagedPolicy policy)
    {
        var document = await db.PolicyVersions.Where(v => v.PolicyId == policy.Id && v.VersionId == policy.DefaultVersionId).Select(v => v.Document).SingleAsync();
        return new PolicySource(policy.Arn, policy.Name, policy.IsAwsManaged ? "aws-managed" : "user-managed", document);
    }
}
