using LocalIam.Iam;
using LocalIam.Iam.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace LocalIam.Server.Console.Pages;

/// <summary>
/// /console/account: account ID and alias (account:GetAccountInformation, as AWS's Account page
/// requires), and "IAM user and role access to Billing information": its state is read with
/// billing:GetIAMAccessPreference and changed with billing:UpdateIAMAccessPreference, the actions the
/// API's rows use. The core decides both, its root-only rule included; the page only shows it.
/// </summary>
[Authorize]
public sealed class AccountModel(IamCore core, ConsoleAuthorizer authorizer) : ConsolePageModel(core, authorizer)
{
    public const string ViewAction = "account:GetAccountInformation";
    public const string ReadBillingAction = "billing:GetIAMAccessPreference";
    public const string UpdateBillingAction = "billing:UpdateIAMAccessPreference";

    /// <summary>The billing setting's actions have no resource type: AWS authorizes them on <c>*</c>.</summary>
    private const string BillingResource = "*";

    [BindProperty(SupportsGet = true, Name = "edit")]
    public bool Editing { get; set; }

    [BindProperty(SupportsGet = true, Name = "updated")]
    public bool Updated { get; set; }

    [BindProperty]
    public bool ActivateIamAccess { get; set; }

    public string AccountId { get; private set; } = string.Empty;

    public string? Alias { get; private set; }

    /// <summary>Null when the principal may not read the setting (<see cref="BillingDenial"/> says why).</summary>
    public bool? BillingAccessEnabled { get; private set; }

    public Denial? BillingDenial { get; private set; }

    /// <summary>Null when the principal may change the setting.</summary>
    public Denial? ChangeDenial { get; private set; }

    public string? Failure { get; private set; }

    /// <summary>The page itself was refused: nothing of the account is shown.</summary>
    public Denial? PageDenial { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync() is { } denial)
        {
            PageDenial = denial;
            return Refused(denial);
        }

        Editing &= ChangeDenial is null;
        return Page();
    }

    public async Task<IActionResult> OnPostBillingAsync()
    {
        var session = Session!;
        if (await Authorizer.FirstDenialAsync(session, HttpContext, new AuthorizationCheck(UpdateBillingAction, BillingResource)) is { } denial)
        {
            PageDenial = await LoadAsync();
            return Refused(denial);
        }

        try
        {
            await Core.Accounts.SetBillingAccessAsync(session.Caller, ActivateIamAccess);
        }
        catch (IamException ex)
        {
            PageDenial = await LoadAsync();
            Failure = ex.Message;
            Response.StatusCode = ex.HttpStatus;
            return Page();
        }

        return Redirect("/console/account?updated=true");
    }

    /// <summary>Reads what the principal may see; the denial of the page itself, if any.</summary>
    private async Task<Denial?> LoadAsync()
    {
        var session = Session!;
        AccountId = session.AccountId;
        if (await Authorizer.FirstDenialAsync(session, HttpContext, new AuthorizationCheck(ViewAction, $"arn:aws:account::{session.AccountId}:account")) is { } denial)
        {
            return denial;
        }

        var account = await Core.Accounts.GetAsync(session.AccountId);
        Alias = account.Alias;
        BillingDenial = await Authorizer.FirstDenialAsync(session, HttpContext, new AuthorizationCheck(ReadBillingAction, BillingResource));
        BillingAccessEnabled = BillingDenial is null ? account.BillingAccessEnabled : null;
        ChangeDenial = await Authorizer.FirstDenialAsync(session, HttpContext, new AuthorizationCheck(UpdateBillingAction, BillingResource));
        return null;
    }
}
