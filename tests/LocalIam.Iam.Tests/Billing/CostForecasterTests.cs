using LocalIam.Iam.Billing;
using LocalIam.Iam.Billing.CostExplorer;
using LocalIam.Iam.Errors;
using LocalIam.Storage.Billing;

namespace LocalIam.Iam.Tests.Billing;

/// <summary>The forecaster: means inside their intervals, wider at higher levels, close to what a steady series will cost, and AWS's refusals.</summary>
public sealed class CostForecasterTests
{
    private static readonly DateOnly Today = GeneratedCosts.Today;

    [Fact]
    public void Forecast_RestOfMonth_MeansInsideIntervalsAndTotalIsTheirSum()
    {
        var forecast = CostForecaster.Forecast(GeneratedCosts.Dataset, new CostForecastQuery(Today, new DateOnly(2026, 12, 1), CostGranularity.Daily, CostMetric.UnblendedCost), Today);

        Assert.Equal(14, forecast.Periods.Count);
        Assert.All(forecast.Periods, p => Assert.True(p.Lower <= p.Mean && p.Mean <= p.Upper && p.Mean > 0, $"{p.Start}: {p.Lower} {p.Mean} {p.Upper}"));
        Assert.Equal(forecast.Periods.Sum(p => p.Mean), forecast.Total);
        Assert.Equal("USD", forecast.Unit);
    }

    [Fact]
    public void Forecast_NextMonth_NearLastMonthWithTax()
    {
        var dataset = GeneratedCosts.Dataset;
        var october = dataset.Between(new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 1)).Where(r => r.LineItemType is not ("Credit" or "Refund")).Sum(r => r.UnblendedCost);

        var forecast = CostForecaster.Forecast(dataset, new CostForecastQuery(new DateOnly(2026, 12, 1), new DateOnly(2027, 1, 1), CostGranularity.Monthly, CostMetric.UnblendedCost), Today);

        // A business growing about 3% a month: December within a fifth of October.
        var december = Assert.Single(forecast.Periods).Mean;
        Assert.InRange(december, october * 0.8m, october * 1.25m);
    }

    [Fact]
    public void Forecast_HigherLevel_WiderInterval()
    {
        var query = new CostForecastQuery(Today, new DateOnly(2026, 12, 1), CostGranularity.Monthly, CostMetric.UnblendedCost);

        var at80 = Assert.Single(CostForecaster.Forecast(GeneratedCosts.Dataset, query, Today).Periods);
        var at95 = Assert.Single(CostForecaster.Forecast(GeneratedCosts.Dataset, query with { PredictionIntervalLevel = 95 }, Today).Periods);

        Assert.Equal(at80.Mean, at95.Mean);
        Assert.True(at95.Upper - at95.Lower > at80.Upper - at80.Lower);
        var ratio = (double)((at95.Upper - at95.Lower) / (at80.Upper - at80.Lower));
        Assert.InRange(ratio, 1.52, 1.54); // 1.95996 / 1.28155
    }

    [Fact]
    public void Forecast_SteadySeries_ForecastsTheSameEveryDay()
    {
        var start = new DateOnly(2026, 6, 1);
        var rows = Enumerable.Range(0, 60).Select(i => Row(start.AddDays(i), 10m)).ToList();
        var dataset = new CostDataset("123456789012", 1, rows);
        var today = start.AddDays(60);

        var forecast = CostForecaster.Forecast(dataset, new CostForecastQuery(today, today.AddDays(7), CostGranularity.Daily, CostMetric.UnblendedCost), today);

        Assert.All(forecast.Periods, p => Assert.Equal(10m, Math.Round(p.Mean, 6)));
        Assert.Equal(70m, Math.Round(forecast.Total, 6));
    }

    [Fact]
    public void Forecast_TooLittleHistory_DataUnavailable()
    {
        var start = new DateOnly(2026, 6, 1);
        var dataset = new CostDataset("123456789012", 1, [.. Enumerable.Range(0, 5).Select(i => Row(start.AddDays(i), 3m))]);

        var error = Assert.Throws<IamException>(() => CostForecaster.Forecast(dataset, new CostForecastQuery(start.AddDays(5), start.AddDays(9), CostGranularity.Daily, CostMetric.UnblendedCost), start.AddDays(5)));

        Assert.Equal((IamErrorCode.DataUnavailableException, "Insufficient amount of historical data to generate forecast."), (error.Code, error.Message));
    }

    [Fact]
    public void Forecast_StartAfterEnd_AwsText()
    {
        var error = Assert.Throws<IamException>(() =>
            CostForecaster.Forecast(GeneratedCosts.Dataset, new CostForecastQuery(new DateOnly(2026, 12, 1), new DateOnly(2026, 11, 30), CostGranularity.Daily, CostMetric.UnblendedCost), Today));

        Assert.Equal("Requested Start: 2026-12-01 must be before requested End: 2026-11-30", error.Message);
    }

    [Fact]
    public void SpendAtEnd_ThisMonth_ActualSoFarPlusTheRest()
    {
        var monthStart = new DateOnly(2026, 11, 1);
        var actual = GeneratedCosts.Dataset.Between(monthStart, Today.AddDays(1)).Sum(r => r.UnblendedCost);
        var rest = CostForecaster.Forecast(GeneratedCosts.Dataset, new CostForecastQuery(Today.AddDays(1), new DateOnly(2026, 12, 1), CostGranularity.Monthly, CostMetric.UnblendedCost), Today).Total;

        var atEnd = CostForecaster.SpendAtEnd(GeneratedCosts.Dataset, monthStart, new DateOnly(2026, 12, 1), CostMetric.UnblendedCost, null, Today);

        Assert.Equal(actual + rest, atEnd);
    }

    [Theory]
    [InlineData(0.9, 1.2815515655)]
    [InlineData(0.975, 1.9599639845)]
    [InlineData(0.5, 0)]
    public void NormalQuantile_KnownValues(double p, double z) => Assert.InRange(CostForecaster.NormalQuantile(p), z - 1e-8, z + 1e-8);

    private static CostRow Row(DateOnly day, decimal cost) => new()
    {
        AccountId = "123456789012",
        UsageDate = day,
        LinkedAccountId = "123456789012",
        ServiceCode = "AmazonS3",
        ServiceName = "Amazon Simple Storage Service",
        Region = "us-east-1",
        UsageType = "TimedStorage-ByteHrs",
        Operation = "StandardStorage",
        LineItemType = "Usage",
        ResourceId = string.Empty,
        Tags = string.Empty,
        UsageAmount = 1,
        UsageUnit = "GB-Mo",
        UnblendedCost = cost,
        BlendedCost = cost,
        AmortizedCost = cost,
        NetUnblendedCost = cost,
        NetAmortizedCost = cost,
    };
}
