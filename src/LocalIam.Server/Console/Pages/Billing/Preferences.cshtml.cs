using LocalIam.Iam;
using LocalIam.Iam.Billing;
using LocalIam.Server.Console.Billing;
using LocalIam.Storage.Billing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace LocalIam.Server.Console.Pages.Billing;

/// <summary>
/// /console/billing/preferences, AWS's "Billing preferences": invoice delivery and alert preferences
/// (viewed with billing:GetBillingPreferences, saved with billing:UpdateBillingPreferences — AWS's
/// tutorial example of a read-only user refused), and which billing action set the account enforces,
/// the root user's choice.
/// </summary>
[Authorize]
public sealed class PreferencesModel(IamCore core, ConsoleAuthorizer authorizer, BillingAccountService billing)
    : BillingPageModel(core, authorizer, billing)
{
    [BindProperty]
    public bool PdfInvoiceByEmail { get; set; }

    [BindProperty]
    public bool FreeTierAlerts { get; set; }

    [BindProperty]
    public bool CloudWatchBillingAlerts { get; set; }

    [BindProperty]
    public string? AlertEmail { get; set; }

    [BindProperty]
    public bool UseLegacyActions { get; set; }

    [BindProperty(SupportsGet = true, Name = "updated")]
    public bool Updated { get; set; }

    public BillingAccount? Account { get; private set; }

    /// <summary>Null when the principal may change the action set (root alone: a root-only action).</summary>
    public Denial? ActionSetDenial { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        await PageRefusedAsync(BillingPermissions.ViewPreferences) ?? await LoadAsync();

    public Task<IActionResult> OnPostAsync() => ChangeAsync(BillingPermissions.ViewPreferences, BillingPermissions.UpdatePreferences,
        () => Billing.UpdatePreferencesAsync(AccountId, new BillingPreferences(PdfInvoiceByEmail, FreeTierAlerts, CloudWatchBillingAlerts, AlertEmail)), LoadAsync, UpdatedPage);

    public Task<IActionResult> OnPostActionSetAsync() => ChangeAsync(BillingPermissions.ViewPreferences, BillingPermissions.ChangeActionSet,
        () => Billing.SetLegacyActionsAsync(AccountId, UseLegacyActions), LoadAsync, UpdatedPage);

    private const string UpdatedPage = "/console/billing/preferences?updated=true";


    private async Task<IActionResult> LoadAsync()
    {
        Account = await Billing.AccountAsync(AccountId);
        ActionSetDenial = await BillingDeniedAsync(BillingPermissions.ChangeActionSet);
        return Page();
    }
}
