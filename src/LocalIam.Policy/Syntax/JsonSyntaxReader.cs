using System.Text;
using System.Text.Json;
using LocalIam.Policy.Text;
using LocalIam.Policy.Validation;

namespace LocalIam.Policy.Syntax;

/// <summary>
/// Reads policy text into <see cref="JsonSyntax"/> with a span on every value, using
/// <see cref="Utf8JsonReader"/> because <see cref="JsonDocument"/> forgets positions.
/// Never throws on bad input: problems come back as diagnostics.
/// </summary>
public static class JsonSyntaxReader
{
    public static JsonSyntax? Read(string text, List<Diagnostic> diagnostics, Func<string> syntaxErrorMessage)
    {
        if (Encoding.UTF8.GetMaxByteCount(text.Length) > JsonSyntaxLimits.MaxDocumentBytes && Encoding.UTF8.GetByteCount(text) > JsonSyntaxLimits.MaxDocumentBytes)
        {
            diagnostics.Add(PolicyDiagnostics.DocumentTooLarge(syntaxErrorMessage()));
            return null;
        }

        var utf8 = Encoding.UTF8.GetBytes(text);
        var lines = new LineMap(utf8);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions
        {
            CommentHandling = JsonCommentHandling.Disallow,
            AllowTrailingCommas = false,
            MaxDepth = JsonSyntaxLimits.MaxDepth,
        });

        try
        {
            if (!reader.Read())
            {
                diagnostics.Add(PolicyDiagnostics.InvalidJson(syntaxErrorMessage(), lines.Span(0, 0), "the document is empty"));
                return null;
            }

            var root = ReadValue(ref reader, lines, diagnostics);
            if (reader.Read())
            {
                diagnostics.Add(PolicyDiagnostics.InvalidJson(
                    syntaxErrorMessage(), lines.Span(reader.TokenStartIndex, 1), "text follows the end of the JSON document"));
                return null;
            }

            return root;
        }
        catch (InvalidOperationException ex)
        {
            // GetString refuses escaped lone surrogates ("\uDC00"): still bad JSON, never an escape.
            diagnostics.Add(PolicyDiagnostics.InvalidJson(syntaxErrorMessage(), lines.Span(reader.TokenStartIndex, 1), ex.Message.TrimEnd('.')));
            return null;
        }
        catch (JsonException ex)
        {
            var offset = ex.LineNumber is { } line && ex.BytePositionInLine is { } inLine
                ? lines.LineStart((int)line) + inLine
                : reader.BytesConsumed;
            diagnostics.Add(PolicyDiagnostics.InvalidJson(syntaxErrorMessage(), lines.Span(Math.Min(offset, utf8.Length), 1), Describe(ex)));
            return null;
        }
    }

    private static string Describe(JsonException ex)
    {
        // System.Text.Json messages end with a position and a period; keep the first clause only.
        var message = ex.Message;
        var cut = message.IndexOf(" LineNumber", StringComparison.Ordinal);
        if (cut > 0)
        {
            message = message[..cut];
        }

        return message.TrimEnd('.', ' ');
    }

    private static JsonSyntax ReadValue(ref Utf8JsonReader reader, LineMap lines, List<Diagnostic> diagnostics)
    {
        var start = reader.TokenStartIndex;
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                return ReadObject(ref reader, lines, diagnostics, lines.Span(start, 0));
            case JsonTokenType.StartArray:
                // Take the position at the opening bracket, so positions are asked for in text order.
                var arraySpan = lines.Span(start, 0);
                var items = new List<JsonSyntax>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(ReadValue(ref reader, lines, diagnostics));
                }

                return new JsonArraySyntax(arraySpan with { Length = (int)(reader.TokenStartIndex + 1 - start) }, items);
            case JsonTokenType.String:
                return new JsonStringSyntax(lines.Span(start, TokenLength(ref reader)), reader.GetString()!);
            case JsonTokenType.Number:
                return new JsonNumberSyntax(lines.Span(start, TokenLength(ref reader)), Encoding.UTF8.GetString(reader.ValueSpan));
            case JsonTokenType.True:
            case JsonTokenType.False:
                return new JsonBooleanSyntax(lines.Span(start, TokenLength(ref reader)), reader.GetBoolean());
            default:
                return new JsonNullSyntax(lines.Span(start, TokenLength(ref reader)));
        }
    }

    private static JsonObjectSyntax ReadObject(ref Utf8JsonReader reader, LineMap lines, List<Diagnostic> diagnostics, SourceSpan start)
    {
        // A repeated key drops the earlier entry, found by index: thousands of repeats stay linear.
        var properties = new List<JsonPropertySyntax?>();
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var nameSpan = lines.Span(reader.TokenStartIndex, TokenLength(ref reader));
            var name = reader.GetString()!;
            reader.Read();
            var value = ReadValue(ref reader, lines, diagnostics);

            // AWS accepts a repeated key and keeps the last value; say so, since it is rarely meant.
            if (positions.TryGetValue(name, out var earlier))
            {
                diagnostics.Add(PolicyDiagnostics.DuplicateKey(name, nameSpan));
                properties[earlier] = null;
            }

            positions[name] = properties.Count;
            properties.Add(new JsonPropertySyntax(name, nameSpan, value));
        }

        List<JsonPropertySyntax> kept = [.. properties.OfType<JsonPropertySyntax>()];
        return new JsonObjectSyntax(start with { Length = (int)(reader.TokenStartIndex + 1 - start.Offset) }, kept);
    }

    private static long TokenLength(ref Utf8JsonReader reader) =>
        reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length + (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName ? 2 : 0);
}
