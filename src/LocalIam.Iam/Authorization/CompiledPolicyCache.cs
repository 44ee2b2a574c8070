using System.Collections.Concurrent;
using LocalIam.Iam.Policies;
using LocalIam.Policy.Evaluation;
using LocalIam.Policy.Validation;

namespace LocalIam.Iam.Authorization;

/// <summary>
/// Which stored document a compiled policy is: a managed policy's version (<c>Owner</c> the policy
/// id, <c>Version</c> its version id), an inline policy (<c>Owner</c> the user, group or role id,
/// <c>Version</c> empty) or a role's trust policy. <c>Id</c> is the name the compiled policy carries
/// in results (an ARN, <c>user/NAME/POLICY</c>), so a renamed owner gets a policy of its new name.
/// </summary>
public readonly record struct CompiledPolicyKey(PolicyKind Kind, string Id, string Owner, string Version);

/// <summary>
/// One stored policy document, compiled on first use and shared by every snapshot, principal and
/// request that reaches it.
/// </summary>
public sealed class PolicyHandle
{
    private readonly Lazy<CompiledPolicy> _compiled;

    internal PolicyHandle(CompiledPolicyKey key, string document, Lazy<CompiledPolicy>? shared = null)
    {
        Key = key;
        Document = document;
        _compiled = shared ?? Compile(key, document);
    }

    public CompiledPolicyKey Key { get; }

    public string Id => Key.Id;

    public string Document { get; }

    /// <summary>The compiled policy; the first caller compiles it, every later one shares it.</summary>
    public CompiledPolicy Compiled => _compiled.Value;

    public bool IsCompiled => _compiled.IsValueCreated;

    internal static Lazy<CompiledPolicy> Compile(CompiledPolicyKey key, string document) =>
        new(() => CompiledPolicy.Parse(key.Id, document, key.Kind), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The newest snapshot generation that uses this document: older ones are swept.</summary>
    internal long Generation { get; set; }
}

/// <summary>
/// Compiled policies by what they compile (<see cref="CompiledPolicyKey"/>), reused across
/// principals and across store revisions: AdministratorAccess is compiled once, not once per
/// admin, and not again when an unrelated write moves the change stamp.
/// Memory is bounded by generations: each snapshot build stamps the handles it uses, and once a
/// new snapshot is current the handles that no current snapshot uses are dropped, so an edited
/// inline policy or a replaced default version falls out with the snapshot that used it.
/// AWS managed policies are compiled once per process: the catalogue cannot change while the
/// process runs, so their documents and compiled forms are kept (at most twice the catalogue: as
/// identity policy and as boundary) and shared by every cache, store and account.
/// </summary>
public sealed class CompiledPolicyCache
{
    private static readonly ConcurrentDictionary<CompiledPolicyKey, (string Document, Lazy<CompiledPolicy> Compiled)> AwsManaged = new();

    private readonly ConcurrentDictionary<CompiledPolicyKey, PolicyHandle> _handles = new();

    public int Count => _handles.Count;

    /// <summary>How many cached documents have been compiled so far.</summary>
    public int CompiledCount => _handles.Values.Count(h => h.IsCompiled);

    /// <summary>
    /// The handle of this document for a snapshot of <paramref name="generation"/>. The stored text
    /// is compared as well as the key, so a document that changed under the same key (a store reset
    /// and rebuilt) is never answered with the old compilation.
    /// </summary>
    public PolicyHandle Get(CompiledPolicyKey key, string document, long generation)
    {
        if (!_handles.TryGetValue(key, out var handle) || !string.Equals(handle.Document, document, StringComparison.Ordinal))
        {
            handle = new PolicyHandle(key, document);
            _handles[key] = handle;
        }

        if (handle.Generation < generation)
        {
            handle.Generation = generation;
        }

        return handle;
    }

    /// <summary>
    /// The handle of an AWS managed policy of the catalogue for a snapshot of <paramref name="generation"/>:
    /// its document is decoded and compiled at most once per process.
    /// </summary>
    public PolicyHandle GetAws(CompiledPolicyKey key, AwsManagedPolicy policy, long generation)
    {
        if (!_handles.TryGetValue(key, out var handle))
        {
            var (document, compiled) = AwsManaged.GetOrAdd(key, static (k, p) =>
            {
                var text = p.Document;
                return (text, PolicyHandle.Compile(k, text));
            }, policy);
            handle = _handles.GetOrAdd(key, new PolicyHandle(key, document, compiled));
        }

        if (handle.Generation < generation)
        {
            handle.Generation = generation;
        }

        return handle;
    }

    /// <summary>Drops every handle that no snapshot of <paramref name="oldestCurrentGeneration"/> or later uses.</summary>
    public void Sweep(long oldestCurrentGeneration)
    {
        foreach (var (key, handle) in _handles)
        {
            if (handle.Generation < oldestCurrentGeneration)
            {
                _handles.TryRemove(new KeyValuePair<CompiledPolicyKey, PolicyHandle>(key, handle));
            }
        }
    }
}
