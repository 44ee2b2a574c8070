using LocalIam.Iam.Accounts;
using LocalIam.Iam.Audit;
using LocalIam.Iam.Authorization;
using LocalIam.Iam.Caching;
using LocalIam.Iam.CredentialReports;
using LocalIam.Iam.Credentials;
using LocalIam.Iam.Groups;
using LocalIam.Iam.InstanceProfiles;
using LocalIam.Iam.Mfa;
using LocalIam.Iam.OpenIdConnect;
using LocalIam.Iam.Policies;
using LocalIam.Iam.Roles;
using LocalIam.Iam.Saml;
using LocalIam.Iam.ServerCertificates;
using LocalIam.Iam.ServiceCredentials;
using LocalIam.Iam.SigningCertificates;
using LocalIam.Iam.SshPublicKeys;
using LocalIam.Iam.Users;
using LocalIam.Storage;
using LocalIam.Storage.Secrets;
using Microsoft.Extensions.DependencyInjection;

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

        // One service per API area.
        services.AddSingleton<AccountService>();
        services.AddSingleton<AccountInfoService>();
        services.AddSingleton<UserService>();
        services.AddSingleton<GroupService>();
        services.AddSingleton<RoleService>();
        services.AddSingleton<ManagedPolicyService>();
        services.AddSingleton<AttachmentService>();
        services.AddSingleton<InlinePolicyService>();
        services.AddSingleton<AccessKeyService>();
        services.AddSingleton<LoginProfileService>();
        services.AddSingleton<SessionService>();
        services.AddSingleton<InstanceProfileService>();
        services.AddSingleton<SshPublicKeyService>();
        services.AddSingleton<SigningCertificateService>();
        services.AddSingleton<ServiceSpecificCredentialService>();
        services.AddSingleton<CredentialReportService>();
        services.AddSingleton<MfaDeviceService>();
        services.AddSingleton<OidcProviderService>();
        services.AddSingleton<SamlProviderService>();
        services.AddSingleton<ServerCertificateService>();

        // The decisions every front end shares, all from the account snapshot of the store's current revision.
        services.AddSingleton<AccountSnapshots>();
        services.AddSingleton<AccessQuery>();
        services.AddSingleton<PrincipalPolicyLoader>();
        services.AddSingleton<IamAuthorizer>();
        services.AddSingleton<ResourceResolver>();
        services.AddSingleton<RequestAuthorizer>();
        services.AddSingleton<Simulation.PolicySimulator>();
        services.AddSingleton<SessionMfa>();
        services.AddSingleton<RoleSessions>();
        services.AddSingleton<IamCore>();
        return services;
    }
}
