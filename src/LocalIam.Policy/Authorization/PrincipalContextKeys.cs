using LocalIam.Policy.Evaluation;

namespace LocalIam.Policy.Authorization;

/// <summary>The global condition keys that describe the caller, as AWS sets them on every request.</summary>
public static class PrincipalContextKeys
{
    public const string UserName = "aws:username";
    public const string PrincipalArn = "aws:PrincipalArn";
    public const string PrincipalAccount = "aws:PrincipalAccount";
    public const string PrincipalType = "aws:PrincipalType";

    /// <summary>Adds the keys derived from <paramref name="principal"/>; keys already set are kept.</summary>
    public static RequestContext AddTo(RequestContext context, Principal principal)
    {
        SetIfMissing(context, PrincipalAccount, principal.AccountId);
        SetIfMissing(context, PrincipalType, TypeValue(principal.Kind));
        if (principal.Kind is PrincipalKind.Anonymous or PrincipalKind.Service)
        {
            return context;
        }

        // For a role session, aws:PrincipalArn is the role's ARN, not the session's.
        SetIfMissing(context, PrincipalArn, principal.RoleArn ?? principal.Arn);
        if (principal.Kind == PrincipalKind.User)
        {
            SetIfMissing(context, UserName, principal.Name);
        }

        return context;
    }

    public static string TypeValue(PrincipalKind kind) => kind switch
    {
        PrincipalKind.Root => "Account",
        PrincipalKind.User => "User",
        PrincipalKind.RoleSession => "AssumedRole",
        PrincipalKind.FederatedUser => "FederatedUser",
        PrincipalKind.Service => "Service",
        _ => "Anonymous",
    };

    private static void SetIfMissing(RequestContext context, string key, string value)
    {
        if (!context.Contains(key))
        {
            context.Set(key, value);
        }
    }
}
