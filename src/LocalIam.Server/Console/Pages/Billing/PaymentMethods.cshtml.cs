using System.ComponentModel.DataAnnotations;
using LocalIam.Iam;
using LocalIam.Iam.Billing;
using LocalIam.Iam.Errors;
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

    public Task<IActionResult> OnPostAddAsync() =>
        ChangeAsync(BillingPermissions.AddPaymentMethod, () => Billing.AddCardAsync(AccountId, new NewCard(CardNumber, NameOnCard, ExpirationMonth, ExpirationYear)), "added");

    public Task<IActionResult> OnPostRemoveAsync() =>
        ChangeAsync(BillingPermissions.RemovePaymentMethod, () => Billing.RemovePaymentMethodAsync(AccountId, MethodId), "removed");

    public Task<IActionResult> OnPostDefaultAsync() =>
        ChangeAsync(BillingPermissions.MakeDefaultPaymentMethod, () => Billing.MakeDefaultAsync(AccountId, MethodId), "default");

    private async Task<IActionResult> ChangeAsync(BillingActions permission, Func<Task> change, string done)
    {
        if (await PageRefusedAsync(BillingPermissions.ViewPaymentMethodsPage) is { } refused)
        {
            return refused;
        }

        if (await ChangeRefusedAsync(permission, LoadAsync) is { } denied)
        {
            return denied;
        }

        try
        {
            await change();
        }
        catch (IamException ex)
        {
            await LoadAsync();
            return Failed(ex);
        }

        return Redirect($"/console/billing/payment-methods?done={done}");
    }

    private async Task<IActionResult> LoadAsync()
    {
        Methods = await Billing.PaymentMethodsAsync(AccountId);
        return Page();
    }
}
