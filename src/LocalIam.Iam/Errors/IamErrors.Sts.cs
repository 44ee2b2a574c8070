namespace LocalIam.Iam.Errors;

/// <summary>Texts for the STS operations of issue 12 (GetAccessKeyInfo, DecodeAuthorizationMessage, AssumeRoot, outbound federation); sources in docs/api.md.</summary>
public static partial class IamErrors
{
    /// <summary>LocalIam's words: AWS documents the error (a message with invalid characters, or expired), not its text.</summary>
    public static IamException AuthorizationMessageInvalid() =>
        new(IamErrorCode.InvalidAuthorizationMessageException, "The encoded authorization message is invalid or was not issued for this account.");

    /// <summary>LocalIam's words: a key id whose characters after its prefix are not base32 carries no account.</summary>
    public static IamException AccessKeyIdInvalid() => new(IamErrorCode.ValidationError, "The access key ID is not valid.");

    /// <summary>LocalIam's words: GetWebIdentityToken signs with RS256 or ES384, AWS's two algorithms.</summary>
    public static IamException SigningAlgorithmUnsupported(string algorithm) =>
        new(IamErrorCode.ValidationError, $"The signing algorithm {algorithm} is not supported. Use RS256 or ES384.");

    /// <summary>An access denial with its sealed explanation, in the form EC2 gives its encoded messages.</summary>
    public static string WithEncodedMessage(string denialMessage, string encoded) => $"{denialMessage}. Encoded authorization failure message: {encoded}";
}
