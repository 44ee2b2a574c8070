using System.Security.Cryptography;
using System.Text;
using LocalIam.Iam.Credentials;
using LocalIam.Iam.Errors;
using LocalIam.Iam.Identifiers;
using LocalIam.Iam.Objects;
using LocalIam.Storage;
using Microsoft.EntityFrameworkCore;

namespace LocalIam.Iam.ServiceCredentials;

/// <summary>
/// A service-specific credential as stored. CodeCommit and Keyspaces get a user name and password
/// (<see cref="ServiceUserName"/>), Bedrock an API key (<see cref="ServiceCredentialAlias"/>). The
/// secret itself is never stored, only its hash.
/// </summary>
public sealed record ServiceSpecificCredential(
    string Id, string UserId, string ServiceName, string? ServiceUserName, string? ServiceCredentialAlias,
    string SecretHash, string Status, DateTime CreatedAt, DateTime? ExpiresAt);

/// <summary>A credential with its user's name, its status as of now, and the secret when it was just made.</summary>
public sealed record ServiceSpecificCredentialView(ServiceSpecificCredential Credential, string UserName, string Status, string? Secret = null);

/// <summary>Service-specific credentials of IAM users: at most 2 per user and service; the secret is shown once.</summary>
public sealed class ServiceSpecificCredentialService(IamStore store, TimeProvider clock) : IamService(store, clock)
{
    internal static readonly AccountObjects<ServiceSpecificCredential> Credentials = new("service-specific-credential");

    /// <summary>The services AWS issues them for, and the prefix of an API key (null: user name and password).</summary>
    private static readonly Dictionary<string, string?> Services = new(StringComparer.Ordinal)
    {
        ["codecommit.amazonaws.com"] = null,
        ["cassandra.amazonaws.com"] = null,
        ["bedrock.amazonaws.com"] = "ABSK",
    };

    public Task<ServiceSpecificCredentialView> CreateAsync(IamCaller caller, string userName, string serviceName, int? credentialAgeDays = null)
    {
        new RequestValidator().Name(userName, "userName", 64).Range(credentialAgeDays, "credentialAgeDays", 1, 36600).ThrowIfInvalid();
        return ChangeAsync(caller, "iam:CreateServiceSpecificCredential", userName, async db =>
        {
            var user = await db.UserAsync(caller.AccountId, userName);
            var apiKeyPrefix = Supported(serviceName);
            var existing = (await Credentials.ListAsync(db, caller.AccountId, user.Id)).Where(c => c.ServiceName == serviceName).ToList();
            if (existing.Count >= Quotas.ServiceSpecificCredentialsPerUserPerService.Limit)
            {
                throw Quotas.ServiceSpecificCredentialsPerUserPerService.Exceeded();
            }

            var name = FreeName(existing, user.Name, caller.AccountId);
            var secret = NewSecret(apiKeyPrefix, name);
            var credential = new ServiceSpecificCredential(
                IamIds.NewUniqueId(IamIds.ServiceCredentialPrefix), user.Id, serviceName, apiKeyPrefix is null ? name : null, apiKeyPrefix is null ? null : name,
                Passwords.Hash(secret), "Active", Now, credentialAgeDays is { } days ? Now.AddDays(days) : null);
            Credentials.Add(db, caller.AccountId, credential.Id, credential, Now, user.Id);
            return new ServiceSpecificCredentialView(credential, user.Name, credential.Status, secret);
        });
    }

    /// <summary>One user's credentials, or every user's with <paramref name="allUsers"/>; optionally of one service.</summary>
    public Task<Page<ServiceSpecificCredentialView>> ListAsync(
        IamCaller caller, string? userName, string? serviceName = null, bool allUsers = false, string? marker = null, int? maxItems = null)
    {
        if (userName is not null)
        {
            new RequestValidator().Name(userName, "userName", 64).ThrowIfInvalid();
        }
        else if (!allUsers)
        {
            throw IamErrors.UserNameRequired();
        }

        var limit = Paging.Limit(maxItems);
        var after = Paging.Decode(marker);
        return Store.ReadAsync(async db =>
        {
            // AllUsers lists the whole account; a user name given with it only has to exist.
            var user = userName is null ? null : await db.UserAsync(caller.AccountId, userName);
            var ownerId = allUsers ? null : user!.Id;
            if (serviceName is not null)
            {
                Supported(serviceName);
            }

            var credentials = (await Credentials.ListAsync(db, caller.AccountId, ownerId)).Where(c => serviceName is null || c.ServiceName == serviceName);
            var page = Paging.InMemory(credentials, c => c.Id, after, limit);
            var userIds = page.Items.Select(c => c.UserId).Distinct().ToList();
            var names = await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name);
            return new Page<ServiceSpecificCredentialView>(
                [.. page.Items.Select(c => new ServiceSpecificCredentialView(c, names.GetValueOrDefault(c.UserId, c.UserId), StatusNow(c)))], page.IsTruncated, page.Marker);
        });
    }

    /// <summary>A new secret for the credential, shown once; the old one stops working.</summary>
    public Task<ServiceSpecificCredentialView> ResetAsync(IamCaller caller, string userName, string credentialId)
    {
        Validate(userName, credentialId).ThrowIfInvalid();
        return ChangeAsync(caller, "iam:ResetServiceSpecificCredential", credentialId, async db =>
        {
            var (credential, name) = await OwnCredentialAsync(db, caller, userName, credentialId);
            var secret = NewSecret(Services.GetValueOrDefault(credential.ServiceName), credential.ServiceUserName ?? credential.ServiceCredentialAlias!);
            var reset = credential with { SecretHash = Passwords.Hash(secret) };
            await Credentials.UpdateAsync(db, caller.AccountId, credential.Id, reset);
            return new ServiceSpecificCredentialView(reset, name, StatusNow(reset), secret);
        });
    }

    public Task UpdateAsync(IamCaller caller, string userName, string credentialId, string status)
    {
        Validate(userName, credentialId).OneOf(status, "status", CredentialFields.Statuses).ThrowIfInvalid();
        return ChangeAsync(caller, "iam:UpdateServiceSpecificCredential", credentialId, async db =>
        {
            var (credential, _) = await OwnCredentialAsync(db, caller, userName, credentialId);
            await Credentials.UpdateAsync(db, caller.AccountId, credential.Id, credential with { Status = status });
        });
    }

    public Task DeleteAsync(IamCaller caller, string userName, string credentialId)
    {
        Validate(userName, credentialId).ThrowIfInvalid();
        return ChangeAsync(caller, "iam:DeleteServiceSpecificCredential", credentialId, async db =>
            await Credentials.RemoveAsync(db, caller.AccountId, (await OwnCredentialAsync(db, caller, userName, credentialId)).Credential.Id));
    }

    /// <summary>For DeleteUser (<see cref="Areas.IamAreas.Users"/>): whether the user still has service-specific credentials.</summary>
    public static async Task<bool> UserHasAnyAsync(IamDbContext db, string accountId, string userId) =>
        await Credentials.CountAsync(db, accountId, userId) > 0;

    /// <summary>The API-key prefix of a supported service; AWS answers any other with NoSuchEntity.</summary>
    private static string? Supported(string serviceName) =>
        Services.TryGetValue(serviceName, out var prefix) ? prefix : throw IamErrors.ServiceNotSupported(serviceName);

    /// <summary><c>NAME-at-ACCOUNT</c>; a user's second credential for the service is <c>NAME+1-at-ACCOUNT</c>.</summary>
    private static string FreeName(IReadOnlyList<ServiceSpecificCredential> existing, string userName, string accountId)
    {
        for (var slot = 0; ; slot++)
        {
            var name = slot == 0 ? $"{userName}-at-{accountId}" : $"{userName}+{slot}-at-{accountId}";
            if (!existing.Any(c => c.ServiceUserName == name || c.ServiceCredentialAlias == name))
            {
                return name;
            }
        }
    }

    /// <summary>A password is 44 random bytes in base64 (60 characters, ending in =); an API key is the prefix and base64 of <c>ALIAS:PASSWORD</c>.</summary>
    private static string NewSecret(string? apiKeyPrefix, string name)
    {
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(44));
        return apiKeyPrefix is null ? password : apiKeyPrefix + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{name}:{password}"));
    }

    /// <summary>A credential past its expiration date shows as Expired.</summary>
    private string StatusNow(ServiceSpecificCredential credential) =>
        credential.ExpiresAt is { } expires && expires <= Now ? "Expired" : credential.Status;

    private static async Task<(ServiceSpecificCredential Credential, string UserName)> OwnCredentialAsync(
        IamDbContext db, IamCaller caller, string userName, string credentialId)
    {
        var user = await db.UserAsync(caller.AccountId, userName);
        var credential = await Credentials.FindAsync(db, caller.AccountId, credentialId);
        return credential is not null && credential.UserId == user.Id ? (credential, user.Name) : throw IamErrors.ServiceCredentialNotFound(credentialId);
    }

    private static RequestValidator Validate(string userName, string credentialId) =>
        new RequestValidator().Name(userName, "userName", 64).Id(credentialId, "serviceSpecificCredentialId", 20);
}
