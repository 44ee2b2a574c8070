using LocalIam.Storage;
using LocalIam.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace LocalIam.Iam.Policies;

/// <summary>
/// Reads of managed policies that cover both kinds: customer managed ones are rows, AWS managed
/// ones come from the embedded catalogue. Every read that starts from an attachment or a policy
/// goes through here, so no query joins attachments to the policy table.
/// </summary>
internal static class ManagedPolicyReads
{
    /// <summary>The policies with these ids, by id; an id that names nothing (a retired AWS policy) is left out.</summary>
    public static async Task<Dictionary<string, ManagedPolicy>> PoliciesByIdAsync(this IamDbContext db, IEnumerable<string> ids)
    {
        var found = new Dictionary<string, ManagedPolicy>(StringComparer.Ordinal);
        var stored = new List<string>();
        foreach (var id in ids.Distinct(StringComparer.Ordinal))
        {
            if (AwsManagedPolicyCatalog.Current.FindById(id) is { } aws)
            {
                found[id] = aws.ToPolicy();
            }
            else
            {
                stored.Add(id);
            }
        }

        if (stored.Count > 0)
        {
            foreach (var policy in await db.ManagedPolicies.Where(p => stored.Contains(p.Id)).ToListAsync())
            {
                found[policy.Id] = policy;
            }
        }

        return found;
    }

    /// <summary>The managed policies attached to each of these owners, by owner id, in ARN order.</summary>
    public static async Task<ILookup<string, ManagedPolicy>> AttachedByOwnerAsync(this IamDbContext db, OwnerKind kind, IReadOnlyCollection<string> ownerIds)
    {
        var attachments = await db.PolicyAttachments.Where(a => a.OwnerKind == kind && ownerIds.Contains(a.OwnerId))
            .Select(a => new { a.OwnerId, a.PolicyId }).ToListAsync();
        var policies = await db.PoliciesByIdAsync(attachments.Select(a => a.PolicyId));
        return attachments.Where(a => policies.ContainsKey(a.PolicyId))
            .Select(a => (a.OwnerId, Policy: policies[a.PolicyId]))
            .OrderBy(a => a.Policy.Arn, StringComparer.Ordinal)
            .ToLookup(a => a.OwnerId, a => a.Policy);
    }

    /// <summary>The versions of a policy, in no particular order: an AWS managed policy has its default version only.</summary>
    public static async Task<List<PolicyVersion>> VersionsAsync(this IamDbContext db, ManagedPolicy policy) =>
        AwsVersion(policy) is { } aws ? [aws] : await db.PolicyVersions.Where(v => v.PolicyId == policy.Id).ToListAsync();

    public static async Task<PolicyVersion?> VersionOrNullAsync(this IamDbContext db, ManagedPolicy policy, string versionId) =>
        AwsVersion(policy) is { } aws
            ? aws.VersionId == versionId ? aws : null
            : await db.PolicyVersions.SingleOrDefaultAsync(v => v.PolicyId == policy.Id && v.VersionId == versionId);

    /// <summary>The document of the default version, the one that authorization evaluates.</summary>
    public static async Task<string> DefaultDocumentAsync(this IamDbContext db, ManagedPolicy policy) =>
        policy.IsAwsManaged
            ? AwsManagedPolicyCatalog.Current.FindById(policy.Id)?.Document ?? throw new InvalidOperationException($"`{policy.Arn}` is not in the catalogue")
            : await db.PolicyVersions.Where(v => v.PolicyId == policy.Id && v.VersionId == policy.DefaultVersionId).Select(v => v.Document).SingleAsync();

    private static PolicyVersion? AwsVersion(ManagedPolicy policy) =>
        policy.IsAwsManaged ? AwsManagedPolicyCatalog.Current.FindById(policy.Id)?.ToDefaultVersion() : null;
}
