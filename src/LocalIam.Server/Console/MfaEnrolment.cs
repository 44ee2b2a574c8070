using Microsoft.AspNetCore.DataProtection;

namespace LocalIam.Server.Console;

/// <summary>
/// "Assign MFA device" between its steps: the virtual device just created and its seed, so the
/// QR code and secret key can be shown again after a wrong pair of codes. The core never returns
/// a seed twice, so the page keeps it, encrypted in the form (never in a URL or a cookie), bound
/// to the session that created the device and the user it is for, for <see cref="Lifetime"/>.
/// </summary>
public sealed record MfaEnrolment(string AccountId, string CreatedBy, DateTime CreatedBySignIn, string UserName, string SerialNumber, string Seed, DateTimeOffset ExpiresAt)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    public const string Purpose = "LocalIam console MFA enrolment v1";

    public static MfaEnrolment For(ConsoleSession session, string userName, string serialNumber, string seed, DateTimeOffset now) =>
        new(session.AccountId, session.Principal.Principal.Arn, session.SignedInAt, userName, serialNumber, seed, now + Lifetime);

    public string Protect(IDataProtectionProvider protection) => ProtectedValue.Protect(protection, Purpose, this);

    /// <summary>The enrolment, when it is this session's, for this user, and not past its time.</summary>
    public static MfaEnrolment? Read(IDataProtectionProvider protection, string? value, ConsoleSession session, string userName, DateTimeOffset now) =>
        ProtectedValue.Read<MfaEnrolment>(protection, Purpose, value) is { } enrolment
        && enrolment.AccountId == session.AccountId && enrolment.CreatedBy == session.Principal.Principal.Arn
        && enrolment.CreatedBySignIn == session.SignedInAt
        && string.Equals(enrolment.UserName, userName, StringComparison.OrdinalIgnoreCase) && now < enrolment.ExpiresAt
            ? enrolment : null;
}
