using System.Collections.Concurrent;
using LocalIam.Iam.Authorization;
using LocalIam.Policy.Authorization;
using LocalIam.Storage.Entities;

namespace LocalIam.Iam.Accounts;

/// <summary>
/// Everything authorization reads about one account, as of one store revision: users, groups,
/// roles, managed policies at their default versions, inline policies, attachments, tags and the
/// billing-access setting. Read in a fixed number of queries, shared by every principal and
/// request until the change stamp moves; never changed once built.
/// </summary>
public sealed class AccountSnapshot
{
    private const int MaxDerived = 64;

    private readonly ConcurrentDictionary<string, object> _derived = new(StringComparer.Ordinal);

    // Read by many threads, never written after the constructor: plain dictionaries are safe and quick to build.
    private readonly Dictionary<string, SnapshotUser> _usersById;
    private readonly Dictionary<string, SnapshotGroup> _groupsById;
    private readonly Dictionary<string, SnapshotRole> _rolesById;
    private readonly Dictionary<string, SnapshotUser> _usersByName;
    private readonly Dictionary<string, SnapshotRole> _rolesByName;
    private readonly Dictionary<string, SnapshotGroup> _groupsByName;
    private readonly Dictionary<string, SnapshotIdentity> _principalsByArn;

    internal AccountSnapshot(
        long revision, long generation, string accountId, bool exists, bool billingAccessEnabled, IReadOnlyList<SnapshotUser> users,
        IReadOnlyList<SnapshotGroup> groups, IReadOnlyList<SnapshotRole> roles, IReadOnlyDictionary<string, SnapshotManagedPolicy> policies,
        IReadOnlyList<PolicyHandle> handles)
    {
        Revision = revision;
        Generation = generation;
        AccountId = accountId;
        Exists = exists;
        Settings = new AccountSettings(billingAccessEnabled);
        Root = Principal.Root(accountId);
        Users = users;
        Groups = groups;
        Roles = roles;
        ManagedPolicies = policies;
        Handles = handles;
        _usersById = users.ToDictionary(u => u.Id, StringComparer.Ordinal);
        _groupsById = groups.ToDictionary(g => g.Id, StringComparer.Ordinal);
        _rolesById = roles.ToDictionary(r => r.Id, StringComparer.Ordinal);
        _usersByName = users.ToDictionary(u => u.NameKey, StringComparer.Ordinal);
        _groupsByName = groups.ToDictionary(g => g.NameKey, StringComparer.Ordinal);
        _rolesByName = roles.ToDictionary(r => r.NameKey, StringComparer.Ordinal);
        _principalsByArn = new Dictionary<string, SnapshotIdentity>(users.Count + roles.Count, StringComparer.Ordinal);
        foreach (var principal in users.Concat<SnapshotIdentity>(roles))
        {
            _principalsByArn[principal.Arn] = principal;
        }
    }

    /// <summary>The store's change stamp this snapshot was read at.</summary>
    public long Revision { get; }

    /// <summary>Which build this is, for the compiled-policy cache's sweep.</summary>
    internal long Generation { get; }

    public string AccountId { get; }

    /// <summary>False when the store has no such account (every list is then empty).</summary>
    public bool Exists { get; }

    /// <summary>The account settings that take part in authorization: the billing-access setting.</summary>
    public AccountSettings Settings { get; }

    public Principal Root { get; }

    /// <summary>By name, in IAM's order (upper-cased name).</summary>
    public IReadOnlyList<SnapshotUser> Users { get; }

    public IReadOnlyList<SnapshotGroup> Groups { get; }

    public IReadOnlyList<SnapshotRole> Roles { get; }

    /// <summary>The account's customer managed policies and the AWS managed policies it uses (attached or as a boundary), by ARN.</summary>
    public IReadOnlyDictionary<string, SnapshotManagedPolicy> ManagedPolicies { get; }

    /// <summary>Every distinct document the snapshot reaches, each once.</summary>
    public IReadOnlyList<PolicyHandle> Handles { get; }

    /// <summary>Each principal's policies as authorization combines them, built on first use and kept with the snapshot.</summary>
    internal ConcurrentDictionary<string, PrincipalAuthorizationData> PrincipalData { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Something derived from the snapshot alone (an index the access query builds per action), made
    /// on first use and kept with the snapshot; at most <see cref="MaxDerived"/> are kept.
    /// </summary>
    internal T Derived<T>(string key, Func<AccountSnapshot, T> build)
        where T : class
    {
        if (_derived.TryGetValue(key, out var known))
        {
            return (T)known;
        }

        var value = build(this);

        // Counting a ConcurrentDictionary takes all its locks: only on this rare path that adds.
        if (_derived.Count >= MaxDerived)
        {
            _derived.Clear();
        }

        return (T)_derived.GetOrAdd(key, value);
    }

    public SnapshotUser? UserById(string id) => _usersById.GetValueOrDefault(id);

    public SnapshotGroup? GroupById(string id) => _groupsById.GetValueOrDefault(id);

    public SnapshotRole? RoleById(string id) => _rolesById.GetValueOrDefault(id);

    /// <summary>The user or role with this ARN (path and name exactly as stored).</summary>
    public SnapshotIdentity? PrincipalByArn(string arn) => _principalsByArn.GetValueOrDefault(arn);

    /// <summary>Names are case-insensitive, as in IAM.</summary>
    public SnapshotUser? UserNamed(string name) => _usersByName.GetValueOrDefault(name.ToUpperInvariant());

    public SnapshotGroup? GroupNamed(string name) => _groupsByName.GetValueOrDefault(name.ToUpperInvariant());

    public SnapshotRole? RoleNamed(string name) => _rolesByName.GetValueOrDefault(name.ToUpperInvariant());

    public override string ToString() => $"account {AccountId} at revision {Revision}";
}

/// <summary>A managed policy at its default version.</summary>
public sealed record SnapshotManagedPolicy(string PolicyId, string Arn, string Name, string Path, bool IsAwsManaged, string DefaultVersionId, PolicyHandle Identity)
{
    /// <summary>How the simulator names the type (SourcePolicyType).</summary>
    public string SourceType => IsAwsManaged ? "aws-managed" : "user-managed";
}

/// <summary>An inline policy of a user, group or role.</summary>
public sealed record SnapshotInlinePolicy(string Name, PolicyHandle Handle);

/// <summary>A permissions boundary: the managed policy and its document compiled as a boundary.</summary>
public sealed record SnapshotBoundary(SnapshotManagedPolicy Policy, PolicyHandle Handle);

/// <summary>What users, groups and roles share in a snapshot.</summary>
public abstract class SnapshotIdentity
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    /// <summary>The name upper-cased: IAM orders and compares names by it.</summary>
    public required string NameKey { get; init; }

    public required string Path { get; init; }

    public required string Arn { get; init; }

    public abstract OwnerKind Kind { get; }

    /// <summary>By upper-cased name.</summary>
    public IReadOnlyList<SnapshotInlinePolicy> InlinePolicies { get; init; } = [];

    /// <summary>By ARN.</summary>
    public IReadOnlyList<SnapshotManagedPolicy> AttachedPolicies { get; init; } = [];

    public override string ToString() => Arn;
}

public sealed class SnapshotUser : SnapshotIdentity
{
    public override OwnerKind Kind => OwnerKind.User;

    public string? PermissionsBoundaryArn { get; init; }

    /// <summary>Null when there is none, or the boundary's policy no longer exists.</summary>
    public SnapshotBoundary? Boundary { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> Tags { get; init; } = [];

    /// <summary>The groups the user is in, by upper-cased name.</summary>
    public IReadOnlyList<SnapshotGroup> Groups { get; init; } = [];

    /// <summary>The user as the engine sees a request it signs.</summary>
    public required Principal Principal { get; init; }
}

public sealed class SnapshotGroup : SnapshotIdentity
{
    public override OwnerKind Kind => OwnerKind.Group;
}

public sealed class SnapshotRole : SnapshotIdentity
{
    public override OwnerKind Kind => OwnerKind.Role;

    public string? Description { get; init; }

    public int MaxSessionDuration { get; init; }

    public string? PermissionsBoundaryArn { get; init; }

    public SnapshotBoundary? Boundary { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> Tags { get; init; } = [];

    /// <summary>The trust policy, compiled as one (named <c>ROLE-ARN/trust</c>).</summary>
    public required PolicyHandle Trust { get; init; }

    /// <summary>The trust policy as the resource-based policy of an sts: decision on the role.</summary>
    public Policy.Evaluation.PolicySet TrustPolicySet => _trustSet ??= new([Trust.Compiled]);

    private Policy.Evaluation.PolicySet? _trustSet;

    /// <summary>A session of the role as the engine sees one, for questions asked about the role (simulations, access queries).</summary>
    public required Principal SessionPrincipal { get; init; }
}
