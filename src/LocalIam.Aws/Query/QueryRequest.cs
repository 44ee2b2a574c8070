using System.Globalization;
using LocalIam.Aws.Errors;

namespace LocalIam.Aws.Query;

/// <summary>
/// The parameters of an AWS Query request (form body and query string together), with readers
/// for AWS's shapes: <c>Name.member.N</c> lists and <c>Tags.member.N.Key</c> structures.
/// </summary>
public sealed class QueryRequest : IRequestParameters
{
    /// <summary>No AWS list parameter comes near this; beyond it members are ignored (and validation then refuses the list).</summary>
    public const int MaxMembers = 1000;

    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public QueryRequest(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        foreach (var (name, value) in parameters)
        {
            _values.TryAdd(name, value);
        }
    }

    /// <summary>
    /// The parameters of a request as it came: the query string's (SigV4's <c>X-Amz-*</c> left out)
    /// and, for a form post, the body's. Names and values that are not UTF-8 are kept with U+FFFD
    /// in place of the bad bytes, and <see cref="HasInvalidUtf8"/> says so.
    /// </summary>
    public static QueryRequest FromWire(string rawQuery, byte[]? formBody)
    {
        var parameters = FormEncoding.Parse(rawQuery.StartsWith('?') ? rawQuery[1..] : rawQuery, out var queryValid)
            .Where(p => !p.Key.StartsWith("X-Amz-", StringComparison.Ordinal)).ToList();
        var bodyValid = true;
        if (formBody is not null)
        {
            bodyValid = System.Text.Unicode.Utf8.IsValid(formBody);
            parameters.AddRange(FormEncoding.Parse(System.Text.Encoding.UTF8.GetString(formBody), out var formValid));
            bodyValid &= formValid;
        }

        return new QueryRequest(parameters) { HasInvalidUtf8 = !(queryValid && bodyValid) };
    }

    /// <summary>Whether a name or value held bytes that are not UTF-8; validation refuses such a request.</summary>
    public bool HasInvalidUtf8 { get; private init; }

    /// <summary>Every parameter name, in no particular order.</summary>
    public IEnumerable<string> Names => _values.Keys;

    public string? Action => Get("Action");

    public string? Version => Get("Version");

    public string? Get(string name) => _values.GetValueOrDefault(name);

    /// <summary>A required parameter; absent, it is AWS's "must not be null" validation error.</summary>
    public string Required(string name) => Get(name) ?? throw new AwsException(AwsErrors.MissingParameter(name));

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
        for (var i = 1; i <= MaxMembers && Get($"{name}.member.{i}") is { } value; i++)
        {
            items.Add(value);
        }

        return items;
    }

    /// <summary>
    /// <c>Name.member.N.Field</c> structures, in N order from 1 until a number is missing. One pass
    /// over the parameters, whatever their number: a hostile request must not cost N².
    /// </summary>
    public List<IReadOnlyDictionary<string, string>> GetStructures(string name)
    {
        var prefix = name + ".member.";
        var byIndex = new Dictionary<int, Dictionary<string, string>>();
        foreach (var (key, value) in _values)
        {
            if (!key.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var rest = key.AsSpan(prefix.Length);
            var dot = rest.IndexOf('.');
            if (dot > 0 && int.TryParse(rest[..dot], NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index is > 0 and <= MaxMembers)
            {
                if (!byIndex.TryGetValue(index, out var fields))
                {
                    byIndex[index] = fields = new Dictionary<string, string>(StringComparer.Ordinal);
                }

                fields[rest[(dot + 1)..].ToString()] = value;
            }
        }

        var items = new List<IReadOnlyDictionary<string, string>>();
        for (var i = 1; byIndex.TryGetValue(i, out var fields); i++)
        {
            items.Add(fields);
        }

        return items;
    }

    private static AwsException Invalid(string name, string value, string type) =>
        new(AwsErrors.ValueNotOfType(value, name, type));
}
