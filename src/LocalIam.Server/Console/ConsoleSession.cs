using System.Globalization;
using System.Security.Claims;
using LocalIam.Iam;
using LocalIam.Policy.Authorization;

namespace LocalIam.Server.Console;

/// <summary>
/// Who a console session is, as its (encrypted) cookie carries it: root or an IAM user of one
/// account, the stamp of the credentials it signed in with, whether a new password is due, and
/// when an MFA code was proved at sign-in (null when the user has no MFA device).
/// </summary>
public sealed record ConsoleSession(string AccountId, string? UserName, string? UserId, string UserPath, string Stamp, DateTime SignedInAt, bool PasswordResetRequired,
    DateTime? MfaAuthenticatedAt = null)
{
    public const string Scheme = "LocalIamConsole";

    /// <summary>AWS: 1 hour for root's console session, 12 hours for an IAM user's.</summary>
    public static readonly TimeSpan RootLifetime = TimeSpan.FromHours(1);

    public static readonly TimeSpan UserLifetime = TimeSpan.FromHours(12);

    public bool IsRoot => UserName is null;

    public TimeSpan Lifetime => IsRoot ? RootLifetime : UserLifetime;

    /// <summary>
    /// The engine's principal; a console session is temporary, as AWS's are: aws:MultiFactorAuthPresent
    /// is set, true with aws:MultiFactorAuthAge when the sign-in proved an MFA code.
    /// </summary>
    public AuthenticatedPrincipal Principal => new(
        IsRoot ? LocalIam.Policy.Authorization.Principal.Root(AccountId) : LocalIam.Policy.Authorization.Principal.User(AccountId, UserName!, UserPath),
        UserId, IsTemporary: true)
    {
        TokenIssuedAt = SignedInAt,
        MfaAuthenticatedAt = MfaAuthenticatedAt,
    };

    public IamCaller Caller => Principal.Caller;

    public ClaimsPrincipal ToClaims()
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, UserName ?? AccountId),
            new(nameof(AccountId), AccountId),
            new(nameof(UserPath), UserPath),
            new(nameof(Stamp), Stamp),
            new(nameof(SignedInAt), SignedInAt.ToString("O", CultureInfo.InvariantCulture)),
            // A fresh id for every sign-in: no two sessions share a cookie value.
            new("SessionId", Guid.NewGuid().ToString("N")),
        };
        if (UserName is not null)
        {
            claims.Add(new(nameof(UserName), UserName));
            claims.Add(new(nameof(UserId), UserId!));
        }

        if (PasswordResetRequired)
        {
            claims.Add(new(nameof(PasswordResetRequired), "true"));
        }

        if (MfaAuthenticatedAt is { } mfa)
        {
            claims.Add(new(nameof(MfaAuthenticatedAt), mfa.ToString("O", CultureInfo.InvariantCulture)));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme));
    }

    public static ConsoleSession? From(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true || user.FindFirstValue(nameof(AccountId)) is not { } account
            || user.FindFirstValue(nameof(Stamp)) is not { } stamp
            || !DateTime.TryParse(user.FindFirstValue(nameof(SignedInAt)), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var signedIn))
        {
            return null;
        }

        var userName = user.FindFirstValue(nameof(UserName));
        DateTime? mfa = DateTime.TryParse(user.FindFirstValue(nameof(MfaAuthenticatedAt)), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var proved)
            ? proved : null;
        return new(account, userName, user.FindFirstValue(nameof(UserId)), user.FindFirstValue(nameof(UserPath)) ?? "/", stamp, signedIn,
            user.FindFirstValue(nameof(PasswordResetRequired)) == "true", mfa);
    }
}
