using System.Text.RegularExpressions;
using LocalIam.Iam.Errors;
using LocalIam.Iam.Identifiers;
using LocalIam.Iam.Objects;
using LocalIam.Iam.Tags;
using LocalIam.Storage;

namespace LocalIam.Iam.Saml;

/// <summary>
/// SAML identity providers: created from the IdP's metadata document, updated, deleted, listed and
/// tagged. ValidUntil is a hundred years after creation, as AWS sets it. Assertion encryption
/// private keys (AddPrivateKey) are not kept: PrivateKeyList is always empty.
/// </summary>
public sealed partial class SamlProviderService(IamStore store, TimeProvider clock) : IamService(store, clock)
{

    private const string ArnField = "sAMLProviderArn";
    public const string Kind = "saml-provider";

    private static readonly AccountObjects<SamlProvider> Providers = new(Kind);

    public Task<SamlProvider> CreateAsync(
        IamCaller caller, string name, string metadataDocument, IReadOnlyList<TagInput>? tags = null, string? assertionEncryptionMode = null)
    {
        ValidateDocument(new RequestValidator(), metadataDocument).Length(name, "name", 1, 128).Pattern(name, "name", NameRegex(), @"[\w._-]+")
            .OneOf(assertionEncryptionMode, "assertionEncryptionMode", "Required", "Allowed").ThrowIfInvalid();
        if (tags is { Count: > 0 })
        {
            TagRules.Validate(tags);
        }

        SamlMetadata.Check(metadataDocument);
        return ChangeAsync(caller, "iam:CreateSAMLProvider", name, async db =>
        {
            if (await Providers.FindAsync(db, caller.AccountId, Key(name)) is not null)
            {
                throw IamErrors.SamlProviderExists(name);
            }

            if (await Providers.CountAsync(db, caller.AccountId) >= Quotas.SamlProvidersPerAccount.Limit)
            {
                throw Quotas.SamlProvidersPerAccount.Exceeded();
            }

            var provider = new SamlProvider
            {
                Name = name,
                // Two access-key-shaped ids: 32 characters of AWS's id alphabet (A-Z, 2-7).
                Uuid = IamIds.NewAccessKeyId(string.Empty) + IamIds.NewAccessKeyId(string.Empty),
                MetadataDocument = metadataDocument,
                AssertionEncryptionMode = assertionEncryptionMode ?? "Allowed",
                CreateDate = Now,
                ValidUntil = Now.AddYears(100),
                Tags = tags ?? [],
            };
            Providers.Add(db, caller.AccountId, Key(name), provider, Now);
            return provider;
        });
    }

    public Task<SamlProvider> GetAsync(IamCaller caller, string arn)
    {
        ValidateArn(arn);
        return Store.ReadAsync(async db => (await ProviderAsync(db, caller.AccountId, arn)).Provider);
    }

    public Task<IReadOnlyList<SamlProvider>> ListAsync(IamCaller caller) =>
        Store.ReadAsync(db => Providers.ListAsync(db, caller.AccountId));

    /// <summary>Replaces what is given: the metadata document and the assertion encryption mode.</summary>
    public Task<SamlProvider> UpdateAsync(IamCaller caller, string arn, string? metadataDocument, string? assertionEncryptionMode)
    {
        ValidateDocument(new RequestValidator(), metadataDocument).Length(arn, ArnField, 20, 2048)
            .OneOf(assertionEncryptionMode, "assertionEncryptionMode", "Required", "Allowed").ThrowIfInvalid();
        if (metadataDocument is not null)
        {
            SamlMetadata.Check(metadataDocument);
        }

        return ChangeAsync(caller, "iam:UpdateSAMLProvider", arn, async db =>
        {
            var (key, provider) = await ProviderAsync(db, caller.AccountId, arn);
            var updated = provider with
            {
                MetadataDocument = metadataDocument ?? provider.MetadataDocument,
                AssertionEncryptionMode = assertionEncryptionMode ?? provider.AssertionEncryptionMode,
            };
            await Providers.UpdateAsync(db, caller.AccountId, key, updated);
            return updated;
        });
    }

    public Task DeleteAsync(IamCaller caller, string arn)
    {
        ValidateArn(arn);
        return ChangeAsync(caller, "iam:DeleteSAMLProvider", arn, async db =>
            await Providers.RemoveAsync(db, caller.AccountId, (await ProviderAsync(db, caller.AccountId, arn)).Key));
    }

    public Task TagAsync(IamCaller caller, string arn, IReadOnlyList<TagInput> tags)
    {
        ValidateArn(arn);
        return ChangeAsync(caller, "iam:TagSAMLProvider", arn, async db =>
        {
            var (key, provider) = await ProviderAsync(db, caller.AccountId, arn);
            await Providers.UpdateAsync(db, caller.AccountId, key, provider with { Tags = RecordTags.Merge(provider.Tags, tags) });
        });
    }

    public Task UntagAsync(IamCaller caller, string arn, IReadOnlyList<string> tagKeys)
    {
        ValidateArn(arn);
        return ChangeAsync(caller, "iam:UntagSAMLProvider", arn, async db =>
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

    private static RequestValidator ValidateDocument(RequestValidator validator, string? document) =>
        validator.Length(document, "sAMLMetadataDocument", 1000, 10_000_000);

    private static void ValidateArn(string arn) => new RequestValidator().Length(arn, ArnField, 20, 2048).ThrowIfInvalid();

    private static async Task<(string Key, SamlProvider Provider)> ProviderAsync(IamDbContext db, string accountId, string arn)
    {
        var name = ObjectArns.Resource(arn, accountId, "saml-provider");
        var provider = name is null ? null : await Providers.FindAsync(db, accountId, Key(name));
        return provider is null ? throw IamErrors.SamlProviderNotFound(arn) : (Key(name!), provider);
    }

    [GeneratedRegex(@"^[A-Za-z0-9_.-]+\z")]
    private static partial Regex NameRegex();
}
