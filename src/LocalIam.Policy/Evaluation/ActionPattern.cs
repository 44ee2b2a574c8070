namespace LocalIam.Policy.Evaluation;

/// <summary>One entry of <c>Action</c>/<c>NotAction</c>, compiled: service prefix and name pattern, both case-insensitive.</summary>
public sealed class ActionPattern
{
    private readonly string _name;
    private readonly bool _nameHasWildcards;

    public ActionPattern(string text)
    {
        Text = text;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (text == "*" || colon < 0)
        {
            Service = null;
            _name = "*";
        }
        else
        {
            Service = text[..colon];
            _name = text[(colon + 1)..];
        }

        _nameHasWildcards = Wildcard.HasWildcards(_name);
    }

    public string Text { get; }

    /// <summary>The service prefix, or null when the pattern is <c>*</c> and matches every service.</summary>
    public string? Service { get; }

    public bool Matches(RequestAction action, EvaluationBudget? budget = null)
    {
        budget?.Spend(1);
        if (Service is not null && !Service.Equals(action.Service, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        budget?.Spend(_name.Length + 1);

        return _nameHasWildcards
            ? _name == "*" || Wildcard.IsMatch(_name, [], action.Name, ignoreCase: true, budget)
            : _name.Equals(action.Name, StringComparison.OrdinalIgnoreCase);
    }
}
