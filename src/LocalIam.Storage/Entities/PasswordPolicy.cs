namespace LocalIam.Storage.Entities;

/// <summary>The account's custom password policy; absent until UpdateAccountPasswordPolicy sets one.</summary>
public sealed class PasswordPolicy
{
    public required string AccountId { get; set; }

    public int MinimumPasswordLength { get; set; } = 6;

    public bool RequireSymbols { get; set; }

    public bool RequireNumbers { get; set; }

    public bool RequireUppercaseCharacters { get; set; }

    public bool RequireLowercaseCharacters { get; set; }

    public bool AllowUsersToChangePassword { get; set; }

    /// <summary>Days; null means passwords never expire.</summary>
    public int? MaxPasswordAge { get; set; }

    public int? PasswordReusePrevention { get; set; }

    public bool HardExpiry { get; set; }
}
