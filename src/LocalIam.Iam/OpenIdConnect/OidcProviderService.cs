using System.Text.RegularExpressions;
using LocalIam.Iam.Errors;
using LocalIam.Iam.Objects;
using LocalIam.Iam.Tags;
using LocalIam.Storage;

namespace LocalIam.Iam.OpenIdConnect;

/// <summary>OpenID Connect identity providers: created per issuer URL, their client IDs, thumbprints and tags.</summary>
public sealed partial class OidcProviderService(IamStore store, TimeProvider clock) : IamService(store, clock)
{
    public const int ThumbprintsPerProvider = 5;

    private const string ArnField = "openIDConnectProviderArn";
    public const string Kind = "oidc-provider";

    private static readonly AccountObjects<OidcProvider> Providers = new(Kind);

    public Task<OidcProvider> CreateAsync(
        IamCaller caller, string url, IReadOnlyList<string>? clientIds = null, IReadOnlyList<string>? thumbprints = null, IReadOnlyList<TagInput>? tags = null)
    {
        clientIds ??= [];
        thumbprints ??= [];
        // AWS lists these constraint failures in this order.
        new RequestValidator().MemberLengths(clientIds, "clientIDList", 1, 255).MemberLengths(thumbprints, "thumbprintList", 40, 40)
            .Length(url, "url", 1, 255).ThrowIfInvalid();
        var hostAndPath = HostAndPath(url);
        CheckThumbprints(thumbprints);
        var distinctClientIds = clientIds.Distinct(StringComparer.Ordinal).ToList();
        if (distinctClientIds.Count > Quotas.ClientIdsPerOpenIdConnectProvider.Limit)
        {
            throw Quotas.ClientIdsPerOpenIdConnectProvider.Exceeded();
        }

        if (tags is { Count: > 0 })
        {
            TagRules.Validate(tags);
        }

        return ChangeAsync(caller, "iam:CreateOpenIDConnectProvider", url, async db =>
        {
            if (await Providers.FindAsync(db, caller.AccountId, hostAndPath) is not null)
            {
                throw IamErrors.OidcProviderExists(url);
            }

            if (await Providers.CountAsync(db, caller.AccountId) >= Quotas.OpenIdConnectProvidersPerAccount.Limit)
            {
                throw Quotas.OpenIdConnectProvidersPerAccount.Exceeded();
            }

            var provider = new OidcProvider { Url = hostAndPath, ClientIds = distinctClientIds, Thumbprints = thumbprints, CreateDate = Now, Tags = tags ?? [] };
            Providers.Add(db, caller.AccountId, hostAndPath, provider, Now);
            return provider;
        });
    }

    public Task<OidcProvider> GetAsync(IamCaller caller, string arn)
    {
        ValidateArn(arn);
        return Store.ReadAsync(async db => (await ProviderAsync(db, caller.AccountId, arn)).Provider);
    }

    public Task<IReadOnlyList<OidcProvider>> ListAsync(IamCaller caller) =>
        Store.ReadAsync(db => Providers.ListAsync(db, caller.AccountId));

    public Task DeleteAsync(IamCaller caller, string arn)
    {
        ValidateArn(arn);
        return ChangeAsync(caller, "iam:DeleteOpenIDConnectProvider", arn, async db =>
        {
            var key = ObjectArns.Resource(arn, caller.AccountId, "oidc-provider");
            if (key is null || !await Providers.RemoveAsync(db, caller.AccountId, key))
            {
                throw IamErrors.OidcProviderNotFoundOnDelete(arn);
            }
        });
    }

    /// <summary>Adding a client ID the provider already has changes nothing, as on AWS.</summary>
    public Task AddClientIdAsync(IamCaller caller, string arn, string clientId)
    {
        new RequestValidator().Length(arn, ArnField, 20, 2048).Length(clientId, "clientID", 1, 255).ThrowIfInvalid();
        return ChangeAsync(caller, "iam:AddClientIDToOpenIDConnectProvider", arn, async db =>
        {
            var (key, provider) = await ProviderAsync(db, caller.AccountId, arn);
            if (provider.ClientIds.Contains(clientId, StringComparer.Ordinal))
            {
                return;
            }

            if (provider.ClientIds.Count >= Quotas.ClientIdsPerOpenIdConnectProvider.Limit)
            {
                throw Quotas.ClientIdsPerOpenIdConnectProvider.Exceeded();
            }

            await Providers.UpdateAsync(db, caller.AccountId, key, provider with { ClientIds = [.. provider.ClientIds, clientId] });
        });
    }

    /// <summary>Removing a client ID the provider does not have changes nothing, as on AWS.</summary>
    public Task RemoveClientIdAsync(IamCaller caller, string arn, string clientId)
    {
        new RequestValidator().Length(arn, ArnField, 20, 2048).Length(clientId, "clientID", 1, 255).ThrowIfInvalid();
        return ChangeAsync(caller, "iam:RemoveClientIDFromOpenIDConnectProvider", arn, async db =>
        {
            var (key, provider) = await ProviderAsync(db, caller.AccountId, arn);
            await Providers.UpdateAsync(db, caller.AccountId, key, provider with { ClientIds = [.. provider.ClientIds.Where(id => id != clientId)] });
        });
    }

    /// <summary>Replaces the whole thumbprint list.</summary>
    public Task UpdateThumbprintsAsync(IamCaller caller, string arn, IReadOnlyList<string> thumbprints)
    {
        new RequestValidator().Length(arn, ArnField, 20, 2048).MemberLengths(thumbprints, "thumbprintList", 40, 40).ThrowIfInvalid();
        CheckThumbprints(thumbprints);
        return ChangeAsync(caller, "iam:UpdateOpenIDConnectProviderThumbprint", arn, async db =>
        {
            var (key, provider) = await ProviderAsync(db, caller.AccountId, arn);
            await Providers.UpdateAsync(db, caller.AccountId, key, provider with { Thumbprints = thumbprints });
        });
    }

    public Task TagAsync(IamCaller caller, string arn, IReadOnlyList<TagInput> tags)
    {
        ValidateArn(arn);
        return ChangeAsync(caller, "iam:TagOpenIDConnectProvider", arn, async db =>
        {
            var (key, provider) = await ProviderAsync(db, caller.AccountId, arn);
            await Providers.UpdateAsync(db, caller.AccountId, key, provider with { Tags = RecordTags.Merge(provider.Tags, tags) });
        });
    }

    public Task UntagAsync(IamCaller caller, string arn, IReadOnlyList<string> tagKeys)
    {
        ValidateArn(arn);
        return ChangeAsync(caller, "iam:UntagOpenIDConnectProvider", arn, async db =>
        {
            var (key, provider) = await ProviderAsync(db, caller.AccountId, arn);
            await Providers.UpdateAsync(db, caller.AccountId, key, provider with { Tags = RecordTags.Remove(provider.Tags, tagKeys) });
        });
    }

    public Task<Page<TagInput>> ListTagsAsync(IamCaller caller, string arn, string? marker = null, int? maxItems = null)
    {
        ValidateArn(arn);
        return Store.ReadAsync(async db => RecordTags.Page((await ProviderAsync(db, caller.AccountId, arn)).Provider.Tags, marker, maxItems));
    }

    /// <summary>The issuer URL's host and path, which name the provider in its ARN. AWS takes only https:// URLs without port, query or fragment.</summary>
    private static string HostAndPath(string url)
    {
        if (!url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || uri.Host.Length == 0 || !uri.IsDefaultPort || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            throw IamErrors.OidcProviderUrlInvalid();
        }

        return url["https://".Length..];
    }

    private static void CheckThumbprints(IReadOnlyList<string> thumbprints)
    {
        if (thumbprints.Count > ThumbprintsPerProvider)
        {
            throw IamErrors.ThumbprintListTooLong();
        }

        if (thumbprints.FirstOrDefault(t => !HexRegex().IsMatch(t)) is { } bad)
        {
            throw IamErrors.ThumbprintInvalid(bad);
        }
    }

    private static void ValidateArn(string arn) => new RequestValidator().Length(arn, ArnField, 20, 2048).ThrowIfInvalid();

    private static async Task<(string Key, OidcProvider Provider)> ProviderAsync(Storage.IamDbContext db, string accountId, string arn)
    {
        var key = ObjectArns.Resource(arn, accountId, "oidc-provider");
        var provider = key is null ? null : await Providers.FindAsync(db, accountId, key);
        return provider is null ? throw IamErrors.OidcProviderNotFound(arn) : (key!, provider);
    }

    [GeneratedRegex("^[0-9A-Fa-f]{40}\\z")]
    private static partial Regex HexRegex();
}
