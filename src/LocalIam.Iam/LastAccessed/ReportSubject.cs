using LocalIam.Iam.Accounts;
using LocalIam.Iam.Errors;
using LocalIam.Iam.Identifiers;
using LocalIam.Iam.Policies;
using LocalIam.Policy.Evaluation;
using LocalIam.Storage.Entities;

namespace LocalIam.Iam.LastAccessed;

/// <summary>
/// What a report is about, read from the account as it is when the report is generated: the
/// users and roles it covers and the permissions policies that decide its services.
/// <list type="bullet">
/// <item>A user: the user, with its own policies and its groups'. A role: the role and its own.
/// Every attempt of theirs counts.</item>
/// <item>A group: its members, with the group's policies; a member's attempt counts when the
/// group's policies allow the action (AWS reports only members who used the group's policies).</item>
/// <item>A managed policy: the users it is attached to, directly or through a group (each once),
/// and the roles; an attempt counts when the policy allows the action.</item>
/// </list>
/// An entity ARN is found as IAM finds one: this account's, its name in any case, at its own path.
/// </summary>
internal sealed record ReportSubject(IReadOnlyList<SnapshotIdentity> Entities, IReadOnlyList<CompiledPolicy> Policies, bool CountsEveryAttempt)
{
    public static ReportSubject Resolve(AccountSnapshot snapshot, string arn)
    {
        if (arn.Contains(":policy/", StringComparison.Ordinal))
        {
            PolicyArns.CheckBoundary(arn);
            return OfPolicy(snapshot, arn);
        }

        if (EntityArns.Parse(arn) is not { Type: "user" or "group" or "role" } named)
        {
            throw IamErrors.InvalidArn(arn);
        }

        var (kind, found) = named.Type switch
        {
            "user" => (OwnerKind.User, (SnapshotIdentity?)snapshot.UserNamed(named.Name)),
            "group" => (OwnerKind.Group, snapshot.GroupNamed(named.Name)),
            _ => (OwnerKind.Role, snapshot.RoleNamed(named.Name)),
        };
        if (named.AccountId != snapshot.AccountId || found is null || found.Path != named.Path)
        {
            throw IamErrors.NoSuchEntity(kind, named.Name);
        }

        return found switch
        {
            SnapshotUser user => new([user], [.. OwnPolicies(user).Concat(user.Groups.SelectMany(OwnPolicies)).Distinct()], true),
            SnapshotGroup group => new([.. snapshot.Users.Where(u => u.Groups.Contains(group))], [.. OwnPolicies(group)], false),
            _ => new([found], [.. OwnPolicies(found)], true),
        };
    }

    private static ReportSubject OfPolicy(AccountSnapshot snapshot, string arn)
    {
        CompiledPolicy compiled;
        if (snapshot.ManagedPolicies.TryGetValue(arn, out var policy))
        {
            compiled = policy.Identity.Compiled;
        }
        else if (AwsManagedPolicyCatalog.Current.FindByArn(arn) is { } aws)
        {
            // An AWS managed policy no entity of the account uses: its services, and nobody who used them.
            compiled = CompiledPolicy.Parse(aws.Arn, aws.Document);
        }
        else
        {
            throw IamErrors.PolicyNotFound(arn);
        }

        bool Attached(SnapshotIdentity owner) => owner.AttachedPolicies.Any(p => p.Arn == arn);
        var users = snapshot.Users.Where(u => Attached(u) || u.Groups.Any(Attached));
        var roles = snapshot.Roles.Where(Attached);
        return new([.. users.Concat<SnapshotIdentity>(roles)], [compiled], false);
    }

    private static IEnumerable<CompiledPolicy> OwnPolicies(SnapshotIdentity owner) =>
        owner.InlinePolicies.Select(p => p.Handle.Compiled).Concat(owner.AttachedPolicies.Select(p => p.Identity.Compiled));
}
