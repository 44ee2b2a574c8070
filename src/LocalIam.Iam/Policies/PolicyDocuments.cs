using LocalIam.Iam.Errors;
using LocalIam.Policy.Model;
using LocalIam.Policy.Text;
using LocalIam.Policy.Validation;

namespace LocalIam.Iam.Policies;

/// <summary>Checks a policy document the way IAM does before storing it: grammar first, then size.</summary>
public static class PolicyDocuments
{
    /// <summary>Returns the parsed document, or throws <c>MalformedPolicyDocument</c> with AWS's first error.</summary>
    /// <param name="partition">The caller's partition, the only one its resources may name; null (an import) accepts any.</param>
    public static PolicyDocument Validate(string? text, PolicyKind kind, string field, bool managed = false, string? partition = null)
    {
        new RequestValidator().Length(text ?? string.Empty, field, 1, MaxLength).ThrowIfInvalid();
        var result = PolicyParser.Parse(text!, kind, new PolicyParseOptions { RequireVersion2012 = managed, Partition = partition });
        return result.IsValid ? result.Document! : throw IamErrors.MalformedPolicy(result.FirstError!.Message);
    }

    /// <summary>The longest document any policy parameter takes, in characters (AWS's model).</summary>
    public const int MaxLength = 131072;

    /// <summary>
    /// Every finding about a managed policy document, checked as CreatePolicy and
    /// CreatePolicyVersion check it (length, grammar, then size): the error they report comes first,
    /// with its position, so an editor shows what saving would answer.
    /// </summary>
    public static IReadOnlyList<Diagnostic> DiagnoseManaged(string? text)
    {
        try
        {
            new RequestValidator().Length(text ?? string.Empty, "policyDocument", 1, MaxLength).ThrowIfInvalid();
        }
        catch (IamException ex)
        {
            return [new Diagnostic("LIP002", DiagnosticSeverity.Error, ex.Message, SourceSpan.None, $"a policy document has 1 to {MaxLength} characters")];
        }

        var result = PolicyParser.Parse(text!, PolicyKind.Identity, new PolicyParseOptions { RequireVersion2012 = true });
        if (result.IsValid && Size(text!) > Quotas.ManagedPolicySize.Limit)
        {
            var tooLarge = new Diagnostic("LIP002", DiagnosticSeverity.Error, Quotas.ManagedPolicySize.Exceeded().Message, SourceSpan.None,
                $"a managed policy has at most {Quotas.ManagedPolicySize.Limit} characters, not counting whitespace");
            return [tooLarge, .. result.Diagnostics];
        }

        return result.Diagnostics;
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
