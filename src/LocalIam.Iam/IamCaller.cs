using LocalIam.Iam.Identifiers;

namespace LocalIam.Iam;

/// <summary>Who asks a service to do something: the account it acts in and the principal's ARN, for the audit trail.</summary>
public sealed record IamCaller(string AccountId, string PrincipalArn)
{
    /// <summary>
    /// The partition the caller signed in: the documents it stores may name only that partition's
    /// resources. ARNs stay in their stored form (<c>aws</c>) whatever it is.
    /// </summary>
    public string Partition { get; init; } = Policy.Authorization.ArnPartition.Stored;

    public bool IsRoot => PrincipalArn == IamArns.Root(AccountId);

    public static IamCaller Root(string accountId) => new(accountId, IamArns.Root(accountId));
}
