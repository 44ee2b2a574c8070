using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using LocalIam.Iam;
using LocalIam.Iam.Errors;
using LocalIam.Policy.Authorization;

namespace LocalIam.Server.Console;

/// <summary>
/// Console sign-in through the core's password checks (constant time, whether or not the account,
/// user or login profile exists), with the lockout in front; and the stamp that ends a session
/// when its user, password or login profile changes.
/// </summary>
public sealed partial class ConsoleSignIn(IamCore core, SignInLockout lockout, TimeProvider clock)
{
    /// <summary>Either a session or the one message a failure may show.</summary>
    public sealed record Outcome(ConsoleSession? Session, string? Failure);

    public async Task<Outcome> RootAsync(string? email, string? password)
    {
        email = email?.Trim() ?? string.Empty;
        var identity = "root " + email.ToUpperInvariant();
        if (lockout.IsLockedOut(identity))
        {
            return new(null, ConsoleTexts.LockedOut);
        }

        var account = IsBounded(email, 320) && IsBounded(password, 128) ? await core.Accounts.VerifyRootAsync(email, password!) : null;
        if (account is null)
        {
            lockout.RecordFailure(identity);
            return new(null, ConsoleTexts.SignInFailed);
        }

        lockout.RecordSuccess(identity);
        return new(new ConsoleSession(account.Id, null, null, "/", RootStamp(account), Now, PasswordResetRequired: false), null);
    }

    public async Task<Outcome> UserAsync(string? accountIdOrAlias, string? userName, string? password)
    {
        var named = AccountInput(accountIdOrAlias);
        userName = userName?.Trim() ?? string.Empty;
        var account = IsBounded(named, 63) ? await core.Accounts.FindByAliasOrIdAsync(named) : null;
        var identity = $"user {account?.Id ?? named.ToLowerInvariant()} {userName.ToUpperInvariant()}";
        if (lockout.IsLockedOut(identity))
        {
            return new(null, ConsoleTexts.LockedOut);
        }

        // An unknown account is checked as one with no such user: the same work, the same answer.
        var user = IsBounded(userName, 64) && IsBounded(password, 128)
            ? await core.LoginProfiles.VerifyAsync(account?.Id ?? string.Empty, userName, password!)
            : null;
        if (account is null || user is null)
        {
            lockout.RecordFailure(identity);
            return new(null, ConsoleTexts.SignInFailed);
        }

        lockout.RecordSuccess(identity);
        var caller = new IamCaller(account.Id, Principal.User(account.Id, user.Name, user.Path).Arn);
        var profile = await core.LoginProfiles.GetAsync(caller, user.Name);
        return new(new ConsoleSession(account.Id, user.Name, user.Id, user.Path, UserStamp(user.Id, profile), Now, profile.PasswordResetRequired), null);
    }

    /// <summary>The session's credentials as they are now; null when they are gone, so the session ends.</summary>
    public async Task<string?> CurrentStampAsync(ConsoleSession session)
    {
        try
        {
            if (session.IsRoot)
            {
                return RootStamp(await core.Accounts.GetAsync(session.AccountId));
            }

            var user = await core.Users.GetAsync(session.Caller, session.UserName!);
            return user.Id == session.UserId ? UserStamp(user.Id, await core.LoginProfiles.GetAsync(session.Caller, user.Name)) : null;
        }
        catch (IamException ex) when (ex.Code == IamErrorCode.NoSuchEntity)
        {
            return null;
        }
    }

    /// <summary>A new session for the same principal, after a password change (the old stamp no longer holds).</summary>
    public async Task<ConsoleSession?> RenewAsync(ConsoleSession session) =>
        await CurrentStampAsync(session) is { } stamp ? session with { Stamp = stamp, SignedInAt = Now, PasswordResetRequired = false } : null;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static bool IsBounded(string? value, int max) => value is { Length: > 0 } && value.Length <= max;

    /// <summary>An account id may be typed as AWS prints it, 1111-2222-3333.</summary>
    private static string AccountInput(string? value)
    {
        var text = value?.Trim() ?? string.Empty;
        return DashedAccountId().IsMatch(text) ? text.Replace("-", string.Empty, StringComparison.Ordinal) : text;
    }

    private static string RootStamp(LocalIam.Storage.Entities.Account account) =>
        Stamp($"{account.Id}\n{account.RootEmail}\n{account.RootPasswordHash}");

    private static string UserStamp(string userId, LocalIam.Storage.Entities.LoginProfile profile) =>
        Stamp($"{userId}\n{profile.CreatedAt.Ticks}\n{profile.PasswordHash}\n{profile.PasswordResetRequired}");

    /// <summary>A digest, so the cookie carries nothing of the password hash itself.</summary>
    private static string Stamp(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [GeneratedRegex("^[0-9]{4}-[0-9]{4}-[0-9]{4}\\z")]
    private static partial Regex DashedAccountId();
}
