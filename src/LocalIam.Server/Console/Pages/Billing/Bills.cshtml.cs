using System.Globalization;
using LocalIam.Iam;
using LocalIam.Iam.Billing;
using LocalIam.Server.Console.Billing;
using LocalIam.Storage.Billing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace LocalIam.Server.Console.Pages.Billing;

/// <summary>
/// /console/billing/bills?month=YYYY-MM, AWS's "Bills": one month's charges by service and region,
/// expandable to usage type; credits, refunds and taxes; the total and the month's invoice.
/// </summary>
[Authorize]
public sealed class BillsModel(IamCore core, ConsoleAuthorizer authorizer, BillingAccountService billing, BillingData data)
    : BillingPageModel(core, authorizer, billing)
{
    [BindProperty(SupportsGet = true, Name = "month")]
    public string? Month { get; set; }

    public MonthlyBill? Bill { get; private set; }

    public Invoice? Invoice { get; private set; }

    /// <summary>The months there is a bill for, newest first.</summary>
    public IReadOnlyList<DateOnly> Months { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (await PageRefusedAsync(BillingPermissions.ViewBills) is { } refused)
        {
            return refused;
        }

        var today = data.Today;
        var costs = await data.CostsAsync(AccountId, HttpContext.RequestAborted);
        var first = costs.FirstDay ?? today;
        var current = new DateOnly(today.Year, today.Month, 1);
        Months = [.. Enumerable.Range(0, 240).Select(i => current.AddMonths(-i)).TakeWhile(m => m.AddMonths(1) > first)];
        var month = current;
        if (Month is { Length: > 0 } asked)
        {
            if (!DateOnly.TryParseExact(asked + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out month) || month > current)
            {
                Response.StatusCode = 400;
                Failure = ConsoleTexts.BillMonthInvalid(asked);
                return Page();
            }
        }

        Month = month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        Bill = MonthlyBill.For(costs, month, today);
        Invoice = (await Billing.InvoicesAsync(AccountId)).FirstOrDefault(i => i.BillingPeriod == Month);
        return Page();
    }
}
