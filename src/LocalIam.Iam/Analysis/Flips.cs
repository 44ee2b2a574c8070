using LocalIam.Iam.Accounts;
using LocalIam.Iam.Authorization;
using LocalIam.Iam.Policies;
using LocalIam.Policy.Authorization;
using LocalIam.Policy.Evaluation;
using LocalIam.Policy.Model;

namespace LocalIam.Iam.Analysis;

/// <summary>
/// The single changes that would flip a decision, each with the IAM action it takes and who may
/// take it (the access query on that action and entity): the setting to turn on or off (root's
/// alone), the statement to remove or narrow, the condition the request failed and the value it
/// needs, the group to join, the policy to attach, the boundary to widen.
/// </summary>
internal sealed class Flips(
    AccountSnapshot snapshot, ExplainedIdentity who, ExplainQuestion question, PrincipalAuthorizationData data,
    AuthorizationResult result, IReadOnlyList<StatementReport> statements, DateTimeOffset now)
{
    /// <summary>Names listed under "who may" at most; the rest are counted.</summary>
    private const int MaxNames = 8;

    private static readonly string[] Root = ["root"];

    private readonly RequestAction _action = new(question.Action);

    public List<FlipReport> Find()
    {
        if (who.Identity is null)
        {
            // Root is decided by no policy: nothing in the account flips it.
            return [];
        }

        return result.Reason switch
        {
            DecisionReason.AllowedByIdentityPolicy or DecisionReason.AllowedByResourcePolicy => WhenAllowed(),
            DecisionReason.BillingAccessDisabled => WhenSettingOff(),
            DecisionReason.DeniedByStatement => WhenDeniedExplicitly(),
            DecisionReason.NoIdentityPolicyAllows => WhenNoPolicyAllows(alone: true),
            DecisionReason.NoPermissionsBoundaryAllows => WhenBoundaryRefuses(),
            _ => [],
        };
    }

    private List<FlipReport> WhenAllowed()
    {
        var flips = new List<FlipReport>();
        if (BillingAccessGate.IsGated(_action) && snapshot.Settings.IamUserAccessToBilling)
        {
            flips.Add(new FlipReport($"The root user turns off \"{BillingAccessGate.SettingName}\" on the Account page", true, Root)
            {
                ChangeAction = "billing:UpdateIAMAccessPreference",
                ChangeResource = "*",
            });
        }

        var allowing = statements.Where(s => s.Effect == nameof(Effect.Allow) && !s.Role.StartsWith("does not apply", StringComparison.Ordinal)).ToList();
        var policies = allowing.Select(s => s.Policy.Id).Distinct(StringComparer.Ordinal).ToList();
        if (policies.Count == 1 && data.Sources.GetValueOrDefault(policies[0]) is { } source && source.Paths.Count == 1)
        {
            var (change, action, resource) = Removal(source, source.Paths[0]);
            flips.Add(Flip(change, true, action, resource));
        }

        var (putAction, owner) = Own("Put", "Policy");
        flips.Add(Flip($"Add a statement that denies `{question.Action}` to an inline policy of {who.Kind} {who.Name}: an explicit deny overrides every allow", true, putAction, owner));
        return flips;
    }

    private List<FlipReport> WhenSettingOff()
    {
        var turnOn = $"The root user turns on \"{BillingAccessGate.SettingName}\" on the Account page";
        var enabled = data.Settings with { IamUserAccessToBilling = true };
        var context = AccessQuery.BaseContext(question.Context, now);
        context.ViaBillingConsole = question.ViaBillingConsole;
        AccessQuery.WithPrincipalKeys(context, who.Identity!, who.Principal);
        var after = Authorizer.Authorize(new AuthorizationRequest(who.Principal, _action, question.Resource, context), data.Policies, enabled);
        var setting = new FlipReport(after.IsAllowed ? turnOn : turnOn + "; then policies decide, and none of this principal's allows it yet", after.IsAllowed, Root)
        {
            ChangeAction = "billing:UpdateIAMAccessPreference",
            ChangeResource = "*",
        };
        return after.IsAllowed ? [setting] : [setting, .. WhenNoPolicyAllows(alone: false)];
    }

    private List<FlipReport> WhenDeniedExplicitly()
    {
        var denies = statements.Where(s => s.Effect == nameof(Effect.Deny) && !s.Role.StartsWith("does not apply", StringComparison.Ordinal)).ToList();
        var alone = denies.Count == 1 && result.OverriddenAllow is not null;
        var flips = new List<FlipReport>();
        foreach (var deny in denies)
        {
            if (data.Sources.GetValueOrDefault(deny.Policy.Id) is not { } source)
            {
                continue;
            }

            var (action, resource) = Edit(source);
            var change = $"Remove or narrow statement {deny.Statement} of {deny.Policy.Name} (lines {deny.StartLine}-{deny.EndLine}), which denies `{question.Action}`"
                + (alone ? string.Empty : result.OverriddenAllow is null ? "; no statement allows it either, so a policy must also allow it" : "; every deny that matches must go");
            flips.Add(Flip(change, alone, action, resource));
        }

        return flips;
    }

    private List<FlipReport> WhenNoPolicyAllows(bool alone)
    {
        var flips = new List<FlipReport>();
        var boundaryBlocks = data.Policies.PermissionsBoundary is not null;
        foreach (var miss in statements.Where(s => s.Effect == nameof(Effect.Allow) && s.Role.StartsWith("does not apply", StringComparison.Ordinal)))
        {
            var source = data.Sources.GetValueOrDefault(miss.Policy.Id);
            var (action, resource) = source is null ? (null, null) : Edit(source);
            if (miss.FailedCondition is { } failed)
            {
                var had = failed.RequestValues is { } values ? $"the request has {failed.Key} = {string.Join(", ", values)}" : $"the request has no {failed.Key}";
                flips.Add(new FlipReport(
                    $"Statement {miss.Statement} of {miss.Policy.Name} allows `{question.Action}` when {failed.Operator} {{{failed.Key}: {string.Join(", ", failed.PolicyValues)}}}, but {had}: "
                    + $"send a request that meets it (try --context {failed.Key}={(failed.PolicyValues.Count > 0 ? failed.PolicyValues[0] : string.Empty)}), or change the condition", alone && !boundaryBlocks, [])
                {
                    ChangeAction = action,
                    ChangeResource = resource,
                });
            }
            else
            {
                flips.Add(Flip($"Add `{question.Resource}` to the Resource of statement {miss.Statement} of {miss.Policy.Name}, which allows `{question.Action}` on other resources only", alone && !boundaryBlocks, action, resource));
            }
        }

        if (who.Identity is SnapshotUser user)
        {
            // The group that grants least besides comes first: least privilege.
            foreach (var group in GroupsThatAllow(user).OrderBy(Grant).Take(3))
            {
                flips.Add(Flip($"Add user {who.Name} to group {group.Name}, whose policies allow `{question.Action}`", alone && !boundaryBlocks, "iam:AddUserToGroup", group.Arn));
            }
        }

        var suggestion = ManagedPolicySuggestions.Find(_action, question.Resource, who.Principal);
        var attach = $"Attach a policy that allows `{question.Action}` to {who.Kind} {who.Name}"
            + (suggestion is null ? string.Empty : $", such as the AWS managed policy {suggestion.Name} ({suggestion.Arn})")
            + (boundaryBlocks ? "; its permissions boundary must allow it too" : string.Empty);
        var (attachAction, owner) = Own("Attach", "Policy");
        flips.Add(Flip(attach, alone && !boundaryBlocks, attachAction, owner));
        return flips;
    }

    private List<FlipReport> WhenBoundaryRefuses()
    {
        var boundary = who.Identity switch
        {
            SnapshotUser u => u.Boundary,
            SnapshotRole r => r.Boundary,
            _ => null,
        };
        var flips = new List<FlipReport>();
        if (boundary is not null)
        {
            flips.Add(boundary.Policy.IsAwsManaged
                ? Flip($"Replace the permissions boundary {boundary.Policy.Name} of {who.Kind} {who.Name} with one that allows `{question.Action}`", true, Own("Put", "PermissionsBoundary").Action, Own("Put", "PermissionsBoundary").Owner)
                : Flip($"Add `{question.Action}` to the permissions boundary {boundary.Policy.Name} of {who.Kind} {who.Name}", true, "iam:CreatePolicyVersion", boundary.Policy.Arn));
        }

        var (remove, owner) = Own("Delete", "PermissionsBoundary");
        flips.Add(Flip($"Remove the permissions boundary from {who.Kind} {who.Name}", true, remove, owner));
        return flips;
    }

    /// <summary>How a policy reaching the principal along <paramref name="path"/> stops reaching it.</summary>
    private (string Change, string Action, string Resource) Removal(PolicySource source, PolicyPath path)
    {
        var owner = snapshot.AccountId;
        var kind = path.OwnerKind.ToString();
        var arn = $"arn:aws:iam::{owner}:{kind.ToLowerInvariant()}{OwnerPath(path)}{path.OwnerName}";
        var inline = source.Type is "user" or "group" or "role";
        if (path.OwnerKind == Storage.Entities.OwnerKind.Group && who.Identity is SnapshotUser)
        {
            return ($"Remove user {who.Name} from group {path.OwnerName}, through which {source.Name} allows it (or {(inline ? "delete" : "detach")} the policy from the group)", "iam:RemoveUserFromGroup", arn);
        }

        return inline
            ? ($"Delete the inline policy {source.Name} of {kind.ToLowerInvariant()} {path.OwnerName}, or remove the statement that allows it", $"iam:Delete{kind}Policy", arn)
            : ($"Detach {source.Name} from {kind.ToLowerInvariant()} {path.OwnerName}", $"iam:Detach{kind}Policy", arn);
    }

    /// <summary>The IAM action that edits a policy: a new version of a customer managed one, a new document for an inline one.</summary>
    private (string? Action, string? Resource) Edit(PolicySource source)
    {
        if (source.Type == "user-managed")
        {
            return ("iam:CreatePolicyVersion", source.Id);
        }

        if (source.Paths.Count == 0)
        {
            return (null, null);
        }

        if (source.Type == "aws-managed")
        {
            // AWS managed policies cannot be edited: detaching is the change, from where it is attached.
            var (_, detach, from) = Removal(source, source.Paths[0]);
            return (detach, from);
        }

        var owner = source.Paths[0];
        var kind = owner.OwnerKind.ToString();
        return ($"iam:Put{kind}Policy", $"arn:aws:iam::{snapshot.AccountId}:{kind.ToLowerInvariant()}{OwnerPath(owner)}{owner.OwnerName}");
    }

    private string OwnerPath(PolicyPath path) => path.OwnerKind switch
    {
        Storage.Entities.OwnerKind.User => snapshot.UserNamed(path.OwnerName)?.Path ?? "/",
        Storage.Entities.OwnerKind.Group => snapshot.GroupNamed(path.OwnerName)?.Path ?? "/",
        _ => snapshot.RoleNamed(path.OwnerName)?.Path ?? "/",
    };

    /// <summary>The principal's own IAM action of a family (<c>iam:AttachUserPolicy</c>, <c>iam:PutRolePolicy</c>) and its ARN.</summary>
    private (string Action, string Owner) Own(string verb, string noun) =>
        ($"iam:{verb}{(who.Identity is SnapshotRole ? "Role" : "User")}{noun}", who.Identity!.Arn);

    private IEnumerable<SnapshotGroup> GroupsThatAllow(SnapshotUser user)
    {
        var context = AccessQuery.WithPrincipalKeys(AccessQuery.BaseContext(question.Context, now), user, user.Principal);
        context.ViaBillingConsole = question.ViaBillingConsole;
        foreach (var group in snapshot.Groups)
        {
            if (user.Groups.Contains(group))
            {
                continue;
            }

            var policies = PrincipalPolicyLoader.ForGroup(snapshot, group).Policies with { PermissionsBoundary = data.Policies.PermissionsBoundary };
            var decision = Authorizer.Authorize(new AuthorizationRequest(user.Principal, _action, question.Resource, context), policies, data.Settings with { IamUserAccessToBilling = true });
            if (decision.IsAllowed)
            {
                yield return group;
            }
        }
    }

    /// <summary>
    /// How much a group grants besides: any statement allowing every action ("*" or NotAction) puts
    /// it after the rest, then the length of its documents. BillingReadOnlyGroup before Admins.
    /// </summary>
    private static (int AllActions, int Length) Grant(SnapshotGroup group)
    {
        var handles = group.AttachedPolicies.Select(p => p.Identity).Concat(group.InlinePolicies.Select(p => p.Handle)).ToList();
        var everything = handles.Any(h => h.Compiled.Statements.Any(s =>
            s.Effect == Effect.Allow && (s.NotAction || (s.Source.Actions?.Values.Any(a => a.Value == "*") ?? false))));
        return (everything ? 1 : 0, handles.Sum(h => h.Document.Length));
    }

    private FlipReport Flip(string change, bool alone, string? action, string? resource) =>
        new(change, alone, action is null || resource is null ? [] : WhoMay(action, resource)) { ChangeAction = action, ChangeResource = resource };

    /// <summary>The principals the access query allows to take the change, root first.</summary>
    private List<string> WhoMay(string action, string resource)
    {
        var answer = AccessQuery.Answer(snapshot, new AccessQuestion(action, resource) { FollowRoleTrust = false }, now);
        var names = answer.AllowedPrincipals.Select(WhoCan.NameOf).ToList();
        return names.Count <= MaxNames ? names : [.. names.Take(MaxNames), $"and {names.Count - MaxNames} more"];
    }
}
