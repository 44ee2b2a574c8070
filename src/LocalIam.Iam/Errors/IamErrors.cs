using LocalIam.Storage.Entities;

namespace LocalIam.Iam.Errors;

/// <summary>
/// AWS's texts for IAM's errors, word for word (sources in docs/iam-errors.md). One place, so every
/// service, the API and the console say the same thing; by area: entities and policies here,
/// credentials, federation, the account and validation in the other <c>IamErrors.*.cs</c> files.
/// No text is written anywhere else (a test in LocalIam.Server.Tests finds any that is).
/// </summary>
public static partial class IamErrors
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

    /// <summary>A policy to attach that is not an ARN at all (AWS's recorded text, with its two spaces).</summary>
    public static IamException ArnNotParsed() => new(IamErrorCode.ValidationError, "Invalid ARN:  Could not be parsed!");

    /// <summary>The message is the policy parser's, in AWS's words (LocalIam.Policy's <c>AwsPolicyMessages</c>).</summary>
    public static IamException MalformedPolicy(string message) => new(IamErrorCode.MalformedPolicyDocument, message);

    /// <summary>The context-key operations' policy inputs: the parser's message, under InvalidInput, the one error AWS models there.</summary>
    public static IamException PolicyInputInvalid(string message) => new(IamErrorCode.InvalidInput, message);

    /// <summary>The message is the engine's decision, in AWS's form plus LocalIam's reason (LocalIam.Policy's <c>DecisionMessages</c>).</summary>
    public static IamException AccessDenied(string message) => new(IamErrorCode.AccessDenied, message);

    public static IamException TagKeyReserved() => new(IamErrorCode.InvalidInput, TagKeyReservedText);

    public static IamException DuplicateTagKeys() => new(IamErrorCode.InvalidInput, DuplicateTagKeysText);

    /// <summary>LocalIam's choice where AWS's text is not recorded: more than 50 tags once the new ones are merged in.</summary>
    public static IamException TooManyTags() => new(IamErrorCode.LimitExceeded, "The number of tags has reached the maximum limit.");

    // STS refuses the same tags with the same words under another code (StsErrors).
    internal const string TagKeyReservedText = "Tag keys beginning with aws: are reserved for system use.";
    internal const string DuplicateTagKeysText = "Duplicate tag keys found. Please note that Tag keys are case insensitive.";

    public static IamException InstanceProfileNotFound(string name) => new(IamErrorCode.NoSuchEntity, $"Instance Profile {name} cannot be found.");

    public static IamException InstanceProfileExists(string name) => new(IamErrorCode.EntityAlreadyExists, $"Instance Profile {name} already exists.");

    public static IamException RoleNotInInstanceProfile(string roleName, string profileName) =>
        new(IamErrorCode.NoSuchEntity, $"Role {roleName} in Instance Profile {profileName} cannot be found.");

    public const string MustRemoveRolesFromInstanceProfile = "Cannot delete entity, must remove roles from instance profile first.";
    public const string MustRemoveReferencedObjects = "Cannot delete entity, must remove referenced objects first.";
    public const string MustDeleteSigningCertificates = "Cannot delete entity, must delete signing certificates first.";

    public static IamException ServerCertificateNotFound(string name) =>
        new(IamErrorCode.NoSuchEntity, $"The Server Certificate with name {name} cannot be found.");

    public static IamException ServerCertificateExists(string name) =>
        new(IamErrorCode.EntityAlreadyExists, $"The Server Certificate with name {name} already exists.");

    /// <summary>AWS answers the same for a certificate, chain or private key it cannot read.</summary>
    public static IamException MalformedCertificate() =>
        new(IamErrorCode.MalformedCertificate, "Unable to parse certificate. Please ensure the certificate is in PEM format.");

    public static IamException KeyPairMismatch() => new(IamErrorCode.KeyPairMismatch, "Public key certificate and private key doesn't match.");
}
