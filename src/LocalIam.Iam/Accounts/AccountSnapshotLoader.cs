using System.Data.Common;
using LocalIam.Iam.Authorization;
using LocalIam.Iam.Policies;
using LocalIam.Policy.Authorization;
using LocalIam.Policy.Validation;
using LocalIam.Storage;
using LocalIam.Storage.Entities;

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

    public static async Task<AccountSnapshot> LoadAsync(IamStore store, CompiledPolicyCache cache, string accountId, long generation)
    {
        // The catalogue is read on another core while the tables are (a process's first load: about 100 ms each).
        var catalogue = Task.Run(() => AwsManagedPolicyCatalog.Current);
        return await store.ReadConsistentAsync(async read =>
        {
            // Plain SQL, the same for SQLite and PostgreSQL (see IamStore.ReadConsistentAsync); owner
            // kinds are stored by name, as the model converts them.
            (string, object) account = ("@account", accountId);
            var revision = (await read.ListAsync("SELECT revision FROM store_stamp WHERE id = 1", r => r.GetInt64(0))).Single();
            var billing = (await read.ListAsync("SELECT billing_access_enabled FROM accounts WHERE id = @account", r => (bool?)r.GetBoolean(0), account)).SingleOrDefault();
            var users = await read.ListAsync(
                "SELECT id, name, name_key, path, permissions_boundary_arn FROM users WHERE account_id = @account",
                r => new UserRow(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), Nullable(r, 4)), account);
            var groups = await read.ListAsync(
                "SELECT id, name, name_key, path FROM \"groups\" WHERE account_id = @account",
                r => new NamedRow(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3)), account);
            var roles = await read.ListAsync(
                "SELECT id, name, name_key, path, trust_policy, description, max_session_duration, permissions_boundary_arn FROM roles WHERE account_id = @account",
                r => new RoleRow(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), Nullable(r, 5), r.GetInt32(6), Nullable(r, 7)), account);
            var memberships = await read.ListAsync(
                "SELECT m.user_id, m.group_id FROM group_memberships m WHERE EXISTS (SELECT 1 FROM \"groups\" g WHERE g.id = m.group_id AND g.account_id = @account)",
                r => new KeyValuePair<string, string>(r.GetString(0), r.GetString(1)), account);
            var attachments = await read.ListAsync(
                "SELECT owner_kind, owner_id, policy_id FROM policy_attachments WHERE account_id = @account",
                r => new OwnedRow(Kind(r, 0), r.GetString(1), string.Empty, string.Empty, r.GetString(2)), account);
            var inline = await read.ListAsync(
                """
                SELECT p.owner_kind, p.owner_id, p.name, p.name_key, p.document FROM inline_policies p
                WHERE (p.owner_kind = 'User' AND EXISTS (SELECT 1 FROM users u WHERE u.id = p.owner_id AND u.account_id = @account))
                   OR (p.owner_kind = 'Group' AND EXISTS (SELECT 1 FROM "groups" g WHERE g.id = p.owner_id AND g.account_id = @account))
                   OR (p.owner_kind = 'Role' AND EXISTS (SELECT 1 FROM roles r WHERE r.id = p.owner_id AND r.account_id = @account))
                """,
                r => new OwnedRow(Kind(r, 0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4)), account);
            var tags = await read.ListAsync(
                """
                SELECT t.owner_kind, t.owner_id, t."key", t.key_key, t."value" FROM tags t
                WHERE (t.owner_kind = 'User' AND EXISTS (SELECT 1 FROM users u WHERE u.id = t.owner_id AND u.account_id = @account))
                   OR (t.owner_kind = 'Role' AND EXISTS (SELECT 1 FROM roles r WHERE r.id = t.owner_id AND r.account_id = @account))
                """,
                r => new OwnedRow(Kind(r, 0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4)), account);
            var customer = await read.ListAsync(
                """
                SELECT p.id, p.arn, p.name, p.path, p.default_version_id, v.document FROM managed_policies p
                JOIN policy_versions v ON v.policy_id = p.id AND v.version_id = p.default_version_id
                WHERE p.account_id = @account
                """,
                r => new ManagedRow(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5)), account);
            await catalogue;
            var aws = AwsManagedInUse(attachments.Select(a => a.Value), users.Select(u => u.BoundaryArn).Concat(roles.Select(r => r.BoundaryArn)));
            return new Builder(cache, accountId, generation).Build(
                revision, billing, users, groups, roles, memberships, attachments, inline, tags, customer, aws);
        });
    }

    private static string? Nullable(DbDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);

    private static OwnerKind Kind(DbDataReader reader, int column) => Enum.Parse<OwnerKind>(reader.GetString(column));

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
