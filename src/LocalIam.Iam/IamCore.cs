using LocalIam.Iam.Accounts;
using LocalIam.Iam.Credentials;
using LocalIam.Iam.CredentialReports;
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
using LocalIam.Iam.Simulation;
using LocalIam.Iam.SshPublicKeys;
using LocalIam.Iam.Users;

namespace LocalIam.Iam;

/// <summary>
/// Every service of the application core, by name, for front ends that call many of them (the
/// API's operation rows, the console's pages): a handler's dependencies are visible in what it
/// reads here, with no service locator.
/// </summary>
public sealed class IamCore(
    AccountService accounts,
    AccountInfoService accountInfo,
    UserService users,
    GroupService groups,
    RoleService roles,
    ManagedPolicyService policies,
    AttachmentService attachments,
    InlinePolicyService inlinePolicies,
    AccessKeyService accessKeys,
    LoginProfileService loginProfiles,
    InstanceProfileService instanceProfiles,
    SshPublicKeyService sshPublicKeys,
    SigningCertificateService signingCertificates,
    ServiceSpecificCredentialService serviceCredentials,
    CredentialReportService credentialReports,
    MfaDeviceService mfaDevices,
    OidcProviderService oidcProviders,
    SamlProviderService samlProviders,
    ServerCertificateService serverCertificates,
    PolicySimulator simulator,
    RoleSessions roleSessions,
    Billing.CostExplorer.CostExplorerService costExplorer,
    Billing.Budgets.BudgetService budgets,
    Analysis.AccountAnalysis analysis,
    ServiceLinkedRoles.ServiceLinkedRoleService serviceLinkedRoles,
    Authorization.AuthorizationMessages authorizationMessages,
    AccessKeyAccounts accessKeyAccounts,
    AccountFeatureService accountFeatures,
    ServiceAccessService serviceAccess,
    WebIdentityTokenService webIdentityTokens,
    Federation.FederatedSessions federatedSessions,
    LastAccessed.LastAccessRecorder lastAccess,
    LastAccessed.ServiceLastAccessedService lastAccessed)
{
    public AccountService Accounts { get; } = accounts;

    public AccountInfoService AccountInfo { get; } = accountInfo;

    public UserService Users { get; } = users;

    public GroupService Groups { get; } = groups;

    public RoleService Roles { get; } = roles;

    public ManagedPolicyService Policies { get; } = policies;

    public AttachmentService Attachments { get; } = attachments;

    public InlinePolicyService InlinePolicies { get; } = inlinePolicies;

    public AccessKeyService AccessKeys { get; } = accessKeys;

    public LoginProfileService LoginProfiles { get; } = loginProfiles;

    public InstanceProfileService InstanceProfiles { get; } = instanceProfiles;

    public SshPublicKeyService SshPublicKeys { get; } = sshPublicKeys;

    public SigningCertificateService SigningCertificates { get; } = signingCertificates;

    public ServiceSpecificCredentialService ServiceCredentials { get; } = serviceCredentials;

    public CredentialReportService CredentialReports { get; } = credentialReports;

    public MfaDeviceService MfaDevices { get; } = mfaDevices;

    public OidcProviderService OidcProviders { get; } = oidcProviders;

    public SamlProviderService SamlProviders { get; } = samlProviders;

    public ServerCertificateService ServerCertificates { get; } = serverCertificates;

    public PolicySimulator Simulator { get; } = simulator;

    public RoleSessions RoleSessions { get; } = roleSessions;

    /// <summary>AssumeRoleWithWebIdentity and AssumeRoleWithSAML: sessions for an identity provider's token.</summary>
    public Federation.FederatedSessions FederatedSessions { get; } = federatedSessions;

    /// <summary>Cost Explorer on the account's billing data (GetCostAndUsage, forecasts).</summary>
    public Billing.CostExplorer.CostExplorerService CostExplorer { get; } = costExplorer;

    /// <summary>AWS Budgets on the billing store.</summary>
    public Billing.Budgets.BudgetService Budgets { get; } = budgets;

    /// <summary>Who-can and explain (LocalIam's own API and the CLI).</summary>
    public Analysis.AccountAnalysis Analysis { get; } = analysis;

    /// <summary>CreateServiceLinkedRole, DeleteServiceLinkedRole and the deletion task's status.</summary>
    public ServiceLinkedRoles.ServiceLinkedRoleService ServiceLinkedRoles { get; } = serviceLinkedRoles;

    /// <summary>Denials sealed for STS DecodeAuthorizationMessage, and opened again.</summary>
    public Authorization.AuthorizationMessages AuthorizationMessages { get; } = authorizationMessages;

    /// <summary>STS GetAccessKeyInfo: the account of an access key id.</summary>
    public AccessKeyAccounts AccessKeyAccounts { get; } = accessKeyAccounts;

    /// <summary>Outbound web identity federation and the STS global endpoint's token version.</summary>
    public AccountFeatureService AccountFeatures { get; } = accountFeatures;

    /// <summary>ListPoliciesGrantingServiceAccess.</summary>
    public ServiceAccessService ServiceAccess { get; } = serviceAccess;

    /// <summary>STS GetWebIdentityToken's JWTs and their verification keys.</summary>
    public WebIdentityTokenService WebIdentityTokens { get; } = webIdentityTokens;

    /// <summary>Records every attempt of a user or role at an action, for the last accessed reports.</summary>
    public LastAccessed.LastAccessRecorder LastAccess { get; } = lastAccess;

    /// <summary>The service last accessed reports.</summary>
    public LastAccessed.ServiceLastAccessedService LastAccessed { get; } = lastAccessed;
}
