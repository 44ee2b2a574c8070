using System.Collections.Frozen;

namespace LocalIam.Aws.SigV4;

/// <summary>
/// What a request's credential scope must name for one service: its signing name and the regions
/// it answers in. IAM is global: one endpoint per partition, signed for that partition's IAM region
/// (<c>us-east-1</c>, <c>cn-north-1</c>, <c>us-gov-west-1</c>...); STS has an endpoint in every
/// region of every partition (the scope's region is the request's region). The billing service is
/// signed for <c>us-east-1</c> only.
/// </summary>
public sealed record SigningScope(string Service, FrozenSet<string> Regions)
{
    public const string GlobalRegion = "us-east-1";

    /// <summary>The regions of the <c>aws</c> partition.</summary>
    public static readonly FrozenSet<string> CommercialRegions = AwsPartitions.RegionsOf(AwsPartitions.Commercial);

    private static readonly FrozenSet<string> Global = FrozenSet.Create(StringComparer.Ordinal, GlobalRegion);

    public static SigningScope Iam { get; } = new("iam", AwsPartitions.IamSigningRegions);

    public static SigningScope Sts { get; } = new("sts", AwsPartitions.AllRegions);

    /// <summary>A global service other than IAM (the billing service, signing name <c>billing</c>).</summary>
    public static SigningScope GlobalService(string service) => new(service, Global);
}
