using System.Collections.Frozen;

namespace LocalIam.Aws.SigV4;

/// <summary>
/// What a request's credential scope must name for one service: its signing name and the regions
/// it answers in. IAM and the billing service are global, signed for <c>us-east-1</c> only; STS has
/// an endpoint in every commercial region, so any of them is accepted (and is the request's region).
/// </summary>
public sealed record SigningScope(string Service, FrozenSet<string> Regions)
{
    public const string GlobalRegion = "us-east-1";

    /// <summary>The regions of the <c>aws</c> partition (AWS's endpoint data, 2026).</summary>
    public static readonly FrozenSet<string> CommercialRegions = FrozenSet.Create(StringComparer.Ordinal,
        "af-south-1", "ap-east-1", "ap-east-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ap-south-2",
        "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7",
        "ca-central-1", "ca-west-1", "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-2",
        "eu-west-3", "il-central-1", "me-central-1", "me-south-1", "mx-central-1", "sa-east-1", "us-east-1", "us-east-2", "us-west-1",
        "us-west-2");

    private static readonly FrozenSet<string> Global = FrozenSet.Create(StringComparer.Ordinal, GlobalRegion);

    public static SigningScope Iam { get; } = new("iam", Global);

    public static SigningScope Sts { get; } = new("sts", CommercialRegions);

    /// <summary>A global service other than IAM (the billing service, signing name <c>billing</c>).</summary>
    public static SigningScope GlobalService(string service) => new(service, Global);
}
