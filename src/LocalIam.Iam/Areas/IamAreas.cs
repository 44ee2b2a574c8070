using LocalIam.Iam.Accounts;
using LocalIam.Iam.CredentialReports;
using LocalIam.Iam.Credentials;
using LocalIam.Iam.Errors;
using LocalIam.Iam.Groups;
using LocalIam.Iam.InstanceProfiles;
using LocalIam.Iam.Mfa;
using LocalIam.Iam.OpenIdConnect;
using LocalIam.Iam.Policies;
using LocalIam.Iam.Roles;
using LocalIam.Iam.Saml;
using LocalIam.Iam.ServerCertificates;
using LocalIam.Iam.ServiceCredentials;
using LocalIam.Iam.ServiceLinkedRoles;
using LocalIam.Iam.SigningCertificates;
using LocalIam.Iam.SshPublicKeys;
using LocalIam.Iam.Users;
using LocalIam.Storage;
using LocalIam.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace LocalIam.Iam.Areas;

/// <summary>
/// Every area of IAM, declared once: <see cref="LocalIamCore.AddLocalIamCore"/> registers their
/// services, GetAccountSummary reports their counts and quotas, and the delete operations check
/// their conflicts from here. Delete conflicts follow the order of the "Deleting …" steps in AWS's
/// API reference for DeleteUser, DeleteGroup, DeleteRole, DeletePolicy and DeleteInstanceProfile.
/// </summary>
public static class IamAreas
{
    public static readonly IamArea Account = new("account", typeof(AccountService))
    {
        // Root always has a password in LocalIam (it signs in to the console with it); one token version for the global endpoint.
        Counts =
        [
            new("AccountPasswordPresent", _ => 1),
            new("GlobalEndpointTokenVersion", c => c.Objects(AccountFeatureService.V2TokensKind) > 0 ? 2 : 1),
        ],
    };

    public static readonly IamArea AccountInfo = new("account-info", typeof(AccountInfoService));

    public static readonly IamArea Users = new("users", typeof(UserService))
    {
        Quotas = [Iam.Quotas.UsersPerAccount],
        Counts = [new("Users", c => c.Users)],
        DeleteConflicts =
        [
            new(IamErrors.MustDeleteLoginProfile, (db, _, id) => db.LoginProfiles.AnyAsync(p => p.UserId == id)),
            new(IamErrors.MustDeleteAccessKeys, (db, _, id) => db.AccessKeys.AnyAsync(k => k.UserId == id)),
            new(IamErrors.MustDeleteSigningCertificates, SigningCertificateService.UserHasAnyAsync),
            new(IamErrors.MustRemoveReferencedObjects, SshPublicKeyService.UserHasAnyAsync),
            new(IamErrors.MustRemoveReferencedObjects, ServiceSpecificCredentialService.UserHasAnyAsync),
            new(IamErrors.MustDeleteMfaDevice, MfaDeviceService.UserHasAnyAsync),
            InlinePoliciesOf(OwnerKind.User),
            AttachedPoliciesOf(OwnerKind.User),
            new(IamErrors.MustRemoveUsersFromGroup, (db, _, id) => db.GroupMemberships.AnyAsync(m => m.UserId == id)),
        ],
    };

    public static readonly IamArea Groups = new("groups", typeof(GroupService))
    {
        Quotas = [Iam.Quotas.GroupsPerAccount, Iam.Quotas.GroupsPerUser],
        Counts = [new("Groups", c => c.Groups)],
        DeleteConflicts =
        [
            new(IamErrors.MustRemoveUsersFromGroup, (db, _, id) => db.GroupMemberships.AnyAsync(m => m.GroupId == id)),
            InlinePoliciesOf(OwnerKind.Group),
            AttachedPoliciesOf(OwnerKind.Group),
        ],
    };

    public static readonly IamArea Roles = new("roles", typeof(RoleService))
    {
        Quotas = [Iam.Quotas.RolesPerAccount, Iam.Quotas.TrustPolicySize],
        Counts = [new("Roles", c => c.Roles)],
        DeleteConflicts =
        [
            InlinePoliciesOf(OwnerKind.Role),
            AttachedPoliciesOf(OwnerKind.Role),
            new(IamErrors.MustRemoveRolesFromInstanceProfile, InstanceProfileService.HoldsRoleAsync),
        ],
    };

    /// <summary>Tags of every taggable entity: no service of its own, one quota.</summary>
    public static readonly IamArea Tags = new("tags", null) { Quotas = [Iam.Quotas.TagsPerEntity] };

    public static readonly IamArea ManagedPolicies = new("managed-policies", typeof(ManagedPolicyService))
    {
        Quotas = [Iam.Quotas.CustomerManagedPoliciesPerAccount, Iam.Quotas.ManagedPolicySize, Iam.Quotas.VersionsPerPolicy],
        Counts = [new("Policies", c => c.CustomerPolicies)],
        DeleteConflicts =
        [
            new(IamErrors.PolicyAttached, (db, _, id) => db.PolicyAttachments.AnyAsync(a => a.PolicyId == id)),
            new(IamErrors.PolicyHasVersions, async (db, _, id) => await db.PolicyVersions.CountAsync(v => v.PolicyId == id) > 1),
        ],
    };

    public static readonly IamArea Attachments = new("attachments", typeof(AttachmentService))
    {
        Quotas =
        [
            Iam.Quotas.ManagedPoliciesPerUser, Iam.Quotas.ManagedPoliciesPerGroup, Iam.Quotas.ManagedPoliciesPerRole,
            Iam.Quotas.PolicyVersionsInUsePerAccount,
        ],

        // Each attachment puts the policy's default version to use.
        Counts = [new("PolicyVersionsInUse", c => c.Attachments)],
    };

    public static readonly IamArea InlinePolicies = new("inline-policies", typeof(InlinePolicyService))
    {
        Quotas = [Iam.Quotas.UserInlinePolicySize, Iam.Quotas.GroupInlinePolicySize, Iam.Quotas.RoleInlinePolicySize],
    };

    public static readonly IamArea AccessKeys = new("access-keys", typeof(AccessKeyService))
    {
        Quotas = [Iam.Quotas.AccessKeysPerUser],
        Counts = [new("AccountAccessKeysPresent", c => c.RootHasAccessKeys ? 1 : 0)],
    };

    public static readonly IamArea LoginProfiles = new("login-profiles", typeof(LoginProfileService));

    public static readonly IamArea Sessions = new("sessions", typeof(SessionService));

    public static readonly IamArea SigningCertificates = new("signing-certificates", typeof(SigningCertificateService))
    {
        Quotas = [Iam.Quotas.SigningCertificatesPerUser],
        Counts = [new("AccountSigningCertificatesPresent", c => c.RootObjects(SigningCertificateService.Certificates.Kind) > 0 ? 1 : 0)],
    };

    public static readonly IamArea SshPublicKeys = new("ssh-public-keys", typeof(SshPublicKeyService))
    {
        Quotas = [Iam.Quotas.SshPublicKeysPerUser],
    };

    public static readonly IamArea ServiceCredentials = new("service-specific-credentials", typeof(ServiceSpecificCredentialService))
    {
        Quotas = [Iam.Quotas.ServiceSpecificCredentialsPerUserPerService],
    };

    public static readonly IamArea MfaDevices = new("mfa-devices", typeof(MfaDeviceService))
    {
        Quotas = [Iam.Quotas.MfaDevicesPerUser],
        Counts =
        [
            new("MFADevices", c => c.Objects(MfaDeviceService.Kind)),

            // An enabled device is stored with its user as owner; root cannot enable one through the API.
            new("MFADevicesInUse", c => c.OwnedObjects(MfaDeviceService.Kind)),
            new("AccountMFAEnabled", _ => 0),
        ],
    };

    public static readonly IamArea InstanceProfiles = new("instance-profiles", typeof(InstanceProfileService))
    {
        Quotas = [Iam.Quotas.InstanceProfilesPerAccount, Iam.Quotas.RolesPerInstanceProfile],
        Counts = [new("InstanceProfiles", c => c.Objects(InstanceProfileService.Profiles.Kind))],
        DeleteConflicts = [new(IamErrors.MustRemoveRolesFromInstanceProfile, InstanceProfileService.HasRolesAsync)],
    };

    public static readonly IamArea ServerCertificates = new("server-certificates", typeof(ServerCertificateService))
    {
        Quotas = [Iam.Quotas.ServerCertificatesPerAccount],
        Counts = [new("ServerCertificates", c => c.Objects(ServerCertificateService.Kind))],
    };

    public static readonly IamArea OidcProviders = new("oidc-providers", typeof(OidcProviderService))
    {
        Quotas = [Iam.Quotas.OpenIdConnectProvidersPerAccount, Iam.Quotas.ClientIdsPerOpenIdConnectProvider],
        Counts = [new("Providers", c => c.Objects(OidcProviderService.Kind))],
    };

    public static readonly IamArea SamlProviders = new("saml-providers", typeof(SamlProviderService))
    {
        Quotas = [Iam.Quotas.SamlProvidersPerAccount],
        Counts = [new("Providers", c => c.Objects(SamlProviderService.Kind))],
    };

    public static readonly IamArea CredentialReports = new("credential-reports", typeof(CredentialReportService));

    /// <summary>Service-linked roles: roles of the roles area, marked and protected by this one.</summary>
    public static readonly IamArea ServiceLinkedRoles = new("service-linked-roles", typeof(ServiceLinkedRoleService));

    /// <summary>Outbound web identity federation and the STS token version (its count is the account's GlobalEndpointTokenVersion above).</summary>
    public static readonly IamArea AccountFeatures = new("account-features", typeof(AccountFeatureService));

    /// <summary>ListPoliciesGrantingServiceAccess: reads the policies areas, changes nothing.</summary>
    public static readonly IamArea ServiceAccess = new("service-access", typeof(ServiceAccessService));

    /// <summary>The service last accessed reports: read the recorded attempts and the policies areas; keep their reports as account objects.</summary>
    public static readonly IamArea LastAccessed = new("last-accessed", typeof(LastAccessed.ServiceLastAccessedService));

    public static readonly IReadOnlyList<IamArea> All =
    [
        Account, AccountInfo, Users, Groups, Roles, Tags, ManagedPolicies, Attachments, InlinePolicies, AccessKeys, LoginProfiles,
        Sessions, SigningCertificates, SshPublicKeys, ServiceCredentials, MfaDevices, InstanceProfiles, ServerCertificates,
        OidcProviders, SamlProviders, CredentialReports, ServiceLinkedRoles, AccountFeatures, ServiceAccess, LastAccessed,
    ];

    /// <summary>GetAccountSummary's SummaryMap: every area's counts (added up by key), then every quota that has a key.</summary>
    public static IReadOnlyList<KeyValuePair<string, int>> Summary(AccountCounts counts)
    {
        var entries = new List<KeyValuePair<string, int>>();
        foreach (var group in All.SelectMany(a => a.Counts).GroupBy(c => c.Key, StringComparer.Ordinal))
        {
            entries.Add(new(group.Key, group.Sum(c => c.Value(counts))));
        }

        entries.AddRange(All.SelectMany(a => a.Quotas).Where(q => q.SummaryKey is not null).Select(q => new KeyValuePair<string, int>(q.SummaryKey!, q.Limit)));
        return entries;
    }

    private static DeleteConflict InlinePoliciesOf(OwnerKind kind) =>
        new(IamErrors.MustDeleteInlinePolicies, (db, _, id) => db.InlinePolicies.AnyAsync(p => p.OwnerKind == kind && p.OwnerId == id));

    private static DeleteConflict AttachedPoliciesOf(OwnerKind kind) =>
        new(IamErrors.MustDetachPolicies, (db, _, id) => db.PolicyAttachments.AnyAsync(a => a.OwnerKind == kind && a.OwnerId == id));
}
