using LocalIam.Storage.Entities;

namespace LocalIam.Iam.Errors;

/// <summary>
/// AWS's texts for IAM's entity errors, word for word (sources in docs/iam-errors.md). One place,
/// so every service, the API and the console say the same thing.
/// </summary>
public static class IamErrors
{
    public static IamException NoSuchEntity(OwnerKind kind, string name) => new(IamErrorCode.NoSuchEntity, kind switch
    {
        OwnerKind.User => $"The user with name {name} cannot be found.",
        OwnerKind.Group => $"The group with name {name} cannot be found.",
        OwnerKind.Role => $"The role with name {name} cannot be found.",
        _ => $"Policy {name} was not found.",
    });

    public static IamException AlreadyExists(OwnerKind kind, string name) => new(IamErrorCode.EntityAlreadyExists, kind switch
    {
        OwnerKind.User => $"User with name {name} already exists.",
        OwnerKind.Group => $"Group with name {name} already exists.",
        OwnerKind.Role => $"Role with name {name} already exists.",
        _ => $"A policy called {name} already exists. Duplicate names are not allowed.",
    });

    public static IamException PolicyNotAttachable(string arn) =>
        new(IamErrorCode.NoSuchEntity, $"Policy {arn} does not exist or is not attachable.");

    public static IamException PolicyNotFound(string arn) => new(IamErrorCode.NoSuchEntity, $"Policy {arn} was not found.");

    public static IamException PolicyVersionNotFound(string arn, string versionId) =>
        new(IamErrorCode.NoSuchEntity, $"Policy {arn} version {versionId} does not exist or is not attachable.");

    public static IamException BoundaryNotFound(string arn) =>
        new(IamErrorCode.NoSuchEntity, $"Scope ARN: {arn} does not exist or is not attachable.");

    public static IamException InlinePolicyNotFound(OwnerKind kind, string policyName) =>
        new(IamErrorCode.NoSuchEntity, $"The {kind.ToString().ToLowerInvariant()} policy with name {policyName} cannot be found.");

    public static IamException LoginProfileNotFound(string userName) =>
        new(IamErrorCode.NoSuchEntity, $"Login Profile for User {userName} cannot be found.");

    public static IamException LoginProfileExists(string userName) =>
        new(IamErrorCode.EntityAlreadyExists, $"Login Profile for user {userName} already exists.");

    public static IamException AccessKeyNotFound(string accessKeyId) =>
        new(IamErrorCode.NoSuchEntity, $"The Access Key with id {accessKeyId} cannot be found.");

    public static IamException PasswordPolicyNotFound(string accountId) =>
        new(IamErrorCode.NoSuchEntity, $"The Password Policy with domain name {accountId} cannot be found.");

    public static IamException AccountPasswordPolicyNotFound() =>
        new(IamErrorCode.NoSuchEntity, "The account policy with name PasswordPolicy cannot be found.");

    public static IamException AliasExists(string alias) =>
        new(IamErrorCode.EntityAlreadyExists, $"The account alias {alias} already exists.");

    public static IamException DeleteConflict(string message) => new(IamErrorCode.DeleteConflict, message);

    public const string MustDetachPolicies = "Cannot delete entity, must detach all policies first.";
    public const string MustDeleteInlinePolicies = "Cannot delete entity, must delete policies first.";
    public const string MustDeleteAccessKeys = "Cannot delete entity, must delete access keys first.";
    public const string MustDeleteLoginProfile = "Cannot delete entity, must delete login profile first.";
    public const string MustRemoveUsersFromGroup = "Cannot delete entity, must remove users from group first.";
    public const string PolicyAttached = "Cannot delete a policy attached to entities.";
    public const string PolicyHasVersions =
        "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.";
    public const string DefaultVersion = "Cannot delete the default version of a policy.";

    public static IamException Quota(string quota, int limit) => new(IamErrorCode.LimitExceeded, $"Cannot exceed quota for {quota}: {limit}");

    public static IamException TooManyVersions() => new(IamErrorCode.LimitExceeded,
        "A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.");

    public static IamException InlinePolicySize(OwnerKind kind, string name, int limit) =>
        new(IamErrorCode.LimitExceeded, $"Maximum policy size of {limit} bytes exceeded for {kind.ToString().ToLowerInvariant()} {name}");

    public static IamException InvalidArn(string arn) => new(IamErrorCode.InvalidInput, $"ARN {arn} is not valid.");

    public static IamException PasswordPolicyViolation() =>
        new(IamErrorCode.PasswordPolicyViolation, "Password does not conform to the account password policy.");

    public static IamException MalformedPolicy(string message) => new(IamErrorCode.MalformedPolicyDocument, message);

    public static IamException InstanceProfileNotFound(string name) => new(IamErrorCode.NoSuchEntity, $"Instance Profile {name} cannot be found.");

    public static IamException InstanceProfileExists(string name) => new(IamErrorCode.EntityAlreadyExists, $"Instance Profile {name} already exists.");

    public static IamException RoleNotInInstanceProfile(string roleName, string profileName) =>
        new(IamErrorCode.NoSuchEntity, $"Role {roleName} in Instance Profile {profileName} cannot be found.");

    public const string MustRemoveRolesFromInstanceProfile = "Cannot delete entity, must remove roles from instance profile first.";
    public const string MustRemoveReferencedObjects = "Cannot delete entity, must remove referenced objects first.";
    public const string MustDeleteSigningCertificates = "Cannot delete entity, must delete signing certificates first.";

    public static IamException SshPublicKeyNotFound(string id) => new(IamErrorCode.NoSuchEntity, $"The Public Key with id {id} cannot be found.");

    public static IamException CertificateNotFound(string id) => new(IamErrorCode.NoSuchEntity, $"The Certificate with id {id} cannot be found.");

    /// <summary>AWS quotes the body it could not read.</summary>
    public static IamException MalformedCertificate(string body) => new(IamErrorCode.MalformedCertificate, $"Certificate {body} is malformed.");

    public static IamException ServiceCredentialNotFound(string id) => new(IamErrorCode.NoSuchEntity, $"No such credential {id} exists");

    public static IamException ServiceNotSupported(string serviceName) =>
        new(IamErrorCode.NoSuchEntity, $"No such service {serviceName} is supported for Service Specific Credentials");

    /// <summary>AWS's answer when a caller that is not an IAM user omits the user name.</summary>
    public static IamException UserNameRequired() =>
        new(IamErrorCode.ValidationError, "Must specify userName when calling with non-User credentials");

    public const string MustDeleteMfaDevice = "Cannot delete entity, must delete MFA device first.";

    public static IamException MfaDeviceNotFound(string serialNumber) =>
        new(IamErrorCode.NoSuchEntity, $"MFA Device with serial number {serialNumber} does not exist.");

    public static IamException MfaDeviceExists() => new(IamErrorCode.EntityAlreadyExists, "MFA device already exists.");

    public static IamException MfaDeviceInUse() => new(IamErrorCode.EntityAlreadyExists, "MFA Device is already in use.");

    public static IamException MfaDeviceInvalidForUser() => new(IamErrorCode.NoSuchEntity, "MFA Device invalid for user.");

    public static IamException MfaDeviceEnabled() => new(IamErrorCode.DeleteConflict, "MFA VirtualDevice in use. Must deactivate first.");

    public static IamException InvalidAuthenticationCode() =>
        new(IamErrorCode.InvalidAuthenticationCode, "Authentication code for device is not valid.");

    public static IamException OidcProviderNotFound(string arn) => new(IamErrorCode.NoSuchEntity, $"OpenIDConnect Provider not found for arn {arn}");

    /// <summary>DeleteOpenIDConnectProvider words it differently from the other operations.</summary>
    public static IamException OidcProviderNotFoundOnDelete(string arn) =>
        new(IamErrorCode.NoSuchEntity, $"OpenId connect Provider {arn} cannot be found.");

    public static IamException OidcProviderExists(string url) => new(IamErrorCode.EntityAlreadyExists, $"Provider with url {url} already exists.");

    public static IamException SamlProviderNotFound(string arn) => new(IamErrorCode.NoSuchEntity, $"Manifest not found for arn {arn}");

    public static IamException SamlProviderExists(string name) => new(IamErrorCode.EntityAlreadyExists, $"Provider with name {name} already exists.");

    public static IamException SamlMetadataInvalid() => new(IamErrorCode.InvalidInput, "Could not parse metadata");

    public static IamException ServerCertificateNotFound(string name) =>
        new(IamErrorCode.NoSuchEntity, $"The Server Certificate with name {name} cannot be found.");

    public static IamException ServerCertificateExists(string name) =>
        new(IamErrorCode.EntityAlreadyExists, $"The Server Certificate with name {name} already exists.");

    /// <summary>AWS answers the same for a certificate, chain or private key it cannot read.</summary>
    public static IamException MalformedCertificate() =>
        new(IamErrorCode.MalformedCertificate, "Unable to parse certificate. Please ensure the certificate is in PEM format.");

    public static IamException KeyPairMismatch() => new(IamErrorCode.KeyPairMismatch, "Public key certificate and private key doesn't match.");
}
