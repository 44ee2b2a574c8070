namespace LocalIam.Iam.Billing.CostExplorer;

/// <summary>
/// Cost Explorer on an account's billing data: reads the account's <see cref="CostDataset"/>
/// (generated on first use, cached per billing revision) and runs <see cref="CostEngine"/> and
/// <see cref="CostForecaster"/> on it with today's date. What the API rows and the console pages
/// call; callers authorize first (ce:GetCostAndUsage …).
/// </summary>
public sealed class CostExplorerService(BillingData billing)
{
    public DateOnly Today => billing.Today;

    public async Task<CostResult> GetCostAndUsageAsync(string accountId, CostQuery query, CancellationToken cancellationToken = default) =>
        CostEngine.Run(await billing.CostsAsync(accountId, cancellationToken), query, Today);

    public async Task<IReadOnlyList<string>> GetDimensionValuesAsync(
        string accountId, DateOnly start, DateOnly end, CostDimension dimension, CostExpression? filter = null, string? search = null, CancellationToken cancellationToken = default) =>
        CostEngine.DimensionValues(await billing.CostsAsync(accountId, cancellationToken), start, end, dimension, filter, search);

    public async Task<IReadOnlyList<string>> GetTagsAsync(
        string accountId, DateOnly start, DateOnly end, string? tagKey = null, CostExpression? filter = null, string? search = null, CancellationToken cancellationToken = default) =>
        CostEngine.Tags(await billing.CostsAsync(accountId, cancellationToken), start, end, tagKey, filter, search);

    public async Task<CostForecast> GetCostForecastAsync(string accountId, CostForecastQuery query, CancellationToken cancellationToken = default) =>
        CostForecaster.Forecast(await billing.CostsAsync(accountId, cancellationToken), query, Today);

    /// <summary>This month's forecasted total (actual so far plus the forecast of the days left), for the Home page.</summary>
    public async Task<decimal> MonthEndForecastAsync(string accountId, CostMetric metric = CostMetric.UnblendedCost, CancellationToken cancellationToken = default)
    {
        var today = Today;
        var start = new DateOnly(today.Year, today.Month, 1);
        return CostForecaster.SpendAtEnd(await billing.CostsAsync(accountId, cancellationToken), start, start.AddMonths(1), metric, null, today);
    }
}
