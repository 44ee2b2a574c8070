using LocalIam.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace LocalIam.Iam.Policies;

/// <summary>One page of a policy search, and how many policies match in all.</summary>
public sealed record PolicySearchPage(IReadOnlyList<ManagedPolicy> Items, int Total);

/// <summary>
/// The console's "Filter policies": the account's own policies (rows) then AWS's (the catalogue,
/// in memory), each by name, filtered by part of the name and by path, paged by position. Bounded:
/// one count and one page read of the store, one pass over the catalogue.
/// </summary>
public sealed partial class ManagedPolicyService
{
    /// <summary>A filter longer than any policy name matches nothing; it is cut there.</summary>
    public const int MaxNameFilter = 128;

    private static readonly Lazy<AwsManagedPolicy[]> CatalogueByName = new(() =>
        [.. AwsManagedPolicyCatalog.Current.All.OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ThenBy(p => p.Arn, StringComparer.Ordinal)]);

    public Task<PolicySearchPage> SearchAsync(IamCaller caller, PolicyScope scope, string? pathPrefix, string? nameContains, int skip, int take)
    {
        skip = Math.Max(0, skip);
        take = Math.Clamp(take, 1, Paging.MaxMaxItems);
        var filter = string.IsNullOrWhiteSpace(nameContains) ? null : nameContains.Trim();
        filter = filter is { Length: > MaxNameFilter } ? filter[..MaxNameFilter] : filter;
        return Store.ReadAsync(async db =>
        {
            var items = new List<ManagedPolicy>(take);
            var localTotal = 0;
            if (scope != PolicyScope.Aws)
            {
                var query = db.ManagedPolicies.Where(p => p.AccountId == caller.AccountId);
                if (filter is not null)
                {
                    var key = Key(filter);
                    query = query.Where(p => p.NameKey.Contains(key));
                }

                if (pathPrefix is not null)
                {
                    query = query.Where(p => p.Path.Substring(0, pathPrefix.Length) == pathPrefix);
                }

                localTotal = await query.CountAsync();
                if (skip < localTotal)
                {
                    items.AddRange(await query.OrderBy(p => p.NameKey).ThenBy(p => p.Arn).Skip(skip).Take(take).ToListAsync());
                }
            }

            var total = localTotal;
            if (scope != PolicyScope.Local)
            {
                var awsSkip = Math.Max(0, skip - localTotal);
                foreach (var policy in CatalogueByName.Value)
                {
                    if ((filter is null || policy.Name.Contains(filter, StringComparison.OrdinalIgnoreCase))
                        && (pathPrefix is null || policy.Path.StartsWith(pathPrefix, StringComparison.Ordinal)))
                    {
                        if (total - localTotal >= awsSkip && items.Count < take)
                        {
                            items.Add(policy.ToPolicy());
                        }

                        total++;
                    }
                }
            }

            return new PolicySearchPage(items, total);
        });
    }
}
