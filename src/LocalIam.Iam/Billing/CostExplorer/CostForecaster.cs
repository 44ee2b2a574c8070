using LocalIam.Iam.Errors;
using LocalIam.Storage.Billing;

namespace LocalIam.Iam.Billing.CostExplorer;

/// <summary>A forecast request: a cost metric over [Start, End) by day or month, with a filter and a prediction interval level (51–99, 80 by default).</summary>
public sealed record CostForecastQuery(DateOnly Start, DateOnly End, CostGranularity Granularity, CostMetric Metric)
{
    public CostExpression? Filter { get; init; }

    public int PredictionIntervalLevel { get; init; } = 80;
}

/// <summary>One period's forecast: the mean and the prediction interval around it.</summary>
public sealed record CostForecastPeriod(DateOnly Start, DateOnly End, decimal Mean, decimal Lower, decimal Upper);

/// <summary>A forecast: its periods and their total (the sum of the means), in <see cref="Unit"/>.</summary>
public sealed record CostForecast(IReadOnlyList<CostForecastPeriod> Periods, decimal Total, string Unit);

/// <summary>
/// Forecasts costs from the days before today, as GetCostForecast, the Home page and budgets'
/// ForecastedSpend use it. The method (docs/billing.md, "Forecasts"):
/// <list type="number">
/// <item>The history is the last 90 days before today (at least 14 are needed). Each day's value is
/// the metric summed over the day's rows that pass the filter, leaving out tax, credits and refunds;
/// monthly fees (RIFee, Fee) are spread evenly over the days of their month.</item>
/// <item>An ordinary least-squares fit of that series to a linear trend plus a factor for each day of
/// the week gives each future day's mean; a period's mean is the sum of its days'.</item>
/// <item>The prediction interval of a period is its mean ± z·s, where z is the normal quantile of the
/// level (1.2816 at 80%, 1.96 at 95%) and s² = k·σ² + gᵀ(XᵀX)⁻¹g·σ²: the residual variance of each
/// of its k days plus the uncertainty of the fitted coefficients summed over the period (g).</item>
/// <item>Tax is added at the rate the last closed month paid on the same costs; credits and refunds
/// are not forecast. Means and bounds are never below zero.</item>
/// </list>
/// Pure: the dataset and today's date come in.
/// </summary>
public static class CostForecaster
{
    public const int HistoryDays = 90;

    public const int MinimumHistoryDays = 14;

    private const int Parameters = 8; // intercept, trend, six day-of-week factors

    /// <summary>Checks the request as GetCostForecast does, then forecasts it.</summary>
    public static CostForecast Forecast(CostDataset dataset, CostForecastQuery query, DateOnly today)
    {
        if (query.Start >= query.End)
        {
            throw IamErrors.ForecastStartNotBeforeEnd(query.Start, query.End);
        }

        if (query.Start < today)
        {
            throw IamErrors.ForecastStartInPast(query.Start, today);
        }

        var (limit, months) = query.Granularity == CostGranularity.Daily ? (today.AddMonths(3), 3) : (new DateOnly(today.Year, today.Month, 1).AddMonths(18), 18);
        if (query.End > limit)
        {
            throw IamErrors.ForecastTooLong(query.Granularity == CostGranularity.Daily ? "DAILY" : "MONTHLY", months);
        }

        return Project(dataset, query, today);
    }

    /// <summary>
    /// The forecasted spend of [<paramref name="start"/>, <paramref name="end"/>) once it is over: the
    /// actual costs up to and including today plus the forecast of the days after it (what a budget's
    /// ForecastedSpend and the Home page's month-end forecast are).
    /// </summary>
    public static decimal SpendAtEnd(CostDataset dataset, DateOnly start, DateOnly end, CostMetric metric, CostExpression? filter, DateOnly today)
    {
        var actualEnd = today.AddDays(1) < end ? today.AddDays(1) : end;
        var actual = dataset.Between(start, actualEnd).Where(r => filter?.Matches(r) != false).Sum(r => metric.Of(r));
        if (actualEnd >= end)
        {
            return actual;
        }

        var from = actualEnd > start ? actualEnd : start;
        return actual + Project(dataset, new CostForecastQuery(from, end, CostGranularity.Monthly, metric) { Filter = filter }, today).Total;
    }

    private static CostForecast Project(CostDataset dataset, CostForecastQuery query, DateOnly today)
    {
        var historyStart = today.AddDays(-HistoryDays);
        if (dataset.FirstDay is { } first && first > historyStart)
        {
            historyStart = first;
        }

        var days = today.DayNumber - historyStart.DayNumber;
        if (dataset.FirstDay is null || days < MinimumHistoryDays)
        {
            throw IamErrors.ForecastInsufficientHistory();
        }

        var series = History(dataset, historyStart, today, query.Metric, query.Filter);
        var fit = Fit(historyStart, series);
        var taxRate = 1 + (double)TaxRate(dataset, today, query.Metric, query.Filter);
        var z = NormalQuantile(0.5 + (Math.Clamp(query.PredictionIntervalLevel, 51, 99) / 200.0));
        var periods = new List<CostForecastPeriod>();
        foreach (var (start, end) in CostEngine.Periods(query.Start, query.End, query.Granularity))
        {
            var (mean, spread) = fit.Predict(historyStart, start, end);
            var clipped = Math.Max(mean, 0);
            periods.Add(new CostForecastPeriod(start, end, Money(clipped * taxRate), Money(Math.Max(mean - (z * spread), 0) * taxRate), Money(Math.Max(mean + (z * spread), 0) * taxRate)));
        }

        return new CostForecast(periods, periods.Sum(p => p.Mean), query.Metric.IsCost() ? "USD" : "N/A");
    }

    /// <summary>Each history day's value: daily charges, with monthly fees spread over their month.</summary>
    private static double[] History(CostDataset dataset, DateOnly start, DateOnly end, CostMetric metric, CostExpression? filter)
    {
        var series = new double[end.DayNumber - start.DayNumber];
        var monthStart = new DateOnly(start.Year, start.Month, 1);
        foreach (var row in dataset.Between(monthStart, end))
        {
            if (row.LineItemType is "Tax" or "Credit" or "Refund" || filter?.Matches(row) == false)
            {
                continue;
            }

            var amount = (double)metric.Of(row);
            if (row.LineItemType is "RIFee" or "Fee")
            {
                var daysInMonth = DateTime.DaysInMonth(row.UsageDate.Year, row.UsageDate.Month);
                var first = new DateOnly(row.UsageDate.Year, row.UsageDate.Month, 1);
                for (var day = 0; day < daysInMonth; day++)
                {
                    var index = first.AddDays(day).DayNumber - start.DayNumber;
                    if (index >= 0 && index < series.Length)
                    {
                        series[index] += amount / daysInMonth;
                    }
                }
            }
            else if (row.UsageDate >= start)
            {
                series[row.UsageDate.DayNumber - start.DayNumber] += amount;
            }
        }

        return series;
    }

    /// <summary>Tax over the other charges of the last closed month, for the same filter.</summary>
    private static decimal TaxRate(CostDataset dataset, DateOnly today, CostMetric metric, CostExpression? filter)
    {
        var monthEnd = new DateOnly(today.Year, today.Month, 1);
        var (tax, charges) = (0m, 0m);
        foreach (var row in dataset.Between(monthEnd.AddMonths(-1), monthEnd))
        {
            if (filter?.Matches(row) == false)
            {
                continue;
            }

            if (row.LineItemType == "Tax")
            {
                tax += metric.Of(row);
            }
            else if (row.LineItemType is not ("Credit" or "Refund"))
            {
                charges += metric.Of(row);
            }
        }

        return charges > 0 ? tax / charges : 0;
    }

    private static decimal Money(double value) => (decimal)Math.Round(value, 10);

    private static double[] Regressors(int t, DateOnly day)
    {
        var x = new double[Parameters];
        x[0] = 1;
        x[1] = t;
        var dow = (int)day.DayOfWeek;
        if (dow > 0)
        {
            x[1 + dow] = 1;
        }

        return x;
    }

    private static LinearFit Fit(DateOnly start, double[] series)
    {
        var xtx = new double[Parameters, Parameters];
        var xty = new double[Parameters];
        for (var t = 0; t < series.Length; t++)
        {
            var x = Regressors(t, start.AddDays(t));
            for (var i = 0; i < Parameters; i++)
            {
                xty[i] += x[i] * series[t];
                for (var j = 0; j < Parameters; j++)
                {
                    xtx[i, j] += x[i] * x[j];
                }
            }
        }

        var inverse = Invert(xtx);
        var beta = new double[Parameters];
        for (var i = 0; i < Parameters; i++)
        {
            for (var j = 0; j < Parameters; j++)
            {
                beta[i] += inverse[i, j] * xty[j];
            }
        }

        var residuals = 0.0;
        for (var t = 0; t < series.Length; t++)
        {
            var x = Regressors(t, start.AddDays(t));
            var predicted = x.Select((v, i) => v * beta[i]).Sum();
            residuals += (series[t] - predicted) * (series[t] - predicted);
        }

        var variance = series.Length > Parameters ? residuals / (series.Length - Parameters) : 0;
        return new LinearFit(beta, inverse, variance);
    }

    /// <summary>Gauss–Jordan with partial pivoting; a singular column (a weekday missing from a short history) gets a zero row, so its factor is zero.</summary>
    private static double[,] Invert(double[,] matrix)
    {
        var n = matrix.GetLength(0);
        var a = (double[,])matrix.Clone();
        var inverse = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            inverse[i, i] = 1;
        }

        var singular = new bool[n];
        for (var column = 0; column < n; column++)
        {
            var pivot = column;
            for (var row = column + 1; row < n; row++)
            {
                if (Math.Abs(a[row, column]) > Math.Abs(a[pivot, column]))
                {
                    pivot = row;
                }
            }

            if (Math.Abs(a[pivot, column]) < 1e-12)
            {
                singular[column] = true;
                continue;
            }

            Swap(a, column, pivot);
            Swap(inverse, column, pivot);
            var scale = a[column, column];
            for (var j = 0; j < n; j++)
            {
                a[column, j] /= scale;
                inverse[column, j] /= scale;
            }

            for (var row = 0; row < n; row++)
            {
                if (row != column && a[row, column] != 0)
                {
                    var factor = a[row, column];
                    for (var j = 0; j < n; j++)
                    {
                        a[row, j] -= factor * a[column, j];
                        inverse[row, j] -= factor * inverse[column, j];
                    }
                }
            }
        }

        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n && singular[i]; j++)
            {
                inverse[i, j] = inverse[j, i] = 0;
            }
        }

        return inverse;
    }

    private static void Swap(double[,] m, int r1, int r2)
    {
        for (var j = 0; r1 != r2 && j < m.GetLength(1); j++)
        {
            (m[r1, j], m[r2, j]) = (m[r2, j], m[r1, j]);
        }
    }

    /// <summary>The standard normal quantile (Acklam's rational approximation, relative error under 1.2e-9).</summary>
    internal static double NormalQuantile(double p)
    {
        double[] a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
        double[] b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
        double[] c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
        double[] d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
        const double low = 0.02425;
        if (p < low)
        {
            var q = Math.Sqrt(-2 * Math.Log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }

        if (p > 1 - low)
        {
            return -NormalQuantile(1 - p);
        }

        var r = p - 0.5;
        var s = r * r;
        return (((((a[0] * s + a[1]) * s + a[2]) * s + a[3]) * s + a[4]) * s + a[5]) * r / (((((b[0] * s + b[1]) * s + b[2]) * s + b[3]) * s + b[4]) * s + 1);
    }

    private sealed record LinearFit(double[] Beta, double[,] Inverse, double Variance)
    {
        /// <summary>The mean of the days of [start, end) and the standard deviation of their sum.</summary>
        public (double Mean, double Spread) Predict(DateOnly historyStart, DateOnly start, DateOnly end)
        {
            var g = new double[Parameters];
            var days = 0;
            for (var day = start; day < end; day = day.AddDays(1), days++)
            {
                var x = Regressors(day.DayNumber - historyStart.DayNumber, day);
                for (var i = 0; i < Parameters; i++)
                {
                    g[i] += x[i];
                }
            }

            var mean = g.Select((v, i) => v * Beta[i]).Sum();
            var coefficients = 0.0;
            for (var i = 0; i < Parameters; i++)
            {
                for (var j = 0; j < Parameters; j++)
                {
                    coefficients += g[i] * Inverse[i, j] * g[j];
                }
            }

            return (mean, Math.Sqrt(Math.Max(0, (days + coefficients) * Variance)));
        }
    }
}
