using System.ComponentModel.DataAnnotations;
using LocalIam.Iam;
using LocalIam.Iam.Billing;
using LocalIam.Server.Console.Billing;
using LocalIam.Storage.Billing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace LocalIam.Server.Console.Pages.Billing;

/// <summary>/console/billing/payments, AWS's "Payments": payments due and the transactions of paid invoices; "Make payment" pays one.</summary>
[Authorize]
public sealed class PaymentsModel(IamCore core, ConsoleAuthorizer authorizer, BillingAccountService billing)
    : BillingPageModel(core, authorizer, billing)
{
    [BindProperty]
    [DisplayFormat(ConvertEmptyStringToNull = false)]
    public string InvoiceId { get; set; } = string.Empty;

    [BindProperty(SupportsGet = true, Name = "paid")]
    public string? Paid { get; set; }

    public IReadOnlyList<Invoice> Invoices { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() =>
        await PageRefusedAsync(BillingPermissions.ViewPayments) ?? await LoadAsync();

    public Task<IActionResult> OnPostPayAsync() => ChangeAsync(BillingPermissions.ViewPayments, BillingPermissions.MakePayment,
        () => Billing.MakePaymentAsync(AccountId, InvoiceId), LoadAsync, $"/console/billing/payments?paid={Uri.EscapeDataString(InvoiceId)}");

    private async Task<IActionResult> LoadAsync()
    {
        Invoices = await Billing.InvoicesAsync(AccountId);
        return Page();
    }
}
