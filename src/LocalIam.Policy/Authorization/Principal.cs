namespace LocalIam.Policy.Authorization;

public enum PrincipalKind
{
    /// <summary>The account's root user: full access unless an SCP or an explicit deny says otherwise.</summary>
    Root,
    User,

    /// <summary>A session of an assumed role (<c>arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION</c>).</summary>
    RoleSession,

    /// <summary>A session from GetFederationToken (<c>arn:aws:sts::ACCOUNT:federated-user/NAME</c>).</summary>
    FederatedUser,

    /// <summary>An AWS service such as <c>ec2.amazonaws.com</c>, as a trust policy sees it.</summary>
    Service,
    Anonymous,
}

/// <summary>Who makes a request, with the ARNs that policies can name.</summary>
public sealed record Principal(PrincipalKind Kind, string Arn, string AccountId, string Name, string? RoleArn = null)
{
    /// <summary>The ARN that names the whole account in a <c>Principal</c> element.</summary>
    public string AccountRootArn { get; init; } = $"arn:aws:iam::{AccountId}:root";

    public static Principal Root(string accountId) => new(PrincipalKind.Root, $"arn:aws:iam::{accountId}:root", accountId, accountId);

    public static Principal User(string accountId, string userName, string path = "/") =>
        new(PrincipalKind.User, $"arn:aws:iam::{accountId}:user{path}{userName}", accountId, userName);

    public static Principal RoleSession(string accountId, string roleName, string sessionName, string rolePath = "/") =>
        new(PrincipalKind.RoleSession, $"arn:aws:sts::{accountId}:assumed-role/{roleName}/{sessionName}", accountId, sessionName,
            $"arn:aws:iam::{accountId}:role{rolePath}{roleName}");

    public static Principal FederatedUser(string accountId, string name) =>
        new(PrincipalKind.FederatedUser, $"arn:aws:sts::{accountId}:federated-user/{name}", accountId, name);

    public static Principal Service(string servicePrincipal) => new(PrincipalKind.Service, servicePrincipal, string.Empty, servicePrincipal);

    public static Principal Anonymous { get; } = new(PrincipalKind.Anonymous, "anonymous", "anonymous", "anonymous");

    /// <summary>The same principal as a request signed in <paramref name="partition"/> names it (<see cref="ArnPartition"/>).</summary>
    public Principal InPartition(string partition) => partition == ArnPartition.Stored ? this : this with
    {
        Arn = ArnPartition.Show(Arn, partition),
        RoleArn = RoleArn is null ? null : ArnPartition.Show(RoleArn, partition),
        AccountRootArn = ArnPartition.Show(AccountRootArn, partition),
    };

    /// <summary>IAM users and roles: the principals that the billing-access setting gates.</summary>
    public bool IsIamPrincipal => Kind is PrincipalKind.User or PrincipalKind.RoleSession or PrincipalKind.FederatedUser;

    public bool IsSession => Kind is PrincipalKind.RoleSession or PrincipalKind.FederatedUser;
}
