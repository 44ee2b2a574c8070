using System.Text.Json;
using LocalIam.Policy.Linting;

namespace LocalIam.Server.Api.AccessAnalyzer;

/// <summary>ValidatePolicy's output: one page of findings in Access Analyzer's shapes, and nextToken when more follow.</summary>
internal static class ValidatePolicyResponse
{
    public static string Write(ValidatePolicyRequest request, IReadOnlyList<LintFinding> findings)
    {
        var page = findings.Skip(request.Offset).Take(request.MaxResults).ToList();
        var next = request.Offset + page.Count;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            LintFindingJson.WriteFindings(json, page);
            if (next < findings.Count)
            {
                json.WriteString("nextToken", PageToken.Write(next, request.Lint));
            }

            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
