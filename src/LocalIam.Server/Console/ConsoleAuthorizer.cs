using LocalIam.Aws.SigV4;
using LocalIam.Policy.Authorization;
using LocalIam.Server.Api;
using Microsoft.AspNetCore.Http;

namespace LocalIam.Server.Console;

/// <summary>
/// A page's authorization: the core's request authorizer, for the session's principal, with the
/// condition keys AWS sets on a console request (time, source address, secure transport, MFA
/// present, principal tags). Pages never decide with rules of their own.
/// </summary>
public sealed class ConsoleAuthorizer(RequestAuthorizer requests, TimeProvider clock)
{
    /// <summary>Null when every check is allowed; otherwise what was refused.</summary>
    public async Task<Denial?> FirstDenialAsync(ConsoleSession session, HttpContext http, params AuthorizationCheck[] checks)
    {
        var who = session.Principal;
        var context = RequestContextFactory.For(who, http, clock.GetUtcNow(), SigningScope.GlobalRegion);
        return await requests.FirstDenialAsync(who, checks, context, http.RequestAborted) is { } denial ? Denial.Of(denial) : null;
    }
}

/// <summary>What a page shows for a refusal: the exact action and resource, AWS's message, and LocalIam's reason.</summary>
public sealed record Denial(string Action, string Resource, string Message, string Explanation, DecisionReason Reason)
{
    public static Denial Of(AuthorizationResult result) =>
        new(result.Request.Action.Full, result.Request.NamedResource, result.Message, result.Explanation, result.Reason);

    /// <summary>Refused because no policy can grant it to anyone but root (the core's root-only rule).</summary>
    public bool IsRootOnly => Reason == DecisionReason.RootOnlyAction;
}
