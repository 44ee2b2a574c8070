using System.Globalization;
using LocalIam.Iam.Accounts;
using LocalIam.Policy.Authorization;
using LocalIam.Policy.Evaluation;
using LocalIam.Policy.Model;

namespace LocalIam.Iam.Authorization;

/// <summary>
/// The access query ("who can?"): for an action and resource, every principal of the account —
/// root, each user, each role, and whoever may assume an allowed role — with the decision the
/// request authorizer would make and the path that decides it, the billing-access setting
/// included. One evaluation per principal through the same <see cref="Authorizer"/> as requests,
/// on the account snapshot; principals none of whose policies can name the action are decided on
/// no policies at all, which gives the same answer without evaluating a statement.
/// </summary>
public sealed class AccessQuery(AccountSnapshots snapshots, TimeProvider clock)
{
    /// <summary>The session name a role's simulated session carries in questions about the role.</summary>
    public const string SessionName = "AccessQuery";

    private const string AssumeRole = "sts:AssumeRole";

    public async Task<AccessAnswer> WhoCanAsync(string accountId, AccessQuestion question, CancellationToken cancellationToken = default) =>
        Answer(await snapshots.CurrentAsync(accountId, cancellationToken), question, clock.GetUtcNow(), cancellationToken);

    /// <summary>Answers on a given snapshot at a given time (benchmarks, tests, and a CLI that holds a snapshot).</summary>
    public static AccessAnswer Answer(AccountSnapshot snapshot, AccessQuestion question, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        new Evaluation(snapshot, question, now, cancellationToken).Run();

    private sealed class Evaluation(AccountSnapshot snapshot, AccessQuestion question, DateTimeOffset now, CancellationToken cancellationToken)
    {
        private static readonly ApplicablePolicies NoPolicies = new();
        private static readonly RequestAction AssumeAction = new(AssumeRole);

        private readonly RequestAction _action = new(question.Action);
        private readonly RequestContext _baseContext = BaseContext(question.Context, now);
        private readonly Dictionary<SnapshotIdentity, RequestContext> _contexts = [];
        private readonly Dictionary<SnapshotIdentity, RequestContext> _trustContexts = [];
        private readonly Dictionary<SnapshotRole, List<(SnapshotIdentity Assumer, AuthorizationResult Assume)>> _assumers = [];
        private ActionReach? _forAction;
        private ActionReach? _forAssume;

        private ActionReach ForAction => _forAction ??= ActionReach.Of(snapshot, _action);

        private ActionReach ForAssume => _forAssume ??= ActionReach.Of(snapshot, AssumeAction);

        public AccessAnswer Run()
        {
            var allowed = new List<AccessEntry>();
            var denied = new List<AccessEntry>();
            var root = Authorizer.Authorize(new AuthorizationRequest(snapshot.Root, _action, question.Resource, _baseContext), NoPolicies, snapshot.Settings);
            (root.IsAllowed ? allowed : denied).Add(new AccessEntry(new AccessPrincipal(AccessPrincipalKind.Root, snapshot.AccountId, snapshot.Root.Arn), root, null, []));

            foreach (var user in snapshot.Users)
            {
                var (result, source) = Decide(user, user.Principal, _action, question.Resource, ForAction, resourcePolicy: null);
                (result.IsAllowed ? allowed : denied).Add(new AccessEntry(Named(user), result, source, []));
            }

            var allowedRoles = new List<(SnapshotRole Role, AccessEntry Entry)>();
            foreach (var role in snapshot.Roles)
            {
                var (result, source) = Decide(role, role.SessionPrincipal, _action, question.Resource, ForAction, resourcePolicy: null);
                var entry = new AccessEntry(Named(role), result, source, []);
                if (result.IsAllowed)
                {
                    allowed.Add(entry);
                    allowedRoles.Add((role, entry));
                }
                else
                {
                    denied.Add(entry);
                }
            }

            if (question.FollowRoleTrust)
            {
                foreach (var (role, entry) in allowedRoles)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    allowed.AddRange(Chains(role, entry));
                }
            }

            return new AccessAnswer(question.Action, question.Resource, snapshot.Revision, allowed, denied);
        }

        /// <summary>Everyone who reaches <paramref name="target"/> by assuming roles, breadth first: each by its shortest chain.</summary>
        private IEnumerable<AccessEntry> Chains(SnapshotRole target, AccessEntry targetEntry)
        {
            var seen = new HashSet<SnapshotIdentity> { target };
            var queue = new Queue<(SnapshotRole Role, List<RoleHop> Chain)>();
            queue.Enqueue((target, []));
            while (queue.TryDequeue(out var step))
            {
                foreach (var (assumer, assume) in Assumers(step.Role))
                {
                    if (!seen.Add(assumer))
                    {
                        continue;
                    }

                    List<RoleHop> chain = [new RoleHop(Named(step.Role), assume), .. step.Chain];
                    yield return targetEntry with { Principal = Named(assumer), Chain = chain };
                    if (assumer is SnapshotRole role)
                    {
                        queue.Enqueue((role, chain));
                    }
                }
            }
        }

        /// <summary>The users and roles that may assume <paramref name="role"/>: its trust policy lets them in, and so do their own policies.</summary>
        private List<(SnapshotIdentity Assumer, AuthorizationResult Assume)> Assumers(SnapshotRole role)
        {
            if (_assumers.TryGetValue(role, out var known))
            {
                return known;
            }

            var found = new List<(SnapshotIdentity, AuthorizationResult)>();
            var trust = role.TrustPolicySet;

            // The role's tags as aws:ResourceTag keys, unless the question set them.
            var resourceTags = role.Tags.Select(t => ($"aws:ResourceTag/{t.Key}", t.Value)).Where(t => !_baseContext.Contains(t.Item1)).ToList();
            foreach (var candidate in Candidates(role.Trust.Compiled))
            {
                if (ReferenceEquals(candidate, role))
                {
                    continue;
                }

                var principal = candidate is SnapshotUser user ? user.Principal : ((SnapshotRole)candidate).SessionPrincipal;
                var context = TrustContext(candidate);
                foreach (var (key, value) in resourceTags)
                {
                    context.Set(key, value);
                }

                var (result, _) = Decide(candidate, principal, AssumeAction, role.Arn, ForAssume, trust, context);
                foreach (var (key, _) in resourceTags)
                {
                    context.Remove(key);
                }

                if (result.IsAllowed)
                {
                    found.Add((candidate, result));
                }
            }

            _assumers[role] = found;
            return found;
        }

        /// <summary>
        /// Whom a trust policy can let in: the users and roles it names, and when it names the
        /// account (delegating to identity policies) those whose policies can allow sts:AssumeRole;
        /// a wildcard or NotPrincipal can let in anyone. Everyone else is refused by the trust
        /// policy itself, so they are not evaluated.
        /// </summary>
        private IEnumerable<SnapshotIdentity> Candidates(CompiledPolicy trust)
        {
            var named = new HashSet<SnapshotIdentity>();
            var delegates = false;
            foreach (var statement in trust.Statements)
            {
                if (statement.Effect != Effect.Allow || !statement.MayApplyTo(AssumeAction) || statement.Source.Principal is not { } principal)
                {
                    continue;
                }

                if (principal.IsNegated || principal.IsWildcard)
                {
                    return snapshot.Users.Concat<SnapshotIdentity>(snapshot.Roles);
                }

                foreach (var entry in principal.Entries.Where(e => e.Type == PrincipalType.Aws))
                {
                    if (entry.Value == "*")
                    {
                        return snapshot.Users.Concat<SnapshotIdentity>(snapshot.Roles);
                    }

                    if (entry.Value == snapshot.AccountId || entry.Value == snapshot.Root.Arn)
                    {
                        delegates = true;
                    }
                    else if (snapshot.PrincipalByArn(entry.Value) is { } identity)
                    {
                        named.Add(identity);
                    }
                }
            }

            if (!delegates)
            {
                // Users before roles, each by name: the answer's order does not depend on hashing.
                return named.OrderBy(p => p.Kind).ThenBy(p => p.NameKey, StringComparer.Ordinal);
            }

            named.ExceptWith(ForAssume.Principals);
            return ForAssume.Principals.Concat(named.OrderBy(p => p.Kind).ThenBy(p => p.NameKey, StringComparer.Ordinal));
        }

        /// <summary>
        /// The authorizer's decision for one principal, on the policies of its that can name the
        /// action (the others hold no statement that could apply, so leaving them out changes no
        /// decision and no deciding statement); without any, on no policies at all.
        /// </summary>
        private (AuthorizationResult Result, PolicySource? Source) Decide(
            SnapshotIdentity who, Principal principal, RequestAction action, string resource, ActionReach reach, PolicySet? resourcePolicy,
            RequestContext? context = null)
        {
            if (!reach.TryGet(who, out var reached))
            {
                if (resourcePolicy is null)
                {
                    return (Authorizer.Authorize(new AuthorizationRequest(principal, action, resource, _baseContext), NoPolicies, snapshot.Settings), null);
                }

                // Its boundary still limits what the resource-based policy grants its role.
                var hasBoundary = who is SnapshotUser { Boundary: not null } or SnapshotRole { Boundary: not null };
                reached = new ActionReach.Reached(PolicySet.Empty, hasBoundary ? PolicySet.Empty : null);
            }

            var policies = new ApplicablePolicies
            {
                Identity = reached.Identity,
                PermissionsBoundary = reached.Boundary,
                ResourcePolicy = resourcePolicy,
                ResourcePolicyMustAllow = resourcePolicy is not null,
            };
            var result = Authorizer.Authorize(new AuthorizationRequest(principal, action, resource, context ?? ContextFor(who, principal)), policies, snapshot.Settings);
            var source = result.DecidingStatement is { } statement && statement.Policy.Kind != Policy.Validation.PolicyKind.Trust
                ? PrincipalPolicyLoader.SourceOf(who, statement.Policy.Id)
                : null;
            return (result, source);
        }

        /// <summary>The question's keys plus the principal's own, as a request it signed would carry them.</summary>
        private RequestContext ContextFor(SnapshotIdentity who, Principal principal)
        {
            if (_contexts.TryGetValue(who, out var context))
            {
                return context;
            }

            context = WithPrincipalKeys(_baseContext.Copy(), who, principal);
            _contexts[who] = context;
            return context;
        }

        /// <summary>A principal's keys when it asks to assume a role: the session name too.</summary>
        private RequestContext TrustContext(SnapshotIdentity who)
        {
            if (!_trustContexts.TryGetValue(who, out var context))
            {
                var principal = who is SnapshotUser user ? user.Principal : ((SnapshotRole)who).SessionPrincipal;
                context = ContextFor(who, principal).Copy().Set("sts:RoleSessionName", SessionName);
                _trustContexts[who] = context;
            }

            return context;
        }

        private static AccessPrincipal Named(SnapshotIdentity who) =>
            new(who is SnapshotUser ? AccessPrincipalKind.User : AccessPrincipalKind.Role, who.Name, who.Arn);
    }

    /// <summary>The question's keys and the current time, as every principal's request carries them.</summary>
    internal static RequestContext BaseContext(RequestContext? given, DateTimeOffset now)
    {
        var context = given?.Copy() ?? new RequestContext();
        if (!context.Contains("aws:CurrentTime"))
        {
            context.Set("aws:CurrentTime", now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        }

        if (!context.Contains("aws:EpochTime"))
        {
            context.Set("aws:EpochTime", now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        }

        return context;
    }

    /// <summary>The principal's own keys, as a request it signed would carry them (aws:userid, its tags, aws:PrincipalArn...).</summary>
    internal static RequestContext WithPrincipalKeys(RequestContext context, SnapshotIdentity who, Principal principal)
    {
        context.Set("aws:userid", who is SnapshotRole ? $"{who.Id}:{SessionName}" : who.Id);
        foreach (var (key, value) in who is SnapshotUser user ? user.Tags : ((SnapshotRole)who).Tags)
        {
            if (!context.Contains($"aws:PrincipalTag/{key}"))
            {
                context.Set($"aws:PrincipalTag/{key}", value);
            }
        }

        return PrincipalContextKeys.AddTo(context, principal);
    }
}
