namespace LocalIam.Iam.Simulation;

/// <summary>
/// What a simulation is asked (SimulatePrincipalPolicy, SimulateCustomPolicy): actions, resources,
/// the policies given, context entries and the page wanted. Policy documents are the texts as sent.
/// </summary>
public sealed record SimulationInput
{
    public required IReadOnlyList<string> ActionNames { get; init; }

    /// <summary>Empty means <c>*</c>, as AWS simulates without a resource.</summary>
    public IReadOnlyList<string> ResourceArns { get; init; } = [];

    /// <summary>Identity policies evaluated with the principal's (SimulatePrincipalPolicy) or alone (SimulateCustomPolicy).</summary>
    public IReadOnlyList<string> PolicyInputList { get; init; } = [];

    /// <summary>Replaces the principal's own boundary when given.</summary>
    public IReadOnlyList<string> PermissionsBoundaryPolicyInputList { get; init; } = [];

    public string? ResourcePolicy { get; init; }

    public IReadOnlyList<SimulationContextEntry> ContextEntries { get; init; } = [];

    /// <summary>SimulateCustomPolicy: the user the policies are evaluated for.</summary>
    public string? CallerArn { get; init; }

    public int? MaxItems { get; init; }

    public string? Marker { get; init; }

    /// <summary>Cancelled when the asker goes away: long simulations stop then.</summary>
    public CancellationToken Cancellation { get; init; }
}

/// <summary>One context entry: a key, its values, and AWS's type name (<c>string</c>, <c>stringList</c>, <c>numeric</c>…).</summary>
public sealed record SimulationContextEntry(string Key, IReadOnlyList<string> Values, string Type = "string")
{
    public bool IsList => Type.EndsWith("List", StringComparison.Ordinal);
}
