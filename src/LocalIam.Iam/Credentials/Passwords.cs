using Microsoft.AspNetCore.Identity;

namespace LocalIam.Iam.Credentials;

/// <summary>Password hashing with ASP.NET Core Identity's hasher (PBKDF2, salted, versioned). Passwords are never stored or logged.</summary>
public static class Passwords
{
    private static readonly PasswordHasher<Owner> Hasher = new();

    public static string Hash(string password) => Hasher.HashPassword(Owner.Instance, password);

    /// <summary>Constant-time verification (the hasher compares with FixedTimeEquals).</summary>
    public static bool Verify(string hash, string password) =>
        Hasher.VerifyHashedPassword(Owner.Instance, hash, password) is PasswordVerificationResult.Success or PasswordVerificationResult.SuccessRehashNeeded;

    /// <summary>
    /// Sign-in's check: when there is no hash (no such user, no login profile) a stand-in hash is
    /// verified anyway and the answer is false, so the time taken does not tell which was missing.
    /// </summary>
    public static bool VerifyOrFail(string? hash, string password)
    {
        var matches = Verify(hash ?? StandIn.Value, password);
        return hash is not null && matches;
    }

    private static readonly Lazy<string> StandIn = new(() => Hash(Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24))));

    private sealed class Owner
    {
        public static readonly Owner Instance = new();
    }
}
