using LocalIam.Iam.Billing;
using LocalIam.Iam.Tests.Support;
using LocalIam.Storage;
using LocalIam.Storage.Billing;
using Microsoft.EntityFrameworkCore;

namespace LocalIam.Iam.Tests.Billing;

/// <summary>
/// Generated billing data on a real store: thirteen months of costs and everything around them,
/// the same for the same account whenever it is made, extended day by day, and never through IAM's
/// write path.
/// </summary>
public abstract class BillingDataStoreTests(Backend backend) : StoreTestBase(backend)
{
    private static readonly DateTimeOffset Day = new(2026, 11, 17, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Ensure_NewAccount_ThirteenMonthsOfCostsUpToToday()
    {
        var billing = Billing(Day);

        var costs = await billing.CostsAsync(TestStore.AccountId, Ct);

        Assert.Equal(new DateOnly(2025, 11, 1), costs.FirstDay);
        Assert.Equal(new DateOnly(2026, 11, 17), costs.LastDay);
        var months = costs.Rows.Select(r => r.UsageDate.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)).Distinct().Count();
        Assert.Equal(13, months);
        Assert.All(costs.Rows, r => Assert.Equal(TestStore.AccountId, r.LinkedAccountId));
        Assert.Contains(costs.Rows, r => r.LineItemType == "Credit" && r.UnblendedCost < 0);
        Assert.Contains(costs.Rows, r => r.LineItemType == "Refund" && r.UnblendedCost < 0);
        Assert.Contains(costs.Rows, r => r.Tags.Contains("Project=storefront", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ensure_NewAccount_InvoicesForEveryClosedMonthMatchTheirCosts()
    {
        var billing = Billing(Day);
        var costs = await billing.CostsAsync(TestStore.AccountId, Ct);

        var invoices = await billing.Store.ReadAsync(db => db.Invoices.Where(i => i.AccountId == TestStore.AccountId).OrderBy(i => i.BillingPeriod).ToListAsync(Ct));

        Assert.Equal(12, invoices.Count);
        Assert.Equal("2025-11", invoices[0].BillingPeriod);
        Assert.Equal("2026-10", invoices[^1].BillingPeriod);
        foreach (var invoice in invoices)
        {
            var total = costs.Rows.Where(r => r.UsageDate.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture) == invoice.BillingPeriod).Sum(r => r.UnblendedCost);
            Assert.Equal(Math.Round(total, 2), invoice.Amount);
            Assert.True(invoice.Amount > 0);
        }

        // The 17th: even the last closed month is paid.
        Assert.All(invoices, i => Assert.Equal("Paid", i.Status));
        var method = await billing.Store.ReadAsync(db => db.PaymentMethods.SingleAsync(m => m.AccountId == TestStore.AccountId, Ct));
        Assert.True(method.IsDefault);
        Assert.All(invoices, i => Assert.Equal(method.MethodId, i.PaymentMethodId));
    }

    [Fact]
    public async Task Ensure_ExtendedLater_EqualsDataGeneratedAtOnce()
    {
        var clock = new FixedClock(Day);
        var billing = new BillingData(S.Get<BillingStore>(), clock);
        await billing.EnsureAsync(TestStore.AccountId, Ct);
        clock.Now = Day.AddDays(20);

        var extended = await billing.CostsAsync(TestStore.AccountId, Ct);

        var once = new BillingGenerator(TestStore.AccountId);
        var first = BillingGenerator.FirstDay(DateOnly.FromDateTime(Day.UtcDateTime));
        var expected = new List<CostRow>();
        for (var day = first; day <= new DateOnly(2026, 12, 7); day = day.AddDays(1))
        {
            expected.AddRange(once.Day(day));
            if (day.AddDays(1).Day == 1)
            {
                expected.AddRange(once.MonthEnd(day.Year, day.Month, ((day.Year - first.Year) * 12) + day.Month - first.Month));
            }
        }

        Assert.Equal(expected.Count, extended.Rows.Count);
        Assert.Equal(expected.Sum(r => r.UnblendedCost), extended.Rows.Sum(r => r.UnblendedCost));
        Assert.Equal(expected.Sum(r => r.AmortizedCost), extended.Rows.Sum(r => r.AmortizedCost));
        Assert.Equal(extended.Rows.Count, extended.Rows.Select(r => r.Id).Distinct().Count());
        var invoices = await billing.Store.ReadAsync(db => db.Invoices.CountAsync(i => i.AccountId == TestStore.AccountId, Ct));
        Assert.Equal(13, invoices);
    }

    [Fact]
    public void Ensure_SameAccountIdTwice_SameData()
    {
        var first = new BillingGenerator("123456789012");
        var second = new BillingGenerator("123456789012");
        var other = new BillingGenerator("210987654321");
        var day = new DateOnly(2026, 3, 4);

        Assert.Equal(first.Day(day).Sum(r => r.UnblendedCost), second.Day(day).Sum(r => r.UnblendedCost));
        Assert.NotEqual(first.Day(day).Sum(r => r.UnblendedCost), other.Day(day).Sum(r => r.UnblendedCost));
        Assert.Equal(first.CardLast4, second.CardLast4);
    }

    [Fact]
    public async Task Ensure_AmortizedAndUnblendedAgreeOverAClosedMonth()
    {
        var costs = await Billing(Day).CostsAsync(TestStore.AccountId, Ct);
        var october = costs.Between(new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 1)).ToList();

        Assert.Equal(october.Sum(r => r.UnblendedCost), october.Sum(r => r.AmortizedCost));
        var firstDay = october.Where(r => r.UsageDate.Day == 1).ToList();
        if (firstDay.Any(r => r.LineItemType == "RIFee"))
        {
            // A reserved instance: its fee is charged on the first day but amortized over the month.
            Assert.NotEqual(firstDay.Sum(r => r.UnblendedCost), firstDay.Sum(r => r.AmortizedCost));
        }
    }

    [Fact]
    public async Task Ensure_DoesNotMoveIamChangeStamp()
    {
        var before = await S.Store.ReadLatestRevisionAsync(Ct);

        await Billing(Day).CostsAsync(TestStore.AccountId, Ct);

        Assert.Equal(before, await S.Store.ReadLatestRevisionAsync(Ct));
    }

    [Fact]
    public async Task Ensure_TwoNodesAtOnce_GenerateOnce()
    {
        var store = S.Get<BillingStore>();
        var nodes = Enumerable.Range(0, 4).Select(_ => new BillingData(new BillingStore(S.Store.Location), new FixedClock(Day))).ToList();

        await Task.WhenAll(nodes.Select(n => n.EnsureAsync(TestStore.AccountId, Ct)));

        var rows = await store.ReadAsync(db => db.CostRows.CountAsync(r => r.AccountId == TestStore.AccountId, Ct));
        Assert.Equal((await nodes[0].CostsAsync(TestStore.AccountId, Ct)).Rows.Count, rows);
        Assert.Equal(12, await store.ReadAsync(db => db.Invoices.CountAsync(i => i.AccountId == TestStore.AccountId, Ct)));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private BillingData Billing(DateTimeOffset now) => new(S.Get<BillingStore>(), new FixedClock(now));
}

public sealed class SqliteBillingDataStoreTests() : BillingDataStoreTests(Backend.Sqlite);

public sealed class PostgresBillingDataStoreTests() : BillingDataStoreTests(Backend.Postgres);
