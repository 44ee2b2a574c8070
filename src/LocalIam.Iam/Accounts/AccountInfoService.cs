using System.Globalization;
using LocalIam.Iam.Errors;
using LocalIam.Iam.Policies;
using LocalIam.Iam.Tags;
using LocalIam.Storage;
using LocalIam.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace LocalIam.Iam.Accounts;

/// <summary>Read-only views of the whole account: GetAccountSummary and GetAccountAuthorizationDetails.</summary>
public sealed class AccountInfoService(IamStore store, Caching.RevisionCache? cache = null)
{
    private readonly Caching.RevisionCache _cache = cache ?? new Caching.RevisionCache(store);

    /// <summary>Entity usage and quotas, keyed as AWS's SummaryMap, from the areas' declarations; every count is of what exists.</summary>
    /// <summary>Read once per store revision (the console's dashboard shows it on every visit).</summary>
    public Task<IReadOnlyList<KeyValuePair<string, int>>> SummaryAsync(IamCaller caller) =>
        _cache.GetOrReadAsync($"summary:{caller.AccountId}", () =>
            store.ReadAsync(async db => Areas.IamAreas.Summary(await Areas.AccountCounts.LoadAsync(db, caller.AccountId))));

    /// <summary>The IAM dashboard's security recommendations at <paramref name="now"/>.</summary>
    /// <summary>The account's facts are read once per store revision; the key ages are judged at <paramref name="now"/>.</summary>
    public async Task<SecurityRecommendations> RecommendationsAsync(IamCaller caller, DateTimeOffset now) =>
        (await _cache.GetOrReadAsync($"recommendations:{caller.AccountId}", () =>
            store.ReadAsync(db => SecurityRecommendations.LoadAsync(db, caller.AccountId)))).At(now);

    /// <summary>
    /// Users, then groups, then roles, then managed policies, each by name, cut into pages of
    /// <paramref name="maxItems"/> entities in all. The marker is the position of the next entity:
    /// simple, and good enough while nobody changes the account between pages.
    /// </summary>
    public Task<AuthorizationDetails> AuthorizationDetailsAsync(IamCaller caller, AuthorizationDetailsFilter filter, string? marker = null, int? maxItems = null)
    {
        var limit = Paging.Limit(maxItems);
        var offset = Offset(marker);
        return store.ReadAsync(async db =>
        {
            var entries = await EntriesAsync(db, caller.AccountId, filter);
            var page = entries.Skip(offset).Take(limit).ToList();
            var next = offset + page.Count;
            List<string> Ids(OwnerKind kind) => [.. page.Where(e => e.Kind == kind).Select(e => e.Id)];
            return new AuthorizationDetails(
                await UsersAsync(db, Ids(OwnerKind.User)),
                await GroupsAsync(db, Ids(OwnerKind.Group)),
                await RolesAsync(db, Ids(OwnerKind.Role)),
                await PoliciesAsync(db, caller.AccountId, Ids(OwnerKind.Policy)),
                next < entries.Count,
                next < entries.Count ? Paging.Encode(next.ToString(CultureInfo.InvariantCulture)) : null);
        });
    }

    private static int Offset(string? marker) => Paging.Decode(marker) switch
    {
        null => 0,
        var text when int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var offset) => offset,
        _ => throw IamErrors.InvalidMarker(),
    };

    /// <summary>
    /// Every entity the filter selects, in page order. AWS managed policies appear only when the
    /// account uses them (attached, or as a permissions boundary), also when the filter names
    /// AWSManagedPolicy. AWS's reference only says the operation is a snapshot of the account's
    /// IAM configuration; as far as we know the live service lists the AWS managed policies in use
    /// there, never the whole catalogue of 1,000+ (ListPolicies --scope AWS is for that), and the
    /// filter only chooses which kinds of entity to include. Not verified against a live account.
    /// </summary>
    private static async Task<List<Entry>> EntriesAsync(IamDbContext db, string account, AuthorizationDetailsFilter filter)
    {
        var entries = new List<Entry>();
        if (filter.Users)
        {
            Add(entries, OwnerKind.User, await db.Users.Where(u => u.AccountId == account).OrderBy(u => u.NameKey).Select(u => u.Id).ToListAsync());
        }

        if (filter.Groups)
        {
            Add(entries, OwnerKind.Group, await db.Groups.Where(g => g.AccountId == account).OrderBy(g => g.NameKey).Select(g => g.Id).ToListAsync());
        }

        if (filter.Roles)
        {
            Add(entries, OwnerKind.Role, await db.Roles.Where(r => r.AccountId == account).OrderBy(r => r.NameKey).Select(r => r.Id).ToListAsync());
        }

        if (filter.LocalPolicies)
        {
            Add(entries, OwnerKind.Policy, await db.ManagedPolicies.Where(p => p.AccountId == account).OrderBy(p => p.NameKey).Select(p => p.Id).ToListAsync());
        }

        if (filter.AwsPolicies)
        {
            var catalogue = AwsManagedPolicyCatalog.Current;
            var attached = await db.PolicyAttachments.Where(a => a.AccountId == account).Select(a => a.PolicyId).Distinct().ToListAsync();
            var boundaries = await db.Users.Where(u => u.AccountId == account && u.PermissionsBoundaryArn != null).Select(u => u.PermissionsBoundaryArn!)
                .Concat(db.Roles.Where(r => r.AccountId == account && r.PermissionsBoundaryArn != null).Select(r => r.PermissionsBoundaryArn!))
                .Distinct().ToListAsync();
            var inUse = attached.Select(catalogue.FindById).Concat(boundaries.Select(catalogue.FindByArn)).OfType<AwsManagedPolicy>()
                .DistinctBy(p => p.PolicyId).OrderBy(p => p.Name.ToUpperInvariant(), StringComparer.Ordinal);
            Add(entries, OwnerKind.Policy, [.. inUse.Select(p => p.PolicyId)]);
        }

        return entries;
    }

    private static void Add(List<Entry> entries, OwnerKind kind, List<string> ids) => entries.AddRange(ids.Select(id => new Entry(kind, id)));

    private static async Task<IReadOnlyList<UserDetail>> UsersAsync(IamDbContext db, List<string> ids)
    {
        var users = await db.Users.Where(u => ids.Contains(u.Id)).OrderBy(u => u.NameKey).ToListAsync();
        var inline = await InlineAsync(db, OwnerKind.User, ids);
        var attached = await AttachedAsync(db, OwnerKind.User, ids);
        var tags = await TagsAsync(db, OwnerKind.User, ids);
        var groups = (await (from m in db.GroupMemberships
                             join g in db.Groups on m.GroupId equals g.Id
                             where ids.Contains(m.UserId)
                             orderby g.NameKey
                             select new { m.UserId, g.Name }).ToListAsync()).ToLookup(m => m.UserId, m => m.Name);
        return [.. users.Select(u => new UserDetail(u, [.. inline[u.Id]], [.. groups[u.Id]], [.. attached[u.Id]], [.. tags[u.Id]]))];
    }

    private static async Task<IReadOnlyList<GroupDetail>> GroupsAsync(IamDbContext db, List<string> ids)
    {
        var groups = await db.Groups.Where(g => ids.Contains(g.Id)).OrderBy(g => g.NameKey).ToListAsync();
        var inline = await InlineAsync(db, OwnerKind.Group, ids);
        var attached = await AttachedAsync(db, OwnerKind.Group, ids);
        return [.. groups.Select(g => new GroupDetail(g, [.. inline[g.Id]], [.. attached[g.Id]]))];
    }

    private static async Task<IReadOnlyList<RoleDetail>> RolesAsync(IamDbContext db, List<string> ids)
    {
        var roles = await db.Roles.Where(r => ids.Contains(r.Id)).OrderBy(r => r.NameKey).ToListAsync();
        var inline = await InlineAsync(db, OwnerKind.Role, ids);
        var attached = await AttachedAsync(db, OwnerKind.Role, ids);
        var tags = await TagsAsync(db, OwnerKind.Role, ids);
        var profiles = roles.Count == 0 ? null : await InstanceProfiles.InstanceProfileService.ByRoleAsync(db, roles[0].AccountId, ids);
        var lastUsed = await LastAccessed.RoleLastUse.ReadAsync(db, roles);
        return [.. roles.Select(r => new RoleDetail(r, [.. inline[r.Id]], [.. attached[r.Id]], [.. tags[r.Id]])
        {
            InstanceProfiles = [.. profiles?[r.Id] ?? []],
            LastUsed = lastUsed[r.Id],
        })];
    }

    /// <summary>The page's policies in page order, with their use by this account's identities.</summary>
    private static async Task<IReadOnlyList<ManagedPolicyDetail>> PoliciesAsync(IamDbContext db, string account, List<string> ids)
    {
        var policies = await db.PoliciesByIdAsync(ids);
        var arns = policies.Values.Select(p => p.Arn).ToList();
        var attachments = (await db.PolicyAttachments.Where(a => a.AccountId == account && ids.Contains(a.PolicyId)).Select(a => a.PolicyId).ToListAsync())
            .CountBy(id => id).ToDictionary();
        var boundaries = (await db.Users.Where(u => u.AccountId == account && arns.Contains(u.PermissionsBoundaryArn!)).Select(u => u.PermissionsBoundaryArn!).ToListAsync())
            .Concat(await db.Roles.Where(r => r.AccountId == account && arns.Contains(r.PermissionsBoundaryArn!)).Select(r => r.PermissionsBoundaryArn!).ToListAsync())
            .CountBy(arn => arn).ToDictionary();
        var stored = (await db.PolicyVersions.Where(v => ids.Contains(v.PolicyId)).ToListAsync()).ToLookup(v => v.PolicyId);
        IEnumerable<PolicyVersion> Versions(ManagedPolicy p) =>
            p.IsAwsManaged ? [AwsManagedPolicyCatalog.Current.FindById(p.Id)!.ToDefaultVersion()] : stored[p.Id];
        return [.. ids.Select(id => policies[id]).Select(p => new ManagedPolicyDetail(
            p, attachments.GetValueOrDefault(p.Id), boundaries.GetValueOrDefault(p.Arn), [.. ManagedPolicyService.NewestFirst(Versions(p))]))];
    }

    private static async Task<ILookup<string, InlinePolicy>> InlineAsync(IamDbContext db, OwnerKind kind, List<string> ids) =>
        (await db.InlinePolicies.Where(p => p.OwnerKind == kind && ids.Contains(p.OwnerId)).OrderBy(p => p.NameKey).ToListAsync()).ToLookup(p => p.OwnerId);

    /// <summary>Attached managed policies per owner, by name as the entities themselves are.</summary>
    private static async Task<ILookup<string, ManagedPolicy>> AttachedAsync(IamDbContext db, OwnerKind kind, List<string> ids) =>
        (await db.AttachedByOwnerAsync(kind, ids)).SelectMany(g => g.Select(p => (Owner: g.Key, Policy: p)))
            .OrderBy(a => a.Policy.NameKey, StringComparer.Ordinal).ToLookup(a => a.Owner, a => a.Policy);

    private static async Task<ILookup<string, TagInput>> TagsAsync(IamDbContext db, OwnerKind kind, List<string> ids) =>
        (await db.Tags.Where(t => t.OwnerKind == kind && ids.Contains(t.OwnerId)).OrderBy(t => t.KeyKey).ToListAsync())
            .ToLookup(t => t.OwnerId, t => new TagInput(t.Key, t.Value));

    private readonly record struct Entry(OwnerKind Kind, string Id);
}
