using System.Globalization;
using LocalIam.Iam;
using LocalIam.Iam.Billing;
using LocalIam.Iam.Billing.CostExplorer;
using LocalIam.Server.Console.Billing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace LocalIam.Server.Console.Pages.Billing;

/// <summary>
/// /console/billing, AWS's "Billing and Cost Management home": month-to-date cost, last month's,
/// the month-end forecast (ce:GetCostForecast, which job-function/Billing does not grant: its
/// panel shows its own refusal) and the last twelve months by service.
/// </summary>
[Authorize]
public sealed class HomeModel(IamCore core, ConsoleAuthorizer authorizer, BillingAccountService billing, BillingData data, CostExplorerService explorer)
    : BillingPageModel(core, authorizer, billing)
{
    public MonthlyBill? ThisMonth { get; private set; }

    public MonthlyBill? LastMonth { get; private set; }

    public decimal? Forecast { get; private set; }

    public Denial? ForecastDenial { get; private set; }

    public CostChart? Chart { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await PageRefusedAsync(BillingPermissions.ViewHome) is { } refused)
        {
            return refused;
        }

        var costs = await data.CostsAsync(AccountId, HttpContext.RequestAborted);
        var today = data.Today;
        var month = new DateOnly(today.Year, today.Month, 1);
        ThisMonth = MonthlyBill.For(costs, month, today);
        LastMonth = MonthlyBill.For(costs, month.AddMonths(-1), today);
        ForecastDenial = await BillingDeniedAsync(BillingPermissions.ViewForecast);
        if (ForecastDenial is null)
        {
            Forecast = Math.Round(await explorer.MonthEndForecastAsync(AccountId, cancellationToken: HttpContext.RequestAborted), 2);
        }

        var months = Enumerable.Range(0, 12).Select(i => month.AddMonths(i - 11)).ToList();
        Chart = CostChart.Of([.. months.Select(m => (
            m.ToString("MMM yy", CultureInfo.InvariantCulture),
            (IReadOnlyDictionary<string, decimal>)MonthlyBill.For(costs, m, today).Services.ToDictionary(s => s.Service, s => s.Total, StringComparer.Ordinal)))]);
        return Page();
    }
}
