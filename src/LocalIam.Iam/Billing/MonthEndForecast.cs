namespace LocalIam.Iam.Billing;

/// <summary>
/// The Home page's "Total forecasted cost for current month": the month's cost so far plus, for each
/// day left, the mean daily charge of the last 14 days (tax is added at the rate of last month).
/// </summary>
public static class MonthEndForecast
{
    public static decimal Of(CostDataset costs, DateOnly today)
    {
        var month = new DateOnly(today.Year, today.Month, 1);
        var soFar = costs.Between(month, today.AddDays(1)).Sum(r => r.UnblendedCost);
        var window = costs.Between(today.AddDays(-14), today).Where(r => MonthlyBill.IsCharge(r.LineItemType) && r.UsageDate.Day != 1).ToList();
        var days = window.Select(r => r.UsageDate).Distinct().Count();
        var daily = days == 0 ? 0 : window.Sum(r => r.UnblendedCost) / days;
        var left = DateTime.DaysInMonth(today.Year, today.Month) - today.Day;
        var last = MonthlyBill.For(costs, month.AddMonths(-1), today);
        var taxRate = last.Charges == 0 ? 0 : last.Tax / last.Charges;
        var charges = costs.Between(month, today.AddDays(1)).Where(r => MonthlyBill.IsCharge(r.LineItemType)).Sum(r => r.UnblendedCost) + (daily * left);
        return Math.Round(soFar + (daily * left) + (charges * taxRate), 2);
    }
}
