using LocalIam.Iam.Policies;
using LocalIam.Policy.Authorization;
using LocalIam.Policy.Evaluation;
using LocalIam.Policy.Validation;
using LocalIam.Storage;
using LocalIam.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace LocalIam.Iam.Authorization;

/// <summary>
/// Where a compiled policy came from, as the simulator reports it (SourcePolicyId, SourcePolicyType),
/// and every path by which it reaches the principal: a managed policy attached to a user and to
/// one of its groups is one source with two paths, evaluated once.
/// </summary>
public sealed record PolicySource(string Id, string Name, string Type, string Document)
{
    public IReadOnlyList<PolicyPath> Paths { get; init; } = [];
}

/// <summary>How a policy reaches a principal: attached to (or inline in) this user, group or role, or as its boundary.</summary>
public sealed record PolicyPath(OwnerKind OwnerKind, string OwnerName, bool IsBoundary = false);

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
            sources.AddRange(await InlineAsync(db, OwnerKind.User, user.Id, user.Name));
            sources.AddRange(await AttachedAsync(db, OwnerKind.User, user.Id, user.Name));
            foreach (var group in groups.OrderBy(g => g.NameKey, StringComparer.Ordinal))
            {
                sources.AddRange(await InlineAsync(db, OwnerKind.Group, group.Id, group.Name));
                sources.AddRange(await AttachedAsync(db, OwnerKind.Group, group.Id, group.Name));
            }

            return await BuildAsync(db, accountId, sources, user.PermissionsBoundaryArn, OwnerKind.User, user.Id, user.Name);
        });

    public Task<PrincipalAuthorizationData> ForRoleAsync(string accountId, string roleId) =>
        store.ReadAsync(async db =>
        {
            var role = await db.Roles.SingleAsync(r => r.Id == roleId);
            var sources = new List<PolicySource>();
            sources.AddRange(await InlineAsync(db, OwnerKind.Role, role.Id, role.Name));
            sources.AddRange(await AttachedAsync(db, OwnerKind.Role, role.Id, role.Name));
            return await BuildAsync(db, accountId, sources, role.PermissionsBoundaryArn, OwnerKind.Role, role.Id, role.Name);
        });

    /// <summary>A group's own policies (the simulator accepts a group as policy source).</summary>
    public Task<PrincipalAuthorizationData> ForGroupAsync(string accountId, string groupId) =>
        store.ReadAsync(async db =>
        {
            var group = await db.Groups.SingleAsync(g => g.Id == groupId);
            var sources = new List<PolicySource>();
            sources.AddRange(await InlineAsync(db, OwnerKind.Group, group.Id, group.Name));
            sources.AddRange(await AttachedAsync(db, OwnerKind.Group, group.Id, group.Name));
            return await BuildAsync(db, accountId, sources, null, OwnerKind.Group, group.Id, group.Name);
        });

    /// <summary>Root has no identity policies; only the account's settings matter.</summary>
    public Task<PrincipalAuthorizationData> ForRootAsync(string accountId) =>
        store.ReadAsync(async db => await BuildAsync(db, accountId, [], null, null, null, null));

    private static async Task<PrincipalAuthorizationData> BuildAsync(
        IamDbContext db, string accountId, List<PolicySource> sources, string? boundaryArn, OwnerKind? owner, string? ownerId, string? ownerName)
    {
        // A managed policy can reach a user directly and through any number of its groups: one
        // source keeps every path, and the policy is compiled and evaluated once.
        var all = new Dictionary<string, PolicySource>(StringComparer.Ordinal);
        var identitySources = new List<PolicySource>();
        foreach (var source in sources)
        {
            if (all.TryGetValue(source.Id, out var seen))
            {
                all[source.Id] = seen with { Paths = [.. seen.Paths, .. source.Paths] };
                continue;
            }

            all.Add(source.Id, source);
            identitySources.Add(source);
        }

        var identity = new PolicySet(identitySources.Select(s => CompiledPolicy.Parse(s.Id, s.Document)));
        PolicySet? boundary = null;
        if (boundaryArn is not null && await ManagedAsync(db, accountId, boundaryArn) is { } boundarySource)
        {
            boundary = new PolicySet([CompiledPolicy.Parse(boundarySource.Id, boundarySource.Document, PolicyKind.PermissionsBoundary)]);
            var boundaryPath = new PolicyPath(owner!.Value, ownerName!, IsBoundary: true);
            all[boundarySource.Id] = all.TryGetValue(boundarySource.Id, out var seen)
                ? seen with { Paths = [.. seen.Paths, boundaryPath] }
                : boundarySource with { Paths = [boundaryPath] };
        }

        var tags = owner is null
            ? []
            : await db.Tags.Where(t => t.OwnerKind == owner && t.OwnerId == ownerId).Select(t => new KeyValuePair<string, string>(t.Key, t.Value)).ToListAsync();
        var billing = await db.Accounts.Where(a => a.Id == accountId).Select(a => a.BillingAccessEnabled).SingleAsync();
        return new PrincipalAuthorizationData(
            new ApplicablePolicies { Identity = identity, PermissionsBoundary = boundary }, all, tags, new AccountSettings(billing));
    }

    /// <summary>Inline policies are named <c>user/NAME/POLICY</c> (group, role alike): unique per owner.</summary>
    private static async Task<List<PolicySource>> InlineAsync(IamDbContext db, OwnerKind kind, string ownerId, string ownerName)
    {
        var type = kind.ToString().ToLowerInvariant();
        return (await db.InlinePolicies.Where(p => p.OwnerKind == kind && p.OwnerId == ownerId).OrderBy(p => p.NameKey).ToListAsync())
            .Select(p => new PolicySource($"{type}/{ownerName}/{p.Name}", p.Name, type, p.Document) { Paths = [new PolicyPath(kind, ownerName)] }).ToList();
    }

    private static async Task<List<PolicySource>> AttachedAsync(IamDbContext db, OwnerKind kind, string ownerId, string ownerName)
    {
        var sources = new List<PolicySource>();
        foreach (var policy in (await db.AttachedByOwnerAsync(kind, [ownerId]))[ownerId])
        {
            sources.Add(await SourceAsync(db, policy) with { Paths = [new PolicyPath(kind, ownerName)] });
        }

        return sources;
    }

    private static async Task<PolicySource?> ManagedAsync(IamDbContext db, string accountId, string arn) =>
        await db.PolicyOrNullAsync(accountId, arn) is { } policy ? await SourceAsync(db, policy) : null;

    private static async Task<PolicySource> SourceAsync(IamDbContext db, ManagedPolicy policy)
    {
        var document = await db.DefaultDocumentAsync(policy);
        return new PolicySource(policy.Arn, policy.Name, policy.IsAwsManaged ? "aws-managed" : "user-managed", document);
    }
}
