using LocalIam.Iam.Accounts;
using LocalIam.Iam.Audit;
using LocalIam.Iam.Authorization;
using LocalIam.Iam.Caching;
using LocalIam.Iam.Credentials;
using LocalIam.Storage;
using LocalIam.Storage.Secrets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LocalIam.Iam;

/// <summary>
/// The composition root of the application core: every service the API, the console and the CLI
/// call, on one store. Front ends add only their own wire or page layer on top.
/// </summary>
public static class LocalIamCore
{
    public static IServiceCollection AddLocalIamCore(this IServiceCollection services, IamStore store, SecretProtector secrets, TimeProvider clock)
    {
        services.AddSingleton(store);
        services.AddSingleton(secrets);
        services.AddSingleton(clock);
        services.AddSingleton<RevisionCache>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<ConsoleLogins>();

        // Last accessed information: every attempt recorded; the API front end says which actions it tracks.
        services.AddSingleton<LastAccessed.LastAccessRecorder>();
        services.TryAddSingleton(LastAccessed.TrackedActions.None);

        // Billing data sits beside IAM's, in its own tables, and is generated on first use.
        services.AddSingleton(new Storage.Billing.BillingStore(store.Location));
        services.AddSingleton<Billing.BillingData>();
        services.AddSingleton<Billing.BillingAccountService>();
        services.AddSingleton<Billing.CostExplorer.CostExplorerService>();
        services.AddSingleton<Billing.Budgets.BudgetService>();

        // One service per IAM area, as IamAreas declares them.
        foreach (var area in Areas.IamAreas.All)
        {
            if (area.Service is { } service)
            {
                services.AddSingleton(service);
            }
        }

        // The decisions every front end shares, all from the account snapshot of the store's current revision.
        services.AddSingleton<AccountSnapshots>();
        services.AddSingleton<AccessQuery>();
        services.AddSingleton<Analysis.AccountAnalysis>();
        services.AddSingleton<PrincipalPolicyLoader>();
        services.AddSingleton<IamAuthorizer>();
        services.AddSingleton<ResourceResolver>();
        services.AddSingleton<RequestAuthorizer>();
        services.AddSingleton<Simulation.PolicySimulator>();
        services.AddSingleton<SessionMfa>();
        services.AddSingleton<RoleSessions>();
        services.AddSingleton<AuthorizationMessages>();
        services.AddSingleton<AccessKeyAccounts>();
        services.AddSingleton<WebIdentityTokenService>();
        services.AddSingleton<Federation.FederatedSessions>();
        services.AddSingleton<IamCore>();
        return services;
    }
}
