using System.Text.Json;
using LocalIam.Aws.Errors;

namespace LocalIam.Aws.Json;

/// <summary>The AWS JSON protocol: <c>X-Amz-Target: Service.Operation</c>, JSON in and out, errors as <c>{"__type": ..., "message": ...}</c>.</summary>
public static class JsonProtocol
{
    public const string ContentType10 = "application/x-amz-json-1.0";
    public const string ContentType11 = "application/x-amz-json-1.1";

    /// <summary>Splits <c>AWSBilling.GetIAMAccessPreference</c> into service prefix and operation.</summary>
    public static (string Prefix, string Operation) SplitTarget(string target)
    {
        var dot = target.LastIndexOf('.');
        return dot < 0 ? (target, string.Empty) : (target[..dot], target[(dot + 1)..]);
    }

    /// <summary>JSON-protocol error codes end in <c>Exception</c> where AWS's do (AccessDenied is AccessDeniedException).</summary>
    public static string Error(AwsError error)
    {
        var type = error.Code.EndsWith("Exception", StringComparison.Ordinal) || error.Code is "InvalidClientTokenId" or "SignatureDoesNotMatch"
            or "MissingAuthenticationToken" or "IncompleteSignature" or "ExpiredToken"
            ? error.Code
            : error.Code + "Exception";
        return JsonSerializer.Serialize(new Dictionary<string, string> { ["__type"] = type, ["message"] = WritableText.ForJson(error.Message) });
    }
}
