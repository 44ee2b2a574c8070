using LocalIam.Iam.Accounts;
using LocalIam.Policy.Linting;
using LocalIam.Policy.Model;
using LocalIam.Policy.Validation;

namespace LocalIam.Iam.Linting;

/// <summary>A finding about the account rather than one document: who it is about and through which policy.</summary>
public sealed record AccountFinding(FindingType FindingType, string IssueCode, string FindingDetails, string LearnMoreLink, string PrincipalArn, string Policy);

/// <summary>
/// LocalIam's own account-level checks, beside Access Analyzer's policy checks. Today one, from the
/// lab's best practice (DESIGN.md): full administrator access (AdministratorAccess, or any policy
/// that allows <c>*</c> on <c>*</c>) attached to a user directly instead of to an admin group, where
/// it is granted and taken away in one place. Reads the account snapshot only.
/// </summary>
public static class AccountLint
{
    public const string AdminAccessOnUser = "LOCALIAM_ADMIN_ACCESS_ON_USER";

    public const string AdministratorAccessArn = "arn:aws:iam::aws:policy/AdministratorAccess";

    /// <summary>AWS's best practice this check follows: grant permissions to groups, not to each user.</summary>
    public const string AdminAccessOnUserLink = "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups.html";

    public static IReadOnlyList<AccountFinding> Check(AccountSnapshot snapshot)
    {
        var findings = new List<AccountFinding>();

        // A managed policy is attached to many users: each is read once.
        var admin = new Dictionary<string, bool>(StringComparer.Ordinal);
        bool IsAdmin(SnapshotManagedPolicy policy) =>
            admin.TryGetValue(policy.Arn, out var known) ? known : admin[policy.Arn] = policy.Arn == AdministratorAccessArn || AllowsEverything(policy.Identity.Document);

        var adminGroups = snapshot.Groups.Where(g => g.AttachedPolicies.Any(IsAdmin) || g.InlinePolicies.Any(p => AllowsEverything(p.Handle.Document))).Select(g => g.Name).Order(StringComparer.Ordinal).ToList();
        foreach (var user in snapshot.Users.OrderBy(u => u.Name, StringComparer.Ordinal))
        {
            var granting = user.AttachedPolicies.Where(IsAdmin).Select(p => p.Arn)
                .Concat(user.InlinePolicies.Where(p => AllowsEverything(p.Handle.Document)).Select(p => p.Name));
            foreach (var policy in granting)
            {
                findings.Add(new AccountFinding(FindingType.Warning, AdminAccessOnUser, Details(user.Name, policy, adminGroups), AdminAccessOnUserLink, user.Arn, policy));
            }
        }

        return findings;
    }

    private static string Details(string user, string policy, List<string> adminGroups)
    {
        var what = policy.StartsWith("arn:", StringComparison.Ordinal) ? $"the policy `{policy}`" : $"the inline policy `{policy}`";
        var where = adminGroups.Count > 0
            ? $"add the user to the admin group `{adminGroups[0]}` and detach it from the user"
            : "attach it to an admin group created by root and add the user to that group";
        return $"The user `{user}` has full administrator access through {what} attached directly; {where}";
    }

    /// <summary>A statement that allows every action on every resource, unconditionally.</summary>
    public static bool AllowsEverything(string document)
    {
        var parsed = PolicyParser.Parse(document, PolicyKind.Identity);
        return parsed.Document?.Statements.Any(s => s.Effect == Effect.Allow
            && s.Actions is { IsNegated: false } actions && actions.Values.Any(a => a.Value == "*")
            && s.Resources is { IsNegated: false } resources && resources.Values.Any(r => r.Value == "*")
            && s.Conditions.Count == 0) == true;
    }
}
