using LocalIam.Iam.Policies;
using LocalIam.Policy.Evaluation;
using LocalIam.Policy.Validation;
using LocalIam.Storage;
using LocalIam.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace LocalIam.Iam.Authorization;

/// <summary>
/// Managed session policies (AssumeRole's PolicyArns): the account's own managed policies or AWS's,
/// read by ARN at their current default version, so a session sees an edit or a deletion at once.
/// </summary>
public static class ManagedSessionPolicies
{
    /// <summary>The first ARN that names no managed policy the account can use, or null when all do.</summary>
    public static Task<string?> FirstMissingAsync(IamStore store, string accountId, IReadOnlyList<string> arns) =>
        arns.Count == 0
            ? Task.FromResult<string?>(null)
            : store.ReadAsync(async db =>
            {
                var found = (await UsableAsync(db, accountId, arns)).Select(p => p.Arn).ToHashSet(StringComparer.Ordinal);
                return arns.FirstOrDefault(arn => !found.Contains(arn));
            });

    /// <summary>The policies compiled as session policies, each named by its ARN; a deleted one is simply absent.</summary>
    public static Task<List<CompiledPolicy>> LoadAsync(IamStore store, string accountId, IReadOnlyList<string> arns) =>
        store.ReadAsync(async db =>
        {
            var documents = new List<(string Arn, string Document)>();
            foreach (var policy in await UsableAsync(db, accountId, arns))
            {
                documents.Add((policy.Arn, await db.DefaultDocumentAsync(policy)));
            }

            return documents.OrderBy(d => d.Arn, StringComparer.Ordinal).Select(d => CompiledPolicy.Parse(d.Arn, d.Document, PolicyKind.Session)).ToList();
        });

    /// <summary>AWS's from the catalogue, the account's own from the store.</summary>
    private static async Task<List<ManagedPolicy>> UsableAsync(IamDbContext db, string accountId, IReadOnlyList<string> arns)
    {
        var catalogue = AwsManagedPolicyCatalog.Current;
        var usable = arns.Where(AwsManagedPolicyCatalog.IsAwsArn).Select(catalogue.FindByArn).OfType<AwsManagedPolicy>().Select(p => p.ToPolicy()).ToList();
        var own = arns.Where(arn => !AwsManagedPolicyCatalog.IsAwsArn(arn)).ToArray();
        if (own.Length > 0)
        {
            usable.AddRange(await db.ManagedPolicies.Where(p => own.Contains(p.Arn) && p.AccountId == accountId).ToListAsync());
        }

        return usable;
    }
}
