using System.Collections.Concurrent;
using LocalIam.Iam.Authorization;
using LocalIam.Policy.Authorization;
using LocalIam.Storage;
using LocalIam.Storage.Entities;

namespace LocalIam.Iam.LastAccessed;

/// <summary>
/// Records each attempt a user or role makes at an action, for IAM's last accessed information.
/// On the request path it costs one dictionary lookup: an attempt in a minute already recorded
/// changes nothing (times are kept to the minute, as AWS reports them), and a new minute is only
/// queued. Queued attempts are written in batches a few seconds later, outside the store's write
/// lock; a report flushes the queue first, and so does the end of the process. Memory is bounded:
/// past its limits the recorder forgets what it wrote (it then writes again) and drops new
/// attempts (they are recorded at their next minute).
/// </summary>
public sealed class LastAccessRecorder(IamStore store, TimeProvider clock) : IAsyncDisposable
{
    /// <summary>AWS's tracking period: attempts older than this are not reported, and are removed.</summary>
    public static readonly TimeSpan TrackingPeriod = TimeSpan.FromDays(400);

    private static readonly TimeSpan FlushDelay = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan PruneEvery = TimeSpan.FromHours(1);
    private const int MaxRemembered = 100_000;
    private const int MaxQueued = 50_000;
    private const int BatchSize = 500;

    private readonly ConcurrentDictionary<Key, DateTime> _recorded = new();
    private readonly ConcurrentDictionary<Key, Attempt> _queued = new();
    private readonly SemaphoreSlim _flushing = new(1, 1);
    private int _flushScheduled;
    private DateTime _prunedAt = DateTime.MinValue;

    private readonly record struct Key(string PrincipalId, string Action);

    private sealed record Attempt(string AccountId, DateTime Minute, string Region);

    /// <summary>How many attempts wait for a write (tests and figures).</summary>
    public int Queued => _queued.Count;

    /// <summary>Whether a write is due: read without a lock, so a reader can afford to ask on every request.</summary>
    public bool HasPending => Volatile.Read(ref _flushScheduled) == 1;

    /// <summary>Writes what is queued, if anything is, before a read that shows last use.</summary>
    public async Task FlushPendingAsync()
    {
        if (HasPending)
        {
            await TryFlushAsync();
        }
    }

    /// <summary>
    /// One attempt at <paramref name="action"/> (<c>iam:ListUsers</c>, as the API authorizes it) in
    /// <paramref name="region"/>. Users (with long-term or session credentials) and roles (any
    /// session of theirs) are recorded; root and federated users are no IAM resource a report names.
    /// </summary>
    public void Record(AuthenticatedPrincipal who, string action, string region)
    {
        var principalId = who.Principal.Kind switch
        {
            PrincipalKind.User => who.UserId,
            PrincipalKind.RoleSession => who.RoleId,
            _ => null,
        };
        if (principalId is null)
        {
            return;
        }

        var minute = Minute(clock.GetUtcNow().UtcDateTime);
        var key = new Key(principalId, action);
        if (_recorded.TryGetValue(key, out var last) && last >= minute)
        {
            return;
        }

        // Counting a ConcurrentDictionary takes all its locks: only on this path, once a minute per key.
        if (_recorded.Count >= MaxRemembered)
        {
            _recorded.Clear();
        }

        if (_queued.Count >= MaxQueued)
        {
            return;
        }

        _recorded[key] = minute;
        _queued[key] = new Attempt(who.AccountId, minute, region);
        if (Interlocked.Exchange(ref _flushScheduled, 1) == 0)
        {
            _ = FlushSoonAsync();
        }
    }

    /// <summary>Writes every queued attempt now (a report reads the store after this).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await _flushing.WaitAsync(cancellationToken);
        try
        {
            Interlocked.Exchange(ref _flushScheduled, 0);
            var taken = _queued.ToArray();
            foreach (var batch in taken.Chunk(BatchSize))
            {
                await WriteAsync(batch, cancellationToken);
            }

            await PruneIfDueAsync(cancellationToken);
        }
        finally
        {
            _flushing.Release();
        }
    }

    /// <summary>As <see cref="FlushAsync"/>, for callers that go on without it: false when the store could not take the writes (they stay queued).</summary>
    public async Task<bool> TryFlushAsync()
    {
        try
        {
            await FlushAsync();
            return true;
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.Data.Common.DbException or ObjectDisposedException)
        {
            // Last-access data is bookkeeping: a busy store must not fail anything.
            Interlocked.Exchange(ref _flushScheduled, 0);
            return false;
        }
    }

    /// <summary>Forgets everything queued and remembered (the store was reset under it).</summary>
    public void Forget()
    {
        _queued.Clear();
        _recorded.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        // Shutting down: what the store cannot take now is lost, at most a few seconds of attempts.
        await TryFlushAsync();
        _flushing.Dispose();
    }

    private async Task FlushSoonAsync()
    {
        await Task.Delay(FlushDelay, clock);
        await TryFlushAsync();
    }

    private async Task WriteAsync(KeyValuePair<Key, Attempt>[] batch, CancellationToken cancellationToken)
    {
        var rows = batch.Select(e => new ServiceLastAccess
        {
            PrincipalId = e.Key.PrincipalId,
            Action = e.Key.Action,
            AccountId = e.Value.AccountId,
            ServiceNamespace = ServiceOf(e.Key.Action),
            AccessedAt = e.Value.Minute,
            Region = e.Value.Region,
        }).ToList();
        await ServiceLastAccessRows.UpsertAsync(store, rows, cancellationToken);

        // Only what was written leaves the queue: an attempt queued again meanwhile waits for the next flush.
        foreach (var entry in batch)
        {
            _queued.TryRemove(entry);
        }
    }

    private async Task PruneIfDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (now - _prunedAt < PruneEvery)
        {
            return;
        }

        _prunedAt = now;
        await ServiceLastAccessRows.PruneAsync(store, now - TrackingPeriod, cancellationToken);
    }

    /// <summary>The service prefix of <c>service:Action</c>, lower-cased as AWS writes namespaces.</summary>
    public static string ServiceOf(string action)
    {
        var colon = action.IndexOf(':', StringComparison.Ordinal);
        return (colon < 0 ? action : action[..colon]).ToLowerInvariant();
    }

    private static DateTime Minute(DateTime utc) => new(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc);
}
