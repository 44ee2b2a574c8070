using LocalIam.Iam.Authorization;
using LocalIam.Iam.Errors;
using LocalIam.Iam.Identifiers;
using LocalIam.Iam.Roles;
using LocalIam.Policy.Authorization;
using LocalIam.Policy.Evaluation;
using LocalIam.Policy.Validation;
using LocalIam.Storage;
using LocalIam.Storage.Entities;

namespace LocalIam.Iam.Credentials;

/// <summary>
/// Role sessions, for every front end. AssumeRole as AWS documents it: the session tags', the
/// session policies' and the packed size's rules, role chaining's one-hour cap, and the trust
/// policy as the role's resource-based policy in one authorizer decision per action
/// (sts:AssumeRole, and sts:TagSession or sts:SetSourceIdentity when the request sets tags or a
/// source identity). And GetSessionToken.
/// </summary>
public sealed partial class RoleSessions(IamAuthorizer authorizer, RoleService roles, SessionService sessions, SessionMfa mfa, IamStore store)
{
    private const int ChainedMaximum = 3600;

    /// <summary>
    /// AssumeRole for <paramref name="who"/>, whose request context (time, source address, its own
    /// principal keys) is <paramref name="context"/>; the trust evaluation adds its keys to a copy.
    /// </summary>
    public async Task<AssumedRoleSession> AssumeRoleAsync(AuthenticatedPrincipal who, AssumeRoleInput request, RequestContext context)
    {
        foreach (var arn in request.PolicyArns.Prepend(request.RoleArn))
        {
            if (!ArnSyntax.IsWellFormed(arn))
            {
                throw StsErrors.InvalidArn(arn);
            }
        }

        var chained = who.Principal.Kind == PrincipalKind.RoleSession;
        var tags = SessionTagRules.ForNewSession(request.Tags, request.TransitiveTagKeys, chained ? who.SessionTags : []);
        if (request.Policy is { } policy && PolicyParser.Parse(policy, PolicyKind.Session, new PolicyParseOptions { Partition = who.Partition }) is { IsValid: false } parsed)
        {
            throw IamErrors.MalformedPolicy(parsed.FirstError!.Message);
        }

        var packedSize = PackedSessionSize.Check(request.Policy, request.PolicyArns, tags);
        if (chained && request.DurationSeconds > ChainedMaximum)
        {
            throw StsErrors.ChainedDurationTooLong();
        }

        if (who.Principal.Kind == PrincipalKind.Root)
        {
            throw StsErrors.RootMayNotAssumeRoles();
        }

        // A source identity, once set in a chain, stays: a request may repeat it, never change it.
        if (who.SourceIdentity is { } inheritedIdentity && request.SourceIdentity is { } asked && asked != inheritedIdentity)
        {
            throw StsErrors.SourceIdentityChanged();
        }

        var sourceIdentity = request.SourceIdentity ?? who.SourceIdentity;
        var provedMfa = await mfa.ProveAsync(who, request.SerialNumber, request.TokenCode);
        var role = await roles.FindByArnAsync(who.Caller, request.RoleArn)
            ?? throw StsErrors.NotAuthorized(who.Principal.Arn, "sts:AssumeRole", request.RoleArn);
        var roleArn = $"arn:aws:iam::{role.AccountId}:role{role.Path}{role.Name}";

        var trustContext = await TrustContextAsync(who, context, role, request, sourceIdentity, provedMfa);
        var trust = new PolicySet([CompiledPolicy.Parse($"{roleArn}/trust", role.TrustPolicy, PolicyKind.Trust)]);
        await AuthorizeAsync(who, "sts:AssumeRole", roleArn, trustContext, trust);
        if (request.TagsSession)
        {
            await AuthorizeAsync(who, "sts:TagSession", roleArn, trustContext, trust);
        }

        if (sourceIdentity is not null)
        {
            await AuthorizeAsync(who, "sts:SetSourceIdentity", roleArn, trustContext, trust);
        }

        if (request.DurationSeconds > role.MaxSessionDuration)
        {
            throw StsErrors.DurationAboveRoleMaximum();
        }

        if (await ManagedSessionPolicies.FirstMissingAsync(store, role.AccountId, request.PolicyArns) is { } missing)
        {
            throw StsErrors.SessionPolicyNotUsable(missing);
        }

        var issued = await sessions.IssueAsync(who.AccountId, new SessionGrant(SessionKind.AssumedRole, TimeSpan.FromSeconds(request.DurationSeconds))
        {
            RoleId = role.Id,
            SessionName = request.RoleSessionName,
            SessionPolicy = request.Policy,
            PolicyArns = request.PolicyArns,
            Tags = tags,
            SourceIdentity = sourceIdentity,
            MfaAuthenticatedAt = provedMfa ?? who.MfaAuthenticatedAt,
        });

        // AWS reports the packed size only when the request passed session policies or tags.
        var reportsSize = request.Policy is not null || request.PolicyArns.Count > 0 || tags.Count > 0;
        return new AssumedRoleSession(issued, role.AccountId, role.Id, role.Name, request.RoleSessionName, reportsSize ? packedSize : null, sourceIdentity);
    }

    /// <summary>
    /// GetSessionToken: the caller's own identity with temporary credentials. Without MFA they may not
    /// call IAM (the authenticator refuses them); with the caller's MFA device and code they may.
    /// </summary>
    public async Task<IssuedSession> GetSessionTokenAsync(AuthenticatedPrincipal who, int durationSeconds, string? serialNumber, string? tokenCode)
    {
        if (who.IsTemporary)
        {
            throw StsErrors.SessionCredentialsCannotGetSessionToken();
        }

        var provedMfa = await mfa.ProveAsync(who, serialNumber, tokenCode);
        return await sessions.IssueAsync(who.AccountId, new SessionGrant(SessionKind.SessionToken, TimeSpan.FromSeconds(durationSeconds))
        {
            UserId = who.UserId,
            MfaAuthenticatedAt = provedMfa,
        });
    }

    /// <summary>
    /// The keys the trust policy sees besides the caller's: the session name, external id, source
    /// identity, the tags passed (aws:RequestTag, aws:TagKeys, sts:TransitiveTagKeys), the role's tags
    /// as aws:ResourceTag (replaced by the calling session's transitive tags of the same key), and MFA
    /// proved by this request.
    /// </summary>
    private async Task<RequestContext> TrustContextAsync(
        AuthenticatedPrincipal who, RequestContext callerContext, Role role, AssumeRoleInput request, string? sourceIdentity, DateTime? provedMfa)
    {
        var context = callerContext.Copy().Set("sts:RoleSessionName", request.RoleSessionName);
        if (request.ExternalId is { } externalId)
        {
            context.Set("sts:ExternalId", externalId);
        }

        if (sourceIdentity is not null)
        {
            context.Set("sts:SourceIdentity", sourceIdentity);
        }

        if (request.Tags.Count > 0)
        {
            foreach (var tag in request.Tags)
            {
                context.Set($"aws:RequestTag/{tag.Key}", tag.Value);
            }

            context.SetList("aws:TagKeys", request.Tags.Select(t => t.Key));
        }

        if (request.TransitiveTagKeys.Count > 0)
        {
            context.SetList("sts:TransitiveTagKeys", request.TransitiveTagKeys);
        }

        var transitive = who.Principal.Kind == PrincipalKind.RoleSession ? who.SessionTags.Where(t => t.Transitive).ToList() : [];
        foreach (var tag in transitive)
        {
            context.Set($"aws:ResourceTag/{tag.Key}", tag.Value);
        }

        foreach (var tag in await roles.ListTagsAsync(who.Caller, role.Name))
        {
            if (!context.Contains($"aws:ResourceTag/{tag.Key}"))
            {
                context.Set($"aws:ResourceTag/{tag.Key}", tag.Value);
            }
        }

        if (provedMfa is not null)
        {
            context.Set("aws:MultiFactorAuthPresent", "true").Set("aws:MultiFactorAuthAge", "0");
        }

        return context;
    }

    private async Task AuthorizeAsync(AuthenticatedPrincipal who, string action, string roleArn, RequestContext context, PolicySet trust)
    {
        var decision = await authorizer.AuthorizeOnRoleAsync(who, action, roleArn, context, trust);
        if (!decision.IsAllowed)
        {
            throw IamErrors.AccessDenied(decision.Message);
        }
    }
}
