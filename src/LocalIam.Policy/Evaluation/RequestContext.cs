using System.Net;

namespace LocalIam.Policy.Evaluation;

/// <summary>
/// The request's condition keys and their values. Key names are case-insensitive, as in IAM.
/// Built once per request, read many times without allocating.
/// </summary>
public sealed class RequestContext
{
    private readonly Dictionary<string, ContextValue> _values = new(StringComparer.OrdinalIgnoreCase);

    public IEnumerable<KeyValuePair<string, ContextValue>> Values => _values;

    /// <summary>
    /// The work the evaluation may do and the caller's cancellation; none for ordinary
    /// authorization, whose policies are the account's own.
    /// </summary>
    public EvaluationBudget? Budget { get; set; }

    /// <summary>
    /// The request comes from a Billing and Cost Management console page: the billing-access setting
    /// gates it whatever the action's service (AWS gates the Cost Explorer and Budgets pages, not
    /// their APIs). Not a condition key: no policy can read or set it.
    /// </summary>
    public bool ViaBillingConsole { get; set; }

    /// <summary>Sets a single-valued key such as <c>aws:username</c>.</summary>
    public RequestContext Set(string key, string value)
    {
        _values[key] = new ContextValue([value], IsMultiValued: false);
        return this;
    }

    /// <summary>Sets a multivalued key such as <c>aws:TagKeys</c>; an empty list is a present but empty set.</summary>
    public RequestContext SetList(string key, IEnumerable<string> values)
    {
        _values[key] = new ContextValue([.. values], IsMultiValued: true);
        return this;
    }

    public bool Remove(string key) => _values.Remove(key);

    /// <summary>Another context with the same keys, for a further decision that adds keys of its own.</summary>
    public RequestContext Copy()
    {
        var copy = new RequestContext { ViaBillingConsole = ViaBillingConsole };
        foreach (var (key, value) in _values)
        {
            copy._values[key] = value;
        }

        return copy;
    }

    public bool TryGet(string key, out ContextValue value) => _values.TryGetValue(key, out value!);

    /// <summary>The value of a single-valued key, as a policy variable reads it; null when absent or multivalued.</summary>
    public string? GetSingle(string key) =>
        _values.TryGetValue(key, out var value) && !value.IsMultiValued && value.Items.Length == 1 ? value.Items[0] : null;

    public bool Contains(string key) => _values.ContainsKey(key);
}

/// <summary>The value of one context key: one string for single-valued keys, any number for lists.</summary>
public sealed class ContextValue(string[] Items, bool IsMultiValued)
{
    /// <summary>Marks an item that is not an address; compared by reference, so no real address collides with it.</summary>
    internal static readonly IPAddress NotAnAddress = new(0);

    private IPAddress?[]? _addresses;

    public string[] Items { get; } = Items;

    public bool IsMultiValued { get; } = IsMultiValued;

    /// <summary>No items, or a single empty string: AWS treats both as an empty data set.</summary>
    public bool IsEmpty => Items.Length == 0 || (Items.Length == 1 && Items[0].Length == 0);

    /// <summary>
    /// The item read as an IP address, parsed once and kept, so IP conditions allocate only the
    /// first time a request's context is evaluated.
    /// </summary>
    internal IPAddress? AddressAt(int index)
    {
        _addresses ??= new IPAddress?[Items.Length];
        return _addresses[index] ??= IPAddress.TryParse(Items[index], out var address) ? address : NotAnAddress;
    }
}
