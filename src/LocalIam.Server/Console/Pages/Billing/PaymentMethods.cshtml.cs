using System.ComponentModel.DataAnnotations;
using LocalIam.Iam;
using LocalIam.Iam.Billing;
using LocalIam.Server.Console.Billing;
using LocalIam.Storage.Billing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace LocalIam.Server.Console.Pages.Billing;

/// <summary>
/// /console/billing/payment-methods, AWS's "Payment preferences": the payment methods, "Add payment
/// method" (a card; only its last four digits are kept), "Remove", "Make default".
/// </summary>
[Authorize]
public sealed class PaymentMethodsModel(IamCore core, ConsoleAuthorizer authorizer, BillingAccountService billing)
    : BillingPageModel(core, authorizer, billing)
{
    [BindProperty]
    [DisplayFormat(ConvertEmptyStringToNull = false)]
    public string MethodId { get; set; } = string.Empty;

    [BindProperty]
    [DisplayFormat(ConvertEmptyStringToNull = false)]
    public string CardNumber { get; set; } = string.Empty;

    [BindProperty]
    [DisplayFormat(ConvertEmptyStringToNull = false)]
    public string NameOnCard { get; set; } = string.Empty;

    [BindProperty]
    public int ExpirationMonth { get; set; }

    [BindProperty]
    public int ExpirationYear { get; set; }

    [BindProperty(SupportsGet = true, Name = "done")]
    public string? Done { get; set; }

    public IReadOnlyList<PaymentMethod> Methods { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() =>
        await PageRefusedAsync(BillingPermissions.ViewPaymentMethodsPage) ?? await LoadAsync();

    public Task<IActionResult> OnPostAddAsync() => Change(BillingPermissions.AddPaymentMethod,
        () => Billing.AddCardAsync(AccountId, new NewCard(CardNumber, NameOnCard, ExpirationMonth, ExpirationYear)), "added");

    public Task<IActionResult> OnPostRemoveAsync() => Change(BillingPermissions.RemovePaymentMethod, () => Billing.RemovePaymentMethodAsync(AccountId, MethodId), "removed");

    public Task<IActionResult> OnPostDefaultAsync() => Change(BillingPermissions.MakeDefaultPaymentMethod, () => Billing.MakeDefaultAsync(AccountId, MethodId), "default");

    private Task<IActionResult> Change(BillingActions change, Func<Task> work, string done) =>
        ChangeAsync(BillingPermissions.ViewPaymentMethodsPage, change, work, LoadAsync, $"/console/billing/payment-methods?done={done}");


    private async Task<IActionResult> LoadAsync()
    {
        Methods = await Billing.PaymentMethodsAsync(AccountId);
        return Page();
    }
}
