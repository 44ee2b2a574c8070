using System.Security.Cryptography;
using System.Text;
using LocalIam.Server.Console;
using LocalIam.Storage.Secrets;

namespace LocalIam.Console.Tests.Parts;

/// <summary>Cookies and antiforgery tokens are protected with a key derived from the store's secret key.</summary>
public sealed class DerivedDataProtectorTests
{
    private static readonly byte[] StoreKey = RandomNumberGenerator.GetBytes(32);

    [Fact]
    public void Unprotect_AfterARestartWithTheSameStoreKey_ReadsTheCookie()
    {
        var before = Protector(StoreKey).CreateProtector("cookie");
        var after = Protector(StoreKey.ToArray()).CreateProtector("cookie");

        var cookie = before.Protect(Encoding.UTF8.GetBytes("session"));

        Assert.Equal("session", Encoding.UTF8.GetString(after.Unprotect(cookie)));
    }

    [Fact]
    public void Unprotect_OtherPurposeOrOtherStoreKeyOrAltered_Throws()
    {
        var cookie = Protector(StoreKey).CreateProtector("cookie").Protect(Encoding.UTF8.GetBytes("session"));

        Assert.ThrowsAny<CryptographicException>(() => Protector(StoreKey).CreateProtector("antiforgery").Unprotect(cookie));
        Assert.ThrowsAny<CryptographicException>(() => Protector(RandomNumberGenerator.GetBytes(32)).CreateProtector("cookie").Unprotect(cookie));
        cookie[^1] ^= 1;
        Assert.ThrowsAny<CryptographicException>(() => Protector(StoreKey).CreateProtector("cookie").Unprotect(cookie));
        Assert.ThrowsAny<CryptographicException>(() => Protector(StoreKey).CreateProtector("cookie").Unprotect([1, 2, 3]));
    }

    [Fact]
    public void DeriveKey_ForTheConsole_IsNotTheAccessKeySecretsKey()
    {
        var secrets = new SecretProtector(StoreKey);

        Assert.NotEqual(StoreKey, secrets.DeriveKey(ConsoleSetup.DataProtectionPurpose));
    }

    private static DerivedDataProtector Protector(byte[] storeKey) =>
        new(new SecretProtector(new SecretProtector(storeKey).DeriveKey(ConsoleSetup.DataProtectionPurpose)));
}
