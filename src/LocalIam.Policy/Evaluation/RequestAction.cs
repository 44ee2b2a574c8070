namespace LocalIam.Policy.Evaluation;

/// <summary>An action such as <c>iam:CreateUser</c>, split once into service prefix and name.</summary>
public sealed record RequestAction
{
    public RequestAction(string action)
    {
        Full = action;
        var colon = action.IndexOf(':', StringComparison.Ordinal);
        Service = colon < 0 ? string.Empty : action[..colon];
        Name = colon < 0 ? action : action[(colon + 1)..];
    }

    public string Full { get; }

    public string Service { get; }

    public string Name { get; }

    public override string ToString() => Full;
}
