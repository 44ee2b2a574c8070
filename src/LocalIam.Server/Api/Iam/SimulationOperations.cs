using System.Xml.Linq;
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

    public static void Register(OperationTable table) => table
        .Add("SimulatePrincipalPolicy", c => new ResourceName.EntityArn(c.Query.Required("PolicySourceArn")), async c =>
            Render(await c.Service<PolicySimulator>().ForPrincipalAsync(c.Caller, c.Query.Required("PolicySourceArn"), Input(c))))
        .Add("SimulateCustomPolicy", _ => "*", c =>
            Task.FromResult(Render(PolicySimulator.ForCustomPolicies(c.Caller, Input(c)))));

    private static SimulationInput Input(IamCall c) => new()
    {
        ActionNames = c.Query.GetList("ActionNames"),
        ResourceArns = c.Query.GetList("ResourceArns"),
        PolicyInputList = c.Query.GetList("PolicyInputList"),
        PermissionsBoundaryPolicyInputList = c.Query.GetList("PermissionsBoundaryPolicyInputList"),
        ResourcePolicy = c.Query.Get("ResourcePolicy"),
        ContextEntries = ContextEntries(c),
        CallerArn = c.Query.Get("CallerArn"),
        MaxItems = c.Query.GetInt("MaxItems"),
        Marker = c.Query.Get("Marker"),
        Cancellation = c.Aborted,
    };

    /// <summary><c>ContextEntries.member.N.ContextKeyName</c>, <c>...ContextKeyValues.member.M</c>, <c>...ContextKeyType</c>.</summary>
    private static List<SimulationContextEntry> ContextEntries(IamCall c)
    {
        var entries = new List<SimulationContextEntry>();
        for (var i = 1; c.Query.Get($"ContextEntries.member.{i}.ContextKeyName") is { } key; i++)
        {
            entries.Add(new SimulationContextEntry(key, c.Query.GetList($"ContextEntries.member.{i}.ContextKeyValues"),
                c.Query.Get($"ContextEntries.member.{i}.ContextKeyType") ?? "string"));
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

    private static IEnumerable<object?> Result(SimulationResult result)
    {
        yield return El("EvalActionName", result.ActionName);
        yield return El("EvalResourceName", result.ResourceName);
        yield return El("EvalDecision", result.EvalDecision);
        yield return Members("MatchedStatements", result.MatchedStatements, Statement);
        yield return StringMembers("MissingContextValues", result.MissingContextValues);
        if (result.BillingSettingDecided)
        {
            // The setting decided: say so in the one map the simulator's response has for details.
            yield return new XElement("EvalDecisionDetails", new XElement("entry", El("key", BillingSettingDetailKey), El("value", "implicitDeny")));
        }

        if (result.AllowedByPermissionsBoundary is { } allowed)
        {
            yield return new XElement("PermissionsBoundaryDecisionDetail", El("AllowedByPermissionsBoundary", allowed));
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
