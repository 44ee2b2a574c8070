using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using LocalIam.Iam.Credentials;
using LocalIam.Iam.Errors;
using LocalIam.Iam.Identifiers;
using LocalIam.Iam.Objects;
using LocalIam.Storage;

namespace LocalIam.Iam.SigningCertificates;

/// <summary>
/// An X.509 signing certificate as stored. <see cref="OwnerId"/> is the user's id, or the account id
/// for root's own certificates; <see cref="Thumbprint"/> (SHA-256 of the DER) finds duplicates.
/// </summary>
public sealed record SigningCertificate(string Id, string OwnerId, string Body, string Thumbprint, string Status, DateTime UploadedAt);

/// <summary>A certificate with its owner's name (root's shows as the account id), as responses show it.</summary>
public sealed record SigningCertificateView(SigningCertificate Certificate, string UserName);

/// <summary>Signing certificates of IAM users and of root: at most 2 each, one owner per certificate in the account.</summary>
public sealed class SigningCertificateService(IamStore store, TimeProvider clock) : IamService(store, clock)
{
    internal static readonly AccountObjects<SigningCertificate> Certificates = new("signing-certificate");

    /// <summary>Uploads for <paramref name="userName"/>, or for root when it is null.</summary>
    public Task<SigningCertificateView> UploadAsync(IamCaller caller, string? userName, string body)
    {
        UserName(userName).Body(body, "certificateBody").ThrowIfInvalid();
        return ChangeAsync(caller, "iam:UploadSigningCertificate", userName ?? "root", async db =>
        {
            var (ownerId, ownerName) = await OwnerAsync(db, caller, userName);
            var thumbprint = Thumbprint(body);
            if ((await Certificates.ListAsync(db, caller.AccountId)).Any(c => c.Thumbprint == thumbprint))
            {
                throw IamErrors.DuplicateSigningCertificate();
            }

            if (await Certificates.CountAsync(db, caller.AccountId, ownerId) >= Quotas.SigningCertificatesPerUser.Limit)
            {
                throw Quotas.SigningCertificatesPerUser.Exceeded();
            }

            var certificate = new SigningCertificate(IamIds.NewCertificateId(), ownerId, body, thumbprint, "Active", Now);
            Certificates.Add(db, caller.AccountId, certificate.Id, certificate, Now, ownerId);
            return new SigningCertificateView(certificate, ownerName);
        });
    }

    public Task<Page<SigningCertificateView>> ListAsync(IamCaller caller, string? userName, string? marker = null, int? maxItems = null)
    {
        UserName(userName).ThrowIfInvalid();
        var limit = Paging.Limit(maxItems);
        var after = Paging.Decode(marker);
        return Store.ReadAsync(async db =>
        {
            var (ownerId, ownerName) = await OwnerAsync(db, caller, userName);
            var page = Paging.InMemory(await Certificates.ListAsync(db, caller.AccountId, ownerId), c => c.Id, after, limit);
            return new Page<SigningCertificateView>([.. page.Items.Select(c => new SigningCertificateView(c, ownerName))], page.IsTruncated, page.Marker);
        });
    }

    public Task UpdateAsync(IamCaller caller, string? userName, string certificateId, string status)
    {
        UserName(userName).Id(certificateId, "certificateId", 24).OneOf(status, "status", CredentialFields.Statuses).ThrowIfInvalid();
        return ChangeAsync(caller, "iam:UpdateSigningCertificate", certificateId, async db =>
        {
            var certificate = await OwnCertificateAsync(db, caller, userName, certificateId);
            await Certificates.UpdateAsync(db, caller.AccountId, certificate.Id, certificate with { Status = status });
        });
    }

    public Task DeleteAsync(IamCaller caller, string? userName, string certificateId)
    {
        UserName(userName).Id(certificateId, "certificateId", 24).ThrowIfInvalid();
        return ChangeAsync(caller, "iam:DeleteSigningCertificate", certificateId, async db =>
            await Certificates.RemoveAsync(db, caller.AccountId, (await OwnCertificateAsync(db, caller, userName, certificateId)).Id));
    }

    /// <summary>For DeleteUser (<see cref="Areas.IamAreas.Users"/>): whether the user still has signing certificates.</summary>
    public static async Task<bool> UserHasAnyAsync(IamDbContext db, string accountId, string userId) =>
        await Certificates.CountAsync(db, accountId, userId) > 0;

    /// <summary>The certificate must be PEM (<c>-----BEGIN CERTIFICATE-----</c>) that X.509 parsing accepts.</summary>
    private static string Thumbprint(string body)
    {
        var text = body.Trim();
        if (!PemEncoding.TryFind(text, out var fields) || text[fields.Label] is not "CERTIFICATE")
        {
            throw IamErrors.MalformedCertificate(body);
        }

        try
        {
            using var certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(text[fields.Base64Data]));
            return Convert.ToHexString(SHA256.HashData(certificate.RawData));
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            throw IamErrors.MalformedCertificate(body);
        }
    }

    private static async Task<(string Id, string Name)> OwnerAsync(IamDbContext db, IamCaller caller, string? userName)
    {
        if (userName is null)
        {
            return (caller.AccountId, caller.AccountId);
        }

        var user = await db.UserAsync(caller.AccountId, userName);
        return (user.Id, user.Name);
    }

    private static async Task<SigningCertificate> OwnCertificateAsync(IamDbContext db, IamCaller caller, string? userName, string certificateId)
    {
        var (ownerId, _) = await OwnerAsync(db, caller, userName);
        var certificate = await Certificates.FindAsync(db, caller.AccountId, certificateId);
        return certificate is not null && certificate.OwnerId == ownerId ? certificate : throw IamErrors.CertificateNotFound(certificateId);
    }

    private static RequestValidator UserName(string? userName)
    {
        var validator = new RequestValidator();
        return userName is null ? validator : validator.Name(userName, "userName", 128);
    }
}
