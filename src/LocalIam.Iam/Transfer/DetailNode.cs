using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace LocalIam.Iam.Transfer;

/// <summary>
/// One JSON value of the file with its JSON path: typed reads that refuse a value of the wrong kind
/// with that path (<c>$.UserDetailList[3].AttachedManagedPolicies[0].PolicyArn: expected a string</c>).
/// A member that is absent or null counts as absent; members LocalIam does not know are ignored.
/// </summary>
internal readonly struct DetailNode(JsonElement element, string path)
{
    public string Path => path;

    public JsonElement Element => element;

    public DetailNode Object()
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Bad(path, "expected an object");
        }

        return this;
    }

    public DetailNode? Member(string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? new DetailNode(value, $"{path}.{name}") : null;

    public string String(string name) => OptionalString(name) ?? throw Bad($"{path}.{name}", "missing: expected a string");

    public string? OptionalString(string name) => Member(name) is { } node ? node.AsString() : null;

    public string AsString() => element.ValueKind == JsonValueKind.String ? element.GetString()! : throw Bad(path, "expected a string");

    public bool? OptionalBool(string name) => Member(name) is { } node
        ? node.Element.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Bad(node.Path, "expected true or false"),
        }
        : null;

    public int? OptionalInt(string name) => Member(name) is { } node
        ? node.Element.ValueKind == JsonValueKind.Number && node.Element.TryGetInt32(out var number) ? number : throw Bad(node.Path, "expected a whole number")
        : null;

    /// <summary>A time as the AWS CLI prints it (<c>2024-01-31T12:00:00+00:00</c>) or as the API does (<c>…Z</c>), in UTC.</summary>
    public DateTime? OptionalDate(string name)
    {
        if (Member(name) is not { } node)
        {
            return null;
        }

        var text = node.AsString();
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.UtcDateTime
            : throw Bad(node.Path, $"`{Shown(text)}` is not a date and time such as `2024-01-31T12:00:00+00:00`");
    }

    /// <summary>The members of an array; an absent list is empty.</summary>
    public IEnumerable<DetailNode> Array(string name)
    {
        if (Member(name) is not { } node)
        {
            yield break;
        }

        if (node.Element.ValueKind != JsonValueKind.Array)
        {
            throw Bad(node.Path, "expected a list");
        }

        var index = 0;
        foreach (var item in node.Element.EnumerateArray())
        {
            yield return new DetailNode(item, $"{node.Path}[{index.ToString(CultureInfo.InvariantCulture)}]");
            index++;
        }
    }

    /// <summary>
    /// A policy document: a JSON object as the AWS CLI prints it (kept compact, members in their
    /// order), or a string, URL-encoded as the API returns it or plain JSON text.
    /// </summary>
    public (string Text, string Path) Document(string name)
    {
        var node = Member(name) ?? throw Bad($"{path}.{name}", "missing: expected a policy document");
        switch (node.Element.ValueKind)
        {
            case JsonValueKind.Object:
                using (var buffer = new MemoryStream())
                {
                    using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
                    {
                        node.Element.WriteTo(writer);
                    }

                    return (Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length), node.Path);
                }

            case JsonValueKind.String:
                var text = node.Element.GetString()!.Trim();
                if (text.StartsWith('%'))
                {
                    try
                    {
                        text = Uri.UnescapeDataString(text);
                    }
                    catch (UriFormatException)
                    {
                        throw Bad(node.Path, "the URL-encoded policy document cannot be decoded");
                    }
                }

                return (text, node.Path);
            default:
                throw Bad(node.Path, "expected a policy document (a JSON object or a URL-encoded string)");
        }
    }

    public static AuthorizationDetailsException Bad(string path, string problem) => new(path, problem);

    /// <summary>User input as shown in a message: control characters escaped, long values cut.</summary>
    public static string Shown(string value)
    {
        var builder = new StringBuilder();
        foreach (var c in value.Length > 200 ? value[..200] : value)
        {
            if (char.IsControl(c))
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return value.Length > 200 ? builder.Append('…').ToString() : builder.ToString();
    }
}
