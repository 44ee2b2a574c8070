namespace LocalIam.Iam.Errors;

/// <summary>AWS's IAM error codes, with the HTTP status AWS sends for each.</summary>
public enum IamErrorCode
{
    NoSuchEntity,
    EntityAlreadyExists,
    DeleteConflict,
    LimitExceeded,
    MalformedPolicyDocument,
    InvalidInput,
    ValidationError,
    PasswordPolicyViolation,
    InvalidUserType,
    AccessDenied,
    InvalidPublicKey,
    UnrecognizedPublicKeyEncoding,
    DuplicateSSHPublicKey,
    MalformedCertificate,
    InvalidCertificate,
    DuplicateCertificate,
    NotSupportedService,
    ReportNotPresent,
    ReportExpired,
    ReportInProgress,
    InvalidAuthenticationCode,
    KeyPairMismatch,

    /// <summary>A service-linked role: only its service may change or delete it.</summary>
    UnmodifiableEntity,

    // The Organizations features: no error element in AWS's model, so the shape's name is the code (status 400).
    OrganizationNotFoundException,

    /// <summary>Outbound web identity federation already disabled (404) or already enabled (409).</summary>
    FeatureDisabled,
    FeatureEnabled,

    /// <summary>STS: the outbound web identity federation feature is off for the account (403).</summary>
    OutboundWebIdentityFederationDisabledException,

    /// <summary>STS: GetWebIdentityToken asked for a token that would outlive the session that asks (403).</summary>
    SessionDurationEscalationException,

    /// <summary>STS: DecodeAuthorizationMessage given a message this server did not encode, or one altered.</summary>
    InvalidAuthorizationMessageException,

    /// <summary>STS: GetDelegatedAccessToken with a trade-in token that cannot be exchanged.</summary>
    ExpiredTradeInTokenException,

    /// <summary>STS: a parameter value AWS refuses beyond its model constraints (session tags).</summary>
    InvalidParameterValue,

    /// <summary>STS: session policies and tags too large for the session token's packed format.</summary>
    PackedPolicyTooLarge,

    /// <summary>STS federation: a web identity token or SAML assertion that cannot be validated.</summary>
    InvalidIdentityToken,

    /// <summary>STS federation: a token or assertion past its expiry (the code ends in Exception on the wire, as STS's model has it).</summary>
    ExpiredTokenException,

    /// <summary>STS federation: the identity provider's claims are refused (status 403).</summary>
    IDPRejectedClaim,

    // Cost Explorer and Budgets (AWS JSON 1.1): their codes end in Exception on the wire, all with status 400.
    ValidationException,
    DataUnavailableException,
    InvalidNextTokenException,
    RequestChangedException,
    LimitExceededException,
    NotFoundException,
    DuplicateRecordException,
    InvalidParameterException,
    CreationLimitExceededException,
    ExpiredNextTokenException,
}

public static class IamErrorCodeExtensions
{
    public static int HttpStatus(this IamErrorCode code) => code switch
    {
        IamErrorCode.NoSuchEntity or IamErrorCode.NotSupportedService or IamErrorCode.ReportInProgress or IamErrorCode.FeatureDisabled => 404,
        IamErrorCode.EntityAlreadyExists or IamErrorCode.DeleteConflict or IamErrorCode.LimitExceeded or IamErrorCode.DuplicateCertificate
            or IamErrorCode.FeatureEnabled => 409,
        IamErrorCode.ReportNotPresent or IamErrorCode.ReportExpired => 410,
        IamErrorCode.AccessDenied or IamErrorCode.InvalidAuthenticationCode or IamErrorCode.IDPRejectedClaim
            or IamErrorCode.OutboundWebIdentityFederationDisabledException or IamErrorCode.SessionDurationEscalationException => 403,
        _ => 400,
    };
}

/// <summary>
/// An IAM request that AWS would refuse, with AWS's code and message. Services throw it; the API
/// turns it into AWS's error envelope. The transaction it escapes from saves nothing.
/// </summary>
public sealed class IamException(IamErrorCode code, string message) : Exception(message)
{
    public IamErrorCode Code { get; } = code;

    public int HttpStatus => Code.HttpStatus();
}
