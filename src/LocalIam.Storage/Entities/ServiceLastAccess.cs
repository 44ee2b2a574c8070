namespace LocalIam.Storage.Entities;

/// <summary>
/// When a user or role last attempted one action (IAM's last accessed information): one row per
/// principal and action, the time kept to the minute, written in batches outside the store's
/// write lock (bookkeeping, not authorization data). A role's sessions count for the role.
/// </summary>
public sealed class ServiceLastAccess
{
    /// <summary>The user's or role's id (AIDA..., AROA...).</summary>
    public required string PrincipalId { get; set; }

    /// <summary>The IAM action as the API authorizes it, e.g. <c>iam:ListUsers</c>.</summary>
    public required string Action { get; set; }

    public required string AccountId { get; set; }

    /// <summary>The action's service prefix in lower case (<c>iam</c>), so a service's rows are found without parsing.</summary>
    public required string ServiceNamespace { get; set; }

    public DateTime AccessedAt { get; set; }

    public required string Region { get; set; }
}
