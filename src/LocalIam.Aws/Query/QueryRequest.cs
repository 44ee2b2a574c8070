using System.Globalization;
using LocalIam.Aws.Errors;

namespace LocalIam.Aws.Query;

/// <summary>
/// The parameters of an AWS Query request (form body and query string together), with readers
/// for AWS's shapes: <c>Name.member.N</c> lists and <c>Tags.member.N.Key</c> structures.
/// </summary>
public sealed class QueryRequest
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public QueryRequest(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        foreach (var (name, value) in parameters)
        {
            _values.TryAdd(name, value);
        }
    }

    public string? Action => Get("Action");

    public string? Version => Get("Version");

    public string? Get(string name) => _values.GetValueOrDefault(name);

    /// <summary>A required parameter; absent, it is AWS's "must not be null" validation error.</summary>
    public string Required(string name) => Get(name) ?? throw new AwsException(AwsError.ValidationError(
        $"1 validation error detected: Value null at '{char.ToLowerInvariant(name[0])}{name[1..]}' failed to satisfy constraint: Member must not be null"));

    public bool? GetBool(string name) => Get(name) is { } text
        ? bool.TryParse(text, out var value) ? value : throw Invalid(name, text, "boolean")
        : null;

    public int? GetInt(string name) => Get(name) is { } text
        ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : throw Invalid(name, text, "integer")
        : null;

    /// <summary><c>Name.member.1</c>, <c>Name.member.2</c>, ... in order; an empty list is sent as <c>Name=</c>.</summary>
    public List<string> GetList(string name)
    {
        var items = new List<string>();
        for (var i = 1; Get($"{name}.member.{i}") is { } value; i++)
        {
            items.Add(value);
        }

        return items;
    }

    /// <summary><c>Name.member.N.Field</c> structures, read field by field.</summary>
    public List<IReadOnlyDictionary<string, string>> GetStructures(string name)
    {
        var items = new List<IReadOnlyDictionary<string, string>>();
        for (var i = 1; ; i++)
        {
            var prefix = $"{name}.member.{i}.";
            var fields = _values.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal))
                .ToDictionary(kv => kv.Key[prefix.Length..], kv => kv.Value, StringComparer.Ordinal);
            if (fields.Count == 0)
            {
                return items;
            }

            items.Add(fields);
        }
    }

    private static AwsException Invalid(string name, string value, string type) =>
        new(new AwsError("MalformedQueryString", 400, $"Value '{value}' for parameter {name} is not a valid {type}."));
}
