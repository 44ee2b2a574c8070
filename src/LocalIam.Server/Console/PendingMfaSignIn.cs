using Microsoft.AspNetCore.DataProtection;

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
    public string Protect(IDataProtectionProvider protection) => ProtectedValue.Protect(protection, Purpose, this);

    /// <summary>The pending step the value carries; null when it is altered, made under another key or purpose, malformed, or past its time.</summary>
    public static PendingMfaSignIn? Read(IDataProtectionProvider protection, string? value, DateTimeOffset now) =>
        ProtectedValue.Read<PendingMfaSignIn>(protection, Purpose, value) is { } pending && now < pending.ExpiresAt ? pending : null;
}
