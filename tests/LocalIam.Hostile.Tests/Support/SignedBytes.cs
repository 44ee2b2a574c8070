using System.Globalization;
using System.Net;
using LocalIam.Aws.SigV4;
using LocalIam.E2E.Tests.Support;

namespace LocalIam.Hostile.Tests.Support;

/// <summary>
/// A request whose body is the bytes given (invalid UTF-8 included), correctly signed with SigV4 for
/// any key: AWS JSON (X-Amz-Target) or REST-JSON. What no SDK sends, answered as the server answers it.
/// </summary>
public static class SignedBytes
{
    public sealed record Answer(HttpStatusCode Status, string? ContentType, string? ErrorType, string Body);

    public static Task<Answer> JsonAsync(string endpoint, string target, byte[] body, string accessKeyId = LocalIamServer.RootAccessKeyId, string secret = LocalIamServer.RootSecret) =>
        SendAsync(endpoint, "/", "application/x-amz-json-1.0", target, body, "iam", accessKeyId, secret);

    public static Task<Answer> RestJsonAsync(string endpoint, string path, byte[] body) =>
        SendAsync(endpoint, path, "application/json", null, body, "access-analyzer", LocalIamServer.RootAccessKeyId, LocalIamServer.RootSecret);

    private static async Task<Answer> SendAsync(string endpoint, string path, string contentType, string? target, byte[] body, string service, string accessKeyId, string secret)
    {
        var when = DateTimeOffset.UtcNow.UtcDateTime;
        var amzDate = when.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var uri = new Uri(endpoint + path);
        List<string> signedHeaders = target is null ? ["content-type", "host", "x-amz-date"] : ["content-type", "host", "x-amz-date", "x-amz-target"];
        var credential = new SigV4Credential(accessKeyId, when.ToString("yyyyMMdd", CultureInfo.InvariantCulture), "us-east-1", service, "aws4_request",
            signedHeaders, string.Empty, amzDate, null, Presigned: false, ExpiresSeconds: null);
        List<KeyValuePair<string, string>> headers = [new("Host", uri.Authority), new("Content-Type", contentType), new("x-amz-date", amzDate)];
        if (target is not null)
        {
            headers.Add(new("X-Amz-Target", target));
        }

        var signature = SigV4Verifier.Sign(SigV4Verifier.CanonicalRequest(new SignedRequest("POST", path, string.Empty, headers, body), credential), credential, amzDate, secret);
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        request.Headers.TryAddWithoutValidation("x-amz-date", amzDate);
        if (target is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        }

        request.Headers.TryAddWithoutValidation("Authorization",
            $"{SigV4Parser.Algorithm} Credential={accessKeyId}/{credential.Scope}, SignedHeaders={string.Join(';', signedHeaders)}, Signature={signature}");
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        var errorType = response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.First() : null;
        return new Answer(response.StatusCode, response.Content.Headers.ContentType?.MediaType, errorType, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
