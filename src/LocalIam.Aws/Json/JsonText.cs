using System.Text.Json;
using System.Text.Unicode;

namespace LocalIam.Aws.Json;

/// <summary>
/// Whether every string and member name of a JSON body is text: UTF-8 as RFC 8259 requires, and no
/// <c>\uD800</c> escape without its other half. System.Text.Json parses such a body but throws only
/// when a value is read, deep inside a handler; this check lets the wire layer refuse it first.
/// </summary>
public static class JsonText
{
    /// <summary>False when a string is not text; a body that is not JSON at all throws <see cref="JsonException"/>.</summary>
    public static bool IsValid(ReadOnlySpan<byte> json, int maxDepth = 64)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = maxDepth });
        while (reader.Read())
        {
            if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && !IsText(ref reader))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether the reader's current string token reads as text.</summary>
    public static bool IsText(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            return Utf8.IsValid(reader.ValueSpan);
        }

        try
        {
            _ = reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
