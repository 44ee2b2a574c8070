using System.Globalization;
using System.Runtime.InteropServices;
using LocalIam.Storage.Billing;

namespace LocalIam.Iam.Billing.Import;

/// <summary>
/// Sums line items per usage day and key (service, region, usage type, operation, linked account,
/// line item type, resource, tags, unit) into <see cref="CostRow"/>s. Memory grows with the number
/// of distinct keys, never with the number of lines.
/// </summary>
internal sealed class CostAggregator
{
    private readonly StringTable _strings = new();
    private readonly Dictionary<CostKey, CostSums> _sums = [];

    public long Lines { get; private set; }

    public int Keys => _sums.Count;

    public void Add<TLine>(ref TLine line)
        where TLine : ICostLineSource, allows ref struct
    {
        var day = line.UsageDay();
        var serviceCode = _strings.Intern(line.Text(CostField.ProductCode));
        var name = line.Text(CostField.ProductName);
        var serviceName = name.IsEmpty ? serviceCode : _strings.Intern(name);
        var lineItemType = line.Text(CostField.LineItemType);
        var key = new CostKey(
            day.DayNumber,
            serviceCode,
            serviceName,
            _strings.Intern(line.Text(CostField.Region)),
            _strings.Intern(line.Text(CostField.UsageType)),
            _strings.Intern(line.Text(CostField.Operation)),
            _strings.Intern(line.Text(CostField.UsageAccountId)),
            _strings.Intern(lineItemType),
            _strings.Intern(line.Text(CostField.ResourceId)),
            _strings.Intern(line.Tags()),
            _strings.Intern(line.Text(CostField.PricingUnit)));

        var unblended = line.Amount(CostField.UnblendedCost);
        var blended = line.Has(CostField.BlendedCost) ? line.Amount(CostField.BlendedCost) : unblended;
        var netUnblended = line.Has(CostField.NetUnblendedCost) ? line.Amount(CostField.NetUnblendedCost) : unblended;
        var usage = line.Amount(CostField.UsageAmount);

        // The line type was interned above: read it back from the table, the line's scratch text may be gone.
        var (amortized, netAmortized) = Amortization.Of(ref line, _strings[key.LineItemType], unblended, netUnblended);

        ref var sums = ref CollectionsMarshal.GetValueRefOrAddDefault(_sums, key, out _);
        sums.Usage += usage;
        sums.Unblended += unblended;
        sums.Blended += blended;
        sums.NetUnblended += netUnblended;
        sums.Amortized += amortized;
        sums.NetAmortized += netAmortized;
        Lines++;
    }

    /// <summary>The rows in a stable order (day, then key texts), numbered from 1.</summary>
    public AggregatedCosts ToRows(string accountId)
    {
        var rows = new List<CostRow>(_sums.Count);
        foreach (var (key, sums) in _sums)
        {
            rows.Add(new CostRow
            {
                AccountId = accountId,
                UsageDate = DateOnly.FromDayNumber(key.Day),
                ServiceCode = _strings[key.ServiceCode],
                ServiceName = _strings[key.ServiceName],
                Region = _strings[key.Region],
                UsageType = _strings[key.UsageType],
                Operation = _strings[key.Operation],
                LinkedAccountId = _strings[key.LinkedAccount],
                LineItemType = _strings[key.LineItemType],
                ResourceId = _strings[key.ResourceId],
                Tags = _strings[key.Tags],
                UsageUnit = _strings[key.Unit],
                UsageAmount = sums.Usage,
                UnblendedCost = sums.Unblended,
                BlendedCost = sums.Blended,
                NetUnblendedCost = sums.NetUnblended,
                AmortizedCost = sums.Amortized,
                NetAmortizedCost = sums.NetAmortized,
            });
        }

        rows.Sort(CompareRows);
        var months = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
        var tagKeys = new Dictionary<string, DateOnly>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            row.Id = i + 1;
            var month = row.UsageDate.ToString("yyyy-MM", CultureInfo.InvariantCulture);
            months[month] = months.GetValueOrDefault(month) + row.UnblendedCost;
            foreach (var pair in row.Tags.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var tagKey = pair[..pair.IndexOf('=', StringComparison.Ordinal)];
                if (!tagKeys.TryGetValue(tagKey, out var last) || last < row.UsageDate)
                {
                    tagKeys[tagKey] = row.UsageDate;
                }
            }
        }

        return new AggregatedCosts(rows, months, tagKeys);
    }

    private static int CompareRows(CostRow a, CostRow b)
    {
        int c;
        _ = (c = a.UsageDate.CompareTo(b.UsageDate)) != 0
            || (c = string.CompareOrdinal(a.ServiceCode, b.ServiceCode)) != 0
            || (c = string.CompareOrdinal(a.Region, b.Region)) != 0
            || (c = string.CompareOrdinal(a.UsageType, b.UsageType)) != 0
            || (c = string.CompareOrdinal(a.Operation, b.Operation)) != 0
            || (c = string.CompareOrdinal(a.LinkedAccountId, b.LinkedAccountId)) != 0
            || (c = string.CompareOrdinal(a.LineItemType, b.LineItemType)) != 0
            || (c = string.CompareOrdinal(a.ResourceId, b.ResourceId)) != 0
            || (c = string.CompareOrdinal(a.Tags, b.Tags)) != 0
            || (c = string.CompareOrdinal(a.UsageUnit, b.UsageUnit)) != 0
            || (c = string.CompareOrdinal(a.ServiceName, b.ServiceName)) != 0;
        return c;
    }

    private readonly record struct CostKey(
        int Day, int ServiceCode, int ServiceName, int Region, int UsageType, int Operation, int LinkedAccount, int LineItemType, int ResourceId, int Tags, int Unit);

    private struct CostSums
    {
        public decimal Usage;
        public decimal Unblended;
        public decimal Blended;
        public decimal NetUnblended;
        public decimal Amortized;
        public decimal NetAmortized;
    }
}

/// <summary>A report's rows, its unblended total per month (<c>YYYY-MM</c>) and its tag keys with the last day each was used.</summary>
internal sealed record AggregatedCosts(List<CostRow> Rows, SortedDictionary<string, decimal> MonthTotals, Dictionary<string, DateOnly> TagKeys);
