using System.Net;
using System.Text;
using System.Text.Json;
using LocalIam.Aws.SigV4;
using LocalIam.Cli.Commands;
using LocalIam.Cli.Output;
using LocalIam.Iam.Analysis;
using LocalIam.Iam.Authorization;
using LocalIam.Policy.Evaluation;

namespace LocalIam.Cli.Accounts;

/// <summary>
/// A running server asked through LocalIam's JSON API (target prefix <c>LocalIam_20261201</c>,
/// signed for <c>iam</c> in us-east-1 as IAM's global endpoint is): the server answers with the
/// reports the CLI prints offline, from its own current snapshot.
/// </summary>
internal static class RemoteAccount
{
    private const string TargetPrefix = "LocalIam_20261201";

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };

    public static Task<WhoCanReport> WhoCanAsync(AccountTarget target, AccessQuestion question, bool includeDenied, CancellationToken cancellationToken, AwsCredentials? keys = null) =>
        CallAsync<WhoCanReport>(target, keys, "WhoCan", JsonSerializer.SerializeToUtf8Bytes(
            new WhoCanRequest(question.Action, question.Resource, Context(question.Context), question.FollowRoleTrust, includeDenied),
            RemoteRequestJson.Default.WhoCanRequest), cancellationToken);

    public static Task<ExplainReport> ExplainAsync(AccountTarget target, ExplainQuestion question, CancellationToken cancellationToken, AwsCredentials? keys = null) =>
        CallAsync<ExplainReport>(target, keys, "Explain", JsonSerializer.SerializeToUtf8Bytes(
            new ExplainRequest(question.Principal, question.Action, question.Resource, Context(question.Context), question.ViaBillingConsole),
            RemoteRequestJson.Default.ExplainRequest), cancellationToken);

    private static async Task<T> CallAsync<T>(AccountTarget target, AwsCredentials? keys, string operation, byte[] payload, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(target.Endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new CommandInputException($"`--endpoint {Verb.Printable(target.Endpoint ?? string.Empty)}` is not an http or https URL");
        }

        var credentials = keys ?? AwsCredentials.Resolve(target.Profile);
        var headers = new List<KeyValuePair<string, string>>
        {
            new("content-type", "application/x-amz-json-1.0"),
            new("x-amz-target", $"{TargetPrefix}.{operation}"),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(payload) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/x-amz-json-1.0");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", $"{TargetPrefix}.{operation}");
        foreach (var (name, value) in SigV4Signer.Sign("POST", uri, headers, payload, credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken, "us-east-1", "iam", DateTimeOffset.UtcNow))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        HttpResponseMessage response;
        try
        {
            response = await Http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new RemoteCallException($"no LocalIam server answers at {uri}: {ex.Message} (start one with `localiam serve`)", isInputError: false);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return CliOutput.ReadJson<T>(text) ?? throw new RemoteCallException($"the server at {uri} answered {operation} with an empty body", isInputError: false);
            }

            throw Refusal(response.StatusCode, text, uri);
        }
    }

    /// <summary>AWS's JSON error (<c>__type</c>, <c>message</c>) as one line; a refused question is input, a denial or a broken server is not.</summary>
    private static RemoteCallException Refusal(HttpStatusCode status, string text, Uri uri)
    {
        string code = $"HTTP {(int)status}", message = text.Length > 300 ? text[..300] : text;
        try
        {
            using var error = JsonDocument.Parse(text);
            if (error.RootElement.TryGetProperty("__type", out var type))
            {
                code = type.GetString() ?? code;
            }

            if (error.RootElement.TryGetProperty("message", out var m) || error.RootElement.TryGetProperty("Message", out m))
            {
                message = m.GetString() ?? message;
            }
        }
        catch (JsonException)
        {
            if (status == HttpStatusCode.NotFound || text.Contains("InvalidAction", StringComparison.Ordinal))
            {
                message = $"the server at {uri} does not serve LocalIam's API (is it an older LocalIam, or not LocalIam?)";
            }
        }

        var input = (int)status is >= 400 and < 500 && status is not (HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized);
        return new RemoteCallException($"{code}: {message}", input);
    }

    private static Dictionary<string, string[]>? Context(RequestContext? context) =>
        context?.Values.ToDictionary(pair => pair.Key, pair => pair.Value.Items, StringComparer.Ordinal);
}
