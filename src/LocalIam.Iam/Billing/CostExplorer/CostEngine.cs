using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LocalIam.Iam.Errors;
using LocalIam.Storage.Billing;

namespace LocalIam.Iam.Billing.CostExplorer;

/// <summary>
/// Cost Explorer's queries over an account's <see cref="CostDataset"/>: what GetCostAndUsage, the
/// Cost Explorer page and the Bills page all compute, so they always agree. Pure: the dataset, the
/// query and today's date come in; no store, no clock. One pass over the rows of the query's days.
/// </summary>
public static class CostEngine
{
    /// <summary>Group entries (a period's groups, or its total) per page; a period's groups may go on on the next page.</summary>
    public const int DefaultPageSize = 10_000;

    /// <summary>
    /// Runs <paramref name="query"/>: checks it as AWS does (throws <see cref="IamException"/> with
    /// AWS's code and text), sums each period's rows that pass the filter by group, and returns one
    /// page. A period is <see cref="CostPeriod.Estimated"/> while its month is not closed.
    /// </summary>
    public static CostResult Run(CostDataset dataset, CostQuery query, DateOnly today, int pageSize = DefaultPageSize)
    {
        Check(query, today);
        var periods = Periods(query.Start, query.End, query.Granularity);
        var sums = Sum(dataset, query, periods);
        var entries = new List<(int Period, CostGroup? Group)>();
        for (var p = 0; p < periods.Count; p++)
        {
            if (query.GroupBy.Count == 0)
            {
                entries.Add((p, null));
                continue;
            }

            foreach (var (keys, accumulator) in sums[p].OrderBy(s => s.Key.A, StringComparer.Ordinal).ThenBy(s => s.Key.B, StringComparer.Ordinal))
            {
                string[] groupKeys = query.GroupBy.Count == 1 ? [keys.A] : [keys.A, keys.B!];
                entries.Add((p, new CostGroup(groupKeys, accumulator.Amounts(query.Metrics))));
            }
        }

        var fingerprint = Fingerprint(query);
        var offset = query.NextPageToken is { } token ? ReadToken(token, fingerprint, entries.Count) : 0;
        var page = entries.Skip(offset).Take(pageSize).ToList();
        var firstMonthOpen = new DateOnly(today.Year, today.Month, 1);
        var results = page.GroupBy(e => e.Period).Select(g =>
        {
            var (start, end) = periods[g.Key];
            var total = query.GroupBy.Count == 0
                ? (sums[g.Key].TryGetValue((string.Empty, null), out var all) ? all : new Accumulator(query.Metrics.Count)).Amounts(query.Metrics)
                : new Dictionary<CostMetric, CostAmount>();
            return new CostPeriod(start, end, end > firstMonthOpen, total, [.. g.Where(e => e.Group is not null).Select(e => e.Group!)]);
        }).ToList();
        var next = offset + page.Count < entries.Count ? WriteToken(offset + page.Count, fingerprint) : null;
        return new CostResult(results, next, query.GroupBy);
    }

    /// <summary>The periods of a query: its days, or its calendar months clipped to its dates.</summary>
    public static IReadOnlyList<(DateOnly Start, DateOnly End)> Periods(DateOnly start, DateOnly end, CostGranularity granularity)
    {
        var periods = new List<(DateOnly, DateOnly)>();
        for (var from = start; from < end;)
        {
            var to = granularity == CostGranularity.Daily ? from.AddDays(1) : new DateOnly(from.Year, from.Month, 1).AddMonths(1);
            to = to > end ? end : to;
            periods.Add((from, to));
            from = to;
        }

        return periods;
    }

    /// <summary>The rules AWS puts on GetCostAndUsage's dates, groupings and filter, in the order AWS checks them.</summary>
    public static void Check(CostQuery query, DateOnly today)
    {
        if (query.Start >= query.End)
        {
            throw IamErrors.CostStartNotBeforeEnd();
        }

        if (query.Start > today)
        {
            throw IamErrors.CostStartAfterToday(query.Start, today);
        }

        if (query.End > new DateOnly(today.Year, today.Month, 1).AddMonths(1))
        {
            throw IamErrors.CostEndPastNextMonth();
        }

        if (query.Start < today.AddMonths(-14) && query.Start.Day != 1)
        {
            throw IamErrors.CostStartBeyondFourteenMonths();
        }

        if (query.Metrics.Count == 0)
        {
            throw IamErrors.CostMetricsEmpty();
        }

        if (query.GroupBy.Count > 2)
        {
            throw IamErrors.CostTooManyGroupDefinitions(query.GroupBy.Count);
        }

        foreach (var group in query.GroupBy)
        {
            if (group.Key.Length == 0)
            {
                throw IamErrors.CostGroupDefinitionIncomplete();
            }

            if (group.Type == CostGroupByType.Dimension && !CostDimension.Groupable.Any(d => d.Name == group.Key) && !(query.WithResources && group.Key == CostDimension.ResourceId.Name))
            {
                throw IamErrors.CostGroupDefinitionDimensionInvalid(CostDimension.Groupable.Select(d => d.Name));
            }
        }

        if (query.Filter is { } filter)
        {
            CheckFilter(filter, allowResourceId: query.WithResources);
        }
    }

    /// <summary>
    /// What GetCostAndUsage's filter may hold: dimensions a row has a value for (RESOURCE_ID only where
    /// resources are asked for), and the match options AWS allows there (EQUALS and CASE_SENSITIVE for
    /// dimensions; EQUALS, ABSENT and CASE_SENSITIVE for tags and cost categories).
    /// </summary>
    public static void CheckFilter(CostExpression filter, bool allowResourceId)
    {
        foreach (var test in filter.Tests())
        {
            switch (test)
            {
                case CostExpression.Dimension d:
                    if (d.Key == CostDimension.ResourceId && !allowResourceId)
                    {
                        throw IamErrors.CostDimensionNotAllowed(d.Key.Name);
                    }

                    if ((d.Options & ~(CostMatch.Equal | CostMatch.CaseSensitive)) != 0)
                    {
                        throw IamErrors.CostMatchOptionNotAllowed(["CASE_SENSITIVE", "EQUALS"]);
                    }

                    break;
                case CostExpression.Tag { Options: var options } when (options & ~(CostMatch.Equal | CostMatch.Absent | CostMatch.CaseSensitive)) != 0:
                case CostExpression.CostCategory { Options: var categoryOptions } when (categoryOptions & ~(CostMatch.Equal | CostMatch.Absent | CostMatch.CaseSensitive)) != 0:
                    throw IamErrors.CostMatchOptionNotAllowed(["CASE_SENSITIVE", "EQUALS", "ABSENT"]);
            }
        }
    }

    /// <summary>The distinct values of <paramref name="dimension"/> in the rows of [start, end) that pass the filter, ordered by cost (highest first) then value.</summary>
    public static IReadOnlyList<string> DimensionValues(CostDataset dataset, DateOnly start, DateOnly end, CostDimension dimension, CostExpression? filter = null, string? search = null)
    {
        var costs = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var row in dataset.Between(start, end))
        {
            if (filter?.Matches(row) == false)
            {
                continue;
            }

            var value = dimension.ValueOf(row);
            if (search is { Length: > 0 } && !value.Contains(search, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            costs[value] = costs.GetValueOrDefault(value) + row.UnblendedCost;
        }

        return [.. costs.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => c.Key)];
    }

    /// <summary>
    /// The tag keys in the rows of [start, end) that pass the filter, or with <paramref name="tagKey"/>
    /// the values of that key (the empty value for rows without it, as Cost Explorer lists it); ordered.
    /// </summary>
    public static IReadOnlyList<string> Tags(CostDataset dataset, DateOnly start, DateOnly end, string? tagKey = null, CostExpression? filter = null, string? search = null)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        var seenTags = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in dataset.Between(start, end))
        {
            // Without a filter a tag set needs reading once; with one, every row is tested.
            if (filter is null ? !seenTags.Add(row.Tags) : !filter.Matches(row))
            {
                continue;
            }

            var values = tagKey is null ? CostTags.All(row.Tags).Select(t => t.Key) : [CostTags.ValueOf(row.Tags, tagKey) ?? string.Empty];
            foreach (var value in values)
            {
                if (search is not { Length: > 0 } || value.Contains(search, StringComparison.OrdinalIgnoreCase))
                {
                    found.Add(value);
                }
            }
        }

        return [.. found];
    }

    private static List<Dictionary<(string A, string? B), Accumulator>> Sum(CostDataset dataset, CostQuery query, IReadOnlyList<(DateOnly Start, DateOnly End)> periods)
    {
        var sums = periods.Select(_ => new Dictionary<(string, string?), Accumulator>()).ToList();
        var first = query.GroupBy.Count > 0 ? KeyOf(query.GroupBy[0]) : null;
        var second = query.GroupBy.Count > 1 ? KeyOf(query.GroupBy[1]) : null;
        var period = 0;
        foreach (var row in dataset.Between(query.Start, query.End))
        {
            while (row.UsageDate >= periods[period].End)
            {
                period++;
            }

            if (query.Filter?.Matches(row) == false)
            {
                continue;
            }

            var key = (first?.Invoke(row) ?? string.Empty, second?.Invoke(row));
            var groups = sums[period];
            if (!groups.TryGetValue(key, out var accumulator))
            {
                accumulator = new Accumulator(query.Metrics.Count);
                groups.Add(key, accumulator);
            }

            accumulator.Add(row, query.Metrics);
        }

        return sums;
    }

    private static Func<CostRow, string> KeyOf(CostGroupBy group)
    {
        if (group.Type == CostGroupByType.Dimension)
        {
            return CostDimension.Find(group.Key)!.ValueOf;
        }

        if (group.Type == CostGroupByType.CostCategory)
        {
            var uncategorized = group.Key + "$";
            return _ => uncategorized;
        }

        var prefix = group.Key + "$";
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        return row => keys.TryGetValue(row.Tags, out var key) ? key : keys[row.Tags] = prefix + CostTags.ValueOf(row.Tags, group.Key);
    }

    /// <summary>A page token: the offset of the page's first entry and a fingerprint of the query it belongs to.</summary>
    private static string WriteToken(int offset, string fingerprint) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{offset}:{fingerprint}")));

    private static int ReadToken(string token, string fingerprint, int entries)
    {
        string text;
        try
        {
            text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
        }
        catch (FormatException)
        {
            throw IamErrors.CostNextTokenInvalid();
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || !int.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var offset) || offset <= 0 || offset > entries)
        {
            throw IamErrors.CostNextTokenInvalid();
        }

        return text[(colon + 1)..] == fingerprint ? offset : throw IamErrors.CostRequestChanged();
    }

    private static string Fingerprint(CostQuery query)
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{query.Start:yyyy-MM-dd}|{query.End:yyyy-MM-dd}|{query.Granularity}|{string.Join(',', query.Metrics)}|");
        foreach (var group in query.GroupBy)
        {
            text.Append(CultureInfo.InvariantCulture, $"{group.Type}:{group.Key.Length}:{group.Key}|");
        }

        if (query.Filter is { } filter)
        {
            Describe(filter, text);
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())), 0, 12);
    }

    private static void Describe(CostExpression expression, StringBuilder text)
    {
        switch (expression)
        {
            case CostExpression.And and:
                text.Append("and(");
                and.Operands.ToList().ForEach(o => Describe(o, text));
                text.Append(')');
                break;
            case CostExpression.Or or:
                text.Append("or(");
                or.Operands.ToList().ForEach(o => Describe(o, text));
                text.Append(')');
                break;
            case CostExpression.Not not:
                text.Append("not(");
                Describe(not.Operand, text);
                text.Append(')');
                break;
            case CostExpression.Dimension d:
                Test("dim", d.Key.Name, d.Values, d.Options, text);
                break;
            case CostExpression.Tag t:
                Test("tag", t.Key, t.Values, t.Options, text);
                break;
            case CostExpression.CostCategory c:
                Test("cat", c.Key, c.Values, c.Options, text);
                break;
        }
    }

    private static void Test(string kind, string? key, IReadOnlyList<string> values, CostMatch options, StringBuilder text)
    {
        text.Append(CultureInfo.InvariantCulture, $"{kind}[{key?.Length ?? -1}:{key}|{(int)options}");
        foreach (var value in values)
        {
            text.Append(CultureInfo.InvariantCulture, $"|{value.Length}:{value}");
        }

        text.Append(']');
    }

    /// <summary>The sums of one group in one period, and the unit of its usage (one unit, or N/A when they differ).</summary>
    private sealed class Accumulator(int metrics)
    {
        private readonly decimal[] _sums = new decimal[metrics];
        private string? _unit;
        private bool _mixedUnits;

        public void Add(CostRow row, IReadOnlyList<CostMetric> metrics)
        {
            for (var i = 0; i < metrics.Count; i++)
            {
                _sums[i] += metrics[i].Of(row);
            }

            if (row.UsageUnit.Length > 0 && !_mixedUnits)
            {
                _mixedUnits = _unit is not null && !ReferenceEquals(_unit, row.UsageUnit) && _unit != row.UsageUnit;
                _unit ??= row.UsageUnit;
            }
        }

        public Dictionary<CostMetric, CostAmount> Amounts(IReadOnlyList<CostMetric> metrics)
        {
            var amounts = new Dictionary<CostMetric, CostAmount>();
            for (var i = 0; i < metrics.Count; i++)
            {
                var unit = metrics[i] switch
                {
                    CostMetric.UsageQuantity => _mixedUnits || _unit is null ? "N/A" : _unit,
                    CostMetric.NormalizedUsageAmount => "N/A",
                    _ => "USD",
                };
                amounts[metrics[i]] = new CostAmount(_sums[i], unit);
            }

            return amounts;
        }
    }
}
