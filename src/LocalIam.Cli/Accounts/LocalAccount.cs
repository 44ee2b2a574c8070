using System.Security.Cryptography;
using LocalIam.Cli.Commands;
using LocalIam.Iam;
using LocalIam.Iam.Accounts;
using LocalIam.Iam.Transfer;
using LocalIam.Storage;
using LocalIam.Storage.Secrets;
using Microsoft.Extensions.DependencyInjection;

namespace LocalIam.Cli.Accounts;

/// <summary>
/// The application core on a store, in this process: what an offline verb questions. The
/// questions read policies, never secrets, so a throwaway key completes the core's services and
/// the store's own key is not needed.
/// </summary>
internal sealed class LocalAccount : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private ImportedAccount? _temporary;

    private LocalAccount(ServiceProvider services, string accountId, string description)
    {
        _services = services;
        AccountId = accountId;
        Description = description;
    }

    public string AccountId { get; }

    /// <summary>Where the answer comes from, for people: "SQLite store in DIR", "account file FILE".</summary>
    public string Description { get; }

    public IServiceProvider Services => _services;

    public static async Task<LocalAccount> OpenAsync(AccountTarget target, CancellationToken cancellationToken)
    {
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

    public static LocalAccount Open(StoreLocation location, string accountId, string description)
    {
        var services = new ServiceCollection()
            .AddLocalIamCore(new IamStore(location), new SecretProtector(RandomNumberGenerator.GetBytes(32)), TimeProvider.System)
            .BuildServiceProvider();
        return new LocalAccount(services, accountId, description);
    }

    public Task<AccountSnapshot> SnapshotAsync(CancellationToken cancellationToken) =>
        _services.GetRequiredService<AccountSnapshots>().CurrentAsync(AccountId, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        if (_temporary is not null)
        {
            await _temporary.DisposeAsync();
        }
    }
}
