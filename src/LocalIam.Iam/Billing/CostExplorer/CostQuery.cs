namespace LocalIam.Iam.Billing.CostExplorer;

/// <summary>One result per day, or per calendar month (the first and last clipped to the query's dates).</summary>
public enum CostGranularity
{
    Daily,
    Monthly,
}

/// <summary>What a group key is made of: a dimension's value, a tag's (<c>Project$storefront</c>), or a cost category's (<c>Team$</c>: the account has none, so every cost is uncategorized).</summary>
public enum CostGroupByType
{
    Dimension,
    Tag,
    CostCategory,
}

/// <summary>One grouping: <c>DIMENSION</c> <c>SERVICE</c>, or <c>TAG</c> <c>Project</c>.</summary>
public sealed record CostGroupBy(CostGroupByType Type, string Key)
{
    public static CostGroupBy By(CostDimension dimension) => new(CostGroupByType.Dimension, dimension.Name);

    public static CostGroupBy ByTag(string key) => new(CostGroupByType.Tag, key);
}

/// <summary>
/// A cost and usage query, as the console pages and GetCostAndUsage ask it: days from
/// <see cref="Start"/> (inclusive) to <see cref="End"/> (exclusive), by day or month, the metrics to
/// sum, up to two groupings and a filter. The rules AWS puts on a query are checked by
/// <see cref="CostEngine.Run"/>.
/// </summary>
public sealed record CostQuery(DateOnly Start, DateOnly End, CostGranularity Granularity, IReadOnlyList<CostMetric> Metrics)
{
    public IReadOnlyList<CostGroupBy> GroupBy { get; init; } = [];

    public CostExpression? Filter { get; init; }

    /// <summary>GetCostAndUsageWithResources: RESOURCE_ID may be grouped and filtered by.</summary>
    public bool WithResources { get; init; }

    /// <summary>Where a page starts: the <see cref="CostResult.NextPageToken"/> of the page before.</summary>
    public string? NextPageToken { get; init; }
}

/// <summary>One period's figures: its total when the query is not grouped, else its groups (only those with costs or usage in the period).</summary>
public sealed record CostPeriod(DateOnly Start, DateOnly End, bool Estimated, IReadOnlyDictionary<CostMetric, CostAmount> Total, IReadOnlyList<CostGroup> Groups);

/// <summary>A group's keys (one per grouping, in the query's order) and its metrics.</summary>
public sealed record CostGroup(IReadOnlyList<string> Keys, IReadOnlyDictionary<CostMetric, CostAmount> Metrics);

/// <summary>A page of results by time, and the token of the next page (null on the last).</summary>
public sealed record CostResult(IReadOnlyList<CostPeriod> Periods, string? NextPageToken, IReadOnlyList<CostGroupBy> GroupBy);
