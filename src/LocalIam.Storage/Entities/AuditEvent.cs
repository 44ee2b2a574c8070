namespace LocalIam.Storage.Entities;

/// <summary>One change to the account, appended in the same transaction as the change itself.</summary>
public sealed class AuditEvent
{
    public long Id { get; set; }

    public DateTime Time { get; set; }

    public required string AccountId { get; set; }

    public required string PrincipalArn { get; set; }

    /// <summary>The IAM action, e.g. <c>iam:CreateUser</c> or <c>billing:UpdateIAMAccessPreference</c>.</summary>
    public required string Action { get; set; }

    public required string Target { get; set; }

    /// <summary><c>Success</c> or the AWS error code.</summary>
    public required string Outcome { get; set; }
}

/// <summary>
/// The store-wide change stamp: one row whose revision every write increments first. Taking that
/// row serializes writers (so quotas hold) and tells every node that authorization data changed.
/// </summary>
public sealed class StoreStamp
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    public long Revision { get; set; }

    /// <summary>
    /// A known value encrypted with the store's secret key: a node started with another key finds
    /// out at start, not at the first request. Null in a store made before it existed, until a node
    /// adopts its key.
    /// </summary>
    public byte[]? KeyCheck { get; set; }
}
