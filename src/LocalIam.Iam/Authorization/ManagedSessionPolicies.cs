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
                var found = (await Usable(db, accountId, arns).Select(p => p.Arn).ToListAsync()).ToHashSet(StringComparer.Ordinal);
                return arns.FirstOrDefault(arn => !found.Contains(arn));
            });

    /// <summary>The policies compiled as session policies, each named by its ARN; a deleted one is simply absent.</summary>
    public static Task<List<CompiledPolicy>> LoadAsync(IamStore store, string accountId, IReadOnlyList<string> arns) =>
        store.ReadAsync(async db =>
        {
            var documents = await Usable(db, accountId, arns)
                .Join(db.PolicyVersions, p => new { PolicyId = p.Id, VersionId = p.DefaultVersionId }, v => new { v.PolicyId, v.VersionId }, (p, v) => new { p.Arn, v.Document })
                .ToListAsync();
            return documents.OrderBy(d => d.Arn, StringComparer.Ordinal).Select(d => CompiledPolicy.Parse(d.Arn, d.Document, PolicyKind.Session)).ToList();
        });

    private static IQueryable<ManagedPolicy> Usable(IamDbContext db, string accountId, IReadOnlyList<string> arns)
    {
        var wanted = arns.ToArray();
        return db.ManagedPolicies.Where(p => wanted.Contains(p.Arn) && (p.AccountId == accountId || p.AccountId == ManagedPolicy.AwsAccount));
    }
}
