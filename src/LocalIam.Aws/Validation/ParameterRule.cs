namespace LocalIam.Aws.Validation;

/// <summary>The kinds of value AWS's models give an input member.</summary>
public enum ParameterKind
{
    String,
    Integer,
    Long,
    Boolean,
    Timestamp,
    Blob,
    Float,
    Double,
    List,
    Map,
    Structure,
}

/// <summary>
/// What AWS's model says about one input member: its kind and constraints, and for a structure its
/// members, for a list its member, for a map its key and value.
/// </summary>
public sealed class ParameterRule
{
    private readonly List<ParameterRule> _members = [];

    public ParameterRule(string name, string shape, ParameterKind kind)
    {
        Name = name;
        Shape = shape;
        Kind = kind;
        MessageName = name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
    }

    /// <summary>The member's name on the wire, e.g. <c>UserName</c>; for list members <c>member</c>, for map entries <c>key</c> and <c>value</c>.</summary>
    public string Name { get; }

    /// <summary>The model's shape name, e.g. <c>userNameType</c>.</summary>
    public string Shape { get; }

    public ParameterKind Kind { get; }

    public bool Required { get; init; }

    /// <summary>Length for strings and lists, value for numbers.</summary>
    public long? Min { get; init; }

    public long? Max { get; init; }

    public ModelPattern? Pattern { get; init; }

    public IReadOnlyList<string>? Enum { get; init; }

    /// <summary>Secrets and tokens: never quoted back in a message.</summary>
    public bool Sensitive { get; init; }

    public IReadOnlyList<ParameterRule> Members => _members;

    public ParameterRule? Member { get; private set; }

    public ParameterRule? Key { get; private set; }

    public ParameterRule? Value { get; private set; }

    public bool IsScalar => Kind is not (ParameterKind.List or ParameterKind.Map or ParameterKind.Structure);

    /// <summary>The member's name in AWS's messages: <c>UserName</c> is <c>userName</c>, <c>SAMLMetadataDocument</c> is <c>sAMLMetadataDocument</c>.</summary>
    public string MessageName { get; }

    internal void Attach(ParameterRule child)
    {
        switch (Kind)
        {
            case ParameterKind.Structure:
                _members.Add(child);
                break;
            case ParameterKind.List when child.Name == "member" && Member is null:
                Member = child;
                break;
            case ParameterKind.Map when child.Name == "key" && Key is null:
                Key = child;
                break;
            case ParameterKind.Map when child.Name == "value" && Value is null:
                Value = child;
                break;
            default:
                throw new InvalidDataException($"The constraint table puts `{child.Name}` under `{Name}`, a {Kind}, where it cannot be");
        }
    }
}
