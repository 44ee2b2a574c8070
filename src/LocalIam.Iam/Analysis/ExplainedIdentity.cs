using LocalIam.Iam.Accounts;
using LocalIam.Iam.Authorization;
using LocalIam.Policy.Authorization;

namespace LocalIam.Iam.Analysis;

/// <summary>The principal a question names, found on the snapshot: root, a user, or a role (asked about as a session of it).</summary>
internal sealed record ExplainedIdentity(string Name, string Kind, Principal Principal, SnapshotIdentity? Identity)
{
    /// <summary>
    /// <c>root</c>; <c>user/NAME</c> or <c>role/NAME</c>; an ARN of a user or role; or a bare name,
    /// a user's before a role's. Names are matched whatever their case, as IAM matches them.
    /// </summary>
    public static ExplainedIdentity Resolve(AccountSnapshot snapshot, string name)
    {
        if (name is "root" || name == snapshot.Root.Arn || name == snapshot.AccountId)
        {
            return new("root", "root", snapshot.Root, null);
        }

        SnapshotIdentity? found = name switch
        {
            _ when name.StartsWith("arn:", StringComparison.Ordinal) => snapshot.PrincipalByArn(name),
            _ when name.StartsWith("user/", StringComparison.OrdinalIgnoreCase) => snapshot.UserNamed(name[5..]),
            _ when name.StartsWith("role/", StringComparison.OrdinalIgnoreCase) => snapshot.RoleNamed(name[5..]),
            _ => (SnapshotIdentity?)snapshot.UserNamed(name) ?? snapshot.RoleNamed(name),
        };
        return found switch
        {
            SnapshotUser user => new(user.Name, "user", user.Principal, user),
            SnapshotRole role => new(role.Name, "role", role.SessionPrincipal, role),
            _ => throw new UnknownPrincipalException(name),
        };
    }

    public PrincipalAuthorizationData Data(AccountSnapshot snapshot) => Identity switch
    {
        SnapshotUser user => PrincipalPolicyLoader.ForUser(snapshot, user),
        SnapshotRole role => PrincipalPolicyLoader.ForRole(snapshot, role),
        _ => PrincipalPolicyLoader.ForRoot(snapshot),
    };
}

/// <summary>A question named a principal the account does not have.</summary>
public sealed class UnknownPrincipalException(string name) : Exception($"no user or role `{name}`")
{
    public string Name { get; } = name;
}
