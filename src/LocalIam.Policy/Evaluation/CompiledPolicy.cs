using LocalIam.Policy.Model;
using LocalIam.Policy.Validation;

namespace LocalIam.Policy.Evaluation;

/// <summary>
/// A valid policy compiled once into matchers. <see cref="Id"/> names it in results and messages
/// (a managed policy's ARN, or <c>user/NAME/inline/POLICY</c> and the like).
/// </summary>
public sealed class CompiledPolicy
{
    private CompiledPolicy(string id, PolicyKind kind, PolicyDocument document)
    {
        Id = id;
        Kind = kind;
        Document = document;
        var statements = new CompiledStatement[document.Statements.Count];
        for (var i = 0; i < statements.Length; i++)
        {
            statements[i] = new CompiledStatement(this, document.Statements[i], document.SupportsVariables);
        }

        Statements = statements;
    }

    public string Id { get; }

    public PolicyKind Kind { get; }

    public PolicyDocument Document { get; }

    public IReadOnlyList<CompiledStatement> Statements { get; }

    /// <summary>Could any statement apply to <paramref name="action"/>: a policy for which this is false takes no part in deciding it.</summary>
    public bool MayApplyTo(RequestAction action)
    {
        for (var i = 0; i < Statements.Count; i++)
        {
            if (Statements[i].MayApplyTo(action))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Compiles a document that <see cref="PolicyParser"/> found valid.</summary>
    public static CompiledPolicy Compile(string id, PolicyKind kind, PolicyDocument document) => new(id, kind, document);

    /// <summary>Parses and compiles; throws <see cref="PolicyParseException"/> when the document is invalid.</summary>
    public static CompiledPolicy Parse(string id, string json, PolicyKind kind = PolicyKind.Identity, PolicyParseOptions? options = null)
    {
        var result = PolicyParser.Parse(json, kind, options);
        return result.IsValid ? Compile(id, kind, result.Document!) : throw new PolicyParseException(id, result);
    }
}

/// <summary>Raised at the edge when a caller compiles a document without checking it first.</summary>
public sealed class PolicyParseException(string policyId, PolicyParseResult result)
    : Exception($"Policy `{policyId}` is not valid: {result.FirstError?.Message} {result.FirstError?.Help}")
{
    public PolicyParseResult Result { get; } = result;
}
