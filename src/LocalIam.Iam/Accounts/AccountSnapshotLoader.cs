using LocalIam.Iam.Authorization;
using LocalIam.Iam.Policies;
using LocalIam.Policy.Authorization;
using LocalIam.Policy.Validation;
using LocalIam.Storage;
using LocalIam.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace LocalIam.Iam.Accounts;

/// <summary>
/// Reads one account into an <see cref="AccountSnapshot"/> in a fixed number of queries (one per
/// table, ten in all), however many principals, groups and policies it has, inside one read
/// transaction so the tables agree with each other and with the revision read first. AWS managed
/// policies are not rows: they come from the embedded catalogue, without a query.
/// </summary>
internal static class AccountSnapshotLoader
{
    /// <summary>The queries one load issues; the query-count test holds the loader to it.</summary>
    public const int QueryCount = 10;

    private sealed record UserRow(string Id, string Name, string NameKey, string Path, string? BoundaryArn);

    private sealed record RoleRow(string Id, string Name, string NameKey, string Path, string TrustPolicy, string? Description, int MaxSessionDuration, string? BoundaryArn);

    private sealed record NamedRow(string Id, string Name, string NameKey, string Path);

    private sealed record OwnedRow(OwnerKind OwnerKind, string OwnerId, string Name, string Key, string Value);

    /// <summary>A customer managed policy with its default version's document.</summary>
    private sealed record ManagedRow(string PolicyId, string Arn, string Name, string Path, string DefaultVersionId, string Document);

    public static Task<AccountSnapshot> LoadAsync(IamStore store, CompiledPolicyCache cache, string accountId, long generation) =>
        store.ReadConsistentAsync(async db =>
        {
            var revision = await db.StoreStamps.Where(s => s.Id == StoreStamp.SingletonId).Select(s => s.Revision).SingleAsync();
            var billing = await db.Accounts.Where(a => a.Id == accountId).Select(a => (bool?)a.BillingAccessEnabled).SingleOrDefaultAsync();
            var users = await db.Users.Where(u => u.AccountId == accountId)
                .Select(u => new UserRow(u.Id, u.Name, u.NameKey, u.Path, u.PermissionsBoundaryArn)).ToListAsync();
            var groups = await db.Groups.Where(g => g.AccountId == accountId)
                .Select(g => new NamedRow(g.Id, g.Name, g.NameKey, g.Path)).ToListAsync();
            var roles = await db.Roles.Where(r => r.AccountId == accountId)
                .Select(r => new RoleRow(r.Id, r.Name, r.NameKey, r.Path, r.TrustPolicy, r.Description, r.MaxSessionDuration, r.PermissionsBoundaryArn)).ToListAsync();
            var memberships = await db.GroupMemberships.Where(m => db.Groups.Any(g => g.Id == m.GroupId && g.AccountId == accountId))
                .Select(m => new KeyValuePair<string, string>(m.UserId, m.GroupId)).ToListAsync();
            var attachments = await db.PolicyAttachments.Where(a => a.AccountId == accountId)
                .Select(a => new OwnedRow(a.OwnerKind, a.OwnerId, string.Empty, string.Empty, a.PolicyId)).ToListAsync();
            var inline = await db.InlinePolicies.Where(p =>
                    (p.OwnerKind == OwnerKind.User && db.Users.Any(u => u.Id == p.OwnerId && u.AccountId == accountId))
                    || (p.OwnerKind == OwnerKind.Group && db.Groups.Any(g => g.Id == p.OwnerId && g.AccountId == accountId))
                    || (p.OwnerKind == OwnerKind.Role && db.Roles.Any(r => r.Id == p.OwnerId && r.AccountId == accountId)))
                .Select(p => new OwnedRow(p.OwnerKind, p.OwnerId, p.Name, p.NameKey, p.Document)).ToListAsync();
            var tags = await db.Tags.Where(t =>
                    (t.OwnerKind == OwnerKind.User && db.Users.Any(u => u.Id == t.OwnerId && u.AccountId == accountId))
                    || (t.OwnerKind == OwnerKind.Role && db.Roles.Any(r => r.Id == t.OwnerId && r.AccountId == accountId)))
                .Select(t => new OwnedRow(t.OwnerKind, t.OwnerId, t.Key, t.KeyKey, t.Value)).ToListAsync();
            var customer = await db.ManagedPolicies.Where(p => p.AccountId == accountId)
                .Join(db.PolicyVersions, p => new { PolicyId = p.Id, VersionId = p.DefaultVersionId }, v => new { v.PolicyId, v.VersionId },
                    (p, v) => new ManagedRow(p.Id, p.Arn, p.Name, p.Path, p.DefaultVersionId, v.Document)).ToListAsync();
            var aws = AwsManagedInUse(attachments.Select(a => a.Value), users.Select(u => u.BoundaryArn).Concat(roles.Select(r => r.BoundaryArn)));
            return new Builder(cache, accountId, generation).Build(
                revision, billing, users, groups, roles, memberships, attachments, inline, tags, customer, aws);
        });

    /// <summary>
    /// The AWS managed policies the account uses, attached (by policy id) or as a permissions
    /// boundary (by ARN), from the catalogue at their default versions. The one place that knows
    /// where AWS managed policies live. An id or ARN the catalogue lacks names nothing, as a
    /// deleted customer policy does.
    /// </summary>
    internal static List<AwsManagedPolicy> AwsManagedInUse(IEnumerable<string> attachedPolicyIds, IEnumerable<string?> boundaryArns)
    {
        var catalogue = AwsManagedPolicyCatalog.Current;
        var inUse = new Dictionary<string, AwsManagedPolicy>(StringComparer.Ordinal);
        foreach (var id in attachedPolicyIds)
        {
            if (!inUse.ContainsKey(id) && catalogue.FindById(id) is { } policy)
            {
                inUse[id] = policy;
            }
        }

        foreach (var arn in boundaryArns)
        {
            if (arn is not null && AwsManagedPolicyCatalog.IsAwsArn(arn) && catalogue.FindByArn(arn) is { } policy)
            {
                inUse.TryAdd(policy.PolicyId, policy);
            }
        }

        return [.. inUse.Values];
    }

    /// <summary>Links the rows into the snapshot's objects, taking each document's handle from the shared cache.</summary>
    private sealed class Builder(CompiledPolicyCache cache, string accountId, long generation)
    {
        private readonly Dictionary<CompiledPolicyKey, PolicyHandle> _handles = [];

        public AccountSnapshot Build(
            long revision, bool? billing, List<UserRow> userRows, List<NamedRow> groupRows, List<RoleRow> roleRows,
            List<KeyValuePair<string, string>> memberships, List<OwnedRow> attachments, List<OwnedRow> inline, List<OwnedRow> tags,
            List<ManagedRow> customer, List<AwsManagedPolicy> aws)
        {
            var policiesById = new Dictionary<string, SnapshotManagedPolicy>(StringComparer.Ordinal);
            var policiesByArn = new Dictionary<string, SnapshotManagedPolicy>(StringComparer.Ordinal);
            foreach (var row in customer)
            {
                var identity = Handle(new CompiledPolicyKey(PolicyKind.Identity, row.Arn, row.PolicyId, row.DefaultVersionId), row.Document);
                Add(new SnapshotManagedPolicy(row.PolicyId, row.Arn, row.Name, row.Path, IsAwsManaged: false, row.DefaultVersionId, identity));
            }

            foreach (var entry in aws)
            {
                var identity = AwsHandle(new CompiledPolicyKey(PolicyKind.Identity, entry.Arn, entry.PolicyId, entry.DefaultVersionId), entry);
                Add(new SnapshotManagedPolicy(entry.PolicyId, entry.Arn, entry.Name, entry.Path, IsAwsManaged: true, entry.DefaultVersionId, identity));
            }

            void Add(SnapshotManagedPolicy policy)
            {
                policiesById[policy.PolicyId] = policy;
                policiesByArn[policy.Arn] = policy;
            }

            var attached = attachments.ToLookup(a => a.OwnerId, a => a.Value, StringComparer.Ordinal);
            var inlineByOwner = inline.ToLookup(p => p.OwnerId, StringComparer.Ordinal);
            var tagsByOwner = tags.ToLookup(t => t.OwnerId, StringComparer.Ordinal);

            var groups = groupRows.OrderBy(g => g.NameKey, StringComparer.Ordinal).Select(g => new SnapshotGroup
            {
                Id = g.Id,
                Name = g.Name,
                NameKey = g.NameKey,
                Path = g.Path,
                Arn = $"arn:aws:iam::{accountId}:group{g.Path}{g.Name}",
                InlinePolicies = Inline(inlineByOwner[g.Id], "group", g.Name),
                AttachedPolicies = Attached(attached[g.Id], policiesById),
            }).ToList();
            var groupsById = groups.ToDictionary(g => g.Id, StringComparer.Ordinal);
            var groupsOfUser = memberships.ToLookup(m => m.Key, m => groupsById[m.Value], StringComparer.Ordinal);

            var users = userRows.OrderBy(u => u.NameKey, StringComparer.Ordinal).Select(u => new SnapshotUser
            {
                Id = u.Id,
                Name = u.Name,
                NameKey = u.NameKey,
                Path = u.Path,
                Arn = $"arn:aws:iam::{accountId}:user{u.Path}{u.Name}",
                PermissionsBoundaryArn = u.BoundaryArn,
                Boundary = Boundary(u.BoundaryArn, policiesByArn),
                Tags = Tags(tagsByOwner[u.Id]),
                Groups = [.. groupsOfUser[u.Id].OrderBy(g => g.NameKey, StringComparer.Ordinal)],
                InlinePolicies = Inline(inlineByOwner[u.Id], "user", u.Name),
                AttachedPolicies = Attached(attached[u.Id], policiesById),
                Principal = Principal.User(accountId, u.Name, u.Path),
            }).ToList();

            var roles = roleRows.OrderBy(r => r.NameKey, StringComparer.Ordinal).Select(r =>
            {
                var arn = $"arn:aws:iam::{accountId}:role{r.Path}{r.Name}";
                return new SnapshotRole
                {
                    Id = r.Id,
                    Name = r.Name,
                    NameKey = r.NameKey,
                    Path = r.Path,
                    Arn = arn,
                    Description = r.Description,
                    MaxSessionDuration = r.MaxSessionDuration,
                    PermissionsBoundaryArn = r.BoundaryArn,
                    Boundary = Boundary(r.BoundaryArn, policiesByArn),
                    Tags = Tags(tagsByOwner[r.Id]),
                    InlinePolicies = Inline(inlineByOwner[r.Id], "role", r.Name),
                    AttachedPolicies = Attached(attached[r.Id], policiesById),
                    Trust = Handle(new CompiledPolicyKey(PolicyKind.Trust, $"{arn}/trust", r.Id, string.Empty), r.TrustPolicy),
                    SessionPrincipal = Principal.RoleSession(accountId, r.Name, AccessQuery.SessionName, r.Path),
                };
            }).ToList();

            return new AccountSnapshot(revision, generation, accountId, billing is not null, billing ?? false, users, groups, roles, policiesByArn, [.. _handles.Values]);
        }

        private PolicyHandle Handle(CompiledPolicyKey key, string document)
        {
            if (!_handles.TryGetValue(key, out var handle))
            {
                _handles[key] = handle = cache.Get(key, document, generation);
            }

            return handle;
        }

        /// <summary>An AWS managed policy's handle: its document and compiled form are shared by the whole process.</summary>
        private PolicyHandle AwsHandle(CompiledPolicyKey key, AwsManagedPolicy policy)
        {
            if (!_handles.TryGetValue(key, out var handle))
            {
                _handles[key] = handle = cache.GetAws(key, policy, generation);
            }

            return handle;
        }

        private List<SnapshotInlinePolicy> Inline(IEnumerable<OwnedRow> rows, string type, string ownerName) =>
            [.. rows.OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => new SnapshotInlinePolicy(p.Name, Handle(new CompiledPolicyKey(PolicyKind.Identity, $"{type}/{ownerName}/{p.Name}", p.OwnerId, string.Empty), p.Value)))];

        private static List<SnapshotManagedPolicy> Attached(IEnumerable<string> policyIds, Dictionary<string, SnapshotManagedPolicy> policies) =>
            [.. policyIds.Select(id => policies.GetValueOrDefault(id)).OfType<SnapshotManagedPolicy>().OrderBy(p => p.Arn, StringComparer.Ordinal)];

        private SnapshotBoundary? Boundary(string? arn, Dictionary<string, SnapshotManagedPolicy> policies)
        {
            if (arn is null || !policies.TryGetValue(arn, out var policy))
            {
                return null;
            }

            var key = policy.Identity.Key with { Kind = PolicyKind.PermissionsBoundary };
            return new SnapshotBoundary(policy, policy.IsAwsManaged && AwsManagedPolicyCatalog.Current.FindByArn(arn) is { } aws
                ? AwsHandle(key, aws)
                : Handle(key, policy.Identity.Document));
        }

        private static List<KeyValuePair<string, string>> Tags(IEnumerable<OwnedRow> rows) =>
            [.. rows.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new KeyValuePair<string, string>(t.Name, t.Value))];
    }
}
