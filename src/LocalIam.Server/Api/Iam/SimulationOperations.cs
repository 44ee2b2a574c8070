using System.Xml.Linq;
using LocalIam.Aws;
using LocalIam.Iam.Simulation;
using static LocalIam.Aws.Query.QueryXml;

namespace LocalIam.Server.Api.Iam;

/// <summary>
/// SimulatePrincipalPolicy and SimulateCustomPolicy: the request bound into a
/// <see cref="SimulationInput"/>, decided by the core's <see cref="PolicySimulator"/>, and the
/// typed page rendered in AWS's XML.
/// </summary>
internal static class SimulationOperations
{
    public const string BillingSettingDetailKey = "IAM user and role access to Billing information";

    public static void Register(QueryTable table) => table
        .Add("SimulatePrincipalPolicy", "iam:SimulatePrincipalPolicy", q => (Source: q.Required("PolicySourceArn"), Input: Input(q)),
            (r, _) => new ResourceName.EntityArn(r.Source),
            async (r, c) => Render(await c.Core.Simulator.ForPrincipalAsync(c.Caller, r.Source, r.Input with { Cancellation = c.Aborted })))
        .Add("SimulateCustomPolicy", "iam:SimulateCustomPolicy", Input, (_, _) => "*", (input, c) =>
            Task.FromResult(Render(PolicySimulator.ForCustomPolicies(c.Caller, input with { Cancellation = c.Aborted }))));

    private static SimulationInput Input(IRequestParameters q) => new()
    {
        ActionNames = q.GetList("ActionNames"),
        ResourceArns = q.GetList("ResourceArns"),
        PolicyInputList = q.GetList("PolicyInputList"),
        PermissionsBoundaryPolicyInputList = q.GetList("PermissionsBoundaryPolicyInputList"),
        ResourcePolicy = q.Get("ResourcePolicy"),
        ContextEntries = ContextEntries(q),
        CallerArn = q.Get("CallerArn"),
        MaxItems = q.GetInt("MaxItems"),
        Marker = q.Get("Marker"),
    };

    /// <summary><c>ContextEntries.member.N.ContextKeyName</c>, <c>...ContextKeyValues.member.M</c>, <c>...ContextKeyType</c>.</summary>
    private static List<SimulationContextEntry> ContextEntries(IRequestParameters q)
    {
        var entries = new List<SimulationContextEntry>();
        for (var i = 1; q.Get($"ContextEntries.member.{i}.ContextKeyName") is { } key; i++)
        {
            entries.Add(new SimulationContextEntry(key, q.GetList($"ContextEntries.member.{i}.ContextKeyValues"),
                q.Get($"ContextEntries.member.{i}.ContextKeyType") ?? "string"));
        }

        return entries;
    }

    private static IEnumerable<object>? Render(SimulationPage page)
    {
        var results = new XElement("EvaluationResults", page.Results.Select(r => new XElement("member", Result(r))));
        return page.IsTruncated
            ? [results, El("IsTruncated", true)!, El("Marker", page.Marker)!]
            : [results, El("IsTruncated", false)!];
    }

    /// <summary>
    /// One result, its members in the model's order. For a named resource (not <c>*</c>) AWS also
    /// answers in ResourceSpecificResults, lists there instead the context keys the request lacks,
    /// and sends EvalDecisionDetails empty for a simulation within one account (the API reference's
    /// EvaluationResult; LocalStack's test_simulate_principle_policy, recorded against AWS).
    /// </summary>
    private static IEnumerable<object?> Result(SimulationResult result)
    {
        var named = result.ResourceName != "*";
        yield return El("EvalActionName", result.ActionName);
        yield return El("EvalResourceName", result.ResourceName);
        yield return El("EvalDecision", result.EvalDecision);
        yield return Members("MatchedStatements", result.MatchedStatements, Statement);
        yield return StringMembers("MissingContextValues", named ? [] : result.MissingContextValues);
        if (result.AllowedByPermissionsBoundary is { } allowed)
        {
            yield return new XElement("PermissionsBoundaryDecisionDetail", El("AllowedByPermissionsBoundary", allowed));
        }

        if (result.BillingSettingDecided)
        {
            // The setting decided: say so in the one map the simulator's response has for details.
            yield return new XElement("EvalDecisionDetails", new XElement("entry", El("key", BillingSettingDetailKey), El("value", "implicitDeny")));
        }
        else if (named)
        {
            yield return new XElement("EvalDecisionDetails");
        }

        if (named)
        {
            yield return new XElement("ResourceSpecificResults", new XElement("member",
                El("EvalResourceName", result.ResourceName),
                El("EvalResourceDecision", result.EvalDecision),
                Members("MatchedStatements", result.MatchedStatements, Statement),
                StringMembers("MissingContextValues", result.MissingContextValues)));
        }
    }

    private static IEnumerable<object?> Statement(MatchedStatement statement) =>
    [
        El("SourcePolicyId", statement.SourcePolicyId),
        El("SourcePolicyType", statement.SourcePolicyType),
        new XElement("StartPosition", El("Line", statement.Start.Line), El("Column", statement.Start.Column)),
        new XElement("EndPosition", El("Line", statement.End.Line), El("Column", statement.End.Column)),
    ];
}
