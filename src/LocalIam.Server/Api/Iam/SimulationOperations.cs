using System.Xml.Linq;
using LocalIam.Iam.Authorization;
using LocalIam.Iam.Errors;
using LocalIam.Iam.Groups;
using LocalIam.Iam.Roles;
using LocalIam.Iam.Users;
using LocalIam.Policy.Authorization;
using LocalIam.Policy.Evaluation;
using LocalIam.Policy.Validation;
using LocalIam.Iam.Identifiers;
using LocalIam.Storage.Entities;
using static LocalIam.Aws.Query.QueryXml;

namespace LocalIam.Server.Api.Iam;

/// <summary>
/// SimulatePrincipalPolicy reports what LocalIam would really enforce for a user, group or role,
/// the billing-access setting included (AWS's own simulator ignores it); SimulateCustomPolicy
/// evaluates only the policies given.
/// </summary>
internal static class SimulationOperations
{
    public const string BillingSettingDetailKey = "IAM user and role access to Billing information";

    /// <summary>
    /// Work one page of results may do, in evaluation units (about one character compared): past
    /// it the page ends early with a Marker, as AWS's pages may ("IAM might return fewer than the
    /// MaxItems number of results even when there are more results available").
    /// </summary>
    internal const long PageWork = 25_000_000;

    /// <summary>Work one result may need on top of the page's; past it the request is refused.</summary>
    internal const long ResultWork = 150_000_000;

    /// <summary>What writing one matched statement into the response is counted as.</summary>
    private const long MatchedStatementWork = 2_000;

    public static void Register(OperationTable table) => table
        .Add("SimulatePrincipalPolicy", c => new ResourceName.EntityArn(c.Query.Required("PolicySourceArn")), SimulatePrincipalAsync)
        .Add("SimulateCustomPolicy", _ => "*", SimulateCustomAsync);

    private static async Task<IEnumerable<object>?> SimulatePrincipalAsync(IamCall c)
    {
        var source = c.Query.Required("PolicySourceArn");
        var (principal, data) = await LoadSourceAsync(c, source);
        var extra = Compile(c, "PolicyInputList", PolicyKind.Identity);
        var policies = data.Policies with
        {
            Identity = new PolicySet(data.Policies.Identity.Policies.Concat(extra)),
            PermissionsBoundary = BoundaryInput(c) ?? data.Policies.PermissionsBoundary,
            ResourcePolicy = ResourcePolicy(c),
        };
        var sources = data.Sources.ToDictionary();
        return Evaluate(c, principal, policies, data.Settings, sources, data.Tags);
    }

    private static Task<IEnumerable<object>?> SimulateCustomAsync(IamCall c)
    {
        var caller = c.Query.Get("CallerArn") is { } arn && arn.Contains(":user/", StringComparison.Ordinal)
            ? Principal.User(c.AccountId, arn[(arn.LastIndexOf('/') + 1)..])
            : Principal.User(c.AccountId, "SimulatedUser");
        var policies = new ApplicablePolicies
        {
            Identity = new PolicySet(Compile(c, "PolicyInputList", PolicyKind.Identity)),
            PermissionsBoundary = BoundaryInput(c),
            ResourcePolicy = ResourcePolicy(c),
        };

        // Only the policies given decide: no account setting takes part.
        return Task.FromResult(Evaluate(c, caller, policies, new AccountSettings(IamUserAccessToBilling: true), new Dictionary<string, PolicySource>(), []));
    }

    private static IEnumerable<object>? Evaluate(
        IamCall c, Principal principal, ApplicablePolicies policies, AccountSettings settings, Dictionary<string, PolicySource> sources,
        IReadOnlyList<KeyValuePair<string, string>> tags)
    {
        var actions = c.Query.GetList("ActionNames");
        if (actions.Count == 0)
        {
            throw new IamException(IamErrorCode.ValidationError,
                "1 validation error detected: Value null at 'actionNames' failed to satisfy constraint: Member must not be null");
        }

        var resources = c.Query.GetList("ResourceArns") is { Count: > 0 } given ? given : ["*"];
        // One result per action and resource, paged with MaxItems and Marker as AWS pages them, so
        // a small request cannot ask for an unbounded answer.
        var limit = LocalIam.Iam.Paging.Limit(c.Query.GetInt("MaxItems"));
        var start = int.TryParse(LocalIam.Iam.Paging.Decode(c.Query.Get("Marker")), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var first) ? first : 0;
        var total = (long)actions.Count * resources.Count;

        // The context and the keys it lacks are the same for every result: built once.
        var context = ContextEntries(c);
        foreach (var (key, value) in tags)
        {
            context.Set($"aws:PrincipalTag/{key}", value);
        }

        PrincipalContextKeys.AddTo(context, principal);
        var missing = MissingKeys(policies, context).ToList();
        var budget = new EvaluationBudget(PageWork + ResultWork, c.Aborted);
        context.Budget = budget;
        var ends = new Dictionary<CompiledStatement, (int Line, int Column)>();
        var results = new List<XElement>();
        for (var index = start; index < total && results.Count < limit; index++)
        {
            c.Aborted.ThrowIfCancellationRequested();
            if (results.Count > 0 && budget.Spent >= PageWork)
            {
                break;
            }

            var action = actions[(int)(index / resources.Count)];
            var resource = resources[(int)(index % resources.Count)];
            var matched = new List<CompiledStatement>();
            AuthorizationResult result;
            try
            {
                result = Authorizer.Authorize(new AuthorizationRequest(principal, new RequestAction(action), resource, context), policies, settings, matched);
                budget.Spend(MatchedStatementWork * (matched.Count + 1));
            }
            catch (EvaluationBudgetExceededException) when (results.Count > 0)
            {
                // This result starts the next page, with the whole allowance to itself.
                break;
            }
            catch (EvaluationBudgetExceededException)
            {
                throw new IamException(IamErrorCode.InvalidInput,
                    "The policies and context entries given need more work to evaluate for one action and resource than the simulator allows.");
            }

            results.Add(new XElement("member", ResultElements(result, matched, sources, policies, missing, ends)));
        }

        var next = start + results.Count;
        return next < total
            ? [new XElement("EvaluationResults", results), El("IsTruncated", true)!, El("Marker", LocalIam.Iam.Paging.Encode(next.ToString(System.Globalization.CultureInfo.InvariantCulture)))!]
            : [new XElement("EvaluationResults", results), El("IsTruncated", false)!];
    }

    private static IEnumerable<object?> ResultElements(
        AuthorizationResult result, List<CompiledStatement> matched, Dictionary<string, PolicySource> sources, ApplicablePolicies policies,
        IReadOnlyList<string> missing, Dictionary<CompiledStatement, (int Line, int Column)> ends)
    {
        yield return El("EvalActionName", result.Request.Action.Full);
        yield return El("EvalResourceName", result.Request.Resource);
        yield return El("EvalDecision", result.Decision switch
        {
            Decision.Allowed => "allowed",
            Decision.ExplicitDeny => "explicitDeny",
            _ => "implicitDeny",
        });
        yield return Members("MatchedStatements", matched.Distinct(), s => Statement(s, sources, ends));
        yield return StringMembers("MissingContextValues", missing);
        if (result.Reason == DecisionReason.BillingAccessDisabled)
        {
            // The setting decided: say so in the one map the simulator's response has for details.
            yield return new XElement("EvalDecisionDetails", new XElement("entry", El("key", BillingSettingDetailKey), El("value", "implicitDeny")));
        }

        if (policies.PermissionsBoundary is not null)
        {
            yield return new XElement("PermissionsBoundaryDecisionDetail",
                El("AllowedByPermissionsBoundary", result.Reason is not DecisionReason.NoPermissionsBoundaryAllows && result.Decision != Decision.ExplicitDeny));
        }
    }

    private static IEnumerable<object?> Statement(CompiledStatement statement, Dictionary<string, PolicySource> sources, Dictionary<CompiledStatement, (int Line, int Column)> ends)
    {
        var source = sources.GetValueOrDefault(statement.Policy.Id);
        var text = source?.Document;
        var span = statement.Span;
        if (!ends.TryGetValue(statement, out var end))
        {
            // Once per statement and request: results that match the same statement share it.
            ends[statement] = end = text is null ? (span.Line, span.Column) : EndPosition(text, span.Offset + span.Length);
        }

        var (endLine, endColumn) = end;
        return
        [
            El("SourcePolicyId", source?.Name ?? statement.Policy.Id),
            El("SourcePolicyType", source?.Type ?? "none"),
            new XElement("StartPosition", El("Line", span.Line), El("Column", span.Column)),
            new XElement("EndPosition", El("Line", endLine), El("Column", endColumn)),
        ];
    }

    /// <summary>Condition keys that statements for this action read but the request did not provide.</summary>
    private static IEnumerable<string> MissingKeys(ApplicablePolicies policies, RequestContext context) =>
        new[] { policies.Identity, policies.PermissionsBoundary, policies.ResourcePolicy }
            .OfType<PolicySet>()
            .SelectMany(set => set.Policies.SelectMany(p => p.Statements))
            .SelectMany(s => s.ConditionKeys)
            .Where(key => !context.Contains(key))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.Ordinal);

    /// <summary>The user, group or role a PolicySourceArn names, with its policies as authorization would load them.</summary>
    /// <summary>The user, role or group the ARN names exactly (this account, its own path), and its policies.</summary>
    public static async Task<(Principal Principal, PrincipalAuthorizationData Data)> LoadSourceAsync(IamCall c, string arn)
    {
        var loader = c.Service<PrincipalPolicyLoader>();
        var parsed = EntityArns.Parse(arn);
        if (parsed is null || parsed.AccountId != c.AccountId)
        {
            throw new IamException(IamErrorCode.InvalidInput, $"Invalid ARN: {arn}. PolicySourceArn must be the ARN of a user, group or role of this account.");
        }

        switch (parsed.Type)
        {
            case "user":
                var user = await c.Service<UserService>().GetAsync(c.Caller, parsed.Name);
                CheckPath(user.Path, parsed, OwnerKind.User);
                return (Principal.User(c.AccountId, user.Name, user.Path), await loader.ForUserAsync(c.AccountId, user.Id));
            case "role":
                var role = await c.Service<RoleService>().GetAsync(c.Caller, parsed.Name);
                CheckPath(role.Path, parsed, OwnerKind.Role);
                return (Principal.RoleSession(c.AccountId, role.Name, "SimulatedSession", role.Path), await loader.ForRoleAsync(c.AccountId, role.Id));
            default:
                var (group, _) = await c.Service<GroupService>().GetAsync(c.Caller, parsed.Name);
                CheckPath(group.Path, parsed, OwnerKind.Group);
                return (Principal.User(c.AccountId, "SimulatedUser"), await loader.ForGroupAsync(c.AccountId, group.Id));
        }
    }

    /// <summary>An ARN with another path names an entity that does not exist.</summary>
    private static void CheckPath(string actualPath, EntityArn parsed, OwnerKind kind)
    {
        if (actualPath != parsed.Path)
        {
            throw IamErrors.NoSuchEntity(kind, parsed.Name);
        }
    }

    private static List<CompiledPolicy> Compile(IamCall c, string parameter, PolicyKind kind) =>
        [.. c.Query.GetList(parameter).Select((text, i) =>
        {
            var parsed = PolicyParser.Parse(text, kind);
            return parsed.IsValid
                ? CompiledPolicy.Compile($"{parameter}.{i + 1}", kind, parsed.Document!)
                : throw new IamException(IamErrorCode.MalformedPolicyDocument, parsed.FirstError!.Message);
        })];

    private static PolicySet? BoundaryInput(IamCall c) =>
        Compile(c, "PermissionsBoundaryPolicyInputList", PolicyKind.PermissionsBoundary) is { Count: > 0 } boundary ? new PolicySet(boundary) : null;

    private static PolicySet? ResourcePolicy(IamCall c)
    {
        if (c.Query.Get("ResourcePolicy") is not { } text)
        {
            return null;
        }

        var parsed = PolicyParser.Parse(text, PolicyKind.Resource);
        return parsed.IsValid
            ? new PolicySet([CompiledPolicy.Compile("ResourcePolicy", PolicyKind.Resource, parsed.Document!)])
            : throw new IamException(IamErrorCode.MalformedPolicyDocument, parsed.FirstError!.Message);
    }

    /// <summary><c>ContextEntries.member.N.ContextKeyName</c>, <c>...ContextKeyValues.member.M</c>, <c>...ContextKeyType</c>.</summary>
    private static RequestContext ContextEntries(IamCall c)
    {
        var context = new RequestContext();
        for (var i = 1; c.Query.Get($"ContextEntries.member.{i}.ContextKeyName") is { } key; i++)
        {
            var values = c.Query.GetList($"ContextEntries.member.{i}.ContextKeyValues");
            var type = c.Query.Get($"ContextEntries.member.{i}.ContextKeyType") ?? "string";
            if (type.EndsWith("List", StringComparison.Ordinal))
            {
                context.SetList(key, values);
            }
            else if (values.Count > 0)
            {
                context.Set(key, values[0]);
            }
        }

        return context;
    }

    /// <summary>1-based line and column of a UTF-8 byte offset in a document.</summary>
    private static (int Line, int Column) EndPosition(string text, int byteOffset)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        int line = 1, column = 1;
        for (var i = 0; i < Math.Min(byteOffset, bytes.Length); i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                line++;
                column = 1;
            }
            else if ((bytes[i] & 0xC0) != 0x80)
            {
                column++;
            }
        }

        return (line, column);
    }
}
