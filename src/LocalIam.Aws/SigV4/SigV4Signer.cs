using System.Globalization;

namespace LocalIam.Aws.SigV4;

/// <summary>
/// Signs a request as AWS's SDKs do (header-based SigV4), with the same canonical form the
/// verifier checks: LocalIam's own clients (the CLI asking a running server) use it.
/// </summary>
public static class SigV4Signer
{
    /// <summary>
    /// The headers to add to a request of <paramref name="method"/> to <paramref name="uri"/> with
    /// <paramref name="headers"/> (lower-case names, host excluded) and <paramref name="body"/>:
    /// <c>x-amz-date</c>, <c>x-amz-security-token</c> for session credentials, and <c>Authorization</c>.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Sign(
        string method, Uri uri, IReadOnlyList<KeyValuePair<string, string>> headers, byte[] body,
        string accessKeyId, string secretAccessKey, string? sessionToken, string region, string service, DateTimeOffset now)
    {
        var amzDate = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var added = new List<KeyValuePair<string, string>> { new("x-amz-date", amzDate) };
        if (sessionToken is { Length: > 0 })
        {
            added.Add(new("x-amz-security-token", sessionToken));
        }

        var all = new List<KeyValuePair<string, string>> { new("host", uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}") };
        all.AddRange(headers);
        all.AddRange(added);
        var signedHeaders = all.Select(h => h.Key.ToLowerInvariant()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var credential = new SigV4Credential(accessKeyId, amzDate[..8], region, service, "aws4_request", signedHeaders, string.Empty, amzDate, sessionToken, Presigned: false, ExpiresSeconds: null);
        var request = new SignedRequest(method, uri.AbsolutePath, uri.Query, all, body);
        var signature = SigV4Verifier.Sign(SigV4Verifier.CanonicalRequest(request, credential), credential, amzDate, secretAccessKey);
        added.Add(new("Authorization", $"{SigV4Parser.Algorithm} Credential={accessKeyId}/{credential.Scope}, SignedHeaders={string.Join(';', signedHeaders)}, Signature={signature}"));
        return added;
    }
}
