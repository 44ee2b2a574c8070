using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LocalIam.E2E.Tests.Support;

namespace LocalIam.Hostile.Tests.Catalogue;

/// <summary>What the AWS CLI v2 reported, in the shape run-cases.mjs gives: status and request id from its --debug log.</summary>
public static partial class CliAnswer
{
    public static JsonObject Read(CliResult result, long milliseconds)
    {
        var answer = new JsonObject { ["ms"] = (int)milliseconds };
        var statuses = Status().Matches(result.Error);
        answer["status"] = statuses.Count > 0 ? int.Parse(statuses[^1].Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        var requestIds = RequestId().Matches(result.Error);
        if (requestIds.Count > 0)
        {
            answer["requestId"] = requestIds[^1].Groups[1].Value;
        }

        // botocore logs the body it parsed: AWS's envelope carries a RequestId element.
        answer["envelope"] = requestIds.Count > 0 && result.Error.Contains("<RequestId>", StringComparison.Ordinal);
        if (result.Succeeded)
        {
            answer["output"] = result.Output.Trim().Length == 0 ? new JsonObject() : JsonNode.Parse(result.Output);
            return answer;
        }

        var error = Error().Matches(result.Error);
        if (error.Count > 0)
        {
            answer["code"] = error[^1].Groups[1].Value;
            answer["message"] = error[^1].Groups[2].Value.TrimEnd();
        }
        else
        {
            answer["code"] = "CliError";
            answer["message"] = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? string.Empty;
        }

        return answer;
    }

    [GeneratedRegex("\"POST / HTTP/1\\.1\" (\\d{3})")]
    private static partial Regex Status();

    [GeneratedRegex("'x-amzn-requestid': '([^']+)'", RegexOptions.IgnoreCase)]
    private static partial Regex RequestId();

    [GeneratedRegex(@"An error occurred \(([^)]+)\) when calling the \w+ operation(?: \([^)]*\))?: (.*)")]
    private static partial Regex Error();
}
