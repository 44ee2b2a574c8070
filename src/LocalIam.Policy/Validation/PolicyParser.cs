using LocalIam.Policy.Model;
using LocalIam.Policy.Syntax;

namespace LocalIam.Policy.Validation;

/// <summary>Options that depend on where a document is used, beyond its <see cref="PolicyKind"/>.</summary>
public sealed record PolicyParseOptions
{
    public static readonly PolicyParseOptions Default = new();

    /// <summary>Managed policies (CreatePolicy, CreatePolicyVersion) must say Version 2012-10-17.</summary>
    public bool RequireVersion2012 { get; init; }

    /// <summary>
    /// The one partition resource ARNs may name, as IAM checks a document it is asked to store
    /// (<c>Partition "aws" is not valid for resource ...</c> in aws-cn); null accepts any AWS partition.
    /// </summary>
    public string? Partition { get; init; }
}

/// <summary>
/// Reads a policy in two stages: text to <see cref="JsonSyntax"/> with spans, then JSON to the
/// <see cref="PolicyDocument"/> model while checking IAM's grammar for the given kind. Every
/// problem is collected; none throws.
/// </summary>
public static class PolicyParser
{
    public static PolicyParseResult Parse(string text, PolicyKind kind, PolicyParseOptions? options = null) =>
        Parse(text, kind, options, out _);

    /// <summary>As above, and the JSON syntax with its spans, for tools that report paths through it (the linter).</summary>
    public static PolicyParseResult Parse(string text, PolicyKind kind, PolicyParseOptions? options, out JsonSyntax? syntax)
    {
        var diagnostics = new List<Diagnostic>();
        var syntaxErrorMessage = kind == PolicyKind.Trust ? AwsPolicyMessages.TrustInvalidJson : AwsPolicyMessages.SyntaxErrors;
        syntax = JsonSyntaxReader.Read(text, diagnostics, () => syntaxErrorMessage);
        if (syntax is null)
        {
            return new PolicyParseResult(null, diagnostics);
        }

        var document = new DocumentBinder(kind, options ?? PolicyParseOptions.Default, diagnostics).Bind(syntax);
        return new PolicyParseResult(document, diagnostics);
    }
}

/// <summary>The model (when the JSON had a usable shape) and every diagnostic, errors first in AWS's order.</summary>
public sealed class PolicyParseResult
{
    public PolicyParseResult(PolicyDocument? document, IEnumerable<Diagnostic> diagnostics)
    {
        Document = document;
        var all = diagnostics.ToList();
        if (all.Count <= 1)
        {
            // Most stored documents have nothing to say: no sort to run.
            Diagnostics = all;
            return;
        }

        var hasResourceFormatError = all.Exists(d => d.IsError && PolicyDiagnostics.IsResourceFormatError(d.Id));
        Diagnostics = [.. all
            .OrderByDescending(d => d.IsError)
            .ThenBy(d => d.IsError ? PolicyDiagnostics.PrecedenceOf(d.Id, hasResourceFormatError) : 0)
            .ThenBy(d => d.Span.Offset)];
    }

    public PolicyDocument? Document { get; }

    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    public bool IsValid => Document is not null && (Diagnostics.Count == 0 || !Diagnostics[0].IsError);

    /// <summary>The error AWS would report, or null when the document is valid.</summary>
    public Diagnostic? FirstError => Diagnostics.Count > 0 && Diagnostics[0].IsError ? Diagnostics[0] : null;

    public IEnumerable<Diagnostic> Errors => Diagnostics.Where(d => d.IsError);

    public IEnumerable<Diagnostic> Warnings => Diagnostics.Where(d => !d.IsError);
}
