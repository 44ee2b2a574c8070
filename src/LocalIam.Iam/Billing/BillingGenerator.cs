using System.Text;
using LocalIam.Storage.Billing;

namespace LocalIam.Iam.Billing;

/// <summary>
/// The billing data a new account gets: a small company's costs, deterministic for the account id
/// (a day's rows depend only on the account and the date, so data generated today and extended
/// tomorrow equals data generated tomorrow at once). Pure: no store, no clock.
/// </summary>
internal sealed class BillingGenerator
{
    private readonly string _accountId;
    private readonly double _scale;
    private readonly ServiceProfile[] _services;
    private readonly string[] _regions;
    private readonly bool _reserved;

    public BillingGenerator(string accountId)
    {
        _accountId = accountId;
        var random = RandomFor(accountId, "account");
        _scale = 0.6 + (random.NextDouble() * 2.4);
        _services = [.. BillingCatalog.Services.Where(s => random.NextDouble() < s.Chance)];
        _regions = ["us-east-1", .. BillingCatalog.Regions.Skip(1).Where(_ => random.NextDouble() < 0.5).Take(2)];
        _reserved = random.NextDouble() < 0.6;
        TaxHome = BillingCatalog.TaxHomes[random.Next(BillingCatalog.TaxHomes.Length)];
        CardLast4 = random.Next(1000, 10000).ToString(System.Globalization.CultureInfo.InvariantCulture);
        CardBrand = random.Next(3) switch { 0 => "Visa", 1 => "Mastercard", _ => "American Express" };
    }

    public BillingCatalog.TaxHome TaxHome { get; }

    public string CardLast4 { get; }

    public string CardBrand { get; }

    /// <summary>The first day of generated data: the first day of the month twelve months before <paramref name="today"/>'s.</summary>
    public static DateOnly FirstDay(DateOnly today) => new DateOnly(today.Year, today.Month, 1).AddMonths(-12);

    /// <summary>The usage of one day, with the month's fixed fees on its first day.</summary>
    public IEnumerable<CostRow> Day(DateOnly day)
    {
        var random = RandomFor(_accountId, day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

        // A business that grows about 3% a month and runs less at weekends.
        var months = ((day.Year - 2020) * 12) + day.Month;
        var level = _scale * Math.Pow(1.03, months % 24) * (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0.82 : 1.0);
        foreach (var service in _services)
        {
            foreach (var usage in service.Usages)
            {
                var regions = usage.Global ? [string.Empty] : _regions;
                for (var r = 0; r < regions.Length; r++)
                {
                    var share = r == 0 ? 1.0 : r == 1 ? 0.35 : 0.15;
                    var quantity = (decimal)(level * share * (0.9 + (random.NextDouble() * 0.2))) * usage.DailyQuantity;
                    foreach (var (tags, part) in service.Tagged ? TagSplits(day) : [(string.Empty, 1m)])
                    {
                        yield return Usage(day, service, usage, regions[r], quantity * part, tags);
                    }
                }
            }
        }

        if (_services.Any(s => s.Code == "AmazonRoute53") && day.Day == 1)
        {
            var route53 = _services.First(s => s.Code == "AmazonRoute53");
            yield return Usage(day, route53, BillingCatalog.HostedZone, string.Empty, 3, string.Empty);
        }

        if (_reserved)
        {
            var compute = BillingCatalog.Services[0];
            var ri = BillingCatalog.ReservedInstance;
            var hourly = ri.DailyQuantity * ri.UnitPrice;
            if (day.Day == 1)
            {
                // The month's recurring fee is charged on its first day and amortized over its days.
                var fee = hourly * DateTime.DaysInMonth(day.Year, day.Month);
                yield return Row(day, compute, "us-east-1", "USE1-" + ri.UsageType, ri.Operation, "RIFee", string.Empty, ri.DailyQuantity * DateTime.DaysInMonth(day.Year, day.Month), ri.Unit, fee, amortized: 0);
            }

            yield return Row(day, compute, "us-east-1", "USE1-" + ri.UsageType, ri.Operation, "DiscountedUsage", string.Empty, ri.DailyQuantity, ri.Unit, 0, amortized: hourly);
        }
    }

    /// <summary>
    /// What a closed month adds, dated its first day as the report does: tax on each service's
    /// charges, the promotional credit of the account's first months, and one refund.
    /// <paramref name="monthIndex"/> counts months from the first generated one.
    /// </summary>
    public IEnumerable<CostRow> MonthEnd(int year, int month, int monthIndex)
    {
        var first = new DateOnly(year, month, 1);
        var days = Enumerable.Range(0, DateTime.DaysInMonth(year, month)).Select(first.AddDays).SelectMany(Day).ToList();
        var byService = days.GroupBy(r => (r.ServiceCode, r.ServiceName)).Select(g => (g.Key, Total: g.Sum(r => r.UnblendedCost))).ToList();
        if (monthIndex < 3)
        {
            var compute = byService.First(s => s.Key.ServiceCode == "AmazonEC2");
            var credit = -Math.Min(100m, Math.Round(compute.Total, 2));
            yield return Row(first, Profile(compute.Key), string.Empty, "Credit", string.Empty, "Credit", string.Empty, 0, string.Empty, credit, credit);
        }

        if (monthIndex == 5)
        {
            var storage = byService.FirstOrDefault(s => s.Key.ServiceCode == "AmazonS3");
            var random = RandomFor(_accountId, "refund");
            var refund = -Math.Round(5m + ((decimal)random.NextDouble() * 20m), 2);
            yield return Row(first, Profile(storage.Key), string.Empty, "Refund", string.Empty, "Refund", string.Empty, 0, string.Empty, refund, refund);
        }

        if (TaxHome.Rate > 0)
        {
            foreach (var (key, total) in byService)
            {
                var tax = Math.Round(total * TaxHome.Rate, 2);
                yield return Row(first, Profile(key), string.Empty, "Tax", string.Empty, "Tax", string.Empty, 0, string.Empty, tax, tax);
            }
        }
    }

    private static ServiceProfile Profile((string Code, string Name) key) =>
        BillingCatalog.Services.First(s => s.Code == key.Code && s.Name == key.Name);

    /// <summary>How tagged resources share a service's usage: most is tagged by project and environment, some is not.</summary>
    private static IEnumerable<(string Tags, decimal Part)> TagSplits(DateOnly day)
    {
        var project = BillingCatalog.Projects[day.Month % BillingCatalog.Projects.Length];
        yield return ("Environment=prod\nProject=storefront", 0.55m);
        yield return ($"Environment=staging\nProject={project}", 0.30m);
        yield return (string.Empty, 0.15m);
    }

    private CostRow Usage(DateOnly day, ServiceProfile service, UsageProfile usage, string region, decimal quantity, string tags)
    {
        var amount = Math.Round(quantity, 6);
        var cost = Math.Round(amount * usage.UnitPrice, 10);
        var usageType = (usage.Global ? string.Empty : BillingCatalog.UsageTypePrefix(region)) + usage.UsageType;
        return Row(day, service, region, usageType, usage.Operation, "Usage", tags, amount, usage.Unit, cost, cost);
    }

    private CostRow Row(
        DateOnly day, ServiceProfile service, string region, string usageType, string operation, string lineItemType, string tags,
        decimal amount, string unit, decimal unblended, decimal amortized) => new()
        {
            AccountId = _accountId,
            UsageDate = day,
            LinkedAccountId = _accountId,
            ServiceCode = service.Code,
            ServiceName = service.Name,
            Region = region,
            UsageType = usageType,
            Operation = operation,
            LineItemType = lineItemType,
            ResourceId = string.Empty,
            Tags = tags,
            UsageAmount = amount,
            UsageUnit = unit,
            UnblendedCost = unblended,
            BlendedCost = unblended,
            NetUnblendedCost = unblended,
            AmortizedCost = amortized,
            NetAmortizedCost = amortized,
        };

    /// <summary>A generator of its own for each (account, purpose): stable across runs and .NET versions (FNV-1a, seeded <see cref="Random"/>).</summary>
    internal static Random RandomFor(string accountId, string purpose)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(accountId + "/" + purpose))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return new Random((int)(hash ^ (hash >> 32)));
    }
}
