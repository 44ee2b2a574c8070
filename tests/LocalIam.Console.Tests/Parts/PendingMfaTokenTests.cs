using System.Security.Cryptography;
using LocalIam.Server.Console;
using LocalIam.Storage.Secrets;

namespace LocalIam.Console.Tests.Parts;

/// <summary>The protected values between sign-in's password and its MFA code, and between the steps of "Assign MFA device".</summary>
public sealed class PendingMfaTokenTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly byte[] StoreKey = RandomNumberGenerator.GetBytes(32);
    private static readonly DerivedDataProtector Protection = Protector(StoreKey);

    private static readonly PendingMfaSignIn Gexter1 =
        new("111122223333", "AIDAGEXTER1", "gexter1", "/", "STAMP1", false, "user 111122223333 GEXTER1", Now + PendingMfaSignIn.Lifetime);

    [Fact]
    public void Read_WithinItsLifetime_IsTheSignInThatTypedThePassword()
    {
        var value = Gexter1.Protect(Protection);

        Assert.Equal(Gexter1, PendingMfaSignIn.Read(Protection, value, Now.AddMinutes(4)));
        Assert.Equal(Gexter1, PendingMfaSignIn.Read(Protector(StoreKey.ToArray()), value, Now));
    }

    [Fact]
    public void Read_AtOrAfterItsLifetime_IsNothing()
    {
        var value = Gexter1.Protect(Protection);

        Assert.Null(PendingMfaSignIn.Read(Protection, value, Now + PendingMfaSignIn.Lifetime));
        Assert.Null(PendingMfaSignIn.Read(Protection, value, Now.AddHours(1)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(20)]
    [InlineData(-2)]
    public void Read_Tampered_IsNothing(int at)
    {
        const string Base64Url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var value = Gexter1.Protect(Protection).ToCharArray();
        var i = at < 0 ? value.Length + at : at;

        // Flip the highest of the six bits a character carries: always a bit of the data, never padding.
        value[i] = Base64Url[Base64Url.IndexOf(value[i], StringComparison.Ordinal) ^ 32];

        Assert.Null(PendingMfaSignIn.Read(Protection, new string(value), Now));
    }

    [Fact]
    public void Read_MalformedEmptyOrHuge_IsNothing()
    {
        Assert.Null(PendingMfaSignIn.Read(Protection, null, Now));
        Assert.Null(PendingMfaSignIn.Read(Protection, string.Empty, Now));
        Assert.Null(PendingMfaSignIn.Read(Protection, "not base64url!", Now));
        Assert.Null(PendingMfaSignIn.Read(Protection, new string('A', 5000), Now));
    }

    [Fact]
    public void Read_MadeUnderAnotherPurposeOrStoreKey_IsNothing()
    {
        // An enrolment's value, the session cookie's purpose, or another store's key never read as a pending sign-in.
        var enrolment = new MfaEnrolment("111122223333", "arn:aws:iam::111122223333:user/gexter1", Now.UtcDateTime, "gexter1", "arn:aws:iam::111122223333:mfa/p", "SEED", Now.AddHours(1));
        Assert.Null(PendingMfaSignIn.Read(Protection, enrolment.Protect(Protection), Now));
        var sessionLike = Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(
            Protection.CreateProtector("Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware").Protect(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(Gexter1)));
        Assert.Null(PendingMfaSignIn.Read(Protection, sessionLike, Now));
        Assert.Null(PendingMfaSignIn.Read(Protector(RandomNumberGenerator.GetBytes(32)), Gexter1.Protect(Protection), Now));
    }

    [Fact]
    public void Read_ValueOfOneUser_CarriesOnlyThatUser()
    {
        var gexter2 = Gexter1 with { UserId = "AIDAGEXTER2", UserName = "gexter2", Identity = "user 111122223333 GEXTER2" };

        var read = PendingMfaSignIn.Read(Protection, gexter2.Protect(Protection), Now);

        Assert.Equal(("AIDAGEXTER2", "gexter2", "user 111122223333 GEXTER2"), (read!.UserId, read.UserName, read.Identity));
        Assert.NotEqual(Gexter1.Protect(Protection), gexter2.Protect(Protection));
    }

    [Fact]
    public void Enrolment_ReadByAnotherSessionOrForAnotherUserOrLate_IsNothing()
    {
        var session = new ConsoleSession("111122223333", "gexter1", "AIDAGEXTER1", "/", "STAMP1", Now.UtcDateTime, false);
        var value = MfaEnrolment.For(session, "gexter1", "arn:aws:iam::111122223333:mfa/phone", "SEED", Now).Protect(Protection);

        Assert.Equal("SEED", MfaEnrolment.Read(Protection, value, session, "GEXTER1", Now)!.Seed);
        Assert.Null(MfaEnrolment.Read(Protection, value, session, "gexter2", Now));
        Assert.Null(MfaEnrolment.Read(Protection, value, session with { UserName = "admin" }, "gexter1", Now));
        Assert.Null(MfaEnrolment.Read(Protection, value, session with { SignedInAt = Now.UtcDateTime.AddMinutes(1) }, "gexter1", Now));
        Assert.Null(MfaEnrolment.Read(Protection, value, session, "gexter1", Now + MfaEnrolment.Lifetime));
    }

    private static DerivedDataProtector Protector(byte[] storeKey) =>
        new(new SecretProtector(new SecretProtector(storeKey).DeriveKey(ConsoleSetup.DataProtectionPurpose)));
}
