using System.Security.Cryptography;
using LocalIam.Cli.Commands;
using LocalIam.Iam;
using LocalIam.Iam.Accounts;
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
            throw new CommandInputException($"`--account {file}`: reading an account file is not available in this build; import it with `localiam import {file} --data DIR` and give `--data DIR`");
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

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
