using LocalIam.Aws.Errors;

namespace LocalIam.Aws.SigV4;

/// <summary>Finds and reads a request's SigV4 signature, reporting AWS's errors for what is missing or malformed.</summary>
public static class SigV4Parser
{
    public const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>A presigned URL lives at most a week, as AWS allows.</summary>
    public const int MaxPresignedSeconds = 604_800;

    private static readonly string[] HeaderParts = ["Credential", "SignedHeaders", "Signature"];
    private static readonly string[] QueryParts = ["X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-SignedHeaders", "X-Amz-Signature"];

    /// <summary>Null with an error when the request carries no usable signature.</summary>
    public static SigV4Credential? Parse(SignedRequest request, out AwsError? error)
    {
        error = null;
        var authorization = request.Header("Authorization");
        if (authorization is not null)
        {
            return ParseHeader(request, authorization, out error);
        }

        var query = request.QueryParameters;
        if (Find(query, "X-Amz-Signature") is not null || Find(query, "X-Amz-Credential") is not null)
        {
            return ParseQuery(request, query, out error);
        }

        error = AwsErrors.MissingAuthenticationToken();
        return null;
    }

    private static SigV4Credential? ParseHeader(SignedRequest request, string authorization, out AwsError? error)
    {
        error = null;
        if (!authorization.StartsWith(Algorithm + " ", StringComparison.Ordinal))
        {
            error = AwsErrors.UnsupportedAlgorithm(authorization.Split(' ')[0]);
            return null;
        }

        var parts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in authorization[(Algorithm.Length + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var pair = part.Split('=', 2);
            if (pair.Length == 2 && !parts.TryAdd(pair[0], pair[1]))
            {
                error = AwsErrors.AuthorizationPartRepeated(pair[0]);
                return null;
            }
        }
        var missing = HeaderParts.Where(k => !parts.ContainsKey(k)).ToList();
        var xAmzDate = request.Header("X-Amz-Date");
        var amzDate = xAmzDate ?? request.Header("Date");
        if (missing.Count > 0 || amzDate is null)
        {
            error = AwsErrors.AuthorizationHeaderIncomplete(missing, dateMissing: amzDate is null);
            return null;
        }

        var credential = Build(parts["Credential"], parts["SignedHeaders"], parts["Signature"], amzDate, request.Header("X-Amz-Security-Token"), presigned: false, expires: null, out error);
        return credential is not null && xAmzDate is null ? credential with { FromDateHeader = true } : credential;
    }

    private static SigV4Credential? ParseQuery(SignedRequest request, IReadOnlyList<KeyValuePair<string, string>> query, out AwsError? error)
    {
        error = null;
        var missing = QueryParts.Where(k => Find(query, k) is null).ToList();
        if (missing.Count > 0)
        {
            error = AwsErrors.PresignedQueryIncomplete(missing);
            return null;
        }

        if (Find(query, "X-Amz-Algorithm") != Algorithm)
        {
            error = AwsErrors.UnsupportedAlgorithm(Find(query, "X-Amz-Algorithm")!);
            return null;
        }

        int? expires = null;
        if (Find(query, "X-Amz-Expires") is { } text)
        {
            if (ExpiresError(text, out var seconds) is { } expiresError)
            {
                error = expiresError;
                return null;
            }

            expires = seconds;
        }

        return Build(Find(query, "X-Amz-Credential")!, Find(query, "X-Amz-SignedHeaders")!, Find(query, "X-Amz-Signature")!,
            Find(query, "X-Amz-Date")!, Find(query, "X-Amz-Security-Token") ?? request.Header("X-Amz-Security-Token"), presigned: true, expires, out error);
    }

    private static SigV4Credential? Build(
        string credential, string signedHeaders, string signature, string amzDate, string? token, bool presigned, int? expires, out AwsError? error)
    {
        error = null;
        var scope = credential.Split('/');
        if (scope.Length != 5 || scope[0].Length == 0)
        {
            error = AwsErrors.CredentialMalformed(credential);
            return null;
        }

        var headers = signedHeaders.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(h => h.ToLowerInvariant()).ToList();
        if (!headers.Contains("host"))
        {
            error = AwsErrors.HostNotSigned();
            return null;
        }

        return new SigV4Credential(scope[0], scope[1], scope[2], scope[3], scope[4], headers, signature, amzDate, token, presigned, expires);
    }

    /// <summary>
    /// X-Amz-Expires is a whole number of seconds up to a week, as AWS requires; the texts are AWS's
    /// (its S3 wording, the only one it documents). Zero is refused with the negative ones: a URL
    /// valid for no time at all can only be a mistake.
    /// </summary>
    private static AwsError? ExpiresError(string text, out int seconds)
    {
        seconds = 0;
        var digits = text.StartsWith('-') ? text.AsSpan(1) : text.AsSpan();
        if (digits.IsEmpty || digits.ContainsAnyExceptInRange('0', '9'))
        {
            return AwsErrors.ExpiresNotANumber();
        }

        if (text.StartsWith('-') || digits.TrimStart('0').IsEmpty)
        {
            return AwsErrors.ExpiresNegative();
        }

        if (digits.TrimStart('0').Length > 7 || !int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out seconds)
            || seconds > MaxPresignedSeconds)
        {
            return AwsErrors.ExpiresOverAWeek(MaxPresignedSeconds);
        }

        return null;
    }

    private static string? Find(IReadOnlyList<KeyValuePair<string, string>> query, string name)
    {
        foreach (var (key, value) in query)
        {
            if (key == name)
            {
                return value;
            }
        }

        return null;
    }
}
