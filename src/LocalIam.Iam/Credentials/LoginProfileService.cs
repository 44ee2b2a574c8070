using LocalIam.Iam.Errors;
using LocalIam.Storage;
using LocalIam.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace LocalIam.Iam.Credentials;

/// <summary>Console passwords of IAM users: hashed, checked against the account password policy.</summary>
public sealed class LoginProfileService(IamStore store, TimeProvider clock) : IamService(store, clock)
{
    public Task<LoginProfile> CreateAsync(IamCaller caller, string userName, string password, bool passwordResetRequired)
    {
        new RequestValidator().Name(userName, "userName", 64).Length(password, "password", 1, 128).ThrowIfInvalid();
        return ChangeAsync(caller, "iam:CreateLoginProfile", userName, async db =>
        {
            var user = await db.UserAsync(caller.AccountId, userName);
            if (await db.LoginProfiles.AnyAsync(p => p.UserId == user.Id))
            {
                throw IamErrors.LoginProfileExists(user.Name);
            }

            PasswordRules.Check(password, await db.PasswordPolicies.FindAsync(caller.AccountId));
            var profile = new LoginProfile { UserId = user.Id, PasswordHash = Passwords.Hash(password), PasswordResetRequired = passwordResetRequired, CreatedAt = Now };
            db.LoginProfiles.Add(profile);
            return profile;
        });
    }

    /// <summary>Refuses a password the account's password policy (or AWS's default) would refuse, writing nothing.</summary>
    public Task CheckPasswordAsync(IamCaller caller, string password) =>
        Store.ReadAsync(async db =>
        {
            PasswordRules.Check(password, await db.PasswordPolicies.FindAsync(caller.AccountId));
            return true;
        });

    public Task<LoginProfile> GetAsync(IamCaller caller, string userName)
    {
        new RequestValidator().Name(userName, "userName", 128).ThrowIfInvalid();
        return Store.ReadAsync(async db =>
        {
            var user = await db.UserAsync(caller.AccountId, userName);
            return await db.LoginProfiles.SingleOrDefaultAsync(p => p.UserId == user.Id) ?? throw IamErrors.LoginProfileNotFound(user.Name);
        });
    }

    public Task UpdateAsync(IamCaller caller, string userName, string? password, bool? passwordResetRequired)
    {
        new RequestValidator().Name(userName, "userName", 64).Length(password, "password", 1, 128).ThrowIfInvalid();
        return ChangeAsync(caller, "iam:UpdateLoginProfile", userName, async db =>
        {
            var user = await db.UserAsync(caller.AccountId, userName);
            var profile = await db.LoginProfiles.SingleOrDefaultAsync(p => p.UserId == user.Id) ?? throw IamErrors.LoginProfileNotFound(user.Name);
            if (password is not null)
            {
                PasswordRules.Check(password, await db.PasswordPolicies.FindAsync(caller.AccountId));
                profile.PasswordHash = Passwords.Hash(password);
            }

            profile.PasswordResetRequired = passwordResetRequired ?? profile.PasswordResetRequired;
        });
    }

    public Task DeleteAsync(IamCaller caller, string userName)
    {
        new RequestValidator().Name(userName, "userName", 128).ThrowIfInvalid();
        return ChangeAsync(caller, "iam:DeleteLoginProfile", userName, async db =>
        {
            var user = await db.UserAsync(caller.AccountId, userName);
            if (await db.LoginProfiles.Where(p => p.UserId == user.Id).ExecuteDeleteAsync() == 0)
            {
                throw IamErrors.LoginProfileNotFound(user.Name);
            }
        });
    }

    /// <summary>An IAM user changes its own password (ChangePassword); the old one must match.</summary>
    public Task ChangePasswordAsync(IamCaller caller, string userName, string oldPassword, string newPassword)
    {
        new RequestValidator().Length(oldPassword, "oldPassword", 1, 128).Length(newPassword, "newPassword", 1, 128).ThrowIfInvalid();
        return ChangeAsync(caller, "iam:ChangePassword", userName, async db =>
        {
            var user = await db.UserAsync(caller.AccountId, userName);
            var profile = await db.LoginProfiles.SingleOrDefaultAsync(p => p.UserId == user.Id) ?? throw IamErrors.LoginProfileNotFound(user.Name);
            if (!Passwords.Verify(profile.PasswordHash, oldPassword))
            {
                throw IamErrors.OldPasswordIncorrect();
            }

            PasswordRules.Check(newPassword, await db.PasswordPolicies.FindAsync(caller.AccountId), "newPassword");
            profile.PasswordHash = Passwords.Hash(newPassword);
            profile.PasswordResetRequired = false;
        });
    }

    /// <summary>Console sign-in: the user, when the password matches its login profile.</summary>
    public Task<User?> VerifyAsync(string accountId, string userName, string password) =>
        Store.ReadAsync(async db =>
        {
            var key = userName.ToUpperInvariant();
            var user = await db.Users.SingleOrDefaultAsync(u => u.AccountId == accountId && u.NameKey == key);
            var profile = user is null ? null : await db.LoginProfiles.SingleOrDefaultAsync(p => p.UserId == user.Id);
            return Passwords.VerifyOrFail(profile?.PasswordHash, password) ? user : null;
        });
}
