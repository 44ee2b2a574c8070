using System.Text.RegularExpressions;
using LocalIam.Iam.Credentials;
using LocalIam.Iam.Errors;
using LocalIam.Iam.Identifiers;
using LocalIam.Storage;
using LocalIam.Storage.Entities;
using LocalIam.Storage.Secrets;
using Microsoft.EntityFrameworkCore;

namespace LocalIam.Iam.Accounts;

/// <summary>The account: bootstrap, alias, the billing-access setting, the password policy, root sign-in.</summary>
public sealed partial class AccountService(IamStore store, TimeProvider clock, SecretProtector secrets) : IamService(store, clock)
{
    /// <summary>
    /// On an empty store: creates the account, its root user and root's access key (AWS managed
    /// policies are not rows: they come from the embedded catalogue). Returns the account and
    /// whether it was created now.
    /// </summary>
    public async Task<(Account Account, bool Created)> BootstrapAsync(AccountBootstrap values)
    {
        if (!IamIds.IsAccountId(values.AccountId))
        {
            throw IamErrors.AccountIdInvalid(values.AccountId);
        }

        var created = false;
        var account = await Store.WriteAsync(async db =>
        {
            if (await db.Accounts.OrderBy(a => a.CreatedAt).FirstOrDefaultAsync() is { } existing)
            {
                return existing;
            }

            created = true;
            var root = IamCaller.Root(values.AccountId);
            var fresh = new Account
            {
                Id = values.AccountId,
                RootEmail = values.RootEmail,
                RootPasswordHash = Passwords.Hash(values.RootPassword),
                BillingAccessEnabled = false,
                CreatedAt = Now,
            };
            db.Accounts.Add(fresh);
            db.AccessKeys.Add(new AccessKey
            {
                Id = values.RootAccessKeyId,
                AccountId = values.AccountId,
                SecretCiphertext = secrets.Protect(values.RootSecretAccessKey),
                Status = AccessKeyStatus.Active,
                CreatedAt = Now,
            });
            db.AuditEvents.Add(new AuditEvent { Time = Now, AccountId = fresh.Id, PrincipalArn = root.PrincipalArn, Action = "localiam:Bootstrap", Target = fresh.Id, Outcome = "Success" });
            return fresh;
        });
        return (account, created);
    }

    public Task<Account> GetAsync(string accountId) =>
        Store.ReadAsync(async db => await db.Accounts.SingleOrDefaultAsync(a => a.Id == accountId)
            ?? throw IamErrors.AccountNotFound(accountId));

    /// <summary>Finds the account whose root user has this email, when the password matches.</summary>
    public Task<Account?> VerifyRootAsync(string email, string password) =>
        Store.ReadAsync(async db =>
        {
            var account = await db.Accounts.SingleOrDefaultAsync(a => a.RootEmail == email);
            return Passwords.VerifyOrFail(account?.RootPasswordHash, password) ? account : null;
        });

    /// <summary>
    /// "IAM user and role access to Billing information": only root may change it, whatever the
    /// caller's policies say. The change is in the audit trail.
    /// </summary>
    public Task SetBillingAccessAsync(IamCaller caller, bool enabled) =>
        ChangeAsync(caller, "billing:UpdateIAMAccessPreference", enabled ? "Enabled" : "Disabled", async db =>
        {
            if (!caller.IsRoot)
            {
                throw IamErrors.BillingAccessRootOnly();
            }

            (await db.Accounts.SingleAsync(a => a.Id == caller.AccountId)).BillingAccessEnabled = enabled;
        });

    /// <summary>An account has at most one alias: creating another replaces it, as on AWS.</summary>
    public Task CreateAliasAsync(IamCaller caller, string alias)
    {
        new RequestValidator().Length(alias, "accountAlias", 3, 63).ThrowIfInvalid();
        if (!AliasRegex().IsMatch(alias) || IamIds.IsAccountId(alias))
        {
            throw IamErrors.AliasInvalid();
        }

        return ChangeAsync(caller, "iam:CreateAccountAlias", alias, async db =>
        {
            if (await db.Accounts.AnyAsync(a => a.Alias == alias && a.Id != caller.AccountId))
            {
                throw IamErrors.AliasExists(alias);
            }

            (await db.Accounts.SingleAsync(a => a.Id == caller.AccountId)).Alias = alias;
        });
    }

    public Task DeleteAliasAsync(IamCaller caller, string alias) =>
        ChangeAsync(caller, "iam:DeleteAccountAlias", alias, async db =>
        {
            var account = await db.Accounts.SingleAsync(a => a.Id == caller.AccountId);
            if (account.Alias != alias)
            {
                throw IamErrors.AliasNotFound(alias);
            }

            account.Alias = null;
        });

    public Task<Account?> FindByAliasOrIdAsync(string aliasOrId) =>
        Store.ReadAsync(db => db.Accounts.SingleOrDefaultAsync(a => a.Id == aliasOrId || a.Alias == aliasOrId));

    /// <summary>Sets the whole policy: parameters left out go back to their defaults, as on AWS.</summary>
    public Task UpdatePasswordPolicyAsync(IamCaller caller, PasswordPolicy values)
    {
        new RequestValidator()
            .Range(values.MinimumPasswordLength, "minimumPasswordLength", 6, 128)
            .Range(values.PasswordReusePrevention, "passwordReusePrevention", 1, 24)
            .Range(values.MaxPasswordAge, "maxPasswordAge", 1, 1095)
            .ThrowIfInvalid();
        return ChangeAsync(caller, "iam:UpdateAccountPasswordPolicy", caller.AccountId, async db =>
        {
            await db.PasswordPolicies.Where(p => p.AccountId == caller.AccountId).ExecuteDeleteAsync();
            values.AccountId = caller.AccountId;
            db.PasswordPolicies.Add(values);
        });
    }

    public Task<PasswordPolicy> GetPasswordPolicyAsync(IamCaller caller) =>
        Store.ReadAsync(async db => await db.PasswordPolicies.FindAsync(caller.AccountId) ?? throw IamErrors.PasswordPolicyNotFound(caller.AccountId));

    public Task DeletePasswordPolicyAsync(IamCaller caller) =>
        ChangeAsync(caller, "iam:DeleteAccountPasswordPolicy", caller.AccountId, async db =>
        {
            if (await db.PasswordPolicies.Where(p => p.AccountId == caller.AccountId).ExecuteDeleteAsync() == 0)
            {
                throw IamErrors.AccountPasswordPolicyNotFound();
            }
        });

    [GeneratedRegex("^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]\\z")]
    private static partial Regex AliasRegex();
}
