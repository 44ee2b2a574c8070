using System.Globalization;
using System.Text.RegularExpressions;
using LocalIam.Iam.Errors;
using LocalIam.Iam.Identifiers;
using LocalIam.Iam.Tags;
using LocalIam.Policy.Validation;
using LocalIam.Storage;
using LocalIam.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace LocalIam.Iam.Policies;

public enum PolicyScope
{
    All,
    Aws,
    Local,
}

/// <summary>Customer managed policies and their versions; AWS managed policies are read-only here.</summary>
public sealed partial class ManagedPolicyService(IamStore store, TimeProvider clock) : IamService(store, clock)
{
    private const string VersionPattern = @"v[1-9][0-9]*(\.[A-Za-z0-9-]*)?";

    public Task<ManagedPolicy> CreateAsync(
        IamCaller caller, string policyName, string document, string? path = null, string? description = null, IReadOnlyList<TagInput>? tags = null)
    {
        new RequestValidator().Name(policyName, "policyName", 128).Path(path).Length(description, "description", 0, 1000).ThrowIfInvalid();
        CheckDocument(document, caller.Partition);
        if (tags is { Count: > 0 })
        {
            TagRules.Validate(tags);
        }

        return ChangeAsync(caller, "iam:CreatePolicy", policyName, async db =>
        {
            await db.ManagedPolicies.EnsureNameFreeAsync(caller.AccountId, policyName, OwnerKind.Policy);
            await db.ManagedPolicies.EnsureRoomAsync(caller.AccountId, Quotas.CustomerManagedPoliciesPerAccount);

            var policy = new ManagedPolicy
            {
                Id = IamIds.NewUniqueId(IamIds.PolicyPrefix),
                AccountId = caller.AccountId,
                Name = policyName,
                NameKey = Key(policyName),
                Path = path ?? "/",
                Arn = IamArns.Policy(caller.AccountId, path ?? "/", policyName),
                Description = description,
                DefaultVersionId = "v1",
                NextVersionNumber = 2,
                CreatedAt = Now,
                UpdatedAt = Now,
            };
            db.ManagedPolicies.Add(policy);
            db.PolicyVersions.Add(new PolicyVersion { PolicyId = policy.Id, VersionId = "v1", Document = document, CreatedAt = Now });
            if (tags is { Count: > 0 })
            {
                await TagRules.ApplyAsync(db, OwnerKind.Policy, policy.Id, tags);
            }

            return policy;
        });
    }

    public Task<ManagedPolicy> GetAsync(IamCaller caller, string policyArn)
    {
        PolicyArns.Check(policyArn);
        return Store.ReadAsync(db => db.PolicyAsync(caller.AccountId, policyArn));
    }

    /// <summary>How many of the account's users, groups and roles the policy is attached to (AttachmentCount).</summary>
    public Task<int> AttachmentCountAsync(IamCaller caller, string policyId) =>
        Store.ReadAsync(db => db.PolicyAttachments.CountAsync(a => a.PolicyId == policyId && a.AccountId == caller.AccountId));

    public Task DeleteAsync(IamCaller caller, string policyArn)
    {
        PolicyArns.Check(policyArn);
        return ChangeAsync(caller, "iam:DeletePolicy", policyArn, async db =>
        {
            var policy = await OwnPolicyAsync(db, caller, policyArn);
            await Areas.IamAreas.ManagedPolicies.ThrowIfDeleteConflictAsync(db, caller.AccountId, policy.Id);

            await db.Tags.Where(t => t.OwnerKind == OwnerKind.Policy && t.OwnerId == policy.Id).ExecuteDeleteAsync();
            db.ManagedPolicies.Remove(policy);
        });
    }

    /// <summary>
    /// ListPolicies: the account's own policies (rows) then AWS's (the catalogue), in ARN order with
    /// one marker across both. Every account ARN sorts before every AWS one (a digit before
    /// <c>aws</c>) in any collation, so the two listings are simply one after the other.
    /// </summary>
    public Task<Page<ManagedPolicy>> ListAsync(
        IamCaller caller, PolicyScope scope = PolicyScope.All, bool onlyAttached = false, string? pathPrefix = null, string? marker = null, int? maxItems = null)
    {
        var limit = Paging.Limit(maxItems);
        var after = Paging.Decode(marker);
        return Store.ReadAsync(async db =>
        {
            var fetched = new List<ManagedPolicy>(limit + 1);
            var afterAws = after is not null && AwsManagedPolicyCatalog.IsAwsArn(after);
            if (scope != PolicyScope.Aws && !afterAws)
            {
                fetched.AddRange(await LocalPageAsync(db, caller, onlyAttached, pathPrefix, after, limit + 1));
            }

            if (scope != PolicyScope.Local && fetched.Count <= limit)
            {
                var attached = onlyAttached
                    ? (await db.PolicyAttachments.Where(a => a.AccountId == caller.AccountId).Select(a => a.PolicyId).Distinct().ToListAsync()).ToHashSet(StringComparer.Ordinal)
                    : null;
                fetched.AddRange(AwsManagedPolicyCatalog.Current.After(afterAws ? after : null)
                    .Where(p => (attached is null || attached.Contains(p.PolicyId)) && (pathPrefix is null || p.Path.StartsWith(pathPrefix, StringComparison.Ordinal)))
                    .Take(limit + 1 - fetched.Count)
                    .Select(p => p.ToPolicy()));
            }

            return Paging.Cut(fetched, limit, p => p.Arn);
        });
    }

    /// <summary>AttachmentCount of each policy: how many of the account's users, groups and roles it is attached to.</summary>
    public Task<Dictionary<string, int>> AttachmentCountsAsync(IamCaller caller, IReadOnlyCollection<string> policyIds) =>
        Store.ReadAsync(async db =>
        {
            var counts = await db.PolicyAttachments.Where(a => a.AccountId == caller.AccountId && policyIds.Contains(a.PolicyId))
                .GroupBy(a => a.PolicyId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
            return policyIds.Distinct().ToDictionary(id => id, id => counts.GetValueOrDefault(id));
        });

    private static Task<List<ManagedPolicy>> LocalPageAsync(IamDbContext db, IamCaller caller, bool onlyAttached, string? pathPrefix, string? after, int count)
    {
        var query = db.ManagedPolicies.Where(p => p.AccountId == caller.AccountId);
        if (onlyAttached)
        {
            query = query.Where(p => db.PolicyAttachments.Any(a => a.PolicyId == p.Id && a.AccountId == caller.AccountId));
        }

        if (pathPrefix is not null)
        {
            query = query.Where(p => p.Path.Substring(0, pathPrefix.Length) == pathPrefix);
        }

        if (after is not null)
        {
            query = query.Where(p => string.Compare(p.Arn, after) > 0);
        }

        return query.OrderBy(p => p.Arn).Take(count).ToListAsync();
    }

    public Task<PolicyVersion> CreateVersionAsync(IamCaller caller, string policyArn, string document, bool setAsDefault)
    {
        PolicyArns.Check(policyArn);
        CheckDocument(document, caller.Partition);
        return ChangeAsync(caller, "iam:CreatePolicyVersion", policyArn, async db =>
        {
            var policy = await OwnPolicyAsync(db, caller, policyArn);
            if (await db.PolicyVersions.CountAsync(v => v.PolicyId == policy.Id) >= Quotas.VersionsPerPolicy.Limit)
            {
                throw IamErrors.TooManyVersions();
            }

            var version = new PolicyVersion
            {
                PolicyId = policy.Id,
                VersionId = "v" + policy.NextVersionNumber.ToString(CultureInfo.InvariantCulture),
                Document = document,
                CreatedAt = Now,
            };
            policy.NextVersionNumber++;
            policy.UpdatedAt = Now;
            if (setAsDefault)
            {
                policy.DefaultVersionId = version.VersionId;
            }

            db.PolicyVersions.Add(version);
            return version;
        });
    }

    public Task<PolicyVersion> GetVersionAsync(IamCaller caller, string policyArn, string versionId)
    {
        PolicyArns.Check(policyArn);
        CheckVersionId(versionId);
        return Store.ReadAsync(async db =>
        {
            var policy = await db.PolicyOrNullAsync(caller.AccountId, policyArn) ?? throw IamErrors.PolicyVersionNotFound(policyArn, versionId);
            return await db.VersionOrNullAsync(policy, versionId) ?? throw IamErrors.PolicyVersionNotFound(policyArn, versionId);
        });
    }

    public Task<IReadOnlyList<PolicyVersion>> ListVersionsAsync(IamCaller caller, string policyArn)
    {
        PolicyArns.Check(policyArn);
        return Store.ReadAsync<IReadOnlyList<PolicyVersion>>(async db =>
        {
            var policy = await db.PolicyAsync(caller.AccountId, policyArn);
            return [.. NewestFirst(await db.VersionsAsync(policy))];
        });
    }

    /// <summary>Versions as AWS lists them: the newest first (v10 before v9 when created in the same second).</summary>
    public static IEnumerable<PolicyVersion> NewestFirst(IEnumerable<PolicyVersion> versions) =>
        versions.OrderByDescending(v => v.CreatedAt).ThenByDescending(v => v.VersionId.Length).ThenByDescending(v => v.VersionId, StringComparer.Ordinal);

    public Task DeleteVersionAsync(IamCaller caller, string policyArn, string versionId)
    {
        PolicyArns.Check(policyArn);
        CheckVersionId(versionId);
        return ChangeAsync(caller, "iam:DeletePolicyVersion", $"{policyArn} {versionId}", async db =>
        {
            var policy = await OwnPolicyAsync(db, caller, policyArn);
            var version = await db.PolicyVersions.SingleOrDefaultAsync(v => v.PolicyId == policy.Id && v.VersionId == versionId)
                ?? throw IamErrors.PolicyVersionNotFound(policyArn, versionId);
            if (policy.DefaultVersionId == versionId)
            {
                throw IamErrors.DeleteConflict(IamErrors.DefaultVersion);
            }

            db.PolicyVersions.Remove(version);
        });
    }

    public Task SetDefaultVersionAsync(IamCaller caller, string policyArn, string versionId)
    {
        PolicyArns.Check(policyArn);
        CheckVersionId(versionId);
        return ChangeAsync(caller, "iam:SetDefaultPolicyVersion", $"{policyArn} {versionId}", async db =>
        {
            var policy = await OwnPolicyAsync(db, caller, policyArn);
            if (!await db.PolicyVersions.AnyAsync(v => v.PolicyId == policy.Id && v.VersionId == versionId))
            {
                throw IamErrors.PolicyVersionNotFound(policyArn, versionId);
            }

            policy.DefaultVersionId = versionId;
            policy.UpdatedAt = Now;
        });
    }

    /// <summary>Adds or overwrites tags on one of the account's own policies; AWS managed policies cannot be tagged.</summary>
    public Task TagAsync(IamCaller caller, string policyArn, IReadOnlyList<TagInput> tags)
    {
        PolicyArns.Check(policyArn);
        return ChangeAsync(caller, "iam:TagPolicy", policyArn, async db =>
            await TagRules.ApplyAsync(db, OwnerKind.Policy, (await OwnPolicyAsync(db, caller, policyArn)).Id, tags));
    }

    public Task UntagAsync(IamCaller caller, string policyArn, IReadOnlyList<string> tagKeys)
    {
        PolicyArns.Check(policyArn);
        return ChangeAsync(caller, "iam:UntagPolicy", policyArn, async db =>
            await TagRules.RemoveAsync(db, OwnerKind.Policy, (await OwnPolicyAsync(db, caller, policyArn)).Id, tagKeys));
    }

    /// <summary>The tags of a policy the account can see; an AWS managed policy has none.</summary>
    public Task<IReadOnlyList<TagInput>> ListTagsAsync(IamCaller caller, string policyArn)
    {
        PolicyArns.Check(policyArn);
        return Store.ReadAsync(async db => await TagRules.ListAsync(db, OwnerKind.Policy, (await db.PolicyAsync(caller.AccountId, policyArn)).Id));
    }

    /// <summary>The default version's document.</summary>
    public Task<string> DefaultDocumentAsync(ManagedPolicy policy) => Store.ReadAsync(db => db.DefaultDocumentAsync(policy));

    private static void CheckDocument(string document, string partition)
    {
        PolicyDocuments.Validate(document, PolicyKind.Identity, "policyDocument", managed: true, partition: partition);
        if (PolicyDocuments.Size(document) > Quotas.ManagedPolicySize.Limit)
        {
            throw Quotas.ManagedPolicySize.Exceeded();
        }
    }

    private static void CheckVersionId(string versionId) =>
        new RequestValidator().Pattern(versionId, "versionId", VersionRegex(), VersionPattern).ThrowIfInvalid();

    /// <summary>Only the account's own policies change; AWS managed ones are not found among them.</summary>
    private static async Task<ManagedPolicy> OwnPolicyAsync(IamDbContext db, IamCaller caller, string policyArn) =>
        await db.ManagedPolicies.SingleOrDefaultAsync(p => p.Arn == policyArn && p.AccountId == caller.AccountId)
        ?? throw IamErrors.PolicyNotFound(policyArn);

    [GeneratedRegex(@"^v[1-9][0-9]*(\.[A-Za-z0-9-]*)?\z")]
    private static partial Regex VersionRegex();
}
