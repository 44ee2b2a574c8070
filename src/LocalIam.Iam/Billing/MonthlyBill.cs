using LocalIam.Storage.Billing;

namespace LocalIam.Iam.Billing;

/// <summary>One usage type's line of a bill: how much was used and what it cost.</summary>
public sealed record BillLine(string UsageType, decimal Quantity, string Unit, decimal Cost);

/// <summary>A service's charges in one region ("Global" for charges without one).</summary>
public sealed record BillRegion(string Region, decimal Total, IReadOnlyList<BillLine> Lines);

public sealed record BillService(string Service, decimal Total, IReadOnlyList<BillRegion> Regions);

/// <summary>A credit or refund, or a service's tax.</summary>
public sealed record BillAdjustment(string Service, string Kind, decimal Amount);

/// <summary>
/// A month's bill as the Bills page shows it: charges by service and region down to usage type;
/// credits, refunds and taxes; and totals that add up — <see cref="Total"/> is the sum of every
/// cost row of the month, the same figure Cost Explorer gives for the month's UnblendedCost.
/// </summary>
public sealed record MonthlyBill(
    DateOnly Month, decimal Charges, decimal Credits, decimal Refunds, decimal Tax, decimal Total,
    IReadOnlyList<BillService> Services, IReadOnlyList<BillAdjustment> Adjustments)
{
    /// <summary>The month has not ended: its charges are estimated and it has no tax yet.</summary>
    public bool Estimated { get; init; }

    public static MonthlyBill For(CostDataset costs, DateOnly month, DateOnly today)
    {
        var first = new DateOnly(month.Year, month.Month, 1);
        var rows = costs.Between(first, first.AddMonths(1)).ToList();
        var charges = rows.Where(r => IsCharge(r.LineItemType)).ToList();
        var services = charges.GroupBy(r => r.ServiceName, StringComparer.Ordinal)
            .Select(s => new BillService(s.Key, s.Sum(r => r.UnblendedCost), [.. s
                .GroupBy(r => r.Region.Length == 0 ? "Global" : r.Region, StringComparer.Ordinal)
                .Select(g => new BillRegion(g.Key, g.Sum(r => r.UnblendedCost), [.. g
                    .GroupBy(r => (r.UsageType, r.UsageUnit, r.LineItemType))
                    .Select(u => new BillLine(Label(u.Key.UsageType, u.Key.LineItemType), u.Sum(r => r.UsageAmount), u.Key.UsageUnit, u.Sum(r => r.UnblendedCost)))
                    .OrderByDescending(l => l.Cost)]))
                .OrderByDescending(r => r.Total)]))
            .OrderByDescending(s => s.Total)
            .ToList();
        var adjustments = rows.Where(r => !IsCharge(r.LineItemType))
            .GroupBy(r => (r.ServiceName, r.LineItemType))
            .Select(g => new BillAdjustment(g.Key.ServiceName, g.Key.LineItemType, g.Sum(r => r.UnblendedCost)))
            .OrderBy(a => a.Kind, StringComparer.Ordinal).ThenByDescending(a => Math.Abs(a.Amount))
            .ToList();
        decimal Sum(string kind) => adjustments.Where(a => a.Kind == kind).Sum(a => a.Amount);
        return new MonthlyBill(first, charges.Sum(r => r.UnblendedCost), Sum("Credit"), Sum("Refund"), Sum("Tax"), rows.Sum(r => r.UnblendedCost), services, adjustments)
        {
            Estimated = first.AddMonths(1) > today,
        };
    }

    /// <summary>Usage and the fees of reservations count as charges; credits, refunds and tax are shown apart.</summary>
    public static bool IsCharge(string lineItemType) => lineItemType is not ("Credit" or "Refund" or "Tax");

    private static string Label(string usageType, string lineItemType) =>
        lineItemType is "Usage" ? usageType : $"{usageType} ({lineItemType})";
}
