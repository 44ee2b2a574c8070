using System.Text.Json;
using LocalIam.Aws.Errors;

namespace LocalIam.Aws.Json;

/// <summary>
/// The members of a JSON-protocol request body (<c>{"Enabled": true}</c>), read as the Query
/// protocol's are: strings, numbers and booleans as text, arrays of strings, arrays of objects.
/// AWS's JSON services call a missing member <c>ValidationException</c>.
/// </summary>
public sealed class JsonRequest(JsonElement body) : IRequestParameters
{
    public string? Get(string name) => Member(name) is { } value
        ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Number => value.GetRawText(),
            _ => throw WrongType(name),
        }
        : null;

    public string Required(string name) => Get(name) ?? throw new AwsException(AwsErrors.MissingMember(name));

    public int? GetInt(string name) => Member(name) is { } value
        ? value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : throw WrongType(name)
        : null;

    public bool? GetBool(string name) => Member(name) is { } value
        ? value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw WrongType(name),
        }
        : null;

    public List<string> GetList(string name) => Member(name) is { ValueKind: JsonValueKind.Array } array
        ? [.. array.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.String ? item.GetString()! : throw WrongType(name))]
        : Member(name) is null ? [] : throw WrongType(name);

    public List<IReadOnlyDictionary<string, string>> GetStructures(string name) => Member(name) is { ValueKind: JsonValueKind.Array } array
        ? [.. array.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.Object
            ? (IReadOnlyDictionary<string, string>)item.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ToString(), StringComparer.Ordinal)
            : throw WrongType(name))]
        : Member(name) is null ? [] : throw WrongType(name);

    private JsonElement? Member(string name) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static AwsException WrongType(string name) => new(AwsErrors.MemberNotOfType(name));
}
