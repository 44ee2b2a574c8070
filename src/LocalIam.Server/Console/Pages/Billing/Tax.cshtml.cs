using System.ComponentModel.DataAnnotations;
using LocalIam.Iam;
using LocalIam.Iam.Billing;
using LocalIam.Server.Console.Billing;
using LocalIam.Storage.Billing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace LocalIam.Server.Console.Pages.Billing;

/// <summary>/console/billing/tax, AWS's "Tax settings": the account's tax registrations, "Add tax registration", "Delete".</summary>
[Authorize]
public sealed class TaxModel(IamCore core, ConsoleAuthorizer authorizer, BillingAccountService billing)
    : BillingPageModel(core, authorizer, billing)
{
    [BindProperty]
    [DisplayFormat(ConvertEmptyStringToNull = false)]
    public string Country { get; set; } = string.Empty;

    [BindProperty]
    [DisplayFormat(ConvertEmptyStringToNull = false)]
    public string RegistrationNumber { get; set; } = string.Empty;

    [BindProperty]
    [DisplayFormat(ConvertEmptyStringToNull = false)]
    public string LegalName { get; set; } = string.Empty;

    [BindProperty]
    [DisplayFormat(ConvertEmptyStringToNull = false)]
    public string Address { get; set; } = string.Empty;

    [BindProperty]
    [DisplayFormat(ConvertEmptyStringToNull = false)]
    public string RegistrationId { get; set; } = string.Empty;

    [BindProperty(SupportsGet = true, Name = "done")]
    public string? Done { get; set; }

    public IReadOnlyList<TaxRegistration> Registrations { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() =>
        await PageRefusedAsync(BillingPermissions.ViewTax) ?? await LoadAsync();

    public Task<IActionResult> OnPostAddAsync() => ChangeAsync(BillingPermissions.ViewTax, BillingPermissions.ChangeTax,
        () => Billing.AddTaxRegistrationAsync(AccountId, new NewTaxRegistration(Country, RegistrationNumber, LegalName, Address)), LoadAsync, "/console/billing/tax?done=added");

    public Task<IActionResult> OnPostDeleteAsync() => ChangeAsync(BillingPermissions.ViewTax, BillingPermissions.DeleteTax,
        () => Billing.DeleteTaxRegistrationAsync(AccountId, RegistrationId), LoadAsync, "/console/billing/tax?done=deleted");


    private async Task<IActionResult> LoadAsync()
    {
        Registrations = await Billing.TaxRegistrationsAsync(AccountId);
        return Page();
    }
}
