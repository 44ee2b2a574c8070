namespace LocalIam.Storage.Entities;

/// <summary>
/// An account-level object that authorization never reads (instance profiles, SSH keys, signing
/// certificates, MFA devices, identity providers, server certificates...): stored as a JSON record
/// of its area's own type, so adding such an area needs no schema change.
/// </summary>
public sealed class AccountObject
{
    public required string AccountId { get; set; }

    /// <summary>The area, e.g. <c>instance-profile</c> or <c>ssh-public-key</c>.</summary>
    public required string Kind { get; set; }

    /// <summary>Unique within the account and kind: an upper-cased name, or an id.</summary>
    public required string Key { get; set; }

    /// <summary>The user or role the object belongs to, when it belongs to one.</summary>
    public string? OwnerId { get; set; }

    /// <summary>The area's record, serialized as JSON.</summary>
    public required string Data { get; set; }

    public DateTime CreatedAt { get; set; }
}
