namespace LocalIam.Aws.Errors;

/// <summary>An error as AWS reports it: code, HTTP status, message, and whether the caller is at fault.</summary>
public sealed record AwsError(string Code, int Status, string Message, bool SenderFault = true)
{
    public static AwsError MissingAuthenticationToken() =>
        new("MissingAuthenticationToken", 403, "Request is missing Authentication Token");

    public static AwsError InvalidClientTokenId() =>
        new("InvalidClientTokenId", 403, "The security token included in the request is invalid.");

    public static AwsError ExpiredToken() =>
        new("ExpiredToken", 403, "The security token included in the request is expired");

    public static AwsError SignatureDoesNotMatch(string? detail = null) => new("SignatureDoesNotMatch", 403, detail ??
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");

    public static AwsError IncompleteSignature(string message) => new("IncompleteSignature", 400, message);

    public static AwsError InvalidAction(string action) =>
        new("InvalidAction", 400, $"Could not find operation {action} for version 2010-05-08");

    public static AwsError MissingAction() => new("MissingAction", 400, "Missing Action");

    public static AwsError AccessDenied(string message) => new("AccessDenied", 403, message);

    public static AwsError ValidationError(string message) => new("ValidationError", 400, message);

    /// <summary>A parameter that cannot be read as its type, or bytes that are not UTF-8.</summary>
    public static AwsError MalformedQueryString(string message) => new("MalformedQueryString", 400, message);

    public static AwsError InternalFailure() => new("InternalFailure", 500, "The request processing has failed because of an unknown error.", SenderFault: false);
}
