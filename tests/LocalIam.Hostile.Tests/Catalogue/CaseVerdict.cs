using System.Text.Json.Nodes;

namespace LocalIam.Hostile.Tests.Catalogue;

/// <summary>
/// Compares what a case answered with what AWS answers. Every answer, expected or not, must be
/// below 500, in AWS's envelope and carry a request id; then the case's own expectation.
/// </summary>
public static class CaseVerdict
{
    public static List<string> Problems(HostileCase c, JsonObject? result)
    {
        if (result is null)
        {
            return ["the case was not run"];
        }

        if ((string?)result["error"] is { } error)
        {
            return [$"the case could not run: {error}"];
        }

        var problems = new List<string>();
        var expect = c.Expect;
        if (result["race"] is JsonObject race)
        {
            CheckRace(expect, race, problems);
            return problems;
        }

        var answers = result["answers"]!.AsArray();
        if (result["first"] is JsonObject first && expect["first"] is JsonObject expectFirst)
        {
            Check("the first send", expectFirst, first, problems);
        }

        Check("the answer", expect, answers[0]!.AsObject(), problems);
        var after = c.Json["after"]?.AsArray() ?? [];
        for (var i = 0; i < after.Count; i++)
        {
            Check($"after step {i + 1} ({after[i]!["request"]!["operation"]} as {after[i]!["attacker"]})", after[i]!["expect"]!.AsObject(), answers[i + 1]!.AsObject(), problems);
        }

        return problems;
    }

    private static void Check(string what, JsonObject expect, JsonObject answer, List<string> problems)
    {
        var actual = Describe(answer);
        var status = (int?)answer["status"] ?? 0;
        if (answer["transportError"] is { } transport)
        {
            problems.Add($"{what}: no HTTP answer ({transport})");
            return;
        }

        if (status >= 500)
        {
            problems.Add($"{what}: a server error, never acceptable: {actual}");
        }

        if ((bool?)answer["envelope"] != true || string.IsNullOrEmpty((string?)answer["requestId"]))
        {
            problems.Add($"{what}: not AWS's envelope with a request id: {actual}");
        }

        var code = (string?)answer["code"];
        if (expect["code"] is { } expectedCode)
        {
            string[] codes = expectedCode is JsonArray list ? [.. list.Select(n => (string)n!)] : [(string)expectedCode!];
            if (code is null || !codes.Contains(code))
            {
                problems.Add($"{what}: expected {string.Join(" or ", codes)} (HTTP {expect["status"]}), got {actual}");
            }
        }
        else if ((bool?)expect["success"] == true && code is not null)
        {
            problems.Add($"{what}: expected success, got {actual}");
        }

        if ((int?)expect["status"] is { } expectedStatus && expectedStatus != status)
        {
            problems.Add($"{what}: expected HTTP {expectedStatus}, got {actual}");
        }

        var message = (string?)answer["message"] ?? string.Empty;
        foreach (var fragment in Strings(expect["message"]))
        {
            if (!message.Contains(fragment, StringComparison.Ordinal))
            {
                problems.Add($"{what}: expected the message to contain `{fragment}`, got {actual}");
            }
        }

        foreach (var fragment in Strings(expect["messageExcludes"]))
        {
            if (message.Contains(fragment, StringComparison.Ordinal))
            {
                problems.Add($"{what}: the message must not contain `{fragment}`, got {actual}");
            }
        }

        foreach (var fragment in Strings(expect["bodyContains"]))
        {
            if (!((string?)answer["body"] ?? string.Empty).Contains(fragment, StringComparison.Ordinal))
            {
                problems.Add($"{what}: expected the response body to contain `{fragment}`, got {actual}");
            }
        }

        if (expect["output"] is JsonObject outputs)
        {
            foreach (var (path, value) in outputs)
            {
                var found = Lookup(answer["output"], path);
                if (!JsonNode.DeepEquals(found, value))
                {
                    problems.Add($"{what}: expected output {path} = {value?.ToJsonString()}, got {found?.ToJsonString() ?? "nothing"} ({actual})");
                }
            }
        }

        if ((int?)expect["maxMs"] is { } maxMs && (int?)answer["ms"] is { } ms && ms > maxMs)
        {
            problems.Add($"{what}: took {ms} ms, more than the {maxMs} ms a bounded request may take ({actual})");
        }
    }

    private static void CheckRace(JsonObject expect, JsonObject race, List<string> problems)
    {
        var succeeded = (int)race["succeeded"]!;
        var failures = race["failures"]!.AsArray();
        var summary = $"{succeeded} succeeded; failures: {string.Join(", ", failures.GroupBy(f => $"{f!["code"]} {f["status"]}").Select(g => $"{g.Count()} x {g.Key}"))}";
        if ((int?)expect["succeeded"] is { } expected && expected != succeeded)
        {
            problems.Add($"expected exactly {expected} of the concurrent requests to succeed, got {summary}");
        }

        foreach (var failure in failures)
        {
            if ((string?)failure!["code"] != (string?)expect["failedCode"] || (int?)failure["status"] != (int?)expect["failedStatus"])
            {
                problems.Add($"every other request must fail with {expect["failedCode"]} (HTTP {expect["failedStatus"]}), got {summary}; one said: {failure["message"]}");
                break;
            }
        }
    }

    private static JsonNode? Lookup(JsonNode? node, string path)
    {
        foreach (var part in path.Split('.'))
        {
            node = node switch
            {
                JsonObject o => o[part],
                JsonArray a when int.TryParse(part, out var i) && i < a.Count => a[i],
                JsonArray a when part == "length" => a.Count,
                _ => null,
            };
        }

        return node;
    }

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        null => [],
        JsonArray list => list.Select(n => (string)n!),
        _ => [(string)node!],
    };

    public static string Describe(JsonObject answer)
    {
        var status = (int?)answer["status"] ?? 0;
        return answer["code"] is { } code
            ? $"HTTP {status} {code}: {Shorten((string?)answer["message"])}"
            : $"HTTP {status} success";
    }

    private static string Shorten(string? text) => text is null ? "(no message)" : text.Length <= 400 ? text : text[..400] + "...";
}
