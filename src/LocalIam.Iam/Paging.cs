using System.Text;

namespace LocalIam.Iam;

/// <summary>One page of a listing, as IAM returns it: items, <c>IsTruncated</c> and the <c>Marker</c> for the next page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, bool IsTruncated, string? Marker);

/// <summary>
/// Markers are opaque to callers, as AWS's are: the sort key of the last item returned and a check
/// value, base64-encoded. A marker LocalIam never issued (garbage, or the base64 of a made-up key)
/// is AWS's <c>Invalid Marker.</c>. The check is a hash, not a secret: it tells LocalIam's markers
/// from others on any node, and a caller who forges one anyway lists only what it may list.
/// </summary>
public static class Paging
{
    public const int DefaultMaxItems = 100;
    public const int MaxMaxItems = 1000;

    private const int CheckLength = 8;
    private static readonly byte[] CheckPrefix = Encoding.ASCII.GetBytes("LocalIam marker\0");
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string? Decode(string? marker)
    {
        if (string.IsNullOrEmpty(marker))
        {
            return null;
        }

        try
        {
            var bytes = Convert.FromBase64String(marker);
            if (bytes.Length < CheckLength || !Check(bytes.AsSpan(0, bytes.Length - CheckLength)).SequenceEqual(bytes.AsSpan(bytes.Length - CheckLength)))
            {
                throw Errors.IamErrors.InvalidMarker();
            }

            return StrictUtf8.GetString(bytes, 0, bytes.Length - CheckLength);
        }
        catch (Exception ex) when (ex is FormatException or DecoderFallbackException)
        {
            throw Errors.IamErrors.InvalidMarker();
        }
    }

    public static int Limit(int? maxItems)
    {
        new Errors.RequestValidator().Range(maxItems, "maxItems", 1, MaxMaxItems).ThrowIfInvalid();
        return maxItems ?? DefaultMaxItems;
    }

    /// <summary>
    /// One page of users, groups or roles of an account: optionally under a path prefix (compared
    /// case-sensitively, as AWS does), in name order, after the marker's name.
    /// </summary>
    public static async Task<Page<T>> NamedPageAsync<T>(IQueryable<T> query, string? pathPrefix, string? marker, int? maxItems)
        where T : Storage.Entities.NamedEntity
    {
        var limit = Limit(maxItems);
        var after = Decode(marker);
        if (pathPrefix is not null)
        {
            query = query.Where(e => e.Path.Substring(0, pathPrefix.Length) == pathPrefix);
        }

        if (after is not null)
        {
            query = query.Where(e => string.Compare(e.NameKey, after) > 0);
        }

        var fetched = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(query.OrderBy(e => e.NameKey).Take(limit + 1));
        return Cut(fetched, limit, e => e.NameKey);
    }

    /// <summary>Pages a listing read whole (account objects): ordinal order of the key, starting after <paramref name="after"/>.</summary>
    public static Page<T> InMemory<T>(IEnumerable<T> items, Func<T, string> key, string? after, int limit) =>
        Cut([.. items.Where(i => after is null || string.CompareOrdinal(key(i), after) > 0).OrderBy(key, StringComparer.Ordinal).Take(limit + 1)], limit, key);

    /// <summary>Cuts one extra item off a query result fetched with <c>limit + 1</c>.</summary>
    public static Page<T> Cut<T>(List<T> fetched, int limit, Func<T, string> key)
    {
        if (fetched.Count <= limit)
        {
            return new Page<T>(fetched, false, null);
        }

        var items = fetched.GetRange(0, limit);
        return new Page<T>(items, true, Encode(key(items[^1])));
    }

    public static string Encode(string key)
    {
        var text = Encoding.UTF8.GetBytes(key);
        return Convert.ToBase64String([.. text, .. Check(text)]);
    }

    private static byte[] Check(ReadOnlySpan<byte> key) =>
        System.Security.Cryptography.SHA256.HashData([.. CheckPrefix, .. key])[..CheckLength];
}
