namespace LocalIam.Storage.Entities;

/// <summary>An AWS account: its root user and its account-level settings.</summary>
public sealed class Account
{
    /// <summary>The 12-digit account id.</summary>
    public required string Id { get; set; }

    public string? Alias { get; set; }

    public required string RootEmail { get; set; }

    /// <summary>ASP.NET Core password hash of the root password; never the password itself.</summary>
    public required string RootPasswordHash { get; set; }

    /// <summary>"IAM user and role access to Billing information"; off for a new stand-alone account.</summary>
    public bool BillingAccessEnabled { get; set; }

    public DateTime CreatedAt { get; set; }
}
