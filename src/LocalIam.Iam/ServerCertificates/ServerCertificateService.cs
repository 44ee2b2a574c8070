using System.Text.RegularExpressions;
using LocalIam.Iam.Errors;
using LocalIam.Iam.Identifiers;
using LocalIam.Iam.Objects;
using LocalIam.Iam.Tags;
using LocalIam.Storage;
using LocalIam.Storage.Secrets;

namespace LocalIam.Iam.ServerCertificates;

/// <summary>
/// Server certificates: uploaded with their private key (checked against the certificate, kept
/// encrypted, never returned), read, renamed or moved, deleted, listed and tagged.
/// </summary>
public sealed partial class ServerCertificateService(IamStore store, TimeProvider clock, SecretProtector secrets) : IamService(store, clock)
{
    public const string IdPrefix = "ASCA";

    private const string PemChars = @"[\u0009\u000A\u000D\u0020-\u00FF]+";
    public const string Kind = "server-certificate";

    private static readonly AccountObjects<ServerCertificate> Certificates = new(Kind);

    public Task<ServerCertificate> UploadAsync(
        IamCaller caller, string name, string body, string privateKey, string? path = null, string? chain = null, IReadOnlyList<TagInput>? tags = null)
    {
        new RequestValidator().Name(name, "serverCertificateName", 128).Path(path)
            .Length(body, "certificateBody", 1, 16384).Pattern(body, "certificateBody", PemRegex(), PemChars)
            .Length(privateKey, "privateKey", 1, 16384).Pattern(privateKey, "privateKey", PemRegex(), PemChars)
            .Length(chain, "certificateChain", 1, 2_097_152).Pattern(chain, "certificateChain", PemRegex(), PemChars).ThrowIfInvalid();
        if (tags is { Count: > 0 })
        {
            TagRules.Validate(tags);
        }

        var expiration = CertificatePem.Check(body, privateKey, chain);
        return ChangeAsync(caller, "iam:UploadServerCertificate", name, async db =>
        {
            if (await Certificates.FindAsync(db, caller.AccountId, Key(name)) is not null)
            {
                throw IamErrors.ServerCertificateExists(name);
            }

            if (await Certificates.CountAsync(db, caller.AccountId) >= Quotas.ServerCertificatesPerAccount.Limit)
            {
                throw Quotas.ServerCertificatesPerAccount.Exceeded();
            }

            var certificate = new ServerCertificate
            {
                Name = name,
                Id = IamIds.NewUniqueId(IdPrefix),
                Path = path ?? "/",
                Body = body,
                Chain = chain,
                ProtectedPrivateKey = Convert.ToBase64String(secrets.Protect(privateKey)),
                UploadDate = Now,
                Expiration = expiration,
                Tags = tags ?? [],
            };
            Certificates.Add(db, caller.AccountId, Key(name), certificate, Now);
            return certificate;
        });
    }

    public Task<ServerCertificate> GetAsync(IamCaller caller, string name)
    {
        new RequestValidator().Name(name, "serverCertificateName", 128).ThrowIfInvalid();
        return Store.ReadAsync(async db => await CertificateAsync(db, caller.AccountId, name));
    }

    public Task<Page<ServerCertificate>> ListAsync(IamCaller caller, string? pathPrefix = null, string? marker = null, int? maxItems = null)
    {
        new RequestValidator().Length(pathPrefix, "pathPrefix", 1, 512).Pattern(pathPrefix, "pathPrefix", PathPrefixRegex(), @"\u002F[\u0021-\u007F]*")
            .ThrowIfInvalid();
        return Store.ReadAsync(async db =>
        {
            var certificates = (await Certificates.ListAsync(db, caller.AccountId))
                .Where(c => pathPrefix is null || c.Path.StartsWith(pathPrefix, StringComparison.Ordinal));
            return ObjectPages.Of(certificates, c => Key(c.Name), marker, maxItems);
        });
    }

    /// <summary>Renames and/or moves the certificate; its id, key and tags stay.</summary>
    public Task UpdateAsync(IamCaller caller, string name, string? newName, string? newPath)
    {
        var validator = new RequestValidator().Name(name, "serverCertificateName", 128).Path(newPath, "newPath");
        if (newName is not null)
        {
            validator.Name(newName, "newServerCertificateName", 128);
        }

        validator.ThrowIfInvalid();
        return ChangeAsync(caller, "iam:UpdateServerCertificate", name, async db =>
        {
            var certificate = await CertificateAsync(db, caller.AccountId, name);
            var updated = certificate with { Name = newName ?? certificate.Name, Path = newPath ?? certificate.Path };
            if (Key(updated.Name) == Key(name))
            {
                await Certificates.UpdateAsync(db, caller.AccountId, Key(name), updated);
                return;
            }

            if (await Certificates.FindAsync(db, caller.AccountId, Key(updated.Name)) is not null)
            {
                throw IamErrors.ServerCertificateExists(updated.Name);
            }

            await Certificates.RemoveAsync(db, caller.AccountId, Key(name));
            Certificates.Add(db, caller.AccountId, Key(updated.Name), updated, certificate.UploadDate);
        });
    }

    public Task DeleteAsync(IamCaller caller, string name)
    {
        new RequestValidator().Name(name, "serverCertificateName", 128).ThrowIfInvalid();
        return ChangeAsync(caller, "iam:DeleteServerCertificate", name, async db =>
        {
            if (!await Certificates.RemoveAsync(db, caller.AccountId, Key(name)))
            {
                throw IamErrors.ServerCertificateNotFound(name);
            }
        });
    }

    public Task TagAsync(IamCaller caller, string name, IReadOnlyList<TagInput> tags)
    {
        new RequestValidator().Name(name, "serverCertificateName", 128).ThrowIfInvalid();
        return ChangeAsync(caller, "iam:TagServerCertificate", name, async db =>
        {
            var certificate = await CertificateAsync(db, caller.AccountId, name);
            await Certificates.UpdateAsync(db, caller.AccountId, Key(name), certificate with { Tags = RecordTags.Merge(certificate.Tags, tags) });
        });
    }

    public Task UntagAsync(IamCaller caller, string name, IReadOnlyList<string> tagKeys)
    {
        new RequestValidator().Name(name, "serverCertificateName", 128).ThrowIfInvalid();
        return ChangeAsync(caller, "iam:UntagServerCertificate", name, async db =>
        {
            var certificate = await CertificateAsync(db, caller.AccountId, name);
            await Certificates.UpdateAsync(db, caller.AccountId, Key(name), certificate with { Tags = RecordTags.Remove(certificate.Tags, tagKeys) });
        });
    }

    public Task<Page<TagInput>> ListTagsAsync(IamCaller caller, string name, string? marker = null, int? maxItems = null)
    {
        new RequestValidator().Name(name, "serverCertificateName", 128).ThrowIfInvalid();
        return Store.ReadAsync(async db => RecordTags.Page((await CertificateAsync(db, caller.AccountId, name)).Tags, marker, maxItems));
    }

    private static async Task<ServerCertificate> CertificateAsync(IamDbContext db, string accountId, string name) =>
        await Certificates.FindAsync(db, accountId, Key(name)) ?? throw IamErrors.ServerCertificateNotFound(name);

    [GeneratedRegex(@"^[\u0009\u000A\u000D\u0020-\u00FF]+\z")]
    private static partial Regex PemRegex();

    [GeneratedRegex(@"^/[\u0021-\u007F]*\z")]
    private static partial Regex PathPrefixRegex();
}
