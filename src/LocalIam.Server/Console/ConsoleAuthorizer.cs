using LocalIam.Aws.SigV4;
using LocalIam.Iam.Authorization;
using LocalIam.Policy.Authorization;
using LocalIam.Server.Api;
using Microsoft.AspNetCore.Http;

namespace LocalIam.Server.Console;

/// <summary>
/// A page's authorization: the core's request authorizer, for the session's principal, with the
/// condition keys AWS sets on a console request (time, source address, secure transport, MFA
/// present, principal tags). Pages never decide with rules of their own.
/// </summary>
public sealed class ConsoleAuthorizer(RequestAuthorizer requests, AccessQuery access, TimeProvider clock)
{
    /// <summary>The actions that grant an IAM user a permission: a managed policy attached, or an inline one put.</summary>
    public static readonly string[] GrantActions = ["iam:AttachUserPolicy", "iam:PutUserPolicy"];

    /// <summary>How many granters a denial names before it says how many more there are.</summary>
    public const int GrantersShown = 10;

    /// <summary>Null when every check is allowed; otherwise what was refused.</summary>
    public async Task<Denial?> FirstDenialAsync(ConsoleSession session, HttpContext http, params AuthorizationCheck[] checks)
    {
        var who = session.Principal;
        var context = RequestContextFactory.For(who, http, clock.GetUtcNow(), SigningScope.GlobalRegion);
        return await requests.FirstDenialAsync(who, checks, context, http.RequestAborted) is { } denial ? Denial.Of(denial) : null;
    }

    /// <summary>
    /// As <see cref="FirstDenialAsync"/> for a Billing and Cost Management page: the billing-access
    /// setting gates every action the page checks, Cost Explorer's and Budgets' included, as AWS
    /// gates those pages (not their APIs).
    /// </summary>
    public async Task<Denial?> FirstBillingDenialAsync(ConsoleSession session, HttpContext http, IEnumerable<AuthorizationCheck> checks)
    {
        var who = session.Principal;
        var context = RequestContextFactory.For(who, http, clock.GetUtcNow(), SigningScope.GlobalRegion);
        context.ViaBillingConsole = true;
        return await requests.FirstDenialAsync(who, checks, context, http.RequestAborted) is { } denial ? Denial.Of(denial) : null;
    }

    /// <summary>
    /// Who can grant what was refused. The billing setting and root-only actions: only root. Otherwise
    /// the access query's answer to "who can attach or put a policy on this user?" (root included).
    /// </summary>
    public async Task<Denial> WithGrantersAsync(ConsoleSession session, Denial denial, CancellationToken cancellationToken)
    {
        var root = Principal.Root(session.AccountId).Arn;
        if (session.IsRoot || denial.Reason is DecisionReason.BillingAccessDisabled or DecisionReason.RootOnlyAction)
        {
            return denial with { Granters = [root] };
        }

        var userArn = session.Principal.Principal.Arn;
        var granters = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var action in GrantActions)
        {
            var answer = await access.WhoCanAsync(session.AccountId, new AccessQuestion(action, userArn), cancellationToken);
            granters.UnionWith(answer.AllowedPrincipals.Select(p => p.Arn));
        }

        // Root first, as the one who can always grant; then the others by ARN.
        return denial with { Granters = [root, .. granters.Where(arn => arn != root)] };
    }
}

/// <summary>What a page shows for a refusal: the exact action and resource, AWS's message, and LocalIam's reason.</summary>
public sealed record Denial(string Action, string Resource, string Message, string Explanation, DecisionReason Reason)
{
    public static Denial Of(AuthorizationResult result) =>
        new(result.Request.Action.Full, result.Request.NamedResource, result.Message, result.Explanation, result.Reason);

    /// <summary>Refused because no policy can grant it to anyone but root (the core's root-only rule).</summary>
    public bool IsRootOnly => Reason == DecisionReason.RootOnlyAction;

    /// <summary>Refused because the account's billing-access setting is off: only root can turn it on.</summary>
    public bool IsBillingGate => Reason == DecisionReason.BillingAccessDisabled;

    /// <summary>The principals (ARNs) who can grant the permission; null when not looked up.</summary>
    public IReadOnlyList<string>? Granters { get; init; }
}
