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

    private sealed class Owner
    {
        public static readonly Owner Instance = new();
    }
}
