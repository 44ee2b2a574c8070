using LocalIam.Aws;
using LocalIam.Aws.Validation;

namespace LocalIam.Server.Tests.Api;

/// <summary>
/// Parameters for a bind step under test: every member the model gives the operation has a value
/// of its kind (a list one member long), and every name the bind step reads is recorded.
/// </summary>
internal sealed class RecordingParameters(IReadOnlyList<ParameterRule> model) : IRequestParameters
{
    private readonly Dictionary<string, ParameterRule> _members = model.ToDictionary(m => m.Name, StringComparer.Ordinal);

    /// <summary>The top-level member names read (<c>ContextEntries</c> for <c>ContextEntries.member.1.ContextKeyName</c>).</summary>
    public HashSet<string> Read { get; } = new(StringComparer.Ordinal);

    public string? Get(string name)
    {
        var top = Record(name);
        if (!_members.TryGetValue(top, out var rule))
        {
            return null;
        }

        // Lists and structures answer for their first member only, so loops over N end.
        var path = name.Split('.');
        return path.Length == 1 || (path.Length >= 3 && path[1] == "member" && path[2] == "1") ? Value(Leaf(rule, path)) : null;
    }

    public string Required(string name) => Get(name) ?? throw new InvalidOperationException($"`{name}` is not a member of the operation's input");

    public int? GetInt(string name) => Get(name) is { } text && int.TryParse(text, out var value) ? value : null;

    public bool? GetBool(string name) => Get(name) is null ? null : true;

    public List<string> GetList(string name) => Get($"{name}.member.1") is { } value ? [value] : [];

    public List<IReadOnlyDictionary<string, string>> GetStructures(string name)
    {
        Record(name);
        return _members.TryGetValue(name, out var rule) && rule.Member is { } member
            ? [member.Members.ToDictionary(m => m.Name, m => Value(m) ?? "x", StringComparer.Ordinal)]
            : [];
    }

    private string Record(string name)
    {
        var top = name.Split('.')[0];
        Read.Add(top);
        return top;
    }

    private static ParameterRule Leaf(ParameterRule rule, string[] path)
    {
        var current = rule;
        for (var i = 1; i < path.Length; i++)
        {
            current = path[i] == "member" ? current.Member ?? current
                : int.TryParse(path[i], out _) ? current
                : current.Members.FirstOrDefault(m => m.Name == path[i]) ?? current;
        }

        return current;
    }

    /// <summary>A value the model would accept for the member's kind; strings a short word.</summary>
    private static string? Value(ParameterRule rule) => rule.Kind switch
    {
        _ when rule.Enum is { Count: > 0 } values => values[0],
        ParameterKind.Integer or ParameterKind.Long => (rule.Min ?? 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ParameterKind.Boolean => "true",
        ParameterKind.List or ParameterKind.Structure or ParameterKind.Map => "x",
        _ => "arn:aws:iam::111122223333:user/x",
    };
}
