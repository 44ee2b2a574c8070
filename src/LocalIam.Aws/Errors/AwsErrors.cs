using System.Globalization;
using System.Text;
using LocalIam.Aws.SigV4;

namespace LocalIam.Aws.Errors;

/// <summary>
/// AWS's protocol-level error texts, word for word: signing, routing, the Query and JSON protocols,
/// the grammar of model validation, and the failures of the request itself (sources in docs/api.md).
/// The only place a protocol text is written; IAM's and STS's own texts are in LocalIam.Iam's
/// <c>IamErrors</c> and <c>StsErrors</c>, which this layer cannot see.
/// </summary>
public static class AwsErrors
{
    // Authentication and signing (SigV4).

    public static AwsError MissingAuthenticationToken() =>
        new("MissingAuthenticationToken", 403, "Request is missing Authentication Token");

    public static AwsError InvalidClientTokenId() =>
        new("InvalidClientTokenId", 403, "The security token included in the request is invalid.");

    public static AwsError ExpiredToken() =>
        new("ExpiredToken", 403, "The security token included in the request is expired");

    public static AwsError SignatureDoesNotMatch() => SignatureDoesNotMatch(
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");

    public static AwsError UnsupportedAlgorithm(string algorithm) => IncompleteSignature($"Unsupported AWS 'algorithm': '{algorithm}'");

    public static AwsError AuthorizationPartRepeated(string part) =>
        IncompleteSignature($"Authorization header has '{part}' more than once. Authorization={SigV4Parser.Algorithm}");

    /// <summary>The Authorization header lacks parts, or the request has no date: every one named in one message.</summary>
    public static AwsError AuthorizationHeaderIncomplete(IEnumerable<string> missingParts, bool dateMissing)
    {
        var messages = missingParts.Select(k => $"Authorization header requires '{k}' parameter.").ToList();
        if (dateMissing)
        {
            messages.Add("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        }

        return IncompleteSignature($"{string.Join(" ", messages)} Authorization={SigV4Parser.Algorithm}");
    }

    public static AwsError PresignedQueryIncomplete(IEnumerable<string> missingParameters) => IncompleteSignature(
        string.Join(" ", missingParameters.Select(k => $"AWS query-string parameters must include '{k}'.")) + " Re-examine the query-string parameters.");

    public static AwsError CredentialMalformed(string credential) =>
        IncompleteSignature($"Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '{credential}'");

    public static AwsError HostNotSigned() => IncompleteSignature("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");

    public static AwsError DateNotBasicFormat(string amzDate) =>
        IncompleteSignature($"Date must be in ISO-8601 'basic format'. Got '{amzDate}'. See http://en.wikipedia.org/wiki/ISO_8601");

    /// <summary>
    /// What is wrong with the credential scope, all in one message as AWS reports it; each argument
    /// is null where that part is right.
    /// </summary>
    public static AwsError CredentialScopeMismatch(string? wrongRegion, string? expectedService, string? wrongTerminator, string? wrongDate, string amzDate)
    {
        var message = new StringBuilder();
        if (wrongRegion is not null)
        {
            message.Append("Credential should be scoped to a valid region, not '").Append(wrongRegion).Append("'. ");
        }

        if (expectedService is not null)
        {
            message.Append("Credential should be scoped to correct service: '").Append(expectedService).Append("'. ");
        }

        if (wrongTerminator is not null)
        {
            message.Append("Credential should be scoped with a valid terminator: 'aws4_request', not '").Append(wrongTerminator).Append("'. ");
        }

        if (wrongDate is not null)
        {
            message.Append("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '")
                .Append(wrongDate).Append("' != '").Append(amzDate[..8]).Append("', from '").Append(amzDate).Append("'.");
        }

        return SignatureDoesNotMatch(message.ToString());
    }

    /// <summary>Signed more than the allowed skew ahead of the server's clock; times as <c>yyyyMMddTHHmmssZ</c>.</summary>
    public static AwsError SignatureNotYetCurrent(string signedAt, string latest, string now) =>
        SignatureDoesNotMatch($"Signature not yet current: {signedAt} is still later than {latest} ({now} + 15 min.)");

    /// <summary>A presigned URL past its X-Amz-Expires.</summary>
    public static AwsError PresignedUrlExpired(string expires, string now) => SignatureDoesNotMatch($"Signature expired: {expires} is now earlier than {now}");

    /// <summary>Signed more than the allowed skew before the server's clock.</summary>
    public static AwsError SignatureExpired(string signedAt, string earliest, string now) =>
        SignatureDoesNotMatch($"Signature expired: {signedAt} is now earlier than {earliest} ({now} - 15 min.)");

    /// <summary>The texts are AWS's S3 wording for X-Amz-Expires, the only one it documents.</summary>
    public static AwsError ExpiresNotANumber() => QueryParametersError("X-Amz-Expires should be a number");

    public static AwsError ExpiresNegative() => QueryParametersError("X-Amz-Expires must be non-negative");

    public static AwsError ExpiresOverAWeek(int maxSeconds) => QueryParametersError(
        $"X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than {maxSeconds} seconds");

    // Routing and the request itself.

    public static AwsError MissingAction() => new("MissingAction", 400, "Missing Action");

    /// <summary>An action the service does not have, or a version it does not answer.</summary>
    public static AwsError InvalidAction(string action, string? version) =>
        new("InvalidAction", 400, $"Could not find operation {action} for version {version ?? "NO_VERSION_SPECIFIED"}");

    /// <summary>A JSON-protocol target no service here has.</summary>
    public static AwsError UnknownOperation(string target) => new("UnknownOperationException", 400, $"Unknown operation {target}");

    /// <summary>The Query protocol's denial; the message is the engine's (AWS's form plus LocalIam's reason).</summary>
    public static AwsError AccessDenied(string message) => new("AccessDenied", 403, message);

    /// <summary>The JSON protocol's denial, with the same message.</summary>
    public static AwsError AccessDeniedException(string message) => new("AccessDeniedException", 403, message);

    /// <summary>An error a service raised (IAM's or STS's), carried into the envelope as it is.</summary>
    public static AwsError OfService(string code, int status, string message) => new(code, status, message);

    /// <summary>LocalIam's words: the web server refused the body (413 when over its limit), before AWS's checks could run.</summary>
    public static AwsError RequestTooLarge(int status) =>
        new(status == 413 ? "RequestEntityTooLarge" : "InvalidRequest", status, "The request is larger than the server accepts.");

    /// <summary>LocalIam's words: the web server could not read the request.</summary>
    public static AwsError RequestNotRead(int status) => new("InvalidRequest", status, "The request could not be read.");

    /// <summary>
    /// The same error with the ARNs its message quotes written in another partition (<c>arn:aws:</c> as
    /// <c>arn:aws-cn:</c>), except <paramref name="asWritten"/>: values the caller sent, quoted as sent.
    /// </summary>
    public static AwsError WithArnsInPartition(AwsError error, string partition, IEnumerable<string> asWritten)
    {
        var message = error.Message.Replace("arn:aws:", $"arn:{partition}:", StringComparison.Ordinal);
        foreach (var value in asWritten)
        {
            message = message.Replace(value.Replace("arn:aws:", $"arn:{partition}:", StringComparison.Ordinal), value, StringComparison.Ordinal);
        }

        return error with { Message = message };
    }

    /// <summary>The same error with each ARN parameter it quotes in its stored form quoted as the caller sent it.</summary>
    public static AwsError WithArnsAsSent(AwsError error, IEnumerable<(string Stored, string Sent)> translated)
    {
        var message = error.Message;
        foreach (var (stored, sent) in translated)
        {
            message = message.Replace(stored, sent, StringComparison.Ordinal);
        }

        return message == error.Message ? error : error with { Message = message };
    }

    public static AwsError InternalFailure() => new("InternalFailure", 500, "The request processing has failed because of an unknown error.", SenderFault: false);

    // The Query protocol.

    /// <summary>Bytes that are not UTF-8, in a name or value.</summary>
    public static AwsError QueryNotUtf8() => MalformedQueryString("The query string contains a syntax error.");

    /// <summary>A parameter that cannot be read as its type (integer, boolean, timestamp).</summary>
    public static AwsError ValueNotOfType(string value, string parameter, string type) =>
        MalformedQueryString($"Value '{value}' for parameter {parameter} is not a valid {type}.");

    /// <summary>A required Query parameter that is absent, named as in messages (<c>UserName</c> as <c>userName</c>).</summary>
    public static AwsError MissingParameter(string name) => new("ValidationError", 400, MemberNullMessage(name));

    // The JSON protocol.

    /// <summary>LocalIam's WhoCan/Explain API: the principal asked about is not a user or role of the account.</summary>
    public static AwsError NoSuchPrincipal(string name) =>
        new("NoSuchEntityException", 404, $"the account has no user or role `{name}`: give root, a user's name, role/NAME, or an ARN");

    /// <summary>LocalIam's WhoCan/Explain API: <c>Action</c> is not an IAM action.</summary>
    public static AwsError ActionNotAnIamAction() =>
        new("ValidationException", 400, "Action must be an IAM action as service:Action, at most 128 characters");

    /// <summary>LocalIam's WhoCan/Explain API: a principal or resource longer than IAM's ARNs.</summary>
    public static AwsError AnalysisMemberTooLong(string member, int max) =>
        new("ValidationException", 400, string.Create(CultureInfo.InvariantCulture, $"{member} must have at most {max} characters"));

    /// <summary>LocalIam's WhoCan/Explain API: a context beyond the bounds that keep one question's work small.</summary>
    public static AwsError AnalysisContextTooLarge(int keys, int values, int keyLength, int valueLength) =>
        new("ValidationException", 400, string.Create(CultureInfo.InvariantCulture,
            $"Context may have at most {keys} keys and {values} values in all, each key 1 to {keyLength} characters and each value at most {valueLength}"));

    /// <summary>AWS's JSON services call a missing member <c>ValidationException</c>.</summary>
    public static AwsError MissingMember(string name) => new("ValidationException", 400, MemberNullMessage(name));

    public static AwsError MemberNotOfType(string name) =>
        new("SerializationException", 400, string.Create(CultureInfo.InvariantCulture, $"The value of {name} is not of the type the operation expects."));

    /// <summary>A JSON service's model validation (Cost Explorer, Budgets): the same grammar as IAM's, code <c>ValidationException</c>.</summary>
    public static AwsError JsonValidationErrors(IReadOnlyList<string> violations) =>
        ValidationErrors(violations) with { Code = "ValidationException" };

    /// <summary>LocalIam's words: a body that does not parse as JSON.</summary>
    public static AwsError BodyNotJson() => new("SerializationException", 400, "The request body is not valid JSON.");

    // Model validation: one ValidationError made of every violation, each a member's path and the constraint it broke.

    /// <summary><c>N validation error(s) detected: </c> then each violation, joined with <c>; </c>.</summary>
    public static AwsError ValidationErrors(IReadOnlyList<string> violations)
    {
        var noun = violations.Count == 1 ? "validation error" : "validation errors";
        return ValidationError($"{violations.Count} {noun} detected: {string.Join("; ", violations)}");
    }

    /// <summary>IAM's own sentence for a name or path that breaks its pattern, alone in the error.</summary>
    public static AwsError NameOrPathInvalid(string path, bool isPath) => ValidationError(isPath
        ? $"The specified value for {path} is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters."
        : $"The specified value for {path} is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_-");

    /// <summary><c>Value at 'userName' failed to satisfy constraint: ...</c></summary>
    public static string Violation(string path, string constraint) => $"Value at '{path}' failed to satisfy constraint: {constraint}";

    /// <summary>The same with the value quoted, where the service quotes it (STS).</summary>
    public static string QuotedViolation(string path, string value, string constraint) => $"Value '{value}' at '{path}' failed to satisfy constraint: {constraint}";

    public static string NullViolation(string path) => $"Value null at '{path}' failed to satisfy constraint: Member must not be null";

    public static string MinLengthConstraint(long min) => $"Member must have length greater than or equal to {min}";

    public static string MaxLengthConstraint(long max) => $"Member must have length less than or equal to {max}";

    public static string MinValueConstraint(long min) => $"Member must have value greater than or equal to {min}";

    public static string MaxValueConstraint(long max) => $"Member must have value less than or equal to {max}";

    /// <summary>The pattern as the service prints it.</summary>
    public static string PatternConstraint(string pattern) => $"Member must satisfy regular expression pattern: {pattern}";

    /// <summary>With the values where the service lists them (STS), without where it does not (IAM).</summary>
    public static string EnumConstraint(IReadOnlyList<string>? values) =>
        values is null ? "Member must satisfy enum value set" : $"Member must satisfy enum value set: [{string.Join(", ", values)}]";

    /// <summary>A list's members, or a map's keys or values, reported once for the whole list with every constraint of the member.</summary>
    public static string MembersConstraint(string noun, IEnumerable<string> constraints) => $"{noun} must satisfy constraint: [{string.Join(", ", constraints)}]";

    private static string MemberNullMessage(string name) =>
        $"1 validation error detected: Value null at '{char.ToLowerInvariant(name[0])}{name[1..]}' failed to satisfy constraint: Member must not be null";

    private static AwsError IncompleteSignature(string message) => new("IncompleteSignature", 400, message);

    private static AwsError SignatureDoesNotMatch(string message) => new("SignatureDoesNotMatch", 403, message);

    private static AwsError QueryParametersError(string message) => new("AuthorizationQueryParametersError", 400, message);

    private static AwsError MalformedQueryString(string message) => new("MalformedQueryString", 400, message);

    private static AwsError ValidationError(string message) => new("ValidationError", 400, message);
}
