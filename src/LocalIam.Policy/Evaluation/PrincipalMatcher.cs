using LocalIam.Policy.Authorization;
using LocalIam.Policy.Model;

namespace LocalIam.Policy.Evaluation;

/// <summary>How a statement's <c>Principal</c> named the caller; resource-policy allows depend on it.</summary>
public enum PrincipalMatch
{
    None,

    /// <summary>The caller's account (<c>123456789012</c> or <c>arn:aws:iam::123456789012:root</c>): a delegation to IAM policies.</summary>
    Account,

    /// <summary>The role the caller's session belongs to: still limited by boundary and session policy.</summary>
    Role,

    /// <summary>The caller itself (user, session or federated user ARN), <c>*</c>, or a NotPrincipal that excludes someone else.</summary>
    Caller,
}

/// <summary>Matches the caller against <c>Principal</c>/<c>NotPrincipal</c>.</summary>
internal sealed class PrincipalMatcher(PrincipalElement element)
{
    public PrincipalMatch Match(Principal caller)
    {
        var match = MatchEntries(caller);
        if (!element.IsNegated)
        {
            return match;
        }

        return match == PrincipalMatch.None ? PrincipalMatch.Caller : PrincipalMatch.None;
    }

    private PrincipalMatch MatchEntries(Principal caller)
    {
        if (element.IsWildcard)
        {
            return PrincipalMatch.Caller;
        }

        var best = PrincipalMatch.None;
        foreach (var entry in element.Entries)
        {
            var match = MatchEntry(entry, caller);
            if (match > best)
            {
                best = match;
            }
        }

        return best;
    }

    private static PrincipalMatch MatchEntry(PrincipalEntry entry, Principal caller)
    {
        var value = entry.Value;
        switch (entry.Type)
        {
            case PrincipalType.Aws:
                if (value == "*")
                {
                    return PrincipalMatch.Caller;
                }

                if (caller.Kind is PrincipalKind.Anonymous or PrincipalKind.Service)
                {
                    return PrincipalMatch.None;
                }

                if (value == caller.Arn)
                {
                    // Naming root's ARN names the account, and root is part of it.
                    return caller.Kind == PrincipalKind.Root ? PrincipalMatch.Account : PrincipalMatch.Caller;
                }

                if (value == caller.AccountId || value == caller.AccountRootArn)
                {
                    return PrincipalMatch.Account;
                }

                return caller.RoleArn is not null && value == caller.RoleArn ? PrincipalMatch.Role : PrincipalMatch.None;
            case PrincipalType.Service:
                return caller.Kind == PrincipalKind.Service && value.Equals(caller.Arn, StringComparison.OrdinalIgnoreCase)
                    ? PrincipalMatch.Caller
                    : PrincipalMatch.None;
            default:
                return value == caller.Arn ? PrincipalMatch.Caller : PrincipalMatch.None;
        }
    }
}
