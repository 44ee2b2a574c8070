using System.Collections.Concurrent;
using LocalIam.Iam.Authorization;
using LocalIam.Storage;

namespace LocalIam.Iam.Accounts;

/// <summary>
/// The current <see cref="AccountSnapshot"/> of each account, keyed by the store's change stamp:
/// a request reads the stamp (once per request), and a snapshot at least that new answers it.
/// When the stamp has moved, through this node or any other on the same database, one load
/// replaces the snapshot and concurrent requests wait for that same load. Only the current
/// snapshot of each account is kept; compiled policies outlive it in <see cref="Compiled"/>.
/// </summary>
public sealed class AccountSnapshots(IamStore store)
{
    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.Ordinal);
    private long _generation;

    public IamStore Store => store;

    /// <summary>Compiled policies shared by every snapshot of this store.</summary>
    public CompiledPolicyCache Compiled { get; } = new();

    /// <summary>How many snapshots this node has loaded (for tests and figures).</summary>
    public long Loads => Interlocked.Read(ref _generation);

    /// <summary>The account as of the change stamp this request read.</summary>
    public async Task<AccountSnapshot> CurrentAsync(string accountId, CancellationToken cancellationToken = default) =>
        await AtLeastAsync(accountId, await store.ReadRevisionAsync(cancellationToken), cancellationToken);

    /// <summary>
    /// The account as of the change stamp read afresh: for an entity the request found in the store
    /// after it first read the stamp (a user created a moment ago signs its first request).
    /// </summary>
    public async Task<AccountSnapshot> LatestAsync(string accountId, CancellationToken cancellationToken = default) =>
        await AtLeastAsync(accountId, await store.ReadLatestRevisionAsync(cancellationToken), cancellationToken);

    private Task<AccountSnapshot> AtLeastAsync(string accountId, long revision, CancellationToken cancellationToken)
    {
        var slot = _slots.GetOrAdd(accountId, _ => new Slot());
        Task<AccountSnapshot> load;
        lock (slot)
        {
            if (slot.Current is { } current && current.Revision >= revision)
            {
                return Task.FromResult(current);
            }

            // A load that began after its caller saw this revision or a later one reads at least as new.
            if (slot.Loading is { } loading && slot.LoadingFor >= revision)
            {
                load = loading;
            }
            else
            {
                var ticket = new object();
                load = Task.Run(() => LoadIntoAsync(slot, ticket, accountId), CancellationToken.None);
                (slot.Loading, slot.LoadingFor, slot.Ticket) = (load, revision, ticket);
            }
        }

        // The load is shared: one caller leaving does not cancel it for the others.
        return load.WaitAsync(cancellationToken);
    }

    private async Task<AccountSnapshot> LoadIntoAsync(Slot slot, object ticket, string accountId)
    {
        try
        {
            var snapshot = await AccountSnapshotLoader.LoadAsync(store, Compiled, accountId, Interlocked.Increment(ref _generation));
            lock (slot)
            {
                if (slot.Current is null || snapshot.Revision >= slot.Current.Revision)
                {
                    slot.Current = snapshot;
                }

                Finished(slot, ticket);
            }

            Compiled.Sweep(_slots.Values.Select(s => s.Current?.Generation ?? long.MaxValue).DefaultIfEmpty(long.MaxValue).Min());
            return snapshot;
        }
        catch
        {
            lock (slot)
            {
                Finished(slot, ticket);
            }

            throw;
        }
    }

    private static void Finished(Slot slot, object ticket)
    {
        if (ReferenceEquals(slot.Ticket, ticket))
        {
            (slot.Loading, slot.Ticket) = (null, null);
        }
    }

    private sealed class Slot
    {
        public AccountSnapshot? Current { get; set; }

        public Task<AccountSnapshot>? Loading { get; set; }

        public long LoadingFor { get; set; }

        public object? Ticket { get; set; }
    }
}
