using LocalIam.Iam.Errors;
using LocalIam.Storage.Entities;

namespace LocalIam.Iam.Credentials;

/// <summary>
/// Checks a new console password against the account password policy, or against AWS's default
/// when the account has none: at least 8 characters with at least three of upper case, lower case,
/// digits and symbols.
/// </summary>
public static class PasswordRules
{
    private const int DefaultMinimumLength = 8;
    private const int DefaultRequiredKinds = 3;

    public static void Check(string? password, PasswordPolicy? policy, string field = "password")
    {
        new RequestValidator().Length(password ?? string.Empty, field, 1, 128).ThrowIfInvalid();
        var text = password!;
        var upper = text.Any(char.IsUpper);
        var lower = text.Any(char.IsLower);
        var digit = text.Any(char.IsDigit);
        var symbol = text.Any(c => !char.IsLetterOrDigit(c));
        var ok = policy is null
            ? text.Length >= DefaultMinimumLength && new[] { upper, lower, digit, symbol }.Count(k => k) >= DefaultRequiredKinds
            : text.Length >= policy.MinimumPasswordLength
                && (!policy.RequireSymbols || symbol) && (!policy.RequireNumbers || digit)
                && (!policy.RequireUppercaseCharacters || upper) && (!policy.RequireLowercaseCharacters || lower);
        if (!ok)
        {
            throw IamErrors.PasswordPolicyViolation();
        }
    }
}
