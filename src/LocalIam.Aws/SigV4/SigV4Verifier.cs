using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LocalIam.Aws.Errors;

namespace LocalIam.Aws.SigV4;

/// <summary>
/// Verifies an AWS Signature Version 4 exactly as AWS computes it: the canonical request from the
/// method, path, query, the headers the client chose to sign and the payload hash; the string to
/// sign with the credential scope; the derived key; a constant-time comparison. Time comes in as
/// a value, so the 15-minute window is testable.
/// </summary>
public static class SigV4Verifier
{
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(15);

    private const string TimeFormat = "yyyyMMdd'T'HHmmss'Z'";

    /// <summary>Null when the signature is valid for <paramref name="secret"/>; otherwise AWS's error.</summary>
    public static AwsError? Verify(SignedRequest request, SigV4Credential credential, string secret, DateTimeOffset now, SigningScope scope)
    {
        if (ScopeError(credential, scope) is { } scopeError)
        {
            return scopeError;
        }

        var signedAt = SignedAt(credential)!.Value;
        if (TimeError(credential, signedAt, now) is { } timeError)
        {
            return timeError;
        }

        var amzDate = signedAt.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);
        var expected = Sign(CanonicalRequest(request, credential), credential, amzDate, secret);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(credential.Signature.ToLowerInvariant()))
            ? null
            : AwsErrors.SignatureDoesNotMatch();
    }

    /// <summary>
    /// What AWS checks before it looks the key up: the time stamp's format, then the credential
    /// scope's region, service, terminator and date, all reported in one message as AWS does.
    /// </summary>
    public static AwsError? ScopeError(SigV4Credential credential, SigningScope scope)
    {
        if (SignedAt(credential) is not { } signedAt)
        {
            return AwsErrors.DateNotBasicFormat(credential.AmzDate);
        }

        var amzDate = signedAt.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);
        var wrongRegion = scope.Regions.Contains(credential.Region) ? null : credential.Region;
        var expectedService = credential.Service == scope.Service ? null : scope.Service;
        var wrongTerminator = credential.Terminator == "aws4_request" ? null : credential.Terminator;
        var wrongDate = credential.Date == amzDate[..8] ? null : credential.Date;
        return wrongRegion is null && expectedService is null && wrongTerminator is null && wrongDate is null
            ? null
            : AwsErrors.CredentialScopeMismatch(wrongRegion, expectedService, wrongTerminator, wrongDate, amzDate);
    }

    /// <summary>
    /// The signing time: <c>X-Amz-Date</c> (header or query) in ISO 8601 basic format only; the
    /// <c>Date</c> header, used only without <c>X-Amz-Date</c>, also as HTTP writes dates (RFC 1123,
    /// as in AWS's original SigV4 test suite). Null when it is neither.
    /// </summary>
    private static DateTimeOffset? SignedAt(SigV4Credential credential)
    {
        if (DateTimeOffset.TryParseExact(credential.AmzDate, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var basic))
        {
            return basic;
        }

        // The weekday is not checked: AWS's own suite signs "Mon, 09 Sep 2011", a Friday.
        var text = credential.AmzDate.AsSpan();
        return credential.FromDateHeader && text.Length > 5 && char.IsAsciiLetter(text[0]) && char.IsAsciiLetter(text[1]) && char.IsAsciiLetter(text[2]) && text[3..5].SequenceEqual(", ")
            && DateTimeOffset.TryParseExact(text[5..], "dd MMM yyyy HH':'mm':'ss 'GMT'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var http)
            ? http
            : null;
    }

    /// <summary>The signature a client with <paramref name="secret"/> would send (tests and the CLI use it to sign).</summary>
    public static string Sign(string canonicalRequest, SigV4Credential credential, string amzDate, string secret)
    {
        var stringToSign = $"{SigV4Parser.Algorithm}\n{amzDate}\n{credential.Scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secret), credential.Date);
        key = Hmac(key, credential.Region);
        key = Hmac(key, credential.Service);
        key = Hmac(key, credential.Terminator);
        return Hex(Hmac(key, stringToSign));
    }

    public static string CanonicalRequest(SignedRequest request, SigV4Credential credential)
    {
        var headers = new StringBuilder();
        foreach (var name in credential.SignedHeaders)
        {
            headers.Append(name).Append(':').Append(Collapse(request.Header(name) ?? string.Empty)).Append('\n');
        }

        // Always the hash of the body received: trusting a declared x-amz-content-sha256 would let a
        // body changed after signing pass.
        var payloadHash = Hex(SHA256.HashData(request.Body));
        return string.Join('\n',
            request.Method.ToUpperInvariant(),
            CanonicalUri(request.RawPath),
            CanonicalQuery(request.RawQuery, credential.Presigned),
            headers.ToString(),
            string.Join(';', credential.SignedHeaders),
            payloadHash);
    }

    private static AwsError? TimeError(SigV4Credential credential, DateTimeOffset signedAt, DateTimeOffset now)
    {
        string Stamp(DateTimeOffset t) => t.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

        if (credential.Presigned)
        {
            if (signedAt > now + ClockSkew)
            {
                return AwsErrors.SignatureNotYetCurrent(Stamp(signedAt), Stamp(now + ClockSkew), Stamp(now));
            }

            // The parser bounds X-Amz-Expires to a week and the date is not in the future, so this cannot overflow.
            var expires = signedAt.AddSeconds(credential.ExpiresSeconds ?? 900);
            return now > expires
                ? AwsErrors.PresignedUrlExpired(Stamp(expires), Stamp(now))
                : null;
        }

        if (signedAt < now - ClockSkew)
        {
            return AwsErrors.SignatureExpired(Stamp(signedAt), Stamp(now - ClockSkew), Stamp(now));
        }

        return signedAt > now + ClockSkew
            ? AwsErrors.SignatureNotYetCurrent(Stamp(signedAt), Stamp(now + ClockSkew), Stamp(now))
            : null;
    }

    /// <summary>Each path segment URI-encoded once more, as SigV4 wants for every service but S3.</summary>
    private static string CanonicalUri(string rawPath) =>
        string.IsNullOrEmpty(rawPath) ? "/" : string.Join('/', rawPath.Split('/').Select(s => FormEncoding.Encode(Uri.UnescapeDataString(s))).Select(s => FormEncoding.Encode(s)));

    private static string CanonicalQuery(string rawQuery, bool presigned) =>
        string.Join('&', FormEncoding.Parse(rawQuery)
            .Where(p => !(presigned && p.Key == "X-Amz-Signature"))
            .Select(p => (Name: FormEncoding.Encode(p.Key), Value: FormEncoding.Encode(p.Value)))
            .OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Name}={p.Value}"));

    private static string Collapse(string value)
    {
        var sb = new StringBuilder(value.Length);
        var space = false;
        foreach (var c in value.Trim())
        {
            if (c == ' ')
            {
                space = true;
                continue;
            }

            if (space)
            {
                sb.Append(' ');
                space = false;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
