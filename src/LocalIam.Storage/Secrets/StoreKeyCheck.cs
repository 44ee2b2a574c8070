using System.Security.Cryptography;
using LocalIam.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace LocalIam.Storage.Secrets;

/// <summary>
/// Makes sure a node's secret key is the one its store's secrets were encrypted with, before it
/// serves anything: the store keeps a known value encrypted with its key. A store without one (made
/// before it existed) adopts the key of the first node that starts on it, unless a secret already
/// stored does not decrypt with that key.
/// </summary>
public static class StoreKeyCheck
{
    private const string KnownValue = "LocalIam store key check, version 1";

    /// <summary>Null when <paramref name="secrets"/> is the store's key (adopting it if the store has none yet); otherwise why not.</summary>
    public static async Task<string?> MismatchAsync(IamStore store, SecretProtector secrets, CancellationToken cancellationToken = default)
    {
        var check = await ReadAsync(store, cancellationToken);
        if (check is null)
        {
            if (!await StoredSecretsDecryptAsync(store, secrets, cancellationToken))
            {
                return "the store holds secrets that this key does not decrypt";
            }

            // Only the first node to get here writes; every node then checks what is stored.
            var adopted = secrets.Protect(KnownValue);
            await using (var db = store.OpenContext())
            {
                await db.StoreStamps.Where(s => s.Id == StoreStamp.SingletonId && s.KeyCheck == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.KeyCheck, adopted), cancellationToken);
            }

            check = await ReadAsync(store, cancellationToken);
        }

        return Decrypts(secrets, check!) ? null : "the store was created with another key";
    }

    private static async Task<byte[]?> ReadAsync(IamStore store, CancellationToken cancellationToken) =>
        await store.ReadAsync(db => db.StoreStamps.Where(s => s.Id == StoreStamp.SingletonId).Select(s => s.KeyCheck).FirstOrDefaultAsync(cancellationToken));

    private static bool Decrypts(SecretProtector secrets, byte[] check)
    {
        try
        {
            return secrets.Unprotect(check) == KnownValue;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>An older store: the key must open the secrets already in it (one access key and one session are enough).</summary>
    private static async Task<bool> StoredSecretsDecryptAsync(IamStore store, SecretProtector secrets, CancellationToken cancellationToken)
    {
        var samples = await store.ReadAsync(async db => new[]
        {
            await db.AccessKeys.Select(k => k.SecretCiphertext).FirstOrDefaultAsync(cancellationToken),
            await db.Sessions.Select(s => s.SecretCiphertext).FirstOrDefaultAsync(cancellationToken),
        });
        foreach (var sample in samples.OfType<byte[]>())
        {
            try
            {
                secrets.Unprotect(sample);
            }
            catch (CryptographicException)
            {
                return false;
            }
        }

        return true;
    }
}
