using System.Globalization;
using System.Net;
using System.Text;
using LocalIam.Aws.SigV4;

namespace LocalIam.E2E.Tests.Support;

/// <summary>
/// A Query-protocol POST signed with SigV4 by hand, for what no client sends: other regions,
/// other date formats, huge simulations. The signature is AWS's (the signer is the one the server
/// verifies with, itself checked against AWS's documented example).
/// </summary>
public static class SignedPost
{
    private const string FormType = "application/x-www-form-urlencoded; charset=utf-8";

    public static async Task<(HttpStatusCode Status, string Body)> SendAsync(
        string endpoint, string form, string region = "us-east-1", string service = "iam", DateTimeOffset? at = null,
        string? dateHeader = null, string accessKeyId = LocalIamServer.RootAccessKeyId, string secret = LocalIamServer.RootSecret,
        CancellationToken cancellationToken = default)
    {
        var when = (at ?? DateTimeOffset.UtcNow).UtcDateTime;
        var amzDate = when.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var uri = new Uri(endpoint + "/");
        var host = uri.Authority;
        var body = Encoding.UTF8.GetBytes(form);

        // With a Date header the X-Amz-Date header is left out and the Date header is signed.
        var dateName = dateHeader is null ? "x-amz-date" : "date";
        var dateValue = dateHeader ?? amzDate;
        var credential = new SigV4Credential(accessKeyId, when.ToString("yyyyMMdd", CultureInfo.InvariantCulture), region, service, "aws4_request",
            ["content-type", dateName, "host"], string.Empty, amzDate, null, Presigned: false, ExpiresSeconds: null);
        var unsigned = new SignedRequest("POST", "/", string.Empty, [new("Host", host), new("Content-Type", FormType), new(dateName, dateValue)], body);
        var signature = SigV4Verifier.Sign(SigV4Verifier.CanonicalRequest(unsigned, credential), credential, amzDate, secret);

        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", FormType);
        request.Headers.TryAddWithoutValidation(dateName, dateValue);
        request.Headers.TryAddWithoutValidation("Authorization",
            $"{SigV4Parser.Algorithm} Credential={accessKeyId}/{credential.Scope}, SignedHeaders={string.Join(';', credential.SignedHeaders)}, Signature={signature}");
        using var response = await http.SendAsync(request, cancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    /// <summary>An AWS JSON 1.1 POST (<c>X-Amz-Target</c>), signed for <paramref name="service"/> in <paramref name="region"/>: for bodies no SDK sends.</summary>
    public static async Task<(HttpStatusCode Status, string Body)> SendJsonAsync(
        string endpoint, string target, string json, string service, string region = "us-east-1", CancellationToken cancellationToken = default)
    {
        const string JsonType = "application/x-amz-json-1.1";
        var when = DateTimeOffset.UtcNow.UtcDateTime;
        var amzDate = when.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var uri = new Uri(endpoint + "/");
        var body = Encoding.UTF8.GetBytes(json);
        var credential = new SigV4Credential(LocalIamServer.RootAccessKeyId, when.ToString("yyyyMMdd", CultureInfo.InvariantCulture), region, service, "aws4_request",
            ["content-type", "host", "x-amz-date", "x-amz-target"], string.Empty, amzDate, null, Presigned: false, ExpiresSeconds: null);
        var unsigned = new SignedRequest("POST", "/", string.Empty,
            [new("Host", uri.Authority), new("Content-Type", JsonType), new("x-amz-date", amzDate), new("X-Amz-Target", target)], body);
        var signature = SigV4Verifier.Sign(SigV4Verifier.CanonicalRequest(unsigned, credential), credential, amzDate, LocalIamServer.RootSecret);

        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", JsonType);
        request.Headers.TryAddWithoutValidation("x-amz-date", amzDate);
        request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        request.Headers.TryAddWithoutValidation("Authorization",
            $"{SigV4Parser.Algorithm} Credential={LocalIamServer.RootAccessKeyId}/{credential.Scope}, SignedHeaders={string.Join(';', credential.SignedHeaders)}, Signature={signature}");
        using var response = await http.SendAsync(request, cancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    /// <summary>A REST-JSON request (Access Analyzer's <c>POST /policy/validation</c>) signed for <paramref name="service"/>: for bodies and queries no SDK sends.</summary>
    public static async Task<(HttpStatusCode Status, string? ErrorType, string Body)> SendRestJsonAsync(
        string endpoint, string method, string path, string query, string json, string service = "access-analyzer", string region = "us-east-1",
        CancellationToken cancellationToken = default)
    {
        const string JsonType = "application/json";
        var when = DateTimeOffset.UtcNow.UtcDateTime;
        var amzDate = when.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var uri = new Uri(endpoint + path + (query.Length > 0 ? "?" + query : string.Empty));
        var body = Encoding.UTF8.GetBytes(json);
        var credential = new SigV4Credential(LocalIamServer.RootAccessKeyId, when.ToString("yyyyMMdd", CultureInfo.InvariantCulture), region, service, "aws4_request",
            ["content-type", "host", "x-amz-date"], string.Empty, amzDate, null, Presigned: false, ExpiresSeconds: null);
        var unsigned = new SignedRequest(method, path, query.Length > 0 ? "?" + query : string.Empty,
            [new("Host", uri.Authority), new("Content-Type", JsonType), new("x-amz-date", amzDate)], body);
        var signature = SigV4Verifier.Sign(SigV4Verifier.CanonicalRequest(unsigned, credential), credential, amzDate, LocalIamServer.RootSecret);

        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        using var request = new HttpRequestMessage(new HttpMethod(method), uri) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", JsonType);
        request.Headers.TryAddWithoutValidation("x-amz-date", amzDate);
        request.Headers.TryAddWithoutValidation("Authorization",
            $"{SigV4Parser.Algorithm} Credential={LocalIamServer.RootAccessKeyId}/{credential.Scope}, SignedHeaders={string.Join(';', credential.SignedHeaders)}, Signature={signature}");
        using var response = await http.SendAsync(request, cancellationToken);
        var errorType = response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.First() : null;
        return (response.StatusCode, errorType, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    /// <summary><c>name=value&amp;...</c> with RFC 3986 encoding.</summary>
    public static string Form(params (string Name, string Value)[] parameters) =>
        string.Join('&', parameters.Select(p => $"{LocalIam.Aws.FormEncoding.Encode(p.Name)}={LocalIam.Aws.FormEncoding.Encode(p.Value)}"));
}
