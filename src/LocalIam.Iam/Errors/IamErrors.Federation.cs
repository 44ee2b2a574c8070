namespace LocalIam.Iam.Errors;

/// <summary>IAM's texts for identity providers: OpenID Connect and SAML.</summary>
public static partial class IamErrors
{
    public static IamException OidcProviderNotFound(string arn) => new(IamErrorCode.NoSuchEntity, $"OpenIDConnect Provider not found for arn {arn}");

    /// <summary>DeleteOpenIDConnectProvider words it differently from the other operations.</summary>
    public static IamException OidcProviderNotFoundOnDelete(string arn) =>
        new(IamErrorCode.NoSuchEntity, $"OpenId connect Provider {arn} cannot be found.");

    public static IamException OidcProviderExists(string url) => new(IamErrorCode.EntityAlreadyExists, $"Provider with url {url} already exists.");

    /// <summary>An issuer URL that is not https:// without port, query or fragment.</summary>
    public static IamException OidcProviderUrlInvalid() => new(IamErrorCode.ValidationError, "Invalid Open ID Connect Provider URL");

    public static IamException ThumbprintListTooLong() => new(IamErrorCode.InvalidInput, "Thumbprint list must contain fewer than 5 entries.");

    /// <summary>LocalIam's words: AWS's text for a thumbprint that is not hexadecimal is not recorded.</summary>
    public static IamException ThumbprintInvalid(string thumbprint) =>
        new(IamErrorCode.InvalidInput, $"Thumbprint {thumbprint} is not a 40-character hexadecimal SHA-1 fingerprint.");

    public static IamException SamlProviderNotFound(string arn) => new(IamErrorCode.NoSuchEntity, $"Manifest not found for arn {arn}");

    public static IamException SamlProviderExists(string name) => new(IamErrorCode.EntityAlreadyExists, $"Provider with name {name} already exists.");

    public static IamException SamlMetadataInvalid() => new(IamErrorCode.InvalidInput, "Could not parse metadata");
}
