using LocalIam.Iam.Errors;

namespace LocalIam.Iam;

/// <summary>
/// One of IAM's default quotas (IAM User Guide, "IAM and AWS STS quotas"): the name AWS's
/// LimitExceeded message gives it, the limit, and the GetAccountSummary key that reports it, if any.
/// Each belongs to exactly one area of <see cref="Areas.IamAreas"/>.
/// </summary>
public sealed record Quota(string Name, int Limit, string? SummaryKey = null)
{
    /// <summary>AWS's LimitExceeded answer once the quota is reached.</summary>
    public IamException Exceeded() => IamErrors.Quota(Name, Limit);
}

/// <summary>IAM's default quotas, by area; the areas that own them are declared in <see cref="Areas.IamAreas"/>.</summary>
public static class Quotas
{
    // Users, groups and roles.
    public static readonly Quota UsersPerAccount = new("UsersPerAccount", 5000, "UsersQuota");
    public static readonly Quota GroupsPerAccount = new("GroupsPerAccount", 300, "GroupsQuota");
    public static readonly Quota GroupsPerUser = new("GroupsPerUser", 10, "GroupsPerUserQuota");
    public static readonly Quota RolesPerAccount = new("RolesPerAccount", 1000, "RolesQuota");
    public static readonly Quota TrustPolicySize = new("ACLSizePerRole", 2048, "AssumeRolePolicySizeQuota");
    public static readonly Quota TagsPerEntity = new("TagsPerEntity", 50);

    // Policies.
    public static readonly Quota CustomerManagedPoliciesPerAccount = new("PoliciesPerAccount", 1500, "PoliciesQuota");
    public static readonly Quota ManagedPolicySize = new("PolicySize", 6144, "PolicySizeQuota");
    public static readonly Quota VersionsPerPolicy = new("VersionsPerPolicy", 5, "VersionsPerPolicyQuota");
    public static readonly Quota PolicyVersionsInUsePerAccount = new("PolicyVersionsInUsePerAccount", 10000, "PolicyVersionsInUseQuota");
    public static readonly Quota ManagedPoliciesPerUser = new("PoliciesPerUser", 10, "AttachedPoliciesPerUserQuota");
    public static readonly Quota ManagedPoliciesPerGroup = new("PoliciesPerGroup", 10, "AttachedPoliciesPerGroupQuota");
    public static readonly Quota ManagedPoliciesPerRole = new("PoliciesPerRole", 10, "AttachedPoliciesPerRoleQuota");
    public static readonly Quota UserInlinePolicySize = new("UserPolicySize", 2048, "UserPolicySizeQuota");
    public static readonly Quota GroupInlinePolicySize = new("GroupPolicySize", 5120, "GroupPolicySizeQuota");
    public static readonly Quota RoleInlinePolicySize = new("RolePolicySize", 10240, "RolePolicySizeQuota");

    // Credentials.
    public static readonly Quota AccessKeysPerUser = new("AccessKeysPerUser", 2, "AccessKeysPerUserQuota");
    public static readonly Quota SigningCertificatesPerUser = new("CertificatesPerUser", 2, "SigningCertificatesPerUserQuota");
    public static readonly Quota SshPublicKeysPerUser = new("PublicKeysPerUser", 5);
    public static readonly Quota ServiceSpecificCredentialsPerUserPerService = new("ServiceSpecificCredentialsPerUserPerService", 2);
    public static readonly Quota MfaDevicesPerUser = new("MFADevicesPerUser", 8);

    // Instance profiles, certificates and identity providers.
    public static readonly Quota InstanceProfilesPerAccount = new("InstanceProfilesPerAccount", 1000, "InstanceProfilesQuota");
    public static readonly Quota RolesPerInstanceProfile = new("InstanceSessionsPerInstanceProfile", 1);
    public static readonly Quota ServerCertificatesPerAccount = new("ServerCertificatesPerAccount", 20, "ServerCertificatesQuota");
    public static readonly Quota OpenIdConnectProvidersPerAccount = new("OpenIdConnectProvidersPerAccount", 100);
    public static readonly Quota ClientIdsPerOpenIdConnectProvider = new("ClientIdsPerOpenIdConnectProvider", 100);
    public static readonly Quota SamlProvidersPerAccount = new("SAMLProvidersPerAccount", 100);
}
