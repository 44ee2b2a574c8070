using LocalIam.Iam.Credentials;
using LocalIam.Iam.Errors;
using LocalIam.Iam.Identifiers;
using LocalIam.Iam.Objects;
using LocalIam.Storage;

namespace LocalIam.Iam.SshPublicKeys;

/// <summary>A user's SSH public key (for CodeCommit) as stored: the body as uploaded and the key's wire blob.</summary>
public sealed record SshPublicKey(string Id, string UserId, string Body, byte[] Blob, string Fingerprint, string Status, DateTime UploadedAt);

/// <summary>A key with its user's current name, as responses show it.</summary>
public sealed record SshPublicKeyView(SshPublicKey Key, string UserName);

/// <summary>SSH public keys of IAM users: at most 5 each, RSA of 2048 bits or more.</summary>
public sealed class SshPublicKeyService(IamStore store, TimeProvider clock) : IamService(store, clock)
{
    internal static readonly AccountObjects<SshPublicKey> Keys = new("ssh-public-key");

    public Task<SshPublicKeyView> UploadAsync(IamCaller caller, string userName, string body)
    {
        new RequestValidator().Name(userName, "userName", 64).Body(body, "sSHPublicKeyBody").ThrowIfInvalid();
        return ChangeAsync(caller, "iam:UploadSSHPublicKey", userName, async db =>
        {
            var user = await db.UserAsync(caller.AccountId, userName);
            var parsed = SshPublicKeyFormat.Parse(body);
            var existing = await Keys.ListAsync(db, caller.AccountId, user.Id);
            if (existing.Any(k => k.Blob.AsSpan().SequenceEqual(parsed.Blob)))
            {
                throw IamErrors.DuplicateSshPublicKey();
            }

            if (existing.Count >= Quotas.SshPublicKeysPerUser.Limit)
            {
                throw Quotas.SshPublicKeysPerUser.Exceeded();
            }

            var key = new SshPublicKey(IamIds.NewPublicKeyId(), user.Id, body, parsed.Blob, parsed.Fingerprint, "Active", Now);
            Keys.Add(db, caller.AccountId, key.Id, key, Now, user.Id);
            return new SshPublicKeyView(key, user.Name);
        });
    }

    /// <summary>The key with its body in the encoding asked for: SSH gives the uploaded <c>ssh-rsa</c> text, PEM a <c>PUBLIC KEY</c>.</summary>
    public Task<SshPublicKeyView> GetAsync(IamCaller caller, string userName, string keyId, string encoding)
    {
        Validate(userName, keyId).OneOf(encoding, "encoding", "SSH", "PEM").ThrowIfInvalid();
        return Store.ReadAsync(async db =>
        {
            var (key, name) = await OwnKeyAsync(db, caller, userName, keyId);
            var body = encoding == "PEM" ? SshPublicKeyFormat.ToPem(key.Blob)
                : key.Body.TrimStart().StartsWith("ssh-rsa", StringComparison.Ordinal) ? key.Body : SshPublicKeyFormat.ToSsh(key.Blob);
            return new SshPublicKeyView(key with { Body = body }, name);
        });
    }

    public Task<Page<SshPublicKeyView>> ListAsync(IamCaller caller, string userName, string? marker = null, int? maxItems = null)
    {
        new RequestValidator().Name(userName, "userName", 64).ThrowIfInvalid();
        var limit = Paging.Limit(maxItems);
        var after = Paging.Decode(marker);
        return Store.ReadAsync(async db =>
        {
            var user = await db.UserAsync(caller.AccountId, userName);
            var page = Paging.InMemory(await Keys.ListAsync(db, caller.AccountId, user.Id), k => k.Id, after, limit);
            return new Page<SshPublicKeyView>([.. page.Items.Select(k => new SshPublicKeyView(k, user.Name))], page.IsTruncated, page.Marker);
        });
    }

    public Task UpdateAsync(IamCaller caller, string userName, string keyId, string status)
    {
        Validate(userName, keyId).OneOf(status, "status", CredentialFields.Statuses).ThrowIfInvalid();
        return ChangeAsync(caller, "iam:UpdateSSHPublicKey", keyId, async db =>
        {
            var (key, _) = await OwnKeyAsync(db, caller, userName, keyId);
            await Keys.UpdateAsync(db, caller.AccountId, key.Id, key with { Status = status });
        });
    }

    public Task DeleteAsync(IamCaller caller, string userName, string keyId)
    {
        Validate(userName, keyId).ThrowIfInvalid();
        return ChangeAsync(caller, "iam:DeleteSSHPublicKey", keyId, async db =>
        {
            var (key, _) = await OwnKeyAsync(db, caller, userName, keyId);
            await Keys.RemoveAsync(db, caller.AccountId, key.Id);
        });
    }

    /// <summary>For DeleteUser (<see cref="Areas.IamAreas.Users"/>): whether the user still has SSH public keys.</summary>
    public static async Task<bool> UserHasAnyAsync(IamDbContext db, string accountId, string userId) =>
        await Keys.CountAsync(db, accountId, userId) > 0;

    /// <summary>The user first (NoSuchEntity for the user), then a key of that user.</summary>
    private static async Task<(SshPublicKey Key, string UserName)> OwnKeyAsync(IamDbContext db, IamCaller caller, string userName, string keyId)
    {
        var user = await db.UserAsync(caller.AccountId, userName);
        var key = await Keys.FindAsync(db, caller.AccountId, keyId);
        return key is not null && key.UserId == user.Id ? (key, user.Name) : throw IamErrors.SshPublicKeyNotFound(keyId);
    }

    private static RequestValidator Validate(string userName, string keyId) =>
        new RequestValidator().Name(userName, "userName", 64).Id(keyId, "sSHPublicKeyId", 20);
}
