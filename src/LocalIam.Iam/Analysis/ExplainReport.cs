namespace LocalIam.Iam.Analysis;

/// <summary>
/// Why one principal may or may not perform one action on one resource, as the CLI and the
/// server's LocalIam API print it: the decision in AWS's words and LocalIam's, every statement
/// that mattered with the lines of its policy, the billing gate when it decided, and the single
/// changes that would flip the decision with who may make each.
/// </summary>
public sealed record ExplainReport(
    string AccountId,
    long Revision,
    ExplainedPrincipal Principal,
    string Action,
    string Resource,
    string Decision,
    string Reason,
    string Message,
    string Explanation,
    BillingSettingFacts Billing,
    bool BillingSettingDecided,
    IReadOnlyList<StatementReport> Statements,
    IReadOnlyList<FlipReport> Flips,
    IReadOnlyList<string> MissingContextKeys);

public sealed record ExplainedPrincipal(string Name, string Kind, string Arn);

/// <summary>
/// A statement that mattered: it decided, it applied, it was overridden, or it would have applied
/// but for its Resource or a condition (<see cref="Role"/> says which).
/// </summary>
public sealed record StatementReport(
    PolicyReference Policy,
    string Statement,
    string Effect,
    string Role,
    int StartLine,
    int EndLine,
    IReadOnlyList<PolicyLine> Lines)
{
    /// <summary>For a statement a condition kept from applying: the clause and what the request had.</summary>
    public ConditionMiss? FailedCondition { get; init; }
}

/// <summary>One line of a policy as printed, and whether it belongs to the statement shown.</summary>
public sealed record PolicyLine(int Number, string Text, bool InStatement);

public sealed record ConditionMiss(string Operator, string Key, IReadOnlyList<string> PolicyValues, IReadOnlyList<string>? RequestValues);

/// <summary>One change that would flip the decision on its own (or, when <see cref="Alone"/> is false, the first of the changes needed), and who may make it.</summary>
public sealed record FlipReport(string Change, bool Alone, IReadOnlyList<string> WhoMay)
{
    /// <summary>The IAM action the change takes and on what, when it is an IAM change.</summary>
    public string? ChangeAction { get; init; }

    public string? ChangeResource { get; init; }
}

/// <summary>What explain is asked: a principal by name (<c>root</c>, a user, <c>role/NAME</c>, or an ARN), an action, a resource, context keys.</summary>
public sealed record ExplainQuestion(string Principal, string Action, string Resource = "*")
{
    public Policy.Evaluation.RequestContext? Context { get; init; }

    /// <summary>Ask as the billing console would (the billing setting then gates Cost Explorer's and Budgets' pages too).</summary>
    public bool ViaBillingConsole { get; init; }
}
