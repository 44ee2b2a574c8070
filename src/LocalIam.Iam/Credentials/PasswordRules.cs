using LocalIam.Iam.Errors;
using LocalIam.Storage.Entities;

namespace LocalIam.Iam.Credentials;

/// <summary>Checks a new console password against the account password policy (or IAM's defaults when none is set).</summary>
public static class PasswordRules
{
    public static void Check(string? password, PasswordPolicy? policy, string field = "password")
    {
        new RequestValidator().Length(password ?? string.Empty, field, 1, 128).ThrowIfInvalid();
        var text = password!;
        var minimum = policy?.MinimumPasswordLength ?? 8;
        var ok = text.Length >= minimum
            && (policy is null || ((!policy.RequireSymbols || text.Any(c => !char.IsLetterOrDigit(c)))
                && (!policy.RequireNumbers || text.Any(char.IsDigit))
                && (!policy.RequireUppercaseCharacters || text.Any(char.IsUpper))
                && (!policy.RequireLowercaseCharacters || text.Any(char.IsLower))));
        if (!ok)
        {
            throw IamErrors.PasswordPolicyViolation();
        }
    }
}
