namespace LocalIam.Iam.Objects;

/// <summary>IAM's Marker/MaxItems paging over records already read into memory (account objects are few per account).</summary>
public static class ObjectPages
{
    public static Page<T> Of<T>(IEnumerable<T> items, Func<T, string> key, string? marker, int? maxItems)
    {
        var limit = Paging.Limit(maxItems);
        var after = Paging.Decode(marker);
        var fetched = items.Where(i => after is null || string.CompareOrdinal(key(i), after) > 0)
            .OrderBy(key, StringComparer.Ordinal).Take(limit + 1).ToList();
        return Paging.Cut(fetched, limit, key);
    }
}
