namespace LocalIam.Iam.Errors;

/// <summary>IAM's texts for user credentials: passwords, access keys, SSH keys, signing certificates, service-specific credentials, MFA devices and the credential report.</summary>
public static partial class IamErrors
{
    public static IamException LoginProfileNotFound(string userName) =>
        new(IamErrorCode.NoSuchEntity, $"Login Profile for User {userName} cannot be found.");

    public static IamException LoginProfileExists(string userName) =>
        new(IamErrorCode.EntityAlreadyExists, $"Login Profile for user {userName} already exists.");

    public static IamException PasswordPolicyViolation() =>
        new(IamErrorCode.PasswordPolicyViolation, "Password does not conform to the account password policy.");

    /// <summary>LocalIam's words: AWS's text for a wrong old password was not found (docs/storage.md).</summary>
    public static IamException OldPasswordIncorrect() => new(IamErrorCode.InvalidInput, "The old password is incorrect.");

    /// <summary>ChangePassword called with root's or a session's credentials.</summary>
    public static IamException OnlyUsersChangeTheirPassword() => new(IamErrorCode.InvalidUserType, "Only IAM users can change their own password.");

    public static IamException AccessKeyNotFound(string accessKeyId) =>
        new(IamErrorCode.NoSuchEntity, $"The Access Key with id {accessKeyId} cannot be found.");

    /// <summary>LocalIam's words: an access key id taken already (only a chosen root key id can collide).</summary>
    public static IamException AccessKeyExists(string accessKeyId) => new(IamErrorCode.EntityAlreadyExists, $"Access key {accessKeyId} already exists.");

    /// <summary>AWS's answer when a caller that is not an IAM user omits the user name.</summary>
    public static IamException UserNameRequired() =>
        new(IamErrorCode.ValidationError, "Must specify userName when calling with non-User credentials");

    public static IamException SshPublicKeyNotFound(string id) => new(IamErrorCode.NoSuchEntity, $"The Public Key with id {id} cannot be found.");

    public static IamException DuplicateSshPublicKey() => new(IamErrorCode.DuplicateSSHPublicKey,
        "The request was rejected because the SSH public key is already associated with the specified IAM user.");

    // AWS's sentences for these two errors are not recorded anywhere we found: these are the service model's.
    public static IamException SshPublicKeyInvalid() =>
        new(IamErrorCode.InvalidPublicKey, "The request was rejected because the public key is malformed or otherwise invalid.");

    public static IamException SshPublicKeyEncodingUnrecognized() =>
        new(IamErrorCode.UnrecognizedPublicKeyEncoding, "The request was rejected because the public key encoding format is unsupported or unrecognized.");

    public static IamException CertificateNotFound(string id) => new(IamErrorCode.NoSuchEntity, $"The Certificate with id {id} cannot be found.");

    /// <summary>AWS quotes the body it could not read.</summary>
    public static IamException MalformedCertificate(string body) => new(IamErrorCode.MalformedCertificate, $"Certificate {body} is malformed.");

    public static IamException DuplicateSigningCertificate() => new(IamErrorCode.DuplicateCertificate,
        "The request was rejected because the same certificate is associated with an IAM user in the account.");

    public static IamException ServiceCredentialNotFound(string id) => new(IamErrorCode.NoSuchEntity, $"No such credential {id} exists");

    public static IamException ServiceNotSupported(string serviceName) =>
        new(IamErrorCode.NoSuchEntity, $"No such service {serviceName} is supported for Service Specific Credentials");

    public const string MustDeleteMfaDevice = "Cannot delete entity, must delete MFA device first.";

    public static IamException MfaDeviceNotFound(string serialNumber) =>
        new(IamErrorCode.NoSuchEntity, $"MFA Device with serial number {serialNumber} does not exist.");

    public static IamException MfaDeviceExists() => new(IamErrorCode.EntityAlreadyExists, "MFA device already exists.");

    public static IamException MfaDeviceInUse() => new(IamErrorCode.EntityAlreadyExists, "MFA Device is already in use.");

    public static IamException MfaDeviceInvalidForUser() => new(IamErrorCode.NoSuchEntity, "MFA Device invalid for user.");

    public static IamException MfaDeviceEnabled() => new(IamErrorCode.DeleteConflict, "MFA VirtualDevice in use. Must deactivate first.");

    public static IamException InvalidAuthenticationCode() =>
        new(IamErrorCode.InvalidAuthenticationCode, "Authentication code for device is not valid.");

    /// <summary>Before the first GenerateCredentialReport AWS answers ReportNotPresent (410), with no message.</summary>
    public static IamException CredentialReportNotPresent() => new(IamErrorCode.ReportNotPresent, string.Empty);
}
