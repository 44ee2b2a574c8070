using System.Collections.Concurrent;
using LocalIam.Storage;

namespace LocalIam.Iam.Caching;

/// <summary>
/// Read-through cache for hot reads (GetUser and the like). Entries belong to one store revision:
/// when the change stamp moves — through this node or any other — the whole cache is dropped, so
/// a read never returns data older than the revision it observed. Values are shared: callers
/// must not change them.
/// </summary>
public sealed class RevisionCache(IamStore store)
{
    private const int MaxEntries = 50_000;

    private volatile Generation _current = new(-1);

    public async Task<T> GetOrReadAsync<T>(string key, Func<Task<T>> read)
    {
        var revision = await store.ReadRevisionAsync();
        var generation = _current;
        if (generation.Revision != revision)
        {
            generation = new Generation(revision);
            _current = generation;
        }

        if (generation.Entries.TryGetValue(key, out var cached))
        {
            return (T)cached;
        }

        var value = await read();
        if (value is not null && generation.Entries.Count < MaxEntries)
        {
            generation.Entries.TryAdd(key, value);
        }

        return value;
    }

    private sealed class Generation(long revision)
    {
        public long Revision { get; } = revision;

        public ConcurrentDictionary<string, object> Entries { get; } = new(StringComparer.Ordinal);
    }
}
