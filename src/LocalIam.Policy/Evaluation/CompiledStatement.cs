using LocalIam.Policy.Authorization;
using LocalIam.Policy.Evaluation.Conditions;
using LocalIam.Policy.Model;
using LocalIam.Policy.Text;

namespace LocalIam.Policy.Evaluation;

/// <summary>
/// A statement ready to evaluate. It either applies to a request or it does not; an unmet
/// condition means "does not apply", never "deny".
/// </summary>
public sealed class CompiledStatement
{
    private readonly ActionPattern[] _actions;
    private readonly Template[]? _resources;
    private readonly PrincipalMatcher? _principal;
    private readonly CompiledCondition[] _conditions;

    internal CompiledStatement(CompiledPolicy policy, Statement statement, bool variablesEnabled)
    {
        Policy = policy;
        Source = statement;
        NotAction = statement.Actions?.IsNegated ?? false;
        _actions = CompileActions(statement.Actions);
        NotResource = statement.Resources?.IsNegated ?? false;
        _resources = CompileResources(statement.Resources, variablesEnabled);
        _principal = statement.Principal is null ? null : new PrincipalMatcher(statement.Principal, statement.Effect);
        _conditions = CompileConditions(statement.Conditions, variablesEnabled);
    }

    // Plain loops below: a large account compiles a few hundred thousand of these values at once.
    private static ActionPattern[] CompileActions(ElementValues? actions)
    {
        if (actions is null)
        {
            return [];
        }

        var compiled = new ActionPattern[actions.Values.Count];
        for (var i = 0; i < compiled.Length; i++)
        {
            compiled[i] = new ActionPattern(actions.Values[i].Value);
        }

        return compiled;
    }

    private static Template[]? CompileResources(ElementValues? resources, bool variablesEnabled)
    {
        if (resources is null)
        {
            return null;
        }

        var compiled = new Template[resources.Values.Count];
        for (var i = 0; i < compiled.Length; i++)
        {
            compiled[i] = Template.Parse(resources.Values[i].Value, variablesEnabled);
        }

        return compiled;
    }

    /// <summary>A clause whose operator is unknown (only an empty one is valid) is left out: it has no effect.</summary>
    private static CompiledCondition[] CompileConditions(IReadOnlyList<ConditionClause> clauses, bool variablesEnabled)
    {
        if (clauses.Count == 0)
        {
            return [];
        }

        var compiled = new List<CompiledCondition>(clauses.Count);
        foreach (var clause in clauses)
        {
            if (ConditionOperatorTable.TryParse(clause.Operator.Value, out var op))
            {
                compiled.Add(new CompiledCondition(op!, clause, variablesEnabled));
            }
        }

        return [.. compiled];
    }

    public CompiledPolicy Policy { get; }

    public Statement Source { get; }

    public Effect Effect => Source.Effect;

    public string? Sid => Source.Sid?.Value;

    public int Index => Source.Index;

    public SourceSpan Span => Source.Span;

    public bool NotAction { get; }

    public bool NotResource { get; }

    /// <summary>The service prefixes this statement can apply to, or null when it can apply to any service.</summary>
    public IEnumerable<string>? Services =>
        NotAction || _actions.Any(a => a.Service is null) ? null : _actions.Select(a => a.Service!).Distinct(StringComparer.OrdinalIgnoreCase);

    /// <summary>Does this statement apply to the request? Principal is checked only when the statement has one.</summary>
    public bool Applies(RequestAction action, string resource, Principal principal, RequestContext context) =>
        Applies(action, resource, principal, callerHasBoundary: false, context, out _);

    internal bool Applies(RequestAction action, string resource, Principal principal, bool callerHasBoundary, RequestContext context, out PrincipalMatch principalMatch)
    {
        principalMatch = PrincipalMatch.Caller;
        context.Budget?.Spend(8);
        if (MatchesAnyAction(action, context.Budget) == NotAction)
        {
            return false;
        }

        if (_resources is not null && MatchesAnyResource(resource, context) == NotResource)
        {
            return false;
        }

        if (_principal is not null && (principalMatch = _principal.Match(principal, callerHasBoundary)) == PrincipalMatch.None)
        {
            return false;
        }

        foreach (var condition in _conditions)
        {
            if (!condition.Holds(context))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Which part of the statement keeps it from applying to the request, for explanations ("its
    /// Resource does not match", "its condition on aws:MultiFactorAuthPresent fails"); checked in the
    /// order <see cref="Applies(RequestAction, string, Principal, RequestContext)"/> checks them.
    /// </summary>
    public StatementCheck Check(RequestAction action, string resource, Principal principal, RequestContext context)
    {
        if (MatchesAnyAction(action, null) == NotAction)
        {
            return new StatementCheck(StatementPart.Action, null);
        }

        if (_resources is not null && MatchesAnyResource(resource, context) == NotResource)
        {
            return new StatementCheck(StatementPart.Resource, null);
        }

        if (_principal is not null && _principal.Match(principal, callerHasBoundary: false) == PrincipalMatch.None)
        {
            return new StatementCheck(StatementPart.Principal, null);
        }

        foreach (var condition in _conditions)
        {
            if (!condition.Holds(context))
            {
                return new StatementCheck(StatementPart.Condition, condition.Clause);
            }
        }

        return new StatementCheck(StatementPart.None, null);
    }

    /// <summary>
    /// Could the statement apply to <paramref name="action"/> for some resource, principal and
    /// context? False means it never applies to that action, whatever else the request holds.
    /// </summary>
    public bool MayApplyTo(RequestAction action) => MatchesAnyAction(action, null) != NotAction;

    /// <summary>Every condition key the statement reads (the simulator's context keys and MissingContextValues start here).</summary>
    public IEnumerable<string> ConditionKeys => _conditions.Select(c => c.Key);

    /// <summary>The context keys read by policy variables in Resource or NotResource (2012-10-17 documents only).</summary>
    public IEnumerable<string> ResourceVariableKeys => _resources?.SelectMany(r => r.VariableKeys) ?? [];

    public override string ToString() => $"{Policy.Id} {Source.Label}";

    private bool MatchesAnyAction(RequestAction action, EvaluationBudget? budget)
    {
        foreach (var pattern in _actions)
        {
            if (pattern.Matches(action, budget))
            {
                return true;
            }
        }

        return false;
    }

    private bool MatchesAnyResource(string resource, RequestContext context)
    {
        foreach (var pattern in _resources!)
        {
            // Resource ARNs are case-sensitive; a pattern with an unresolvable variable matches nothing.
            if (pattern.IsMatchAll || pattern.IsLike(resource, context, ignoreCase: false))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>The part of a statement that does not match a request; <see cref="StatementPart.None"/> when the statement applies.</summary>
public enum StatementPart
{
    None,
    Action,
    Resource,
    Principal,
    Condition,
}

/// <summary>What <see cref="CompiledStatement.Check"/> found: the failing part, and for a condition the clause that fails.</summary>
public readonly record struct StatementCheck(StatementPart FailingPart, ConditionClause? FailedCondition)
{
    public bool Applies => FailingPart == StatementPart.None;
}
