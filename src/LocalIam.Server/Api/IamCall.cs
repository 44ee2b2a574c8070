using LocalIam.Iam;
using LocalIam.Policy.Evaluation;

namespace LocalIam.Server.Api;

/// <summary>
/// One call being handled, as an operation row's resource and handler see it: who signed it, its
/// condition keys, and the application core. The request's parameters are not here: a row's bind
/// step is the only reader of them.
/// </summary>
internal sealed class IamCall(AuthenticatedPrincipal who, IamCore core, RequestContext context, CancellationToken aborted = default)
{
    /// <summary>Cancelled when the client goes away: long work stops then.</summary>
    public CancellationToken Aborted { get; } = aborted;

    /// <summary>The request's condition keys (time, source address, principal...), as authorization saw them.</summary>
    public RequestContext Context { get; } = context;

    public AuthenticatedPrincipal Who { get; } = who;

    public IamCaller Caller => Who.Caller;

    public string AccountId => Who.AccountId;

    /// <summary>Every service of the application core.</summary>
    public IamCore Core { get; } = core;

    /// <summary><c>arn:aws:iam::ACCOUNT:TYPE/PATH/NAME</c>, e.g. <c>Arn("user", "bob")</c>.</summary>
    public string Arn(string type, string name, string? path = null) => $"arn:aws:iam::{AccountId}:{type}{path ?? "/"}{name}";
}
