using System.Globalization;
using LocalIam.Iam.Authorization;
using LocalIam.Iam.Errors;
using LocalIam.Iam.Groups;
using LocalIam.Iam.Identifiers;
using LocalIam.Iam.Roles;
using LocalIam.Iam.Users;
using LocalIam.Policy.Authorization;
using LocalIam.Policy.Evaluation;
using LocalIam.Policy.Validation;
using LocalIam.Storage.Entities;

namespace LocalIam.Iam.Simulation;

/// <summary>
/// The policy simulator every front end uses. For a principal (SimulatePrincipalPolicy) it
/// reports what LocalIam would really enforce — the billing-access setting included, which AWS's
/// own simulator ignores; for custom policies (SimulateCustomPolicy) only the policies given decide.
/// Results are typed: the API renders them as XML, the console and the CLI as they like.
/// </summary>
public sealed class PolicySimulator(PrincipalPolicyLoader loader, UserService users, GroupService groups, RoleService roles)
{
    /// <summary>
    /// Work one page of results may do, in evaluation units (about one character compared): past
    /// it the page ends early with a Marker, as AWS's pages may ("IAM might return fewer than the
    /// MaxItems number of results even when there are more results available").
    /// </summary>
    public const long PageWork = 25_000_000;

    /// <summary>Work one result may need on top of the page's; past it the request is refused.</summary>
    public const long ResultWork = 150_000_000;

    /// <summary>What reporting one matched statement is counted as.</summary>
    private const long MatchedStatementWork = 2_000;

    /// <summary>SimulatePrincipalPolicy: the principal's own policies (its groups' too), the ones given added, its boundary unless one is given.</summary>
    public async Task<SimulationPage> ForPrincipalAsync(IamCaller caller, string policySourceArn, SimulationInput input)
    {
        var (principal, data) = await LoadSourceAsync(caller, policySourceArn);
        var policies = data.Policies with
        {
            Identity = new PolicySet(data.Policies.Identity.Policies.Concat(Compile(input.PolicyInputList, "PolicyInputList", PolicyKind.Identity))),
            PermissionsBoundary = Boundary(input) ?? data.Policies.PermissionsBoundary,
            ResourcePolicy = ResourcePolicy(input),
        };
        return Evaluate(principal, caller.Partition, policies, data.Settings, data.Sources, data.Tags, input);
    }

    /// <summary>SimulateCustomPolicy: only the policies given decide; no account setting takes part.</summary>
    public static SimulationPage ForCustomPolicies(IamCaller caller, SimulationInput input)
    {
        var principal = input.CallerArn is { } arn && arn.Contains(":user/", StringComparison.Ordinal)
            ? Principal.User(caller.AccountId, arn[(arn.LastIndexOf('/') + 1)..])
            : Principal.User(caller.AccountId, "SimulatedUser");
        var policies = new ApplicablePolicies
        {
            Identity = new PolicySet(Compile(input.PolicyInputList, "PolicyInputList", PolicyKind.Identity)),
            PermissionsBoundary = Boundary(input),
            ResourcePolicy = ResourcePolicy(input),
        };
        return Evaluate(principal, caller.Partition, policies, new AccountSettings(IamUserAccessToBilling: true), new Dictionary<string, PolicySource>(), [], input);
    }

    /// <summary>GetContextKeysForPrincipalPolicy: the keys the principal's identity policies (its groups' included) and the ones given read.</summary>
    public async Task<IReadOnlyList<string>> ContextKeysForPrincipalAsync(IamCaller caller, string policySourceArn, IReadOnlyList<string> policyInputs)
    {
        var (_, data) = await LoadSourceAsync(caller, policySourceArn);
        return ContextKeyNames([.. data.Policies.Identity.Policies, .. CompileInputs(policyInputs)]);
    }

    /// <summary>GetContextKeysForCustomPolicy: the keys the policies given read.</summary>
    public static IReadOnlyList<string> ContextKeysForCustomPolicies(IReadOnlyList<string> policyInputs) =>
        policyInputs.Count == 0
            ? throw IamErrors.MemberNull("policyInputList")
            : ContextKeyNames(CompileInputs(policyInputs));

    /// <summary>The user, role or group the ARN names exactly (this account, its own path), and its policies as authorization loads them.</summary>
    public async Task<(Principal Principal, PrincipalAuthorizationData Data)> LoadSourceAsync(IamCaller caller, string arn)
    {
        var parsed = EntityArns.Parse(arn);
        if (parsed is null || parsed.AccountId != caller.AccountId || parsed.Type is not ("user" or "group" or "role"))
        {
            throw IamErrors.PolicySourceArnInvalid(arn);
        }

        switch (parsed.Type)
        {
            case "user":
                var user = await users.GetAsync(caller, parsed.Name);
                CheckPath(user.Path, parsed, OwnerKind.User);
                return (Principal.User(caller.AccountId, user.Name, user.Path), await loader.ForUserAsync(caller.AccountId, user.Id));
            case "role":
                var role = await roles.GetAsync(caller, parsed.Name);
                CheckPath(role.Path, parsed, OwnerKind.Role);
                return (Principal.RoleSession(caller.AccountId, role.Name, "SimulatedSession", role.Path), await loader.ForRoleAsync(caller.AccountId, role.Id));
            default:
                var (group, _) = await groups.GetAsync(caller, parsed.Name);
                CheckPath(group.Path, parsed, OwnerKind.Group);
                return (Principal.User(caller.AccountId, "SimulatedUser"), await loader.ForGroupAsync(caller.AccountId, group.Id));
        }
    }

    /// <summary>
    /// Each action on each resource, decided on the ARNs of the caller's partition; asked from another
    /// partition than aws, an explicit deny on the stored ARNs decides too, as the request authorizer
    /// enforces it (<see cref="IamAuthorizer"/>).
    /// </summary>
    private static SimulationPage Evaluate(
        Principal storedPrincipal, string partition, ApplicablePolicies policies, AccountSettings settings, IReadOnlyDictionary<string, PolicySource> sources,
        IReadOnlyList<KeyValuePair<string, string>> tags, SimulationInput input)
    {
        var principal = storedPrincipal.InPartition(partition);
        var actions = input.ActionNames;
        if (actions.Count == 0)
        {
            throw IamErrors.MemberNull("actionNames");
        }

        var resources = input.ResourceArns is { Count: > 0 } given ? given : ["*"];

        // One result per action and resource, paged with MaxItems and Marker as AWS pages them, so
        // a small request cannot ask for an unbounded answer.
        var limit = Paging.Limit(input.MaxItems);
        var start = int.TryParse(Paging.Decode(input.Marker), NumberStyles.None, CultureInfo.InvariantCulture, out var first) ? first : 0;
        var total = (long)actions.Count * resources.Count;

        // The context and the keys it lacks are the same for every result: built once.
        var context = ContextFor(input.ContextEntries, tags, principal);
        var missing = MissingKeys(policies, context).ToList();
        var budget = new EvaluationBudget(PageWork + ResultWork, input.Cancellation);
        context.Budget = budget;
        var storedContext = partition == ArnPartition.Stored ? null : ContextFor(input.ContextEntries, tags, storedPrincipal);
        storedContext?.Budget = budget;
        var positions = new StatementPositions(sources);
        var results = new List<SimulationResult>();
        for (var index = start; index < total && results.Count < limit; index++)
        {
            input.Cancellation.ThrowIfCancellationRequested();
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
                if (storedContext is not null && result.Decision != Decision.ExplicitDeny)
                {
                    var storedMatched = new List<CompiledStatement>();
                    var stored = Authorizer.Authorize(
                        new AuthorizationRequest(storedPrincipal, new RequestAction(action), ArnPartition.ToStored(resource, partition), storedContext), policies, settings, storedMatched);
                    if (stored.Decision == Decision.ExplicitDeny)
                    {
                        (result, matched) = (stored with { Request = result.Request }, storedMatched);
                    }
                }

                budget.Spend(MatchedStatementWork * (matched.Count + 1));
            }
            catch (EvaluationBudgetExceededException) when (results.Count > 0)
            {
                // This result starts the next page, with the whole allowance to itself.
                break;
            }
            catch (EvaluationBudgetExceededException)
            {
                throw IamErrors.SimulationTooCostly();
            }

            bool? allowedByBoundary = policies.PermissionsBoundary is null
                ? null
                : result.Reason is not DecisionReason.NoPermissionsBoundaryAllows && result.Decision != Decision.ExplicitDeny;
            results.Add(new SimulationResult(result, [.. matched.Distinct().Select(positions.Of)], missing, allowedByBoundary));
        }

        var next = start + results.Count;
        return next < total
            ? new SimulationPage(results, IsTruncated: true, Paging.Encode(next.ToString(CultureInfo.InvariantCulture)))
            : new SimulationPage(results, IsTruncated: false, Marker: null);
    }

    /// <summary>The context entries given, the principal's tags and its keys (as <paramref name="principal"/>'s partition names it).</summary>
    private static RequestContext ContextFor(IReadOnlyList<SimulationContextEntry> entries, IReadOnlyList<KeyValuePair<string, string>> tags, Principal principal)
    {
        var context = Context(entries);
        foreach (var (key, value) in tags)
        {
            context.Set($"aws:PrincipalTag/{key}", value);
        }

        PrincipalContextKeys.AddTo(context, principal);
        return context;
    }

    /// <summary>Condition keys that statements read but the request did not provide.</summary>
    private static IEnumerable<string> MissingKeys(ApplicablePolicies policies, RequestContext context) =>
        new[] { policies.Identity, policies.PermissionsBoundary, policies.ResourcePolicy }
            .OfType<PolicySet>()
            .SelectMany(set => set.Policies.SelectMany(p => p.Statements))
            .SelectMany(s => s.ConditionKeys)
            .Where(key => !context.Contains(key))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.Ordinal);

    /// <summary>
    /// Statement by statement, the keys of policy variables in Resource (<c>${aws:username}</c>)
    /// and then the condition keys, each once whatever its case, as AWS's own example lists them.
    /// </summary>
    private static List<string> ContextKeyNames(IEnumerable<CompiledPolicy> policies) =>
        [.. policies.SelectMany(p => p.Statements).SelectMany(s => s.ResourceVariableKeys.Concat(s.ConditionKeys)).Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>An ARN with another path names an entity that does not exist.</summary>
    private static void CheckPath(string actualPath, EntityArn parsed, OwnerKind kind)
    {
        if (actualPath != parsed.Path)
        {
            throw IamErrors.NoSuchEntity(kind, parsed.Name);
        }
    }

    private static List<CompiledPolicy> Compile(IReadOnlyList<string> texts, string parameter, PolicyKind kind) =>
        [.. texts.Select((text, i) =>
        {
            var parsed = PolicyParser.Parse(text, kind);
            return parsed.IsValid
                ? CompiledPolicy.Compile($"{parameter}.{i + 1}", kind, parsed.Document!)
                : throw IamErrors.MalformedPolicy(parsed.FirstError!.Message);
        })];

    /// <summary>The context-key operations' inputs: a document that is not a valid identity policy is InvalidInput, the one error AWS models there.</summary>
    private static List<CompiledPolicy> CompileInputs(IReadOnlyList<string> texts) =>
        [.. texts.Select((text, i) =>
        {
            var parsed = PolicyParser.Parse(text, PolicyKind.Identity);
            return parsed.IsValid
                ? CompiledPolicy.Compile($"PolicyInputList.{i + 1}", PolicyKind.Identity, parsed.Document!)
                : throw IamErrors.PolicyInputInvalid(parsed.FirstError!.Message);
        })];

    private static PolicySet? Boundary(SimulationInput input) =>
        Compile(input.PermissionsBoundaryPolicyInputList, "PermissionsBoundaryPolicyInputList", PolicyKind.PermissionsBoundary) is { Count: > 0 } boundary
            ? new PolicySet(boundary)
            : null;

    private static PolicySet? ResourcePolicy(SimulationInput input)
    {
        if (input.ResourcePolicy is not { } text)
        {
            return null;
        }

        var parsed = PolicyParser.Parse(text, PolicyKind.Resource);
        return parsed.IsValid
            ? new PolicySet([CompiledPolicy.Compile("ResourcePolicy", PolicyKind.Resource, parsed.Document!)])
            : throw IamErrors.MalformedPolicy(parsed.FirstError!.Message);
    }

    private static RequestContext Context(IReadOnlyList<SimulationContextEntry> entries)
    {
        var context = new RequestContext();
        foreach (var entry in entries)
        {
            if (entry.IsList)
            {
                context.SetList(entry.Key, entry.Values);
            }
            else if (entry.Values.Count > 0)
            {
                context.Set(entry.Key, entry.Values[0]);
            }
        }

        return context;
    }
}
