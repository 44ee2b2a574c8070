using System.Text.Json;
using LocalIam.Aws.Errors;

namespace LocalIam.Aws.Json;

/// <summary>
/// The members of a JSON-protocol request body (<c>{"Enabled": true}</c>), read as the Query
/// protocol's are: strings, numbers and booleans as text, arrays of strings, arrays of objects;
/// and, for the services whose members nest (Cost Explorer's filters, Budgets' budgets), nested
/// objects as requests of their own, numbers, timestamps (epoch seconds) and maps of string lists.
/// A member of the wrong JSON type is AWS's SerializationException, named by its path from the
/// body (<c>TimePeriod.Start</c>). AWS's JSON services call a missing member <c>ValidationException</c>.
/// </summary>
public sealed class JsonRequest(JsonElement body, string path = "") : IRequestParameters
{
    /// <summary>The parameters of a JSON row: its bind step reads nested members through this.</summary>
    public static JsonRequest Of(IRequestParameters parameters) => (JsonRequest)parameters;

    /// <summary>Whether the member is present and not null.</summary>
    public bool Has(string name) => Member(name) is not null;

    /// <summary>A nested object, as a request of its own; null when absent.</summary>
    public JsonRequest? GetObject(string name) => Member(name) is { } value
        ? value.ValueKind == JsonValueKind.Object ? new JsonRequest(value, PathOf(name)) : throw WrongType(PathOf(name))
        : null;

    /// <summary>An array of objects, each a request of its own (<c>GroupBy</c>, <c>And</c>); empty when absent.</summary>
    public List<JsonRequest> GetObjects(string name) => Member(name) is { } value
        ? value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Select((item, i) => item.ValueKind == JsonValueKind.Object ? new JsonRequest(item, $"{PathOf(name)}.{i + 1}") : throw WrongType(PathOf(name)))]
            : throw WrongType(PathOf(name))
        : [];

    public double? GetDouble(string name) => Member(name) is { } value
        ? value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number) ? number : throw WrongType(PathOf(name))
        : null;

    /// <summary>A timestamp, which AWS's JSON protocols send as epoch seconds (fractions allowed).</summary>
    public DateTime? GetTimestamp(string name)
    {
        if (GetDouble(name) is not { } seconds)
        {
            return null;
        }

        // Years 1 to 9999 only: anything else is no time a service keeps.
        return seconds is > -62135596800 and < 253402300800 ? DateTime.UnixEpoch.AddSeconds(seconds) : throw WrongType(PathOf(name));
    }

    /// <summary>A map whose values are lists of strings (Budgets' CostFilters); empty when absent.</summary>
    public Dictionary<string, List<string>> GetStringListMap(string name)
    {
        if (Member(name) is not { } value)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw WrongType(PathOf(name));
        }

        var map = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var entry in value.EnumerateObject())
        {
            map[entry.Name] = entry.Value.ValueKind == JsonValueKind.Array
                ? [.. entry.Value.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.String ? item.GetString()! : throw WrongType(PathOf(name)))]
                : throw WrongType(PathOf(name));
        }

        return map;
    }

    /// <summary>The member's path from the body, as messages name it.</summary>
    public string PathOf(string name) => path.Length == 0 ? name : $"{path}.{name}";

    public string? Get(string name) => Member(name) is { } value
        ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Number => value.GetRawText(),
            _ => throw WrongType(PathOf(name)),
        }
        : null;

    public string Required(string name) => Get(name) ?? throw new AwsException(AwsErrors.MissingMember(MessagePath(name)));

    /// <summary>The member's path as validation messages write it: each name in camel case (<c>timePeriod.start</c>).</summary>
    public string MessagePath(string name) =>
        string.Join('.', PathOf(name).Split('.').Select(part => part.Length > 0 && char.IsUpper(part[0]) ? char.ToLowerInvariant(part[0]) + part[1..] : part));

    public int? GetInt(string name) => Member(name) is { } value
        ? value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : throw WrongType(PathOf(name))
        : null;

    public bool? GetBool(string name) => Member(name) is { } value
        ? value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw WrongType(PathOf(name)),
        }
        : null;

    public List<string> GetList(string name) => Member(name) is { ValueKind: JsonValueKind.Array } array
        ? [.. array.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.String ? item.GetString()! : throw WrongType(PathOf(name)))]
        : Member(name) is null ? [] : throw WrongType(PathOf(name));

    public List<IReadOnlyDictionary<string, string>> GetStructures(string name) => Member(name) is { ValueKind: JsonValueKind.Array } array
        ? [.. array.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.Object
            ? (IReadOnlyDictionary<string, string>)item.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ToString(), StringComparer.Ordinal)
            : throw WrongType(PathOf(name)))]
        : Member(name) is null ? [] : throw WrongType(PathOf(name));

    private JsonElement? Member(string name) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static AwsException WrongType(string name) => new(AwsErrors.MemberNotOfType(name));
}
