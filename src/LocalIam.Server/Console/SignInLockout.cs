using System.Collections.Concurrent;

namespace LocalIam.Server.Console;

/// <summary>
/// Locks a sign-in identity (root email, or account and user name, whether or not it exists) after
/// <see cref="MaxFailures"/> failed attempts within <see cref="Window"/>, for <see cref="Duration"/>:
/// while locked even the right password is refused, so guessing stops. Kept in memory per node,
/// bounded: the oldest identities are forgotten first when it is full.
/// </summary>
public sealed class SignInLockout(TimeProvider clock)
{
    public const int MaxFailures = 5;
    public const int MaxTracked = 10_000;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<string, Failures> _failures = new(StringComparer.Ordinal);
    private readonly Lock _pruning = new();

    public bool IsLockedOut(string identity) =>
        _failures.TryGetValue(identity, out var failures) && failures.LockedUntil is { } until && clock.GetUtcNow() < until;

    public void RecordFailure(string identity)
    {
        var now = clock.GetUtcNow();
        if (!_failures.ContainsKey(identity) && _failures.Count >= MaxTracked)
        {
            Prune(now);
        }

        _failures.AddOrUpdate(identity, _ => new Failures(now, 1, null), (_, old) =>
        {
            // A lock that has run out, or failures older than the window, start the count again.
            var current = (old.LockedUntil is { } until && now >= until) || (old.LockedUntil is null && now - old.First > Window) ? new Failures(now, 0, null) : old;
            var count = current.Count + 1;
            return current with { Count = count, LockedUntil = count >= MaxFailures ? current.LockedUntil ?? now + Duration : null };
        });
    }

    public void RecordSuccess(string identity) => _failures.TryRemove(identity, out _);

    /// <summary>How many identities are remembered now.</summary>
    public int Tracked => _failures.Count;

    /// <summary>Forgets every failure (the test reset's first state).</summary>
    public void Clear() => _failures.Clear();

    private void Prune(DateTimeOffset now)
    {
        lock (_pruning)
        {
            foreach (var (identity, failures) in _failures)
            {
                if (failures.LockedUntil is { } until ? now >= until : now - failures.First > Window)
                {
                    _failures.TryRemove(identity, out _);
                }
            }

            // Still full of live entries: forget the oldest tenth rather than grow without bound.
            if (_failures.Count >= MaxTracked)
            {
                foreach (var identity in _failures.OrderBy(f => f.Value.First).Take(MaxTracked / 10).Select(f => f.Key).ToList())
                {
                    _failures.TryRemove(identity, out _);
                }
            }
        }
    }

    private sealed record Failures(DateTimeOffset First, int Count, DateTimeOffset? LockedUntil);
}
