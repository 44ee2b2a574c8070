using LocalIam.Aws;
using LocalIam.Policy.Evaluation;

namespace LocalIam.Server.Api;

/// <summary>
/// One row of an action table, whatever the protocol: the AWS operation's name and the IAM action
/// it is authorized as, both written literally; a typed bind step, the only reader of the request's
/// parameters; the resource AWS authorizes it on and any further checks; the condition keys it
/// adds; and the handler, whose dependencies are the core services it reads from the call.
/// </summary>
internal interface IOperation
{
    string Name { get; }

    string IamAction { get; }

    /// <summary>False for the few operations AWS lets anyone call (GetCallerIdentity) or that decide themselves (AssumeRole).</summary>
    bool IsAuthorized { get; }

    /// <summary>False for a row whose handler answers with nothing (AddVoid); AWS's model then has no output for the operation.</summary>
    bool AnswersWithResult { get; }

    /// <summary>Binds, authorizes through <paramref name="authorize"/>, and handles; the result is the protocol's output (XML elements or a JSON object).</summary>
    Task<object?> RunAsync(IRequestParameters parameters, IamCall call, Authorize authorize);

    /// <summary>The bind step alone: what the request becomes (tests check what it reads).</summary>
    object? BindOnly(IRequestParameters parameters);
}

/// <summary>The endpoint's authorization step: every check of one request, with its condition keys; throws AWS's denial.</summary>
internal delegate Task Authorize(IReadOnlyList<AuthorizationCheck> checks, RequestContext context);

/// <summary>A row; <typeparamref name="TOutput"/> is the protocol's result: XML elements for the Query protocol, an object for JSON.</summary>
internal sealed record Operation<TRequest, TOutput>(
    string Name,
    string IamAction,
    Func<IRequestParameters, TRequest> Bind,
    Func<TRequest, IamCall, ResourceName> Resource,
    Func<TRequest, IamCall, Task<TOutput>> Handle) : IOperation
{
    /// <summary>Condition keys the request carries (aws:RequestTag/*, iam:PolicyARN...).</summary>
    public Action<TRequest, RequestContext>? Context { get; init; }

    /// <summary>Checks AWS makes besides the row's own action: the target of a rename, iam:PassRole on a role handed to a service.</summary>
    public Func<TRequest, IamCall, IEnumerable<AuthorizationCheck>>? AlsoAuthorize { get; init; }

    public bool IsAuthorized { get; init; } = true;

    /// <summary>A refusal AWS makes before any policy is read (session credentials where only long-term keys may call).</summary>
    public Action<IamCall>? RefuseFirst { get; init; }

    public bool AnswersWithResult { get; init; } = true;

    public object? BindOnly(IRequestParameters parameters) => Bind(parameters);

    public async Task<object?> RunAsync(IRequestParameters parameters, IamCall call, Authorize authorize)
    {
        var request = Bind(parameters);
        RefuseFirst?.Invoke(call);
        if (IsAuthorized)
        {
            Context?.Invoke(request, call.Context);
            await authorize([new(IamAction, Resource(request, call)), .. AlsoAuthorize?.Invoke(request, call) ?? []], call.Context);
        }

        return await Handle(request, call);
    }
}

/// <summary>Builds a protocol's rows; the type of each row's request is inferred from its bind step.</summary>
internal class OperationTable<TOutput>
{
    private readonly Dictionary<string, IOperation> _operations = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, IOperation> Operations => _operations;

    public OperationTable<TOutput> Add(IOperation operation)
    {
        _operations.Add(operation.Name, operation);
        return this;
    }

    /// <summary>A row whose handler returns the result's content.</summary>
    public OperationTable<TOutput> Add<TRequest>(
        string name, string iamAction, Func<IRequestParameters, TRequest> bind, Func<TRequest, IamCall, ResourceName> resource,
        Func<TRequest, IamCall, Task<TOutput>> handle, Action<TRequest, RequestContext>? context = null,
        Func<TRequest, IamCall, IEnumerable<AuthorizationCheck>>? alsoAuthorize = null) =>
        Add(new Operation<TRequest, TOutput>(name, iamAction, bind, resource, handle) { Context = context, AlsoAuthorize = alsoAuthorize });

    /// <summary>A row with no output: the Query protocol answers with ResponseMetadata only.</summary>
    public OperationTable<TOutput> AddVoid<TRequest>(
        string name, string iamAction, Func<IRequestParameters, TRequest> bind, Func<TRequest, IamCall, ResourceName> resource,
        Func<TRequest, IamCall, Task> handle, Action<TRequest, RequestContext>? context = null,
        Func<TRequest, IamCall, IEnumerable<AuthorizationCheck>>? alsoAuthorize = null) =>
        Add(new Operation<TRequest, TOutput>(name, iamAction, bind, resource, async (request, call) =>
        {
            await handle(request, call);
            return default!;
        })
        { Context = context, AlsoAuthorize = alsoAuthorize, AnswersWithResult = false });
}

/// <summary>The Query protocol's rows (IAM, STS): handlers return the result element's content, null for none.</summary>
internal sealed class QueryTable : OperationTable<IEnumerable<object>?>;

/// <summary>The request of an operation that takes no parameters.</summary>
internal readonly record struct NoParameters
{
    public static NoParameters Bind(IRequestParameters parameters) => default;
}
