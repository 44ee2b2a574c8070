using System.Text.Json;
using System.Xml.Linq;
using LocalIam.Aws.Errors;
using LocalIam.Aws.Json;
using LocalIam.Aws.Query;
using LocalIam.Aws.SigV4;
using LocalIam.Aws.Validation;
using LocalIam.Iam;
using LocalIam.Iam.Authorization;
using LocalIam.Iam.Errors;
using LocalIam.Policy.Authorization;
using LocalIam.Server.Api.Billing;
using LocalIam.Server.Api.Iam;
using LocalIam.Server.Api.Sts;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LocalIam.Server.Api;

/// <summary>
/// The one endpoint every AWS client talks to: routes by protocol (Query by Action and Version,
/// JSON by X-Amz-Target), authenticates with SigV4, authorizes with the engine using the IAM action
/// and resource AWS uses, runs the handler, and answers in AWS's envelopes.
/// </summary>
internal sealed partial class AwsEndpoint(
    Authenticator authenticator, RequestAuthorizer requests, IamCore core, TimeProvider clock, ILogger<AwsEndpoint> logger, Hosting.ServerState state)
{
    private const string ExplanationHeader = "X-LocalIam-Explanation";

    /// <summary>The denial sealed for STS DecodeAuthorizationMessage (docs/api.md, "Encoded authorization messages").</summary>
    private const string EncodedMessageHeader = "X-LocalIam-Authorization-Message";

    /// <summary>
    /// The actions the API's operations are authorized as, on every protocol: the attempts LocalIam
    /// records, so the actions its last accessed reports track (docs/api.md, "Last accessed information").
    /// </summary>
    public static LocalIam.Iam.LastAccessed.TrackedActions Tracked() => new(
        IamOperations.Table.Values.Concat(StsOperations.Table.Values).Concat(JsonServices.All.Values.SelectMany(s => s.Operations.Values))
            .Select(o => o.IamAction).Append(ValidatePolicyAction));

    /// <summary>
    /// Answers one request. Nothing a client sends escapes as an exception: a client that left is
    /// neither answered nor logged, and anything unexpected is logged once and answered InternalFailure.
    /// </summary>
    public async Task HandleAsync(HttpContext http)
    {
        try
        {
            await HandleRequestAsync(http);
        }
        catch (Exception) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client is gone: there is nobody to answer and nothing wrong with the server.
        }
        catch (Exception ex) when (!http.Response.HasStarted)
        {
            LogUnexpected(logger, ex);
            var error = AwsErrors.InternalFailure();
            if (IsRestJson(http.Request))
            {
                await WriteRestJsonErrorAsync(http, AccessAnalyzer.AccessAnalyzerError.Of(error));
                return;
            }

            await (http.Request.Headers["X-Amz-Target"].Count > 0
                ? WriteJsonAsync(http, error.Status, JsonProtocol.ContentType10, JsonProtocol.Error(error))
                : WriteXmlAsync(http, error.Status, QueryXml.Error(QueryXml.Iam, error, http.Response.Headers["x-amzn-RequestId"].ToString())));
        }
    }

    private async Task HandleRequestAsync(HttpContext http)
    {
        // One read of the change stamp per request, shared by every cache it consults.
        using var revision = LocalIam.Storage.IamStore.RevisionScope();
        var requestId = Guid.NewGuid().ToString();
        http.Response.Headers["x-amzn-RequestId"] = requestId;
        byte[] body;
        try
        {
            body = await ReadBodyAsync(http.Request);
        }
        catch (BadHttpRequestException bad) when (IsRestJson(http.Request))
        {
            await WriteRestJsonErrorAsync(http, AccessAnalyzer.AccessAnalyzerError.Of(AwsErrors.RequestTooLarge(bad.StatusCode)));
            return;
        }
        catch (BadHttpRequestException bad) when (http.Request.Headers["X-Amz-Target"].Count > 0)
        {
            // A JSON-protocol client reads only the JSON envelope.
            var error = AwsErrors.RequestTooLarge(bad.StatusCode);
            var contentType = JsonServices.All.TryGetValue(JsonProtocol.SplitTarget(http.Request.Headers["X-Amz-Target"].ToString()).Prefix, out var service)
                ? service.ContentType
                : JsonProtocol.ContentType10;
            await WriteJsonAsync(http, error.Status, contentType, JsonProtocol.Error(error));
            return;
        }
        catch (BadHttpRequestException bad)
        {
            // Kestrel's body limit: answer in AWS's envelope, as AWS does for an oversized request.
            await WriteXmlAsync(http, bad.StatusCode, QueryXml.Error(QueryXml.Iam, AwsErrors.RequestTooLarge(bad.StatusCode), requestId));
            return;
        }

        var signed = new SignedRequest(http.Request.Method, http.Request.Path.Value ?? "/", http.Request.QueryString.Value ?? string.Empty,
            [.. http.Request.Headers.SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v ?? string.Empty)))], body);
        if (IsRestJson(http.Request))
        {
            await HandleRestJsonAsync(http, signed, body);
            return;
        }

        if (http.Request.Headers["X-Amz-Target"].ToString() is { Length: > 0 } target)
        {
            await HandleJsonAsync(http, signed, target, body);
            return;
        }

        await HandleQueryAsync(http, signed, body, requestId);
    }

    private async Task HandleQueryAsync(HttpContext http, SignedRequest signed, byte[] body, string requestId)
    {
        var isForm = http.Request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true;
        var query = QueryRequest.FromWire(signed.RawQuery, isForm ? body : null);
        var sent = query;

        // One endpoint stands for iam.amazonaws.com and sts.amazonaws.com: the credential scope says
        // which host the client meant; only when it names neither does the Version decide.
        var scopeService = SigV4Parser.Parse(signed, out _)?.Service;
        var isSts = scopeService == "sts" || (scopeService != "iam" && query.Version == StsOperations.Version);
        var ns = isSts ? QueryXml.Sts : QueryXml.Iam;
        var partition = ArnPartition.Stored;
        try
        {
            var action = query.Action ?? throw new AwsException(AwsErrors.MissingAction());
            var scope = isSts ? SigningScope.Sts : SigningScope.Iam;
            // STS's federation calls are unsigned, as AWS takes them: the token in the request is the credential.
            var unsigned = isSts && StsOperations.Unsigned.Contains(action);
            var (who, authError) = unsigned ? (StsOperations.Unauthenticated, null) : await authenticator.AuthenticateAsync(signed, scope);
            if (who is null)
            {
                throw new AwsException(authError!);
            }

            // The scope's region was checked: one of STS's regions, or IAM's global region of a partition.
            var signingRegion = unsigned ? null : SigV4Parser.Parse(signed, out _)?.Region;
            partition = PartitionEdge.Of(signingRegion, query);
            who = who with { Partition = partition };

            // Each service answers only its own API version, as AWS does.
            var table = isSts ? StsOperations.Table : IamOperations.Table;
            if (query.Version != (isSts ? StsOperations.Version : IamOperations.Version) || !table.TryGetValue(action, out var operation))
            {
                throw new AwsException(AwsErrors.InvalidAction(action, query.Version));
            }

            // What AWS's model refuses is refused here, before authorization and before any handler.
            var model = isSts ? ServiceConstraints.Sts : ServiceConstraints.Iam;
            model.Validate(action, query);
            query = PartitionEdge.ToStored(query, model, action, partition);

            var region = signingRegion ?? SigningScope.GlobalRegion;
            core.LastAccess.Record(who, operation.IamAction, region);
            var call = new IamCall(who, core, RequestContextFactory.For(who, http, clock.GetUtcNow(), region), http.RequestAborted);
            var result = await operation.RunAsync(query, call, (checks, context) => AuthorizeAsync(http, who, checks, context, AwsErrors.AccessDenied));

            // The result element is sent whenever the model has one, empty or not (UpdateRole's is always empty; boto3 requires it).
            var content = (IEnumerable<object>?)result ?? (model.ResultWrapper(action) is null ? null : []);
            content = PartitionEdge.Show(content, model.OutputArns, partition);
            await WriteXmlAsync(http, 200, QueryXml.Response(ns, action, content, requestId));
        }
        catch (Exception ex) when (!http.RequestAborted.IsCancellationRequested && ToAwsError(ex) is { } error)
        {
            await WriteXmlAsync(http, error.Status, QueryXml.Error(ns, PartitionEdge.Show(error, partition, sent, query), requestId));
        }
    }

    /// <summary>The one authorization step of both protocols; a denial is AWS's error in the protocol's form, with LocalIam's explanation in a header.</summary>
    private async Task AuthorizeAsync(
        HttpContext http, AuthenticatedPrincipal who, IReadOnlyList<AuthorizationCheck> checks, LocalIam.Policy.Evaluation.RequestContext context, Func<string, AwsError> denied)
    {
        if (await requests.FirstDenialAsync(who, checks, context, http.RequestAborted) is { } denial)
        {
            http.Response.Headers[ExplanationHeader] = Ascii(denial.Explanation);
            var encoded = core.AuthorizationMessages.Encode(denial, who.UserId ?? who.RoleId);
            http.Response.Headers[EncodedMessageHeader] = encoded;

            // AWS's text alone by default; EC2's form of an encoded message when the server was asked for it.
            throw new AwsException(denied(state.Options.EncodeDenials ? IamErrors.WithEncodedMessage(denial.Message, encoded) : denial.Message));
        }
    }

    private async Task HandleJsonAsync(HttpContext http, SignedRequest signed, string target, byte[] body)
    {
        var (prefix, operationName) = JsonProtocol.SplitTarget(target);
        var contentType = JsonProtocol.ContentType10;
        try
        {
            if (!JsonServices.All.TryGetValue(prefix, out var service) || !service.Operations.TryGetValue(operationName, out var operation))
            {
                throw new AwsException(AwsErrors.UnknownOperation(target));
            }

            contentType = service.ContentType;
            var (who, authError) = await authenticator.AuthenticateAsync(signed, service.Scope);
            if (who is null)
            {
                throw new AwsException(authError!);
            }

            // Strings that are not text (invalid UTF-8, a lone surrogate) are refused like a body that is not JSON.
            if (body.Length > 0 && !JsonText.IsValid(body))
            {
                throw new JsonException();
            }

            using var input = body.Length == 0 ? JsonDocument.Parse("{}") : JsonDocument.Parse(body);
            core.LastAccess.Record(who, operation.IamAction, SigningScope.GlobalRegion);
            var call = new IamCall(who, core, RequestContextFactory.For(who, http, clock.GetUtcNow(), SigningScope.GlobalRegion), http.RequestAborted);
            var output = await operation.RunAsync(new JsonRequest(input.RootElement), call,
                (checks, context) => AuthorizeAsync(http, who, checks, context, AwsErrors.AccessDeniedException));
            await WriteJsonAsync(http, 200, contentType, JsonSerializer.Serialize(output));
        }
        catch (JsonException)
        {
            await WriteJsonAsync(http, 400, contentType, JsonProtocol.Error(AwsErrors.BodyNotJson()));
        }
        catch (Exception ex) when (!http.RequestAborted.IsCancellationRequested && ToAwsError(ex) is { } error)
        {
            await WriteJsonAsync(http, error.Status, contentType, JsonProtocol.Error(error));
        }
    }

    /// <summary>Every failure becomes AWS's error; anything unexpected is logged and answered as InternalFailure, never a stack trace.</summary>
    private AwsError ToAwsError(Exception ex)
    {
        switch (ex)
        {
            case AwsException aws:
                return aws.Error;
            case IamException iam:
                return AwsErrors.OfService(iam.Code.ToString(), iam.HttpStatus, iam.Message);
            case BadHttpRequestException bad:
                return AwsErrors.RequestNotRead(bad.StatusCode);
            default:
                LogUnexpected(logger, ex);
                return AwsErrors.InternalFailure();
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        return buffer.ToArray();
    }

    private static Task WriteXmlAsync(HttpContext http, int status, string xml)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/xml";
        return http.Response.WriteAsync(xml, http.RequestAborted);
    }

    private static Task WriteJsonAsync(HttpContext http, int status, string contentType, string json)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = contentType;
        return http.Response.WriteAsync(json, http.RequestAborted);
    }

    /// <summary>Header values must be ASCII.</summary>
    private static string Ascii(string text) => new([.. text.Select(c => c is >= ' ' and <= '~' ? c : '?')]);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected failure while handling an AWS request")]
    private static partial void LogUnexpected(ILogger logger, Exception exception);
}
