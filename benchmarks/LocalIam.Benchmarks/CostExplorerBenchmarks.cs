using BenchmarkDotNet.Attributes;
using LocalIam.Iam.Billing;
using LocalIam.Iam.Billing.CostExplorer;
using LocalIam.Storage;
using LocalIam.Storage.Billing;

namespace LocalIam.Benchmarks;

/// <summary>
/// Cost Explorer's engine on a generated account's thirteen months of daily cost rows (read once
/// through BillingData from a SQLite billing store in a temporary folder): the target is
/// GetCostAndUsage over 13 months of daily data grouped by service under 50 ms on a warm server.
/// </summary>
[MemoryDiagnoser]
public class CostExplorerBenchmarks
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "localiam-bench-ce-" + Guid.NewGuid().ToString("N"));
    private CostDataset _dataset = null!;
    private DateOnly _today;
    private DateOnly _start;
    private DateOnly _end;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        Directory.CreateDirectory(_folder);
        var store = new BillingStore(StoreLocation.SqliteIn(_folder));
        await store.MigrateAsync();
        var billing = new BillingData(store, TimeProvider.System);
        _dataset = await billing.CostsAsync("123456789012");
        _today = billing.Today;
        _start = new DateOnly(_today.Year, _today.Month, 1).AddMonths(-12);
        _end = new DateOnly(_today.Year, _today.Month, 1).AddMonths(1);
        Console.WriteLine($"// {_dataset.Rows.Count} cost rows from {_dataset.FirstDay} to {_dataset.LastDay}");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Description = "13 months DAILY, grouped by SERVICE")]
    public CostResult DailyByService() => CostEngine.Run(_dataset, Query(CostGranularity.Daily) with { GroupBy = [CostGroupBy.By(CostDimension.Service)] }, _today);

    [Benchmark(Description = "13 months MONTHLY, grouped by SERVICE and tag Project")]
    public CostResult MonthlyByServiceAndTag() =>
        CostEngine.Run(_dataset, Query(CostGranularity.Monthly) with { GroupBy = [CostGroupBy.By(CostDimension.Service), CostGroupBy.ByTag("Project")] }, _today);

    [Benchmark(Description = "13 months DAILY, total, filter And(Not RECORD_TYPE, Or REGION/tag)")]
    public CostResult DailyFiltered() => CostEngine.Run(_dataset, Query(CostGranularity.Daily) with
    {
        Filter = new CostExpression.And(
        [
            new CostExpression.Not(new CostExpression.Dimension(CostDimension.RecordType, ["Tax", "Credit"])),
            new CostExpression.Or([new CostExpression.Dimension(CostDimension.Region, ["us-east-1"]), new CostExpression.Tag("Environment", ["staging"])]),
        ]),
    }, _today);

    [Benchmark(Description = "Forecast to the end of next month, MONTHLY")]
    public CostForecast Forecast() =>
        CostForecaster.Forecast(_dataset, new CostForecastQuery(_today, _end.AddMonths(1), CostGranularity.Monthly, CostMetric.UnblendedCost), _today);

    private CostQuery Query(CostGranularity granularity) => new(_start, _end, granularity, [CostMetric.UnblendedCost]);
}
