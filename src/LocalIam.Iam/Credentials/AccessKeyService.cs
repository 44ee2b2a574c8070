using LocalIam.Iam.Errors;
using LocalIam.Iam.Identifiers;
using LocalIam.Storage;
using LocalIam.Storage.Entities;
using LocalIam.Storage.Secrets;
using Microsoft.EntityFrameworkCore;

namespace LocalIam.Iam.Credentials;

/// <summary>A new access key with its secret, shown once.</summary>
public sealed record NewAccessKey(AccessKey Key, string? UserName, string SecretAccessKey);

/// <summary>What SigV4 verification needs about a key: whose it is, whether it is active, and its secret.</summary>
public sealed record SigningKey(string AccessKeyId, string AccountId, string? UserId, string? UserName, string? UserPath, AccessKeyStatus Status, string Secret);

/// <summary>Long-term access keys of IAM users and of root; secrets are encrypted at rest.</summary>
public sealed class AccessKeyService(IamStore store, TimeProvider clock, SecretProtector secrets) : IamService(store, clock)
{
    /// <summary>Creates a key for <paramref name="userName"/>, or for root when it is null.</summary>
    public Task<NewAccessKey> CreateAsync(IamCaller caller, string? userName)
    {
        new RequestValidator().Name(userName ?? "root", "userName", 128).ThrowIfInvalid();
        return ChangeAsync(caller, "iam:CreateAccessKey", userName ?? "root", async db =>
        {
            var user = userName is null ? null : await db.UserAsync(caller.AccountId, userName);
            var userId = user?.Id;
            if (await db.AccessKeys.CountAsync(k => k.AccountId == caller.AccountId && k.UserId == userId) >= Quotas.AccessKeysPerUser.Limit)
            {
                throw Quotas.AccessKeysPerUser.Exceeded();
            }

            var secret = IamIds.NewSecretAccessKey();
            var key = new AccessKey
            {
                Id = IamIds.NewAccessKeyId(),
                AccountId = caller.AccountId,
                UserId = userId,
                SecretCiphertext = secrets.Protect(secret),
                Status = AccessKeyStatus.Active,
                CreatedAt = Now,
            };
            db.AccessKeys.Add(key);
            return new NewAccessKey(key, user?.Name, secret);
        });
    }

    /// <summary>Stores a key with a given id and secret (root bootstrap values from the environment).</summary>
    public Task<AccessKey> ImportRootKeyAsync(IamCaller caller, string accessKeyId, string secret) =>
        ChangeAsync(caller, "iam:CreateAccessKey", "root", async db =>
        {
            var key = new AccessKey
            {
                Id = accessKeyId,
                AccountId = caller.AccountId,
                SecretCiphertext = secrets.Protect(secret),
                Status = AccessKeyStatus.Active,
                CreatedAt = Now,
            };
            if (await db.AccessKeys.AnyAsync(k => k.Id == accessKeyId))
            {
                throw IamErrors.AccessKeyExists(accessKeyId);
            }

            db.AccessKeys.Add(key);
            return key;
        });

    public Task<IReadOnlyList<AccessKey>> ListAsync(IamCaller caller, string? userName) =>
        Store.ReadAsync<IReadOnlyList<AccessKey>>(async db =>
        {
            var userId = userName is null ? null : (await db.UserAsync(caller.AccountId, userName)).Id;
            return await db.AccessKeys.Where(k => k.AccountId == caller.AccountId && k.UserId == userId).OrderBy(k => k.CreatedAt).ToListAsync();
        });

    public Task UpdateStatusAsync(IamCaller caller, string? userName, string accessKeyId, AccessKeyStatus status) =>
        ChangeAsync(caller, "iam:UpdateAccessKey", accessKeyId, async db => (await OwnKeyAsync(db, caller, userName, accessKeyId)).Status = status);

    public Task DeleteAsync(IamCaller caller, string? userName, string accessKeyId) =>
        ChangeAsync(caller, "iam:DeleteAccessKey", accessKeyId, async db => db.AccessKeys.Remove(await OwnKeyAsync(db, caller, userName, accessKeyId)));

    /// <summary>The key's owner (user name, or null for root) and its last use.</summary>
    public Task<(string? UserName, AccessKey Key)> GetLastUsedAsync(IamCaller caller, string accessKeyId) =>
        Store.ReadAsync(async db =>
        {
            var key = await db.AccessKeys.SingleOrDefaultAsync(k => k.Id == accessKeyId && k.AccountId == caller.AccountId)
                ?? throw IamErrors.AccessKeyNotFound(accessKeyId);
            var userName = key.UserId is null ? null : await db.Users.Where(u => u.Id == key.UserId).Select(u => u.Name).SingleAsync();
            return (userName, key);
        });

    /// <summary>Whose key it is, for authorization: the user, or null for root's own key; NoSuchEntity when the account has no such key.</summary>
    public Task<User?> OwnerAsync(IamCaller caller, string accessKeyId) =>
        Store.ReadAsync(async db =>
        {
            var key = await db.AccessKeys.SingleOrDefaultAsync(k => k.Id == accessKeyId && k.AccountId == caller.AccountId)
                ?? throw IamErrors.AccessKeyNotFound(accessKeyId);
            return key.UserId is null ? null : await db.Users.SingleAsync(u => u.Id == key.UserId);
        });

    /// <summary>For SigV4: the key and its decrypted secret, or null when no such key exists.</summary>
    public Task<SigningKey?> FindForSigningAsync(string accessKeyId) =>
        Store.ReadAsync(async db =>
        {
            var key = await db.AccessKeys.SingleOrDefaultAsync(k => k.Id == accessKeyId);
            if (key is null)
            {
                return null;
            }

            var user = key.UserId is null ? null : await db.Users.SingleAsync(u => u.Id == key.UserId);
            return new SigningKey(key.Id, key.AccountId, user?.Id, user?.Name, user?.Path, key.Status, secrets.Unprotect(key.SecretCiphertext));
        });

    /// <summary>Records a key's last use. Bookkeeping, not a change to authorization data: no audit event, no stamp.</summary>
    public Task RecordUseAsync(string accessKeyId, string service, string region) =>
        Store.TouchAsync(db => db.AccessKeys.Where(k => k.Id == accessKeyId).ExecuteUpdateAsync(s => s
            .SetProperty(k => k.LastUsedAt, Now).SetProperty(k => k.LastUsedService, service).SetProperty(k => k.LastUsedRegion, region)));

    private static async Task<AccessKey> OwnKeyAsync(IamDbContext db, IamCaller caller, string? userName, string accessKeyId)
    {
        var userId = userName is null ? null : (await db.UserAsync(caller.AccountId, userName)).Id;
        return await db.AccessKeys.SingleOrDefaultAsync(k => k.Id == accessKeyId && k.AccountId == caller.AccountId && k.UserId == userId)
            ?? throw IamErrors.AccessKeyNotFound(accessKeyId);
    }
}
