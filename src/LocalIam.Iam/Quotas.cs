namespace LocalIam.Iam;

/// <summary>IAM's default quotas (IAM User Guide, "IAM and AWS STS quotas").</summary>
public static class Quotas
{
    public const int UsersPerAccount = 5000;
    public const int GroupsPerAccount = 300;
    public const int RolesPerAccount = 1000;
    public const int CustomerManagedPoliciesPerAccount = 1500;
    public const int GroupsPerUser = 10;
    public const int ManagedPoliciesPerUser = 10;
    public const int ManagedPoliciesPerGroup = 10;
    public const int ManagedPoliciesPerRole = 10;
    public const int AccessKeysPerUser = 2;
    public const int VersionsPerPolicy = 5;
    public const int TagsPerEntity = 50;
    public const int ManagedPolicySize = 6144;
    public const int UserInlinePolicySize = 2048;
    public const int GroupInlinePolicySize = 5120;
    public const int RoleInlinePolicySize = 10240;
    public const int TrustPolicySize = 2048;
    public const int PolicyVersionsInUsePerAccount = 10000;
    public const int SigningCertificatesPerUser = 2;
    public const int InstanceProfilesPerAccount = 1000;
    public const int ServerCertificatesPerAccount = 20;
    public const int RolesPerInstanceProfile = 1;
    public const int SshPublicKeysPerUser = 5;
    public const int ServiceSpecificCredentialsPerUserPerService = 2;
}
