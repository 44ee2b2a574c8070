using LocalIam.Iam.Billing;
using LocalIam.Storage.Billing;

namespace LocalIam.Iam.Tests.Billing;

/// <summary>An account's generated costs up to a day, as BillingData would store them, without a store.</summary>
internal static class GeneratedCosts
{
    public const string AccountId = "123456789012";

    public static readonly DateOnly Today = new(2026, 11, 17);

    private static readonly Lazy<CostDataset> Default = new(() => For(AccountId, Today));

    public static CostDataset Dataset => Default.Value;

    public static CostDataset For(string accountId, DateOnly today)
    {
        var generator = new BillingGenerator(accountId);
        var first = BillingGenerator.FirstDay(today);
        var rows = new List<CostRow>();
        for (var day = first; day <= today; day = day.AddDays(1))
        {
            rows.AddRange(generator.Day(day));
            if (day.AddDays(1).Day == 1 && day < today)
            {
                rows.AddRange(generator.MonthEnd(day.Year, day.Month, ((day.Year - first.Year) * 12) + day.Month - first.Month));
            }
        }

        var id = 1;
        foreach (var row in rows.OrderBy(r => r.UsageDate))
        {
            row.Id = id++;
        }

        return new CostDataset(accountId, 1, CostDataset.Share([.. rows.OrderBy(r => r.UsageDate).ThenBy(r => r.Id)]));
    }
}
