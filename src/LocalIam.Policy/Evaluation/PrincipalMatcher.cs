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

/// <summary>
/// Matches the caller against <c>Principal</c>/<c>NotPrincipal</c>. For NotPrincipal, AWS looks at
/// each part of the caller's identity on its own: the account, and for a session the role and the
/// session; the statement applies to every part that is not listed.
/// </summary>
internal sealed class PrincipalMatcher(PrincipalElement element, Effect effect)
{
    // An array, so the loops below do not allocate an enumerator per decision.
    private readonly PrincipalEntry[] _entries = [.. element.Entries];

    public PrincipalMatch Match(Principal caller, bool callerHasBoundary)
    {
        if (!element.IsNegated)
        {
            return MatchEntries(caller);
        }

        if (effect == Effect.Deny)
        {
            // Exempt only when every part is listed; never a caller with a permissions boundary
            // (IAM User Guide, NotPrincipal).
            return !callerHasBoundary && IsFullyListed(caller) ? PrincipalMatch.None : PrincipalMatch.Caller;
        }

        return UnlistedPart(caller);
    }

    /// <summary>For an Allow with NotPrincipal: the most specific part of the caller that is not listed.</summary>
    private PrincipalMatch UnlistedPart(Principal caller)
    {
        if (element.IsWildcard || Lists(PrincipalType.Aws, "*"))
        {
            return PrincipalMatch.None;
        }

        var account = ListsAccount(caller) ? PrincipalMatch.None : PrincipalMatch.Account;
        return caller.Kind switch
        {
            PrincipalKind.Root => account,
            PrincipalKind.User or PrincipalKind.FederatedUser => Lists(PrincipalType.Aws, caller.Arn) ? account : PrincipalMatch.Caller,
            PrincipalKind.RoleSession => !Lists(PrincipalType.Aws, caller.Arn) ? PrincipalMatch.Caller
                : !Lists(PrincipalType.Aws, caller.RoleArn!) ? PrincipalMatch.Role
                : account,
            PrincipalKind.Service => Lists(PrincipalType.Service, caller.Arn) ? PrincipalMatch.None : PrincipalMatch.Caller,
            _ => PrincipalMatch.Caller,
        };
    }

    private bool IsFullyListed(Principal caller)
    {
        if (element.IsWildcard || Lists(PrincipalType.Aws, "*"))
        {
            return true;
        }

        return caller.Kind switch
        {
            PrincipalKind.Root => ListsAccount(caller),
            PrincipalKind.User or PrincipalKind.FederatedUser => ListsAccount(caller) && Lists(PrincipalType.Aws, caller.Arn),
            PrincipalKind.RoleSession => ListsAccount(caller) && Lists(PrincipalType.Aws, caller.RoleArn!) && Lists(PrincipalType.Aws, caller.Arn),
            PrincipalKind.Service => Lists(PrincipalType.Service, caller.Arn),
            _ => false,
        };
    }

    private bool ListsAccount(Principal caller) => Lists(PrincipalType.Aws, caller.AccountId) || Lists(PrincipalType.Aws, caller.AccountRootArn);

    private bool Lists(PrincipalType type, string value)
    {
        foreach (var entry in _entries)
        {
            if (entry.Type == type && (type == PrincipalType.Service ? entry.Value.Equals(value, StringComparison.OrdinalIgnoreCase) : entry.Value == value))
            {
                return true;
            }
        }

        return false;
    }

    private PrincipalMatch MatchEntries(Principal caller)
    {
        if (element.IsWildcard)
        {
            return PrincipalMatch.Caller;
        }

        var best = PrincipalMatch.None;
        foreach (var entry in _entries)
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
