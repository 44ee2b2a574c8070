namespace LocalIam.Iam.Billing.Import;

/// <summary>
/// Each distinct text once, by number: a million lines of a few hundred distinct services, usage
/// types and resources allocate a few hundred strings, not millions.
/// </summary>
internal sealed class StringTable
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly List<string> _texts = [];

    public StringTable() => _lookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();

    public int Count => _texts.Count;

    public string this[int id] => _texts[id];

    public int Intern(ReadOnlySpan<char> text)
    {
        if (_lookup.TryGetValue(text, out var id))
        {
            return id;
        }

        var value = text.ToString();
        id = _texts.Count;
        _texts.Add(value);
        _ids.Add(value, id);
        return id;
    }
}
