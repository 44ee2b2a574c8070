namespace LocalIam.Iam.Policies;

/// <summary>Where the catalogue came from (recorded in the data by scripts/aws-managed-policies.mjs).</summary>
public sealed record AwsManagedPolicySource(string Package, string Version, DateTime Published, string ListingRepository, string ListingCommit, DateTime ListingDate);

/// <summary>
/// Every AWS managed policy, from data/aws-managed-policies.json.br (embedded; see
/// docs/managed-policies.md). Read from the assembly on first use, not at start-up, and never written
/// to the store: attachments name these policies by id, permissions boundaries by ARN, and every
/// account shares the one read-only copy.
/// </summary>
public sealed class AwsManagedPolicyCatalog
{
    public const string ArnPrefix = "arn:aws:iam::aws:policy/";

    private static readonly Lazy<AwsManagedPolicyCatalog> Embedded = new(AwsManagedPolicyData.ReadEmbedded);

    private readonly AwsManagedPolicy[] _byArn;
    private readonly Dictionary<string, AwsManagedPolicy> _arns;
    private readonly Dictionary<string, AwsManagedPolicy> _ids;

    internal AwsManagedPolicyCatalog(AwsManagedPolicySource source, IEnumerable<AwsManagedPolicy> policies)
    {
        Source = source;
        _byArn = [.. policies.OrderBy(p => p.Arn, StringComparer.Ordinal)];
        _arns = _byArn.ToDictionary(p => p.Arn, StringComparer.Ordinal);
        _ids = _byArn.ToDictionary(p => p.PolicyId, StringComparer.Ordinal);
    }

    /// <summary>The catalogue shipped in this assembly.</summary>
    public static AwsManagedPolicyCatalog Current => Embedded.Value;

    /// <summary>Every policy of the shipped catalogue, in ARN order.</summary>
    public static IReadOnlyList<AwsManagedPolicy> Entries => Current.All;

    public AwsManagedPolicySource Source { get; }

    public IReadOnlyList<AwsManagedPolicy> All => _byArn;

    /// <summary>Whether an ARN names an AWS managed policy (one this catalogue may or may not have).</summary>
    public static bool IsAwsArn(string arn) => arn.StartsWith(ArnPrefix, StringComparison.Ordinal);

    public AwsManagedPolicy? FindByArn(string arn) => _arns.GetValueOrDefault(arn);

    public AwsManagedPolicy? FindById(string policyId) => _ids.GetValueOrDefault(policyId);

    /// <summary>The policies whose ARN sorts after <paramref name="arn"/> (ordinally), in ARN order; all of them for null.</summary>
    public IEnumerable<AwsManagedPolicy> After(string? arn)
    {
        var start = arn is null ? 0 : FirstAfter(arn);
        for (var i = start; i < _byArn.Length; i++)
        {
            yield return _byArn[i];
        }
    }

    private int FirstAfter(string arn)
    {
        var (low, high) = (0, _byArn.Length);
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (string.CompareOrdinal(_byArn[middle].Arn, arn) <= 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
