using System.ComponentModel.DataAnnotations;
using System.Globalization;
using LocalIam.Iam;
using LocalIam.Iam.Billing;
using LocalIam.Iam.Billing.Budgets;
using LocalIam.Iam.Errors;
using LocalIam.Server.Console.Billing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace LocalIam.Server.Console.Pages.Billing;

/// <summary>
/// /console/billing/budgets, AWS's "Budgets": each budget's amount, spend so far and forecast;
/// "Create budget" (a cost budget: name, period, amount, alert thresholds on actual spend with email
/// recipients) and "Delete". Budgets' own rules and texts are <see cref="BudgetService"/>'s.
/// </summary>
[Authorize]
public sealed class BudgetsModel(IamCore core, ConsoleAuthorizer authorizer, BillingAccountService billing, BudgetService budgets)
    : BillingPageModel(core, authorizer, billing)
{
    public static readonly (string Value, string Label)[] Periods = [("MONTHLY", "Monthly"), ("QUARTERLY", "Quarterly"), ("ANNUALLY", "Annually")];

    [BindProperty]
    [DisplayFormat(ConvertEmptyStringToNull = false)]
    public string BudgetName { get; set; } = string.Empty;

    [BindProperty]
    [DisplayFormat(ConvertEmptyStringToNull = false)]
    public string Period { get; set; } = "MONTHLY";

    [BindProperty]
    public decimal Amount { get; set; }

    /// <summary>Alert thresholds in percent of the budgeted amount, separated by commas.</summary>
    [BindProperty]
    [DisplayFormat(ConvertEmptyStringToNull = false)]
    public string Thresholds { get; set; } = "80";

    /// <summary>Email recipients of the alerts, separated by commas.</summary>
    [BindProperty]
    [DisplayFormat(ConvertEmptyStringToNull = false)]
    public string Recipients { get; set; } = string.Empty;

    [BindProperty(SupportsGet = true, Name = "done")]
    public string? Done { get; set; }

    public IReadOnlyList<BudgetView> Budgets { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() =>
        await PageRefusedAsync(BillingPermissions.ViewBudgets) ?? await LoadAsync();

    public Task<IActionResult> OnPostCreateAsync() => ChangeAsync(async () =>
    {
        var thresholds = Split(Thresholds).Select(t => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw IamErrors.BudgetThresholdInvalid(t)).ToList();
        var recipients = Split(Recipients).Select(r => new BudgetSubscriberSpec("EMAIL", r)).ToList();
        if (thresholds.Count > 0 && recipients.Count == 0)
        {
            throw IamErrors.BudgetAlertNeedsRecipient();
        }

        // The API's model checks these before Budgets does; the page calls Budgets directly, so it checks them here.
        var name = BudgetName.Trim();
        if (name.Length is 0 or > 100 || name.Any(c => c is ':' or '\\' || char.IsControl(c)))
        {
            throw IamErrors.BudgetNameInvalid(name);
        }

        if (!Periods.Any(p => p.Value == Period))
        {
            throw IamErrors.BudgetPeriodInvalid(Period);
        }

        if (Amount <= 0)
        {
            throw IamErrors.BudgetAmountInvalid();
        }

        var definition = new BudgetDefinition(name, "COST", new BudgetSpend(Amount, "USD"), Period);
        await budgets.CreateAsync(AccountId, definition,
            [.. thresholds.Select(t => (new BudgetNotificationSpec("ACTUAL", "GREATER_THAN", t), (IReadOnlyList<BudgetSubscriberSpec>)recipients))],
            HttpContext.RequestAborted);
    }, "created");

    public Task<IActionResult> OnPostDeleteAsync() =>
        ChangeAsync(() => budgets.DeleteAsync(AccountId, BudgetName, HttpContext.RequestAborted), "deleted");

    private Task<IActionResult> ChangeAsync(Func<Task> change, string done) =>
        ChangeAsync(BillingPermissions.ViewBudgets, BillingPermissions.ModifyBudgets, change, LoadAsync, $"/console/billing/budgets?done={done}");

    private async Task<IActionResult> LoadAsync()
    {
        Budgets = (await budgets.ListAsync(AccountId, maxResults: 1000, cancellationToken: HttpContext.RequestAborted)).Items;
        return Page();
    }

    private static List<string> Split(string list) =>
        [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
