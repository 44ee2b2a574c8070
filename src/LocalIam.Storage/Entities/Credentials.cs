namespace LocalIam.Storage.Entities;

public enum AccessKeyStatus
{
    Active,
    Inactive,
}

/// <summary>A long-term access key of an IAM user, or of root when <see cref="UserId"/> is null.</summary>
public sealed class AccessKey
{
    /// <summary>AKIA... (20 characters).</summary>
    public required string Id { get; set; }

    public required string AccountId { get; set; }

    public string? UserId { get; set; }

    /// <summary>The secret access key, encrypted at rest (AES-GCM); never stored in clear.</summary>
    public required byte[] SecretCiphertext { get; set; }

    public AccessKeyStatus Status { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? LastUsedAt { get; set; }

    public string? LastUsedService { get; set; }

    public string? LastUsedRegion { get; set; }
}

/// <summary>A user's console password.</summary>
public sealed class LoginProfile
{
    public required string UserId { get; set; }

    public required string PasswordHash { get; set; }

    public bool PasswordResetRequired { get; set; }

    public DateTime CreatedAt { get; set; }
}
