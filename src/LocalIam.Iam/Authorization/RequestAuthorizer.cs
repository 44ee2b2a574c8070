using System.Collections.Frozen;
using LocalIam.Policy.Authorization;
using LocalIam.Policy.Evaluation;

namespace LocalIam.Iam.Authorization;

/// <summary>
/// The one authorization step every front end takes (the AWS API on both protocols, the console,
/// the CLI): each check an operation declares is decided on the stored entity it acts on, with the
/// request's context keys plus the entity's tags; the first denial ends it. Root is never denied
/// by policies, so it passes without a lookup.
/// </summary>
public sealed class RequestAuthorizer(IamAuthorizer authorizer, ResourceResolver resolver)
{
    /// <summary>
    /// The actions whose <c>iam:PermissionsBoundary</c> is the boundary the user or role already has
    /// (AWS's service authorization reference; CreateUser, CreateRole and Put*PermissionsBoundary
    /// carry the boundary the request sets). AWS's delegated-admin example relies on them.
    /// </summary>
    private static readonly FrozenSet<string> ExistingBoundaryActions = new[]
    {
        "iam:AttachUserPolicy", "iam:DetachUserPolicy", "iam:PutUserPolicy", "iam:DeleteUserPolicy", "iam:DeleteUserPermissionsBoundary",
        "iam:AttachRolePolicy", "iam:DetachRolePolicy", "iam:PutRolePolicy", "iam:DeleteRolePolicy", "iam:DeleteRolePermissionsBoundary",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Null when every check is allowed; otherwise the decision that denied, whose message names the resource as the request did.</summary>
    public async Task<AuthorizationResult?> FirstDenialAsync(
        AuthenticatedPrincipal who, IEnumerable<AuthorizationCheck> checks, RequestContext context, CancellationToken cancellationToken = default)
    {
        if (who.Principal.Kind == PrincipalKind.Root)
        {
            return null;
        }

        foreach (var check in checks)
        {
            if (await DecideAsync(who, check, context, cancellationToken) is { IsAllowed: false } denial)
            {
                return denial;
            }
        }

        return null;
    }

    /// <summary>One check; null when it does not apply (a rename that changes nothing).</summary>
    public async Task<AuthorizationResult?> DecideAsync(AuthenticatedPrincipal who, AuthorizationCheck check, RequestContext context, CancellationToken cancellationToken = default)
    {
        if (await resolver.ResolveAsync(who.Caller, check.Resource) is not { } resource)
        {
            return null;
        }

        var keys = context;
        var boundary = resource.PermissionsBoundary is { } arn && ExistingBoundaryActions.Contains(check.IamAction) && !context.Contains("iam:PermissionsBoundary") ? arn : null;
        if (resource.Tags.Count > 0 || check.Context is { Count: > 0 } || boundary is not null)
        {
            keys = context.Copy();
            if (boundary is not null)
            {
                keys.Set("iam:PermissionsBoundary", boundary);
            }

            foreach (var (key, value) in check.Context ?? [])
            {
                keys.Set(key, value);
            }

            // AWS's keys for a tagged user, role or other IAM resource: aws:ResourceTag/KEY and iam:ResourceTag/KEY.
            foreach (var tag in resource.Tags)
            {
                keys.Set($"aws:ResourceTag/{tag.Key}", tag.Value).Set($"iam:ResourceTag/{tag.Key}", tag.Value);
            }
        }

        return await authorizer.AuthorizeAsync(who, check.IamAction, resource.Arn, keys, resourceAsNamed: resource.AsNamed, cancellationToken: cancellationToken);
    }
}
