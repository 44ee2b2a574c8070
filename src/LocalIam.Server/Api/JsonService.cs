namespace LocalIam.Server.Api;

/// <summary>
/// A service on the AWS JSON protocol: its <c>X-Amz-Target</c> prefix, the signing name its requests
/// are scoped to, its content type, and its rows (handlers return the response body's object).
/// Cost Explorer and Budgets join <see cref="JsonServices.All"/> the same way.
/// </summary>
internal sealed record JsonService(string TargetPrefix, string SigningName, string ContentType, IReadOnlyDictionary<string, IOperation> Operations);

/// <summary>The JSON protocol's rows: handlers return the object the response body serializes.</summary>
internal sealed class JsonTable : OperationTable<object>;

/// <summary>Every JSON-protocol service the endpoint serves, by target prefix.</summary>
internal static class JsonServices
{
    public static IReadOnlyDictionary<string, JsonService> All { get; } =
        new[] { Billing.BillingOperations.Service }.ToDictionary(s => s.TargetPrefix, StringComparer.Ordinal);
}
