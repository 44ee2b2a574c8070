using LocalIam.Aws.Query;
using LocalIam.Iam;
using LocalIam.Iam.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace LocalIam.Server.Api;

/// <summary>One Query-protocol call being handled: its parameters, who signed it, and the services.</summary>
internal sealed class IamCall(
    QueryRequest query, AuthenticatedPrincipal who, IServiceProvider services, LocalIam.Policy.Evaluation.RequestContext context, CancellationToken aborted = default)
{
    /// <summary>Cancelled when the client goes away: long work stops then.</summary>
    public CancellationToken Aborted { get; } = aborted;

    /// <summary>The request's condition keys (time, source address, principal...), as authorization saw them.</summary>
    public LocalIam.Policy.Evaluation.RequestContext Context { get; } = context;

    public QueryRequest Query { get; } = query;

    public AuthenticatedPrincipal Who { get; } = who;

    public IamCaller Caller => Who.Caller;

    public string AccountId => Who.AccountId;

    public T Service<T>()
        where T : notnull => services.GetRequiredService<T>();

    /// <summary><c>arn:aws:iam::ACCOUNT:TYPE/PATH/NAME</c>, e.g. <c>Arn("user", "bob")</c>.</summary>
    public string Arn(string type, string name, string? path = null) => $"arn:aws:iam::{AccountId}:{type}{path ?? "/"}{name}";
}

/// <summary>
/// One row of an explicit action table: the operation's name, the IAM action it is authorized as,
/// the resource AWS authorizes it on, the handler that returns the result's elements (null for
/// operations with no output), and any further checks AWS makes (the target of a rename,
/// iam:PassRole on a role handed to a service).
/// </summary>
internal sealed record Operation(
    string Name,
    string IamAction,
    Func<IamCall, ResourceName> Resource,
    Func<IamCall, Task<IEnumerable<object>?>> Handle,
    Action<IamCall, LocalIam.Policy.Evaluation.RequestContext>? Context = null,
    Func<IamCall, IEnumerable<AuthorizationCheck>>? AlsoAuthorize = null);

/// <summary>Builds the rows of an action table with little ceremony.</summary>
internal sealed class OperationTable
{
    private readonly Dictionary<string, Operation> _operations = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, Operation> Operations => _operations;

    public OperationTable Add(string name, Func<IamCall, ResourceName> resource, Func<IamCall, Task<IEnumerable<object>?>> handle,
        Action<IamCall, LocalIam.Policy.Evaluation.RequestContext>? context = null, string? iamAction = null,
        Func<IamCall, IEnumerable<AuthorizationCheck>>? alsoAuthorize = null)
    {
        _operations.Add(name, new Operation(name, iamAction ?? $"iam:{name}", resource, handle, context, alsoAuthorize));
        return this;
    }

    /// <summary>An operation with no output: AWS answers with ResponseMetadata only.</summary>
    public OperationTable AddVoid(string name, Func<IamCall, ResourceName> resource, Func<IamCall, Task> handle,
        Action<IamCall, LocalIam.Policy.Evaluation.RequestContext>? context = null, string? iamAction = null,
        Func<IamCall, IEnumerable<AuthorizationCheck>>? alsoAuthorize = null) =>
        Add(name, resource, async call =>
        {
            await handle(call);
            return null;
        }, context, iamAction, alsoAuthorize);
}
