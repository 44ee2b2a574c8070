using LocalIam.Storage.Billing;

namespace LocalIam.Iam.Billing;

/// <summary>
/// An account's cost rows at one billing revision, ordered by day: what Bills, Cost Explorer and
/// the Cost Explorer API all read, so they always agree. Shared by every reader: never changed.
/// </summary>
public sealed class CostDataset(string accountId, long revision, IReadOnlyList<CostRow> rows)
{
    public string AccountId { get; } = accountId;

    public long Revision { get; } = revision;

    /// <summary>Every row, ordered by <see cref="CostRow.UsageDate"/>.</summary>
    public IReadOnlyList<CostRow> Rows { get; } = rows;

    public DateOnly? FirstDay => Rows.Count == 0 ? null : Rows[0].UsageDate;

    public DateOnly? LastDay => Rows.Count == 0 ? null : Rows[^1].UsageDate;

    /// <summary>The rows of days in [<paramref name="start"/>, <paramref name="end"/>), found by binary search.</summary>
    public IEnumerable<CostRow> Between(DateOnly start, DateOnly end)
    {
        var (lo, hi) = (0, Rows.Count);
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            (lo, hi) = Rows[mid].UsageDate < start ? (mid + 1, hi) : (lo, mid);
        }

        for (var i = lo; i < Rows.Count && Rows[i].UsageDate < end; i++)
        {
            yield return Rows[i];
        }
    }

    /// <summary>One string instance per distinct value, so a year of rows holds a few hundred strings, not hundreds of thousands.</summary>
    internal static List<CostRow> Share(List<CostRow> rows)
    {
        var pool = new Dictionary<string, string>(StringComparer.Ordinal);
        string One(string value) => pool.TryGetValue(value, out var shared) ? shared : pool[value] = value;
        foreach (var row in rows)
        {
            row.LinkedAccountId = One(row.LinkedAccountId);
            row.ServiceCode = One(row.ServiceCode);
            row.ServiceName = One(row.ServiceName);
            row.Region = One(row.Region);
            row.UsageType = One(row.UsageType);
            row.Operation = One(row.Operation);
            row.LineItemType = One(row.LineItemType);
            row.ResourceId = One(row.ResourceId);
            row.Tags = One(row.Tags);
            row.UsageUnit = One(row.UsageUnit);
        }

        return rows;
    }
}
