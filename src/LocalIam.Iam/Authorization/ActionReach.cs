using LocalIam.Iam.Accounts;
using LocalIam.Policy.Evaluation;

namespace LocalIam.Iam.Authorization;

/// <summary>
/// For one snapshot and one action: the users and roles with a policy (identity or boundary) that
/// can name the action, each with just those policies, in the order the request authorizer
/// evaluates them (the principal's own, then each group's). Every other principal's policies hold
/// no statement that could apply, so it is decided on no policies at all, with the same answer.
/// Built once per snapshot and action, never changed after: concurrent queries share it.
/// </summary>
internal sealed class ActionReach
{
    private readonly Dictionary<SnapshotIdentity, Reached> _reached;

    private ActionReach(Dictionary<SnapshotIdentity, Reached> reached, List<SnapshotIdentity> principals)
    {
        _reached = reached;
        Principals = principals;
    }

    /// <summary>The policies of a reached principal: its identity policies that can name the action, and its boundary (empty when it cannot).</summary>
    public readonly record struct Reached(PolicySet Identity, PolicySet? Boundary);

    /// <summary>The reached users, then the reached roles, each by name.</summary>
    public IReadOnlyList<SnapshotIdentity> Principals { get; }

    public static ActionReach Of(AccountSnapshot snapshot, RequestAction action) =>
        snapshot.Derived($"reach:{action.Full.ToUpperInvariant()}", s => new Builder(action).Build(s));

    public bool TryGet(SnapshotIdentity who, out Reached reached) => _reached.TryGetValue(who, out reached);

    /// <summary>Fewer documents than this to compile are compiled where they are reached: a thread each is not worth it.</summary>
    internal const int CompileAheadAtLeast = 64;

    private sealed class Builder(RequestAction action)
    {
        private readonly Dictionary<PolicyHandle, bool> _documents = new(ReferenceEqualityComparer.Instance);
        private readonly Dictionary<SnapshotGroup, List<PolicyHandle>> _groups = [];
        private readonly Dictionary<string, PolicySet> _sets = new(StringComparer.Ordinal);

        public ActionReach Build(AccountSnapshot snapshot)
        {
            CompileAhead(snapshot);
            var reached = new Dictionary<SnapshotIdentity, Reached>();
            var principals = new List<SnapshotIdentity>();
            var handles = new List<PolicyHandle>();
            foreach (var who in snapshot.Users.Concat<SnapshotIdentity>(snapshot.Roles))
            {
                handles.Clear();
                AddOwn(who, handles);
                var boundary = who is SnapshotUser user ? user.Boundary : ((SnapshotRole)who).Boundary;
                if (who is SnapshotUser member)
                {
                    foreach (var group in member.Groups)
                    {
                        if (!_groups.TryGetValue(group, out var ofGroup))
                        {
                            AddOwn(group, _groups[group] = ofGroup = []);
                        }

                        foreach (var handle in ofGroup)
                        {
                            if (!handles.Contains(handle))
                            {
                                handles.Add(handle);
                            }
                        }
                    }
                }

                var boundaryNames = boundary is not null && Names(boundary.Handle);
                if (handles.Count == 0 && !boundaryNames)
                {
                    continue;
                }

                // A boundary that cannot name the action still limits: it allows nothing here.
                var boundarySet = boundary is null ? null : boundaryNames ? SetOf([boundary.Handle]) : PolicySet.Empty;
                reached[who] = new Reached(SetOf(handles), boundarySet);
                principals.Add(who);
            }

            return new ActionReach(reached, principals);
        }

        /// <summary>
        /// Compiles the documents the principals hold (their own, their groups', their boundaries),
        /// on every core, when many are not compiled yet: the first question on a fresh snapshot
        /// (a CLI that starts for one question) is mostly compiling them, one at a time otherwise.
        /// Each compiles once, whoever gets there first; a document that does not compile throws
        /// where the question reaches it, as it would have.
        /// </summary>
        private static void CompileAhead(AccountSnapshot snapshot)
        {
            var documents = new HashSet<PolicyHandle>(ReferenceEqualityComparer.Instance);
            void Add(SnapshotIdentity owner)
            {
                foreach (var inline in owner.InlinePolicies)
                {
                    documents.Add(inline.Handle);
                }

                foreach (var policy in owner.AttachedPolicies)
                {
                    documents.Add(policy.Identity);
                }
            }

            foreach (var user in snapshot.Users)
            {
                Add(user);
                foreach (var group in user.Groups)
                {
                    Add(group);
                }

                if (user.Boundary is { } boundary)
                {
                    documents.Add(boundary.Handle);
                }
            }

            foreach (var role in snapshot.Roles)
            {
                Add(role);
                if (role.Boundary is { } boundary)
                {
                    documents.Add(boundary.Handle);
                }
            }

            documents.RemoveWhere(h => h.IsCompiled);
            if (documents.Count < CompileAheadAtLeast || Environment.ProcessorCount < 2)
            {
                return;
            }

            Parallel.ForEach(documents, handle =>
            {
                try
                {
                    _ = handle.Compiled;
                }
                catch (PolicyParseException)
                {
                    // Kept by the handle, and thrown again where the question reaches the document.
                }
            });
        }

        /// <summary>One set per distinct list of documents: principals with the same ones share it.</summary>
        private PolicySet SetOf(List<PolicyHandle> handles)
        {
            if (handles.Count == 0)
            {
                return PolicySet.Empty;
            }

            // A boundary's document and the same policy attached are compiled apart: the kind is part of the key.
            var key = $"{handles[0].Key.Kind}\n{string.Join('\n', handles.Select(h => h.Id))}";
            if (!_sets.TryGetValue(key, out var set))
            {
                _sets[key] = set = new PolicySet(handles.Select(h => h.Compiled));
            }

            return set;
        }

        private void AddOwn(SnapshotIdentity owner, List<PolicyHandle> into)
        {
            foreach (var inline in owner.InlinePolicies)
            {
                if (Names(inline.Handle))
                {
                    into.Add(inline.Handle);
                }
            }

            foreach (var policy in owner.AttachedPolicies)
            {
                if (Names(policy.Identity) && !into.Contains(policy.Identity))
                {
                    into.Add(policy.Identity);
                }
            }
        }

        private bool Names(PolicyHandle handle)
        {
            if (!_documents.TryGetValue(handle, out var names))
            {
                _documents[handle] = names = handle.Compiled.MayApplyTo(action);
            }

            return names;
        }
    }
}
