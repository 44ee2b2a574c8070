using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using LocalIam.Iam;
using LocalIam.Iam.Audit;
using LocalIam.Iam.Errors;
using LocalIam.Iam.Mfa;
using LocalIam.Policy.Authorization;
using Microsoft.AspNetCore.DataProtection;

namespace LocalIam.Server.Console;

/// <summary>
/// Console sign-in through the core's password checks (constant time, whether or not the account,
/// user or login profile exists), with the lockout in front; and the stamp that ends a session
/// when its user, password or login profile changes. A user with an enabled MFA device gets no
/// session from the password alone: a pending step that only a current code from that device
/// turns into one. Every outcome is in the audit trail as AWS's ConsoleLogin.
/// </summary>
public sealed partial class ConsoleSignIn(IamCore core, SignInLockout lockout, ConsoleLogins logins, IDataProtectionProvider protection, TimeProvider clock)
{
    /// <summary>
    /// A session, or the one message a failure may show, or (<see cref="PendingMfa"/>, protected)
    /// the MFA step that must come first; a failed MFA step keeps its pending value for another try.
    /// </summary>
    public sealed record Outcome(ConsoleSession? Session, string? Failure, string? PendingMfa = null);

    public async Task<Outcome> RootAsync(string? email, string? password)
    {
        email = email?.Trim() ?? string.Empty;
        var identity = "root " + email.ToUpperInvariant();
        if (lockout.IsLockedOut(identity))
        {
            await RootFailedAsync(email);
            return new(null, ConsoleTexts.LockedOut);
        }

        var account = IsBounded(email, 320) && IsBounded(password, 128) ? await core.Accounts.VerifyRootAsync(email, password!) : null;
        if (account is null)
        {
            lockout.RecordFailure(identity);
            await RootFailedAsync(email);
            return new(null, ConsoleTexts.SignInFailed);
        }

        lockout.RecordSuccess(identity);
        await logins.RootSucceededAsync(account.Id);
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
            await UserFailedAsync(account?.Id, userName);
            return new(null, ConsoleTexts.LockedOut);
        }

        // An unknown account is checked as one with no such user: the same work, the same answer.
        var user = IsBounded(userName, 64) && IsBounded(password, 128)
            ? await core.LoginProfiles.VerifyAsync(account?.Id ?? string.Empty, userName, password!)
            : null;
        if (account is null || user is null)
        {
            lockout.RecordFailure(identity);
            await UserFailedAsync(account?.Id, userName);
            return new(null, ConsoleTexts.SignInFailed);
        }

        var caller = new IamCaller(account.Id, Principal.User(account.Id, user.Name, user.Path).Arn);
        var profile = await core.LoginProfiles.GetAsync(caller, user.Name);
        var stamp = UserStamp(user.Id, profile);
        if ((await core.MfaDevices.ListForUserAsync(caller, user.Name)).Items.Count > 0)
        {
            // The password alone proves nothing yet: the failure count stays until the code is right,
            // so knowing the password does not buy unlimited code guesses.
            var pending = new PendingMfaSignIn(account.Id, user.Id, user.Name, user.Path, stamp, profile.PasswordResetRequired, identity, clock.GetUtcNow() + PendingMfaSignIn.Lifetime);
            return new(null, null, pending.Protect(protection));
        }

        lockout.RecordSuccess(identity);
        await logins.UserSucceededAsync(account.Id, user.Id);
        return new(new ConsoleSession(account.Id, user.Name, user.Id, user.Path, stamp, Now, profile.PasswordResetRequired), null);
    }

    /// <summary>
    /// The MFA step: a current code from one of the user's enabled devices. A wrong code counts
    /// toward the lockout of the identity that typed the password; an expired or altered pending
    /// value, or credentials changed since the password was checked, start the sign-in again.
    /// </summary>
    public async Task<Outcome> MfaAsync(string? pendingValue, string? code)
    {
        if (PendingMfaSignIn.Read(protection, pendingValue, clock.GetUtcNow()) is not { } pending)
        {
            return new(null, ConsoleTexts.SignInFailed);
        }

        if (lockout.IsLockedOut(pending.Identity))
        {
            await logins.UserFailedAsync(pending.AccountId, pending.UserName);
            return new(null, ConsoleTexts.LockedOut);
        }

        var session = new ConsoleSession(pending.AccountId, pending.UserName, pending.UserId, pending.UserPath, pending.Stamp, Now, pending.PasswordResetRequired);
        if (await CurrentStampAsync(session) != pending.Stamp)
        {
            // Deleted, recreated or given a new password since: the password typed no longer holds.
            return new(null, ConsoleTexts.SignInFailed);
        }

        code = code?.Trim() ?? string.Empty;
        if (!await IsCurrentCodeAsync(session, code))
        {
            lockout.RecordFailure(pending.Identity);
            await logins.UserFailedAsync(pending.AccountId, pending.UserName);
            return new(null, ConsoleTexts.SignInFailed, pendingValue);
        }

        lockout.RecordSuccess(pending.Identity);
        await logins.UserSucceededAsync(pending.AccountId, pending.UserId);
        return new(session with { MfaAuthenticatedAt = Now }, null);
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

    /// <summary>The core's STS check, for each device enabled for the user (AWS allows up to 8).</summary>
    private async Task<bool> IsCurrentCodeAsync(ConsoleSession session, string code)
    {
        if (!SixDigits().IsMatch(code))
        {
            return false;
        }

        foreach (var device in (await core.MfaDevices.ListForUserAsync(session.Caller, session.UserName!)).Items)
        {
            if (await core.MfaDevices.CheckSessionCodeAsync(session.AccountId, session.UserId, device.Device.SerialNumber, code) == MfaCodeCheck.Valid)
            {
                return true;
            }
        }

        return false;
    }

    private Task RootFailedAsync(string email) => IsBounded(email, 320) ? logins.RootFailedAsync(email) : Task.CompletedTask;

    /// <summary>An unknown account has no trail to record in.</summary>
    private Task UserFailedAsync(string? accountId, string userName) =>
        accountId is not null && IsBounded(userName, 64) ? logins.UserFailedAsync(accountId, userName) : Task.CompletedTask;

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

    [GeneratedRegex("^[0-9]{6}\\z")]
    private static partial Regex SixDigits();
}
