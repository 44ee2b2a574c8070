using System.Security.Cryptography;
using System.Text;

namespace LocalIam.Storage.Secrets;

/// <summary>
/// Encrypts secrets at rest (access-key secrets) with AES-256-GCM. The key lives in a file in the
/// data folder readable only by its owner, or comes from configuration (base64) for stores shared
/// by several nodes. Stored form: nonce (12 bytes) + tag (16 bytes) + ciphertext.
/// </summary>
public sealed class SecretProtector
{
    public const string KeyFileName = "secret.key";

    private const int KeySize = 32;
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly byte[] _key;

    public SecretProtector(byte[] key)
    {
        if (key.Length != KeySize)
        {
            throw new ArgumentException($"the secret key must be {KeySize} bytes", nameof(key));
        }

        _key = key;
    }

    /// <summary>Reads the key from <c>secret.key</c> in <paramref name="dataFolder"/>, creating it (mode 0600) on first use.</summary>
    public static SecretProtector FromDataFolder(string dataFolder)
    {
        var path = Path.Combine(dataFolder, KeyFileName);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(dataFolder);
            var key = RandomNumberGenerator.GetBytes(KeySize);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(path, options))
            {
                stream.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(key)));
            }

            return new SecretProtector(key);
        }

        return FromBase64(File.ReadAllText(path).Trim());
    }

    public static SecretProtector FromBase64(string key) => new(Convert.FromBase64String(key));

    /// <summary>
    /// A key for another use of the same secret (the console's cookies and antiforgery tokens), by
    /// HKDF-SHA256 with <paramref name="purpose"/> as its info: never the access-key secrets' key.
    /// </summary>
    public byte[] DeriveKey(string purpose) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, _key, KeySize, info: Encoding.UTF8.GetBytes(purpose));

    public byte[] Protect(string secret) => Protect(Encoding.UTF8.GetBytes(secret));

    /// <summary>Decrypts; throws <see cref="CryptographicException"/> when the data was altered or the key is wrong.</summary>
    public string Unprotect(byte[] stored) => Encoding.UTF8.GetString(UnprotectBytes(stored));

    public byte[] Protect(ReadOnlySpan<byte> plaintext)
    {
        var output = new byte[NonceSize + TagSize + plaintext.Length];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plaintext, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize));
        return output;
    }

    /// <summary>Decrypts; throws <see cref="CryptographicException"/> when the data was altered, cut short or the key is wrong.</summary>
    public byte[] UnprotectBytes(byte[] stored)
    {
        if (stored.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("the stored secret is too short");
        }

        var plaintext = new byte[stored.Length - NonceSize - TagSize];
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(stored.AsSpan(0, NonceSize), stored.AsSpan(NonceSize + TagSize), stored.AsSpan(NonceSize, TagSize), plaintext);
        return plaintext;
    }
}
