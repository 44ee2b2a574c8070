using System.Xml.Linq;
using LocalIam.Iam.Accounts;
using LocalIam.Storage.Entities;
using static LocalIam.Aws.Query.QueryXml;

namespace LocalIam.Server.Api.Iam;

/// <summary>Account alias and the account password policy.</summary>
internal static class AccountOperations
{
    public static void Register(OperationTable table) => table
        .AddVoid("CreateAccountAlias", _ => "*", c => c.Service<AccountService>().CreateAliasAsync(c.Caller, c.Query.Required("AccountAlias")))
        .AddVoid("DeleteAccountAlias", _ => "*", c => c.Service<AccountService>().DeleteAliasAsync(c.Caller, c.Query.Required("AccountAlias")))
        .Add("ListAccountAliases", _ => "*", async c =>
        {
            var account = await c.Service<AccountService>().GetAsync(c.AccountId);
            return [StringMembers("AccountAliases", account.Alias is null ? [] : [account.Alias]), El("IsTruncated", false)!];
        })
        .AddVoid("UpdateAccountPasswordPolicy", _ => "*", c => c.Service<AccountService>().UpdatePasswordPolicyAsync(c.Caller, new PasswordPolicy
        {
            AccountId = c.AccountId,
            MinimumPasswordLength = c.Query.GetInt("MinimumPasswordLength") ?? 6,
            RequireSymbols = c.Query.GetBool("RequireSymbols") ?? false,
            RequireNumbers = c.Query.GetBool("RequireNumbers") ?? false,
            RequireUppercaseCharacters = c.Query.GetBool("RequireUppercaseCharacters") ?? false,
            RequireLowercaseCharacters = c.Query.GetBool("RequireLowercaseCharacters") ?? false,
            AllowUsersToChangePassword = c.Query.GetBool("AllowUsersToChangePassword") ?? false,
            MaxPasswordAge = c.Query.GetInt("MaxPasswordAge"),
            PasswordReusePrevention = c.Query.GetInt("PasswordReusePrevention"),
            HardExpiry = c.Query.GetBool("HardExpiry") ?? false,
        }))
        .Add("GetAccountPasswordPolicy", _ => "*", async c =>
        {
            var p = await c.Service<AccountService>().GetPasswordPolicyAsync(c.Caller);
            return [new XElement("PasswordPolicy",
                El("MinimumPasswordLength", p.MinimumPasswordLength), El("RequireSymbols", p.RequireSymbols), El("RequireNumbers", p.RequireNumbers),
                El("RequireUppercaseCharacters", p.RequireUppercaseCharacters), El("RequireLowercaseCharacters", p.RequireLowercaseCharacters),
                El("AllowUsersToChangePassword", p.AllowUsersToChangePassword), El("ExpirePasswords", p.MaxPasswordAge is not null),
                El("MaxPasswordAge", p.MaxPasswordAge), El("PasswordReusePrevention", p.PasswordReusePrevention), El("HardExpiry", p.HardExpiry))];
        })
        .AddVoid("DeleteAccountPasswordPolicy", _ => "*", c => c.Service<AccountService>().DeletePasswordPolicyAsync(c.Caller));
}
