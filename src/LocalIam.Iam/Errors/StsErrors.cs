namespace LocalIam.Iam.Errors;

/// <summary>STS's error texts, as AWS words them (docs/sts.md says which are LocalIam's where AWS's are unknown).</summary>
public static class StsErrors
{
    public static IamException InvalidArn(string arn) => new(IamErrorCode.ValidationError, $"{arn} is invalid");

    public static IamException ChainedDurationTooLong() =>
        new(IamErrorCode.ValidationError, "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");

    public static IamException DurationAboveRoleMaximum() =>
        new(IamErrorCode.ValidationError, "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");

    public static IamException RootMayNotAssumeRoles() => new(IamErrorCode.AccessDenied, "Roles may not be assumed by root accounts.");

    public static IamException SessionCredentialsCannotGetSessionToken() =>
        new(IamErrorCode.AccessDenied, "Cannot call GetSessionToken with session credentials");

    public static IamException SessionCredentialsCannotGetFederationToken() =>
        new(IamErrorCode.AccessDenied, "Cannot call GetFederationToken with session credentials");

    /// <summary>LocalIam's words: AWS discourages GetFederationToken with root's keys; LocalIam serves it to IAM users.</summary>
    public static IamException FederationTokenForIamUsersOnly() =>
        new(IamErrorCode.AccessDenied, "GetFederationToken must be called with the long-term access keys of an IAM user");

    public static IamException MfaDeviceNotTheCallers() => new(IamErrorCode.AccessDenied,
        "MultiFactorAuthentication failed, unable to validate MFA code. Please verify your MFA serial number is valid and associated with this user.");

    public static IamException MfaCodeInvalid() => new(IamErrorCode.AccessDenied, "MultiFactorAuthentication failed with invalid MFA one time pass code.");

    public static IamException NotAuthorized(string callerArn, string action, string resource) =>
        new(IamErrorCode.AccessDenied, $"User: {callerArn} is not authorized to perform: {action} on resource: {resource}");

    /// <summary>LocalIam's words: AWS's text for a managed session policy that does not exist is not documented.</summary>
    public static IamException SessionPolicyNotUsable(string arn) =>
        new(IamErrorCode.MalformedPolicyDocument, $"Policy {arn} does not exist or is not attachable.");

    /// <summary>LocalIam's words: AWS documents the rule (a source identity cannot change in a chain), not its error.</summary>
    public static IamException SourceIdentityChanged() =>
        new(IamErrorCode.InvalidParameterValue, "The source identity of the calling session cannot be changed.");

    public static IamException SessionTagKeysDuplicate() => new(IamErrorCode.InvalidParameterValue, IamErrors.DuplicateTagKeysText);

    public static IamException SessionTagKeyReserved() => new(IamErrorCode.InvalidParameterValue, IamErrors.TagKeyReservedText);

    public static IamException TransitiveTagKeyNotPassed() =>
        new(IamErrorCode.InvalidParameterValue, "The specified transitive tag key must be included in the requested tags.");

    public static IamException TransitiveTagKeyConflict() => new(IamErrorCode.InvalidParameterValue,
        "One of the specified transitive tag keys can't be set because it conflicts with a transitive tag key from the calling session.");

    public static IamException PackedTagsTooLarge(int percent) =>
        new(IamErrorCode.PackedPolicyTooLarge, $"Packed size of session tags consumes {percent}% of allotted space.");

    public static IamException PackedPolicyTooLarge(int percent) =>
        new(IamErrorCode.PackedPolicyTooLarge, $"Packed policy consumes {percent}% of allotted space, please use smaller policy.");
}
