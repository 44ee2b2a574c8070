using LocalIam.Aws.Errors;
using LocalIam.Aws.SigV4;
using LocalIam.Iam.Authorization;
using LocalIam.Policy.Linting;
using LocalIam.Server.Api.AccessAnalyzer;
using Microsoft.AspNetCore.Http;

namespace LocalIam.Server.Api;

/// <summary>
/// The REST-JSON services, routed by method and path: IAM Access Analyzer's ValidatePolicy
/// (<c>POST /policy/validation</c>, signing name <c>access-analyzer</c>, API version 2019-11-01),
/// authenticated and authorized as every other operation, answered in REST-JSON's envelopes.
/// </summary>
internal sealed partial class AwsEndpoint
{
    public const string ValidatePolicyPath = "/policy/validation";

    private const string ValidatePolicyAction = "access-analyzer:ValidatePolicy";

    /// <summary>Access Analyzer is regional: a request signed for any commercial region is accepted.</summary>
    private static readonly SigningScope AccessAnalyzerScope = new("access-analyzer", SigningScope.CommercialRegions);

    private static bool IsRestJson(HttpRequest request) => request.Path.Equals(ValidatePolicyPath, StringComparison.Ordinal);

    private async Task HandleRestJsonAsync(HttpContext http, SignedRequest signed, byte[] body)
    {
        try
        {
            if (!HttpMethods.IsPost(http.Request.Method))
            {
                throw new AccessAnalyzerException(new AccessAnalyzerError("UnknownOperationException", 404, $"Unknown operation {http.Request.Method} {ValidatePolicyPath}"));
            }

            var (who, authError) = await authenticator.AuthenticateAsync(signed, AccessAnalyzerScope);
            if (who is null)
            {
                throw new AwsException(authError!);
            }

            var query = http.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
            var request = ValidatePolicyRequest.Bind(body, query);
            var region = SigV4Parser.Parse(signed, out _)?.Region ?? SigningScope.GlobalRegion;
            var context = RequestContextFactory.For(who, http, clock.GetUtcNow(), region);
            core.LastAccess.Record(who, ValidatePolicyAction, region);
            await AuthorizeAsync(http, who, [new AuthorizationCheck(ValidatePolicyAction, "*")], context, AwsErrors.AccessDeniedException);
            var findings = PolicyLinter.Lint(request.Lint);
            await WriteJsonAsync(http, 200, "application/json", ValidatePolicyResponse.Write(request, findings));
        }
        catch (AccessAnalyzerException ex)
        {
            await WriteRestJsonErrorAsync(http, ex.Error);
        }
        catch (Exception ex) when (!http.RequestAborted.IsCancellationRequested && ToAwsError(ex) is { } error)
        {
            await WriteRestJsonErrorAsync(http, AccessAnalyzerError.Of(error));
        }
    }

    private static Task WriteRestJsonErrorAsync(HttpContext http, AccessAnalyzerError error)
    {
        http.Response.Headers["x-amzn-ErrorType"] = error.Code;
        return WriteJsonAsync(http, error.Status, "application/json", error.Body());
    }
}
