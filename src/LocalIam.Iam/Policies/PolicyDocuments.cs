using LocalIam.Iam.Errors;
using LocalIam.Policy.Model;
using LocalIam.Policy.Validation;

namespace LocalIam.Iam.Policies;

/// <summary>Checks a policy document the way IAM does before storing it: grammar first, then size.</summary>
public static class PolicyDocuments
{
    /// <summary>Returns the parsed document, or throws <c>MalformedPolicyDocument</c> with AWS's first error.</summary>
    public static PolicyDocument Validate(string? text, PolicyKind kind, string field, bool managed = false)
    {
        new RequestValidator().Length(text ?? string.Empty, field, 1, 131072).ThrowIfInvalid();
        var result = PolicyParser.Parse(text!, kind, new PolicyParseOptions { RequireVersion2012 = managed });
        return result.IsValid ? result.Document! : throw IamErrors.MalformedPolicy(result.FirstError!.Message);
    }

    /// <summary>IAM counts policy size without whitespace.</summary>
    public static int Size(string text)
    {
        var count = 0;
        foreach (var c in text)
        {
            count += char.IsWhiteSpace(c) ? 0 : 1;
        }

        return count;
    }
}
