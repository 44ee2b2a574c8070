using LocalIam.Iam.Policies;

namespace LocalIam.Iam.Generation;

/// <summary>
/// The AWS managed policies a generated account attaches, from the whole catalogue as real
/// accounts use it: a few popular policies often, a long tail of the rest rarely, and
/// <c>service-role/</c> policies on roles that a service assumes. Never the retired ones, nor
/// <c>aws-service-role/</c> policies (they belong to service-linked roles), nor the privileged
/// ones that the generator gives only by its explicit rules.
/// </summary>
internal sealed class GeneratedAwsPolicies
{
    /// <summary>Given by explicit rules only (admins, billing people), never at random.</summary>
    public static readonly IReadOnlySet<string> Privileged = new HashSet<string>(StringComparer.Ordinal)
    {
        Arn("AdministratorAccess"), Arn("PowerUserAccess"), Arn("IAMFullAccess"), Arn("job-function/Billing"), Arn("AWSBillingReadOnlyAccess"),
    };

    /// <summary>
    /// The head of the popularity curve, in this order; the rest of the catalogue follows in ARN
    /// order. Not ReadOnlyAccess: it allows <c>aws-portal:View*</c>, and at the head it would let a
    /// third of the account see billing, where real accounts keep billing to a few people (it and
    /// the other policies that reach billing stay in the tail, attached now and then).
    /// </summary>
    private static readonly string[] Popular =
    [
        "AmazonS3ReadOnlyAccess", "AmazonS3FullAccess", "CloudWatchReadOnlyAccess", "AmazonEC2ReadOnlyAccess",
        "AmazonDynamoDBReadOnlyAccess", "AWSLambda_ReadOnlyAccess", "IAMReadOnlyAccess", "job-function/ViewOnlyAccess",
        "AmazonSQSFullAccess", "AmazonSNSReadOnlyAccess", "CloudWatchLogsReadOnlyAccess", "AmazonEC2ContainerRegistryReadOnly",
        "AWSCloudFormationReadOnlyAccess", "AmazonRDSReadOnlyAccess", "SecretsManagerReadWrite", "AWSCodeCommitPowerUser",
    ];

    private readonly AwsManagedPolicyCatalog _catalogue = AwsManagedPolicyCatalog.Current;
    private readonly List<AwsManagedPolicy> _everyday;
    private readonly List<AwsManagedPolicy> _serviceRole;

    public GeneratedAwsPolicies()
    {
        var usable = _catalogue.All.Where(p => p.IsAttachable && !Privileged.Contains(p.Arn)).ToList();
        var head = Popular.Select(name => _catalogue.FindByArn(Arn(name))).OfType<AwsManagedPolicy>().Where(usable.Contains).ToList();
        _everyday = [.. head, .. usable.Where(p => p.Path is "/" or "/job-function/" && !head.Contains(p))];
        _serviceRole = [.. usable.Where(p => p.Path == "/service-role/")];
    }

    public static string Arn(string nameWithPath) => AwsManagedPolicyCatalog.ArnPrefix + nameWithPath;

    /// <summary>The id of the policy with this name (and path), if the catalogue has it.</summary>
    public string? IdOf(string nameWithPath) => _catalogue.FindByArn(Arn(nameWithPath))?.PolicyId;

    /// <summary>One policy for everyday work, the popular ones far more often than the rest.</summary>
    public string? Everyday(Random random) => Pick(_everyday, random);

    /// <summary>One policy for a role that a service assumes.</summary>
    public string? ForServiceRole(Random random) => Pick(_serviceRole, random);

    // u^3 puts about half of the picks in the first eighth of the list: a head and a long tail.
    private static string? Pick(List<AwsManagedPolicy> pool, Random random) =>
        pool.Count == 0 ? null : pool[(int)(Math.Pow(random.NextDouble(), 3) * pool.Count)].PolicyId;
}
