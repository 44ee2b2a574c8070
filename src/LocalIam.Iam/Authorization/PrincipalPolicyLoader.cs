using LocalIam.Iam.Accounts;
using LocalIam.Policy.Authorization;
using LocalIam.Policy.Evaluation;
using LocalIam.Storage.Entities;

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
/// A principal's policies as authorization combines them, from the account snapshot: for a user
/// its own inline and attached policies and those of each of its groups, plus its permissions
/// boundary; for a role its own and its boundary. Inline policies are named <c>user/NAME/POLICY</c>
/// (group, role alike); managed policies by ARN. Built once per principal and snapshot, from
/// policies compiled once per document.
/// </summary>
public sealed class PrincipalPolicyLoader(AccountSnapshots snapshots)
{
    private const string RootKey = "root";

    public AccountSnapshots Snapshots => snapshots;

    /// <summary>A user deleted since it signed the request has no policies.</summary>
    public async Task<PrincipalAuthorizationData> ForUserAsync(string accountId, string userId)
    {
        var snapshot = await SnapshotWithAsync(accountId, s => s.UserById(userId) is not null);
        return snapshot.UserById(userId) is { } user ? ForUser(snapshot, user) : Nothing(snapshot);
    }

    public async Task<PrincipalAuthorizationData> ForRoleAsync(string accountId, string roleId)
    {
        var snapshot = await SnapshotWithAsync(accountId, s => s.RoleById(roleId) is not null);
        return snapshot.RoleById(roleId) is { } role ? ForRole(snapshot, role) : Nothing(snapshot);
    }

    /// <summary>A group's own policies (the simulator accepts a group as policy source).</summary>
    public async Task<PrincipalAuthorizationData> ForGroupAsync(string accountId, string groupId)
    {
        var snapshot = await SnapshotWithAsync(accountId, s => s.GroupById(groupId) is not null);
        return snapshot.GroupById(groupId) is { } group ? ForGroup(snapshot, group) : Nothing(snapshot);
    }

    /// <summary>Root has no identity policies; only the account's settings matter.</summary>
    public async Task<PrincipalAuthorizationData> ForRootAsync(string accountId) => ForRoot(await snapshots.CurrentAsync(accountId));

    public static PrincipalAuthorizationData ForRoot(AccountSnapshot snapshot) =>
        snapshot.PrincipalData.GetOrAdd(RootKey, static (_, s) => Nothing(s), snapshot);

    public static PrincipalAuthorizationData ForUser(AccountSnapshot snapshot, SnapshotUser user) =>
        snapshot.PrincipalData.GetOrAdd(user.Id, static (_, args) =>
        {
            var (s, u) = args;
            var sources = new SourceList();
            sources.AddOwn(u);
            foreach (var group in u.Groups)
            {
                sources.AddOwn(group);
            }

            return sources.Build(s, u.Boundary, new PolicyPath(OwnerKind.User, u.Name, IsBoundary: true), u.Tags);
        }, (snapshot, user));

    public static PrincipalAuthorizationData ForRole(AccountSnapshot snapshot, SnapshotRole role) =>
        snapshot.PrincipalData.GetOrAdd(role.Id, static (_, args) =>
        {
            var (s, r) = args;
            var sources = new SourceList();
            sources.AddOwn(r);
            return sources.Build(s, r.Boundary, new PolicyPath(OwnerKind.Role, r.Name, IsBoundary: true), r.Tags);
        }, (snapshot, role));

    public static PrincipalAuthorizationData ForGroup(AccountSnapshot snapshot, SnapshotGroup group) =>
        snapshot.PrincipalData.GetOrAdd(group.Id, static (_, args) =>
        {
            var (s, g) = args;
            var sources = new SourceList();
            sources.AddOwn(g);
            return sources.Build(s, null, null, []);
        }, (snapshot, group));

    /// <summary>
    /// Where one policy (by the id its compiled form carries) comes from for this principal, with
    /// every path by which it reaches it, as <see cref="PrincipalAuthorizationData.Sources"/> has it;
    /// for callers that evaluated only some of the principal's policies (the access query).
    /// </summary>
    public static PolicySource? SourceOf(SnapshotIdentity who, string policyId)
    {
        var source = Reaching(null, who, policyId);
        if (who is SnapshotUser user)
        {
            foreach (var group in user.Groups)
            {
                source = Reaching(source, group, policyId);
            }
        }

        var (boundary, path) = who switch
        {
            SnapshotUser u => (u.Boundary, new PolicyPath(OwnerKind.User, u.Name, IsBoundary: true)),
            SnapshotRole r => (r.Boundary, new PolicyPath(OwnerKind.Role, r.Name, IsBoundary: true)),
            _ => (null, null),
        };
        return boundary?.Handle.Id != policyId ? source
            : source is null ? new PolicySource(policyId, boundary.Policy.Name, boundary.Policy.SourceType, boundary.Handle.Document) { Paths = [path!] }
            : source with { Paths = [.. source.Paths, path!] };
    }

    /// <summary>Adds the path through <paramref name="owner"/> when the policy is one of its own.</summary>
    private static PolicySource? Reaching(PolicySource? source, SnapshotIdentity owner, string policyId)
    {
        var path = new PolicyPath(owner.Kind, owner.Name);
        foreach (var inline in owner.InlinePolicies)
        {
            if (inline.Handle.Id == policyId)
            {
                return source is null
                    ? new PolicySource(policyId, inline.Name, owner.Kind.ToString().ToLowerInvariant(), inline.Handle.Document) { Paths = [path] }
                    : source with { Paths = [.. source.Paths, path] };
            }
        }

        foreach (var policy in owner.AttachedPolicies)
        {
            if (policy.Arn == policyId)
            {
                return source is null
                    ? new PolicySource(policyId, policy.Name, policy.SourceType, policy.Identity.Document) { Paths = [path] }
                    : source with { Paths = [.. source.Paths, path] };
            }
        }

        return source;
    }

    /// <summary>The current snapshot, or a fresh one when the entity is newer than the stamp this request read.</summary>
    private async Task<AccountSnapshot> SnapshotWithAsync(string accountId, Func<AccountSnapshot, bool> has)
    {
        var snapshot = await snapshots.CurrentAsync(accountId);
        return has(snapshot) ? snapshot : await snapshots.LatestAsync(accountId);
    }

    private static PrincipalAuthorizationData Nothing(AccountSnapshot snapshot) =>
        new(new ApplicablePolicies(), new Dictionary<string, PolicySource>(StringComparer.Ordinal), [], snapshot.Settings);

    /// <summary>
    /// The policies reaching one principal in evaluation order. A managed policy can reach a user
    /// directly and through any number of its groups: one source keeps every path, and the policy
    /// is evaluated once.
    /// </summary>
    private sealed class SourceList
    {
        private readonly Dictionary<string, PolicySource> _sources = new(StringComparer.Ordinal);
        private readonly List<CompiledPolicy> _identity = [];

        public void AddOwn(SnapshotIdentity owner)
        {
            var type = owner.Kind.ToString().ToLowerInvariant();
            var path = new PolicyPath(owner.Kind, owner.Name);
            foreach (var inline in owner.InlinePolicies)
            {
                Add(inline.Handle, inline.Name, type, path);
            }

            foreach (var policy in owner.AttachedPolicies)
            {
                Add(policy.Identity, policy.Name, policy.SourceType, path);
            }
        }

        public PrincipalAuthorizationData Build(
            AccountSnapshot snapshot, SnapshotBoundary? boundary, PolicyPath? boundaryPath, IReadOnlyList<KeyValuePair<string, string>> tags)
        {
            PolicySet? boundarySet = null;
            if (boundary is not null)
            {
                boundarySet = new PolicySet([boundary.Handle.Compiled]);
                var id = boundary.Handle.Id;
                _sources[id] = _sources.TryGetValue(id, out var seen)
                    ? seen with { Paths = [.. seen.Paths, boundaryPath!] }
                    : new PolicySource(id, boundary.Policy.Name, boundary.Policy.SourceType, boundary.Handle.Document) { Paths = [boundaryPath!] };
            }

            return new PrincipalAuthorizationData(
                new ApplicablePolicies { Identity = new PolicySet(_identity), PermissionsBoundary = boundarySet }, _sources, tags, snapshot.Settings);
        }

        private void Add(PolicyHandle handle, string name, string type, PolicyPath path)
        {
            if (_sources.TryGetValue(handle.Id, out var seen))
            {
                _sources[handle.Id] = seen with { Paths = [.. seen.Paths, path] };
                return;
            }

            _sources.Add(handle.Id, new PolicySource(handle.Id, name, type, handle.Document) { Paths = [path] });
            _identity.Add(handle.Compiled);
        }
    }
}
