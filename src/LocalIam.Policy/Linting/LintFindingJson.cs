using System.Text.Json;

namespace LocalIam.Policy.Linting;

/// <summary>Findings in ValidatePolicy's JSON shapes, written by the server's ValidatePolicy and by `localiam lint --output json`.</summary>
public static class LintFindingJson
{
    /// <summary>A <c>findings</c> member: the array of ValidatePolicyFinding objects.</summary>
    public static void WriteFindings(Utf8JsonWriter json, IEnumerable<LintFinding> findings)
    {
        json.WriteStartArray("findings");
        foreach (var finding in findings)
        {
            json.WriteStartObject();
            json.WriteString("findingDetails", finding.FindingDetails);
            json.WriteString("findingType", finding.FindingType.ToWire());
            json.WriteString("issueCode", finding.IssueCode);
            json.WriteString("learnMoreLink", finding.LearnMoreLink);
            json.WriteStartArray("locations");
            foreach (var location in finding.Locations)
            {
                WriteLocation(json, location);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteLocation(Utf8JsonWriter json, LintLocation location)
    {
        json.WriteStartObject();
        json.WriteStartArray("path");
        foreach (var element in location.Path)
        {
            json.WriteStartObject();
            if (element.Index is { } index)
            {
                json.WriteNumber("index", index);
            }
            else if (element.Key is { } key)
            {
                json.WriteString("key", key);
            }
            else if (element.Value is { } value)
            {
                json.WriteString("value", value);
            }
            else if (element.Substring is { } substring)
            {
                json.WriteStartObject("substring");
                json.WriteNumber("start", substring.Start);
                json.WriteNumber("length", substring.Length);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartObject("span");
        WritePosition(json, "start", location.Span.Start);
        WritePosition(json, "end", location.Span.End);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WritePosition(Utf8JsonWriter json, string name, LintPosition position)
    {
        json.WriteStartObject(name);
        json.WriteNumber("line", position.Line);
        json.WriteNumber("column", position.Column);
        json.WriteNumber("offset", position.Offset);
        json.WriteEndObject();
    }
}
