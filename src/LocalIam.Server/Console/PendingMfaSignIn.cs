using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace LocalIam.Server.Console;

/// <summary>
/// The step between a correct password and the MFA code: who typed the password (account, user
/// id, the credential stamp), the lockout identity the code counts toward, and when the step ends.
/// It travels in the MFA form as a hidden field, encrypted and authenticated with the console's
/// data protection under a purpose of its own, so it cannot be made, altered, moved to another
/// user, or replayed after <see cref="Lifetime"/>. It is not a session: it opens no page.
/// </summary>
public sealed record PendingMfaSignIn(string AccountId, string UserId, string UserName, string UserPath, string Stamp, bool PasswordResetRequired, string Identity, DateTimeOffset ExpiresAt)
{
    /// <summary>Five minutes to type a code: ten TOTP steps, and no longer than a password left on a shared screen should stay usable.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    /// <summary>The data-protection purpose: a session cookie or antiforgery token never reads as this, nor this as them.</summary>
    public const string Purpose = "LocalIam console pending MFA sign-in v1";

    /// <summary>The hidden field's value.</summary>
    public string Protect(IDataProtectionProvider protection) =>
        WebEncoders.Base64UrlEncode(protection.CreateProtector(Purpose).Protect(JsonSerializer.SerializeToUtf8Bytes(this)));

    /// <summary>The pending step the value carries; null when it is altered, made under another key or purpose, malformed, or past its time.</summary>
    public static PendingMfaSignIn? Read(IDataProtectionProvider protection, string? value, DateTimeOffset now)
    {
        // Bounded: the real value is a few hundred characters.
        if (value is not { Length: > 0 and <= 4096 })
        {
            return null;
        }

        try
        {
            var pending = JsonSerializer.Deserialize<PendingMfaSignIn>(protection.CreateProtector(Purpose).Unprotect(WebEncoders.Base64UrlDecode(value)));
            return pending is not null && now < pending.ExpiresAt ? pending : null;
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or JsonException)
        {
            return null;
        }
    }
}
