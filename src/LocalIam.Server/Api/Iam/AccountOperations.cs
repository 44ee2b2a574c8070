using System.Xml.Linq;
using LocalIam.Aws;
using LocalIam.Storage.Entities;
using static LocalIam.Aws.Query.QueryXml;

namespace LocalIam.Server.Api.Iam;

/// <summary>Account alias and the account password policy.</summary>
internal static class AccountOperations
{
    public static void Register(QueryTable table) => table
        .AddVoid("CreateAccountAlias", "iam:CreateAccountAlias", q => q.Required("AccountAlias"), (_, _) => "*",
            (alias, c) => c.Core.Accounts.CreateAliasAsync(c.Caller, alias))
        .AddVoid("DeleteAccountAlias", "iam:DeleteAccountAlias", q => q.Required("AccountAlias"), (_, _) => "*",
            (alias, c) => c.Core.Accounts.DeleteAliasAsync(c.Caller, alias))
        .Add("ListAccountAliases", "iam:ListAccountAliases", NoParameters.Bind, (_, _) => "*", async (_, c) =>
        {
            var account = await c.Core.Accounts.GetAsync(c.AccountId);
            return [StringMembers("AccountAliases", account.Alias is null ? [] : [account.Alias]), El("IsTruncated", false)!];
        })
        .AddVoid("UpdateAccountPasswordPolicy", "iam:UpdateAccountPasswordPolicy", PasswordPolicyOf, (_, _) => "*", (policy, c) =>
            c.Core.Accounts.UpdatePasswordPolicyAsync(c.Caller, policy))
        .Add("GetAccountPasswordPolicy", "iam:GetAccountPasswordPolicy", NoParameters.Bind, (_, _) => "*", async (_, c) =>
        {
            var p = await c.Core.Accounts.GetPasswordPolicyAsync(c.Caller);

            // Unset members are left out, as AWS's answers show: MaxPasswordAge and PasswordReusePrevention
            // when never set; HardExpiry unless set or passwords expire (docs/api.md, "Responses as AWS records them").
            return [new XElement("PasswordPolicy",
                El("MinimumPasswordLength", p.MinimumPasswordLength), El("RequireSymbols", p.RequireSymbols), El("RequireNumbers", p.RequireNumbers),
                El("RequireUppercaseCharacters", p.RequireUppercaseCharacters), El("RequireLowercaseCharacters", p.RequireLowercaseCharacters),
                El("AllowUsersToChangePassword", p.AllowUsersToChangePassword), El("ExpirePasswords", p.MaxPasswordAge is not null),
                El("MaxPasswordAge", p.MaxPasswordAge), El("PasswordReusePrevention", p.PasswordReusePrevention), El("HardExpiry", (p.HardExpiry || p.MaxPasswordAge is not null) ? p.HardExpiry : null))];
        })
        .AddVoid("DeleteAccountPasswordPolicy", "iam:DeleteAccountPasswordPolicy", NoParameters.Bind, (_, _) => "*",
            (_, c) => c.Core.Accounts.DeletePasswordPolicyAsync(c.Caller));

    /// <summary>UpdateAccountPasswordPolicy's members; what is left out takes AWS's default (the account id is filled in by the service).</summary>
    private static PasswordPolicy PasswordPolicyOf(IRequestParameters q) => new()
    {
        AccountId = string.Empty,
        MinimumPasswordLength = q.GetInt("MinimumPasswordLength") ?? 6,
        RequireSymbols = q.GetBool("RequireSymbols") ?? false,
        RequireNumbers = q.GetBool("RequireNumbers") ?? false,
        RequireUppercaseCharacters = q.GetBool("RequireUppercaseCharacters") ?? false,
        RequireLowercaseCharacters = q.GetBool("RequireLowercaseCharacters") ?? false,
        AllowUsersToChangePassword = q.GetBool("AllowUsersToChangePassword") ?? false,
        MaxPasswordAge = q.GetInt("MaxPasswordAge"),
        PasswordReusePrevention = q.GetInt("PasswordReusePrevention"),
        HardExpiry = q.GetBool("HardExpiry") ?? false,
    };
}
