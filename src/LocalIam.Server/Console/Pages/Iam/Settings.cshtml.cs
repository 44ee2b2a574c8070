using LocalIam.Iam;
using LocalIam.Iam.Errors;
using LocalIam.Storage.Entities;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace LocalIam.Server.Console.Pages.Iam;

/// <summary>
/// /console/iam/settings: AWS's IAM "Account settings" — the password policy (viewed with
/// iam:GetAccountPasswordPolicy, saved with iam:UpdateAccountPasswordPolicy, which the core
/// validates) and the account alias (iam:ListAccountAliases, iam:CreateAccountAlias,
/// iam:DeleteAccountAlias). Each is authorized as the API's row for it is.
/// </summary>
[Authorize]
public sealed class SettingsModel(IamCore core, ConsoleAuthorizer authorizer) : ConsolePageModel(core, authorizer)
{
    [BindProperty(SupportsGet = true, Name = "edit")]
    public bool Editing { get; set; }

    [BindProperty]
    public int MinimumLength { get; set; } = 8;

    [BindProperty]
    public bool RequireUppercase { get; set; }

    [BindProperty]
    public bool RequireLowercase { get; set; }

    [BindProperty]
    public bool RequireNumbers { get; set; }

    [BindProperty]
    public bool RequireSymbols { get; set; }

    [BindProperty]
    public bool AllowChange { get; set; }

    [BindProperty]
    public int? ExpireDays { get; set; }

    [BindProperty]
    public int? Remember { get; set; }

    [BindProperty]
    public bool HardExpiry { get; set; }

    [BindProperty]
    public string? NewAlias { get; set; }

    /// <summary>Null when the account has no custom policy (AWS's default applies) or it may not be read.</summary>
    public PasswordPolicy? Policy { get; private set; }

    public Denial? PolicyDenial { get; private set; }

    public string? Alias { get; private set; }

    public Denial? AliasDenial { get; private set; }

    public string? Failure { get; private set; }

    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        if (Editing && Policy is { } policy)
        {
            (MinimumLength, RequireUppercase, RequireLowercase, RequireNumbers, RequireSymbols) =
                (policy.MinimumPasswordLength, policy.RequireUppercaseCharacters, policy.RequireLowercaseCharacters, policy.RequireNumbers, policy.RequireSymbols);
            (AllowChange, ExpireDays, Remember, HardExpiry) = (policy.AllowUsersToChangePassword, policy.MaxPasswordAge, policy.PasswordReusePrevention, policy.HardExpiry);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostPasswordPolicyAsync()
    {
        if (!ModelState.IsValid)
        {
            // A number field that is not a whole number (or past int's range) would otherwise be saved as its default.
            Failure = ConsoleTexts.PasswordPolicyNumbers;
            Editing = true;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync();
            return Page();
        }

        return await ChangeAsync("iam:UpdateAccountPasswordPolicy", c => Core.Accounts.UpdatePasswordPolicyAsync(c, new PasswordPolicy
        {
            AccountId = c.AccountId,
            MinimumPasswordLength = MinimumLength,
            RequireUppercaseCharacters = RequireUppercase,
            RequireLowercaseCharacters = RequireLowercase,
            RequireNumbers = RequireNumbers,
            RequireSymbols = RequireSymbols,
            AllowUsersToChangePassword = AllowChange,
            MaxPasswordAge = ExpireDays,
            PasswordReusePrevention = Remember,
            HardExpiry = HardExpiry,
        }), "Password policy updated", editOnFailure: true);
    }

    public Task<IActionResult> OnPostCreateAliasAsync() =>
        ChangeAsync("iam:CreateAccountAlias", c => Core.Accounts.CreateAliasAsync(c, NewAlias?.Trim() ?? string.Empty), "Account alias created");

    public async Task<IActionResult> OnPostDeleteAliasAsync()
    {
        var alias = (await Core.Accounts.GetAsync(Session!.AccountId)).Alias ?? string.Empty;
        return await ChangeAsync("iam:DeleteAccountAlias", c => Core.Accounts.DeleteAliasAsync(c, alias), "Account alias deleted");
    }

    private async Task<IActionResult> ChangeAsync(string action, Func<IamCaller, Task> change, string done, bool editOnFailure = false)
    {
        if (await DeniedAsync(action, "*") is { } denial)
        {
            await LoadAsync();
            return await RefusedAsync(denial);
        }

        try
        {
            await change(Session!.Caller);
            Done = done;
            Editing = false;
        }
        catch (IamException ex)
        {
            Failure = ex.Message;
            Editing = editOnFailure;
            Response.StatusCode = ex.HttpStatus;
        }

        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var caller = Session!.Caller;
        PolicyDenial = await DeniedAsync("iam:GetAccountPasswordPolicy", "*");
        if (PolicyDenial is null)
        {
            try
            {
                Policy = await Core.Accounts.GetPasswordPolicyAsync(caller);
            }
            catch (IamException ex) when (ex.Code == IamErrorCode.NoSuchEntity)
            {
                Policy = null;
            }
        }

        AliasDenial = await DeniedAsync("iam:ListAccountAliases", "*");
        Alias = AliasDenial is null ? (await Core.Accounts.GetAsync(caller.AccountId)).Alias : null;
    }
}
