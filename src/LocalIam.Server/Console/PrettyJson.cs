using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LocalIam.Server.Console;

/// <summary>A policy document indented for reading, as AWS's console shows it; the stored text when it does not parse.</summary>
public static class PrettyJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Of(string document)
    {
        try
        {
            return JsonNode.Parse(document)?.ToJsonString(Indented) ?? document;
        }
        catch (JsonException)
        {
            return document;
        }
    }
}
