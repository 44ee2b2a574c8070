using LocalIam.Policy.Authorization;
using LocalIam.Policy.Evaluation;

namespace LocalIam.Policy.Corpus;

/// <summary>
/// One declarative evaluation case from <c>tests/corpus</c>: a request, the policies that apply,
/// and what the authorizer must answer. Shared by the tests, the benchmarks and the CLI.
/// </summary>
public sealed record EvaluationCase(
    string File,
    string Name,
    AuthorizationRequest Request,
    ApplicablePolicies Policies,
    AccountSettings Settings,
    CaseExpectation Expect)
{
    public string Id => $"{File}: {Name}";

    public override string ToString() => Id;
}

/// <summary>
/// What must come out. <see cref="Matched"/> lists <c>policyId/Sid</c> (or <c>policyId/#N</c>,
/// 1-based, for statements without a Sid) and is compared as a set when given.
/// </summary>
public sealed record CaseExpectation(
    Decision Decision,
    DecisionReason? Reason,
    IReadOnlyList<string>? Matched,
    string? Message,
    IReadOnlyList<string> MessageContains);
