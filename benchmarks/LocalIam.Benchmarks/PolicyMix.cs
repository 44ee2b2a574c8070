using LocalIam.Iam.Accounts;
using LocalIam.Iam.Policies;
using LocalIam.Policy.Validation;

namespace LocalIam.Benchmarks;

/// <summary>One stored document to parse and compile: its name in results, its text and its kind.</summary>
internal readonly record struct MixDocument(string Id, string Text, PolicyKind Kind);

/// <summary>
/// The documents a who-can question compiles, in a realistic mix: every AWS managed policy of the
/// catalogue (as identity policies), then the generated account's own documents at AWS's limits
/// (customer managed versions in use, inline and trust policies; seed 1, Scale 1).
/// </summary>
internal static class PolicyMix
{
    public static MixDocument[] Read()
    {
        var aws = AwsManagedPolicyCatalog.Current.All.Select(p => new MixDocument(p.Arn, p.Document, PolicyKind.Identity));
        var store = GeneratedStores.OpenAsync(scale: 1).GetAwaiter().GetResult();
        var snapshot = new AccountSnapshots(store).CurrentAsync(GeneratedStores.AccountId).GetAwaiter().GetResult();
        var own = snapshot.Handles
            .Where(h => !AwsManagedPolicyCatalog.IsAwsArn(h.Id))
            .Select(h => new MixDocument(h.Id, h.Document, h.Key.Kind));
        return [.. aws, .. own];
    }
}
