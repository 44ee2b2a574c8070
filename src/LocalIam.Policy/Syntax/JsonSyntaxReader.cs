using System.Buffers;
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

        // A pooled buffer: a large document's bytes would otherwise be a large-object-heap array per read.
        var byteCount = Encoding.UTF8.GetByteCount(text);
        var buffer = ArrayPool<byte>.Shared.Rent(byteCount);
        try
        {
            Encoding.UTF8.GetBytes(text, buffer);
            return Read(buffer.AsMemory(0, byteCount), diagnostics, syntaxErrorMessage);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static JsonSyntax? Read(ReadOnlyMemory<byte> memory, List<Diagnostic> diagnostics, Func<string> syntaxErrorMessage)
    {
        var utf8 = memory.Span;
        var lines = new LineMap(memory);
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
                return new JsonStringSyntax(lines.Span(start, TokenLength(ref reader)), PropertyNames.ReadValue(ref reader));
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
        // A repeated key drops the earlier entry (left null, then compacted), found by a scan while the
        // object is small and by index past that: thousands of repeats stay linear.
        var properties = new List<JsonPropertySyntax>();
        Dictionary<string, int>? positions = null;
        var dropped = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var nameSpan = lines.Span(reader.TokenStartIndex, TokenLength(ref reader));
            var name = PropertyNames.Read(ref reader);
            reader.Read();
            var value = ReadValue(ref reader, lines, diagnostics);

            // AWS accepts a repeated key and keeps the last value; say so, since it is rarely meant.
            var earlier = positions is null ? IndexOf(properties, name) : positions.GetValueOrDefault(name, -1);
            if (earlier >= 0)
            {
                diagnostics.Add(PolicyDiagnostics.DuplicateKey(name, nameSpan));
                properties[earlier] = null!;
                dropped = true;
            }

            if (positions is not null)
            {
                positions[name] = properties.Count;
            }
            else if (properties.Count == ScannedProperties)
            {
                positions = Positions(properties);
                positions[name] = properties.Count;
            }

            properties.Add(new JsonPropertySyntax(name, nameSpan, value));
        }

        if (dropped)
        {
            properties.RemoveAll(p => p is null);
        }

        return new JsonObjectSyntax(start with { Length = (int)(reader.TokenStartIndex + 1 - start.Offset) }, properties);
    }

    /// <summary>Objects up to this many properties find a repeated key by a scan, without a dictionary.</summary>
    private const int ScannedProperties = 16;

    private static int IndexOf(List<JsonPropertySyntax> properties, string name)
    {
        for (var i = 0; i < properties.Count; i++)
        {
            if (properties[i] is { } property && string.Equals(property.Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static Dictionary<string, int> Positions(List<JsonPropertySyntax> properties)
    {
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < properties.Count; i++)
        {
            if (properties[i] is { } property)
            {
                positions[property.Name] = i;
            }
        }

        return positions;
    }

    private static long TokenLength(ref Utf8JsonReader reader) =>
        reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length + (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName ? 2 : 0);
}
