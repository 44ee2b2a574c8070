namespace LocalIam.Iam.Errors;

/// <summary>
/// What IAM answers a stand-alone account (no AWS Organizations) for the organization features,
/// and the states of outbound web identity federation and delegation requests. AWS's texts for
/// these are not recorded; each is LocalIam's, in AWS's form, from the model's description of the
/// error (docs/api.md, "Operations that need an organization").
/// </summary>
public static partial class IamErrors
{
    public static IamException OrganizationNotFound() =>
        new(IamErrorCode.OrganizationNotFoundException, "The request was rejected because no organization is associated with your account.");

    public static IamException OutboundFederationAlreadyEnabled() =>
        new(IamErrorCode.FeatureEnabled, "Outbound identity federation is already enabled for your account.");

    public static IamException OutboundFederationAlreadyDisabled() =>
        new(IamErrorCode.FeatureDisabled, "Outbound identity federation is disabled for your account.");

    public static IamException OutboundFederationDisabled() => new(IamErrorCode.OutboundWebIdentityFederationDisabledException,
        "The outbound web identity federation feature is not enabled for this account.");

    /// <summary>The model's text for a token that would outlive the caller's session.</summary>
    public static IamException SessionDurationEscalation() => new(IamErrorCode.SessionDurationEscalationException,
        "The requested token duration would extend the session beyond its original expiration time.");

    /// <summary>No delegation request exists in LocalIam: only onboarded AWS partners create them.</summary>
    public static IamException DelegationRequestNotFound(string id) => new(IamErrorCode.NoSuchEntity, $"The delegation request with id {id} cannot be found.");

    public static IamException NotADelegationPartner() =>
        new(IamErrorCode.InvalidInput, "Delegation requests can be created only by partners onboarded for temporary access delegation.");

    public static IamException AssumeRootRefused(string callerArn, string rootArn) =>
        new(IamErrorCode.AccessDenied, $"User: {callerArn} is not authorized to perform: sts:AssumeRoot on resource: {rootArn}");

    /// <summary>The model's one trade-in token error: LocalIam issues no trade-in tokens, so none can be exchanged.</summary>
    public static IamException TradeInTokenExpired() => new(IamErrorCode.ExpiredTradeInTokenException,
        "The trade-in token provided in the request has expired and can no longer be exchanged for credentials.");
}
