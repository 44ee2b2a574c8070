using LocalIam.Iam.Identifiers;

namespace LocalIam.Iam;

/// <summary>Who asks a service to do something: the account it acts in and the principal's ARN, for the audit trail.</summary>
public sealed record IamCaller(string AccountId, string PrincipalArn)
{
    public bool IsRoot => PrincipalArn == IamArns.Root(AccountId);

    public static IamCaller Root(string accountId) => new(accountId, IamArns.Root(accountId));
}
