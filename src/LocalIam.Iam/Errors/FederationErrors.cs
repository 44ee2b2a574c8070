using System.Globalization;
using LocalIam.Iam.Errors;

namespace LocalIam.Iam.Errors;

/// <summary>
/// STS's texts for AssumeRoleWithWebIdentity and AssumeRoleWithSAML. Where AWS's words are recorded
/// (the error codes from STS's model; the messages as clients report them, docs/federation.md) they
/// are used; the rest say LocalIam's words in STS's form.
/// </summary>
public static class FederationErrors
{
    /// <summary>STS's model's description of InvalidIdentityToken, for a token whose signature does not verify.</summary>
    public const string NotValidatedText =
        "The web identity token that was passed could not be validated by Amazon Web Services. Get a new identity token from the identity provider and then retry the request.";

    public static IamException NotAJwt() =>
        new(IamErrorCode.InvalidIdentityToken, "The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)");

    public static IamException NoOidcProvider(string issuer) =>
        new(IamErrorCode.InvalidIdentityToken, $"No OpenIDConnect provider found in your account for {issuer}");

    public static IamException IncorrectAudience() => new(IamErrorCode.InvalidIdentityToken, "Incorrect token audience");

    public static IamException SignatureInvalid() => new(IamErrorCode.InvalidIdentityToken, NotValidatedText);

    /// <summary>LocalIam's words: a token signed by a key whose certificate the provider's thumbprints do not list.</summary>
    public static IamException KeyNotTrusted() =>
        new(IamErrorCode.InvalidIdentityToken, "The signing certificate of the token is not in the thumbprint list of the OpenIDConnect provider");

    /// <summary>LocalIam's words: only RS256 and ES256 are verified; alg=none and HMAC never.</summary>
    public static IamException AlgorithmNotSupported(string alg) =>
        new(IamErrorCode.InvalidIdentityToken, $"Unsupported signing algorithm {alg}");

    public static IamException MissingClaim(string claim) => new(IamErrorCode.InvalidIdentityToken, $"Missing a required claim: {claim}");

    /// <summary>AWS's form, the times in seconds since the epoch.</summary>
    public static IamException TokenExpired(DateTimeOffset now, DateTimeOffset expiry) => new(IamErrorCode.ExpiredTokenException,
        string.Create(CultureInfo.InvariantCulture, $"Token expired: current date/time {now.ToUnixTimeSeconds()} must be before the expiration date/time {expiry.ToUnixTimeSeconds()}"));

    public static IamException TokenNotYetValid() => new(IamErrorCode.InvalidIdentityToken, "Token is not yet valid (nbf)");

    /// <summary>The web identity subject is 6 to 255 characters in STS's model.</summary>
    public static IamException SubjectInvalid() => new(IamErrorCode.IDPRejectedClaim, "The subject (sub) claim of the token is not valid");

    public static IamException TagsClaimInvalid() => new(IamErrorCode.InvalidIdentityToken, "The https://aws.amazon.com/tags claim is not valid");

    public static IamException NotAuthorized(string action) => new(IamErrorCode.AccessDenied, $"Not authorized to perform {action}");

    // SAML.
    public static IamException SamlInvalid() => new(IamErrorCode.InvalidIdentityToken, "Invalid SAML response");

    public static IamException SamlSignatureInvalid() => new(IamErrorCode.InvalidIdentityToken, "Response signature invalid");

    public static IamException SamlProviderMissing() => new(IamErrorCode.InvalidIdentityToken, "Specified provider doesn't exist");

    public static IamException SamlIssuerMismatch() =>
        new(IamErrorCode.InvalidIdentityToken, "Issuer of the SAML response does not match the entity of the provider's metadata");

    public static IamException SamlAudienceInvalid() =>
        new(IamErrorCode.InvalidIdentityToken, "SAML response does not name https://signin.aws.amazon.com/saml as its audience");

    public static IamException SamlRoleMissing() =>
        new(IamErrorCode.InvalidIdentityToken, "Role and provider pair not found in the SAML assertion's https://aws.amazon.com/SAML/Attributes/Role attribute");

    public static IamException SamlSessionNameMissing() => new(IamErrorCode.InvalidIdentityToken, "RoleSessionName is required in AuthnResponse");

    public static IamException SamlSessionNameInvalid() =>
        new(IamErrorCode.InvalidIdentityToken, "RoleSessionName in AuthnResponse must match [a-zA-Z_0-9+=,.@-]{2,64}");

    public static IamException SamlPrincipalOutsideAccount() =>
        new(IamErrorCode.AccessDenied, "Principal exists outside the account of the Role being assumed.");
}
