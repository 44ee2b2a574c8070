namespace LocalIam.Policy.Evaluation;

/// <summary>One entry of <c>Action</c>/<c>NotAction</c>, compiled: service prefix and name pattern, both case-insensitive.</summary>
public sealed class ActionPattern
{
    // The name is the text after the colon (kept as an offset: no second string per action).
    private readonly int _nameStart;
    private readonly bool _nameIsStar;
    private readonly bool _nameHasWildcards;

    public ActionPattern(string text)
    {
        Text = text;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (text == "*" || colon < 0)
        {
            Service = null;
            _nameIsStar = true;
            _nameHasWildcards = true;
        }
        else
        {
            Service = ServicePrefixes.Of(text.AsSpan(0, colon));
            _nameStart = colon + 1;
            _nameIsStar = Name is "*";
            _nameHasWildcards = Wildcard.HasWildcards(Name);
        }
    }

    public string Text { get; }

    /// <summary>The service prefix, or null when the pattern is <c>*</c> and matches every service.</summary>
    public string? Service { get; }

    private ReadOnlySpan<char> Name => Service is null ? "*" : Text.AsSpan(_nameStart);

    public bool Matches(RequestAction action, EvaluationBudget? budget = null)
    {
        budget?.Spend(1);
        if (Service is not null && !Service.Equals(action.Service, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var name = Name;
        budget?.Spend(name.Length + 1);

        return _nameHasWildcards
            ? _nameIsStar || Wildcard.IsMatch(name, [], action.Name, ignoreCase: true, budget)
            : name.Equals(action.Name, StringComparison.OrdinalIgnoreCase);
    }
}
