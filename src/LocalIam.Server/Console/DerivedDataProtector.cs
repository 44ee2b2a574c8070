using LocalIam.Storage.Secrets;
using Microsoft.AspNetCore.DataProtection;

namespace LocalIam.Server.Console;

/// <summary>
/// The console's data protection (session cookies, antiforgery tokens): the store's AES-256-GCM
/// with a key derived (HKDF) from the store's secret key, one sub-key per purpose chain. Every
/// node of a store shares that key, so a session survives a restart and is good on every node;
/// there is no key ring on disk to lose.
/// </summary>
internal sealed class DerivedDataProtector(SecretProtector protector) : IDataProtector
{
    public IDataProtector CreateProtector(string purpose) => new DerivedDataProtector(new SecretProtector(protector.DeriveKey(purpose)));

    public byte[] Protect(byte[] plaintext) => protector.Protect(plaintext);

    /// <summary>Throws <see cref="System.Security.Cryptography.CryptographicException"/> for anything altered, cut short or made with another key.</summary>
    public byte[] Unprotect(byte[] protectedData) => protector.UnprotectBytes(protectedData);
}
