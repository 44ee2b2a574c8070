using System.Collections.Frozen;
using System.Text.Json;

namespace LocalIam.Aws.SigV4;

/// <summary>
/// AWS's partitions (<c>aws</c>, <c>aws-cn</c>, <c>aws-us-gov</c>...) with their regions and the
/// region IAM's one endpoint per partition is signed for, read once from
/// <c>data/aws-models/partitions.json</c> (made by <c>scripts/aws-partitions.py</c> from botocore's
/// endpoint data). A request's partition is its signing region's, as on AWS's endpoints.
/// </summary>
public static class AwsPartitions
{
    public const string Commercial = "aws";

    private static readonly Lazy<Table> Data = new(Load);

    /// <summary>The partition a region belongs to; null for a region AWS's data does not list.</summary>
    public static string? OfRegion(string region) => Data.Value.PartitionOfRegion.GetValueOrDefault(region);

    /// <summary>Every partition's id, <c>aws</c> first.</summary>
    public static IReadOnlyList<string> Ids => Data.Value.Ids;

    public static bool IsKnown(string partition) => Data.Value.PartitionOfRegion.Values.Contains(partition, StringComparer.Ordinal);

    /// <summary>The regions of one partition.</summary>
    public static FrozenSet<string> RegionsOf(string partition) =>
        Data.Value.PartitionOfRegion.Where(p => p.Value == partition).Select(p => p.Key).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Every region of every partition: STS has an endpoint in each.</summary>
    public static FrozenSet<string> AllRegions => Data.Value.PartitionOfRegion.Keys.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The regions IAM's global endpoints are signed for, one per partition that has IAM (us-east-1, cn-north-1, us-gov-west-1...).</summary>
    public static FrozenSet<string> IamSigningRegions => Data.Value.IamSigningRegions;

    private sealed record Table(IReadOnlyList<string> Ids, FrozenDictionary<string, string> PartitionOfRegion, FrozenSet<string> IamSigningRegions);

    private static Table Load()
    {
        using var stream = typeof(AwsPartitions).Assembly.GetManifestResourceStream("aws-models/partitions.json")
            ?? throw new InvalidOperationException("The partition table is not embedded in LocalIam.Aws");
        using var document = JsonDocument.Parse(stream);
        var ids = new List<string>();
        var regions = new Dictionary<string, string>(StringComparer.Ordinal);
        var iam = new List<string>();
        foreach (var partition in document.RootElement.GetProperty("partitions").EnumerateArray())
        {
            var id = partition.GetProperty("id").GetString()!;
            ids.Add(id);
            foreach (var region in partition.GetProperty("regions").EnumerateArray())
            {
                regions[region.GetString()!] = id;
            }

            if (partition.GetProperty("iamSigningRegion").GetString() is { } signing)
            {
                iam.Add(signing);
            }
        }

        return new Table(ids, regions.ToFrozenDictionary(StringComparer.Ordinal), iam.ToFrozenSet(StringComparer.Ordinal));
    }
}
