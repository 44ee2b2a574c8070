using System.Runtime;
using LocalIam.Cli.Commands;
using LocalIam.Iam.Accounts;
using LocalIam.Iam.Transfer;
using LocalIam.Storage;

namespace LocalIam.Cli.Accounts;

/// <summary>
/// An account on a store, in this process: what an offline verb questions. The questions read the
/// account's snapshot (policies, never secrets), so neither the core's other services nor the
/// store's key are needed, and a process that starts for one question builds none of them.
/// </summary>
internal sealed class LocalAccount : IAsyncDisposable
{
    private readonly AccountSnapshots _snapshots;
    private ImportedAccount? _temporary;

    private LocalAccount(AccountSnapshots snapshots, string accountId, string description)
    {
        _snapshots = snapshots;
        AccountId = accountId;
        Description = description;
    }

    public string AccountId { get; }

    /// <summary>Where the answer comes from, for people: "SQLite store in DIR", "account file FILE".</summary>
    public string Description { get; }

    public static async Task<LocalAccount> OpenAsync(AccountTarget target, CancellationToken cancellationToken)
    {
        // An offline question is a batch job: no background collections. Measured on 2 cores, they
        // paused the first who-can on a large account ~150 ms while its documents were compiled.
        GCSettings.LatencyMode = GCLatencyMode.Batch;
        if (target.AccountFile is { } file)
        {
            // The file is loaded into a throwaway SQLite store, answered on, and the store removed.
            if (!File.Exists(file))
            {
                throw new CommandInputException($"no file `{file}`");
            }

            ImportedAccount imported;
            try
            {
                imported = await AuthorizationDetailsImporter.LoadTemporaryAsync(file, progress: null, cancellationToken);
            }
            catch (AuthorizationDetailsException ex)
            {
                throw new CommandInputException($"`{file}`: {ex.Message}");
            }

            var account = Open(imported.Store.Location, imported.AccountId, $"account file {file}");
            account._temporary = imported;
            return account;
        }

        var location = StoreAccounts.Locate(target.Data, target.Database);
        var accountId = await StoreAccounts.ChooseAsync(location, target.AccountId, cancellationToken);
        return Open(location, accountId, location.ToString());
    }

    public static LocalAccount Open(StoreLocation location, string accountId, string description) =>
        new(new AccountSnapshots(new IamStore(location)), accountId, description);

    public Task<AccountSnapshot> SnapshotAsync(CancellationToken cancellationToken) =>
        _snapshots.CurrentAsync(AccountId, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_temporary is not null)
        {
            await _temporary.DisposeAsync();
        }
    }
}
