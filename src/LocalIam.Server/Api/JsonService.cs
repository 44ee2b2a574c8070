namespace LocalIam.Server.Api;

/// <summary>
/// A service on the AWS JSON protocol: its <c>X-Amz-Target</c> prefix, the signing name its requests
/// are scoped to, its content type, and its rows (handlers return the response body's object).
/// Cost Explorer and Budgets join <see cref="JsonServices.All"/> the same way.
/// </summary>
internal sealed record JsonService(string TargetPrefix, string SigningName, string ContentType, IReadOnlyDictionary<string, IOperation> Operations)
{
    /// <summary>
    /// Whether requests signed for any commercial region are accepted. AWS's SDKs sign Cost Explorer
    /// and Budgets for us-east-1 at AWS's endpoints whatever region they are set to, but for the
    /// region they are set to at a given endpoint URL: so LocalIam accepts what they sign (docs/billing.md).
    /// </summary>
    public bool AcceptsAnyRegion { get; init; }

    public LocalIam.Aws.SigV4.SigningScope Scope => AcceptsAnyRegion
        ? new(SigningName, LocalIam.Aws.SigV4.SigningScope.CommercialRegions)
        : LocalIam.Aws.SigV4.SigningScope.GlobalService(SigningName);
}

/// <summary>The JSON protocol's rows: handlers return the object the response body serializes.</summary>
internal sealed class JsonTable : OperationTable<object>;

/// <summary>Every JSON-protocol service the endpoint serves, by target prefix.</summary>
internal static class JsonServices
{
    public static IReadOnlyDictionary<string, JsonService> All { get; } =
        new[] { Billing.BillingOperations.Service, Billing.CostExplorerOperations.Service, Billing.BudgetOperations.Service, Analysis.AnalysisOperations.Service }.ToDictionary(s => s.TargetPrefix, StringComparer.Ordinal);
}
