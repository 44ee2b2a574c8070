using LocalIam.Iam.Authorization;
using LocalIam.Iam.Credentials;
using LocalIam.Iam.Errors;
using LocalIam.Iam.Identifiers;
using LocalIam.Iam.OpenIdConnect;
using LocalIam.Iam.Roles;
using LocalIam.Iam.Saml;
using LocalIam.Iam.Tags;
using LocalIam.Policy.Authorization;
using LocalIam.Policy.Evaluation;
using LocalIam.Policy.Validation;
using LocalIam.Storage;
using LocalIam.Storage.Entities;

namespace LocalIam.Iam.Federation;

/// <summary>
/// AssumeRoleWithWebIdentity and AssumeRoleWithSAML: unsigned calls whose caller is the identity
/// provider's token. The token is verified against the role's account's provider, then the role's
/// trust policy decides with the principal <c>Federated: provider ARN</c> and the federation keys
/// (<c>HOST/PATH:sub</c>, <c>:aud</c>, <c>:amr</c>; <c>saml:*</c>), as the IAM User Guide lists them.
/// </summary>
public sealed class FederatedSessions(RoleService roles, OidcProviderService oidcProviders, SamlProviderService samlProviders, SessionService sessions, IamStore store, TimeProvider clock)
{
    private const int DefaultDuration = 3600;

    // The request's own keys that a trust policy may read; the caller's principal keys do not exist here.
    private static readonly string[] RequestKeys =
        ["aws:CurrentTime", "aws:EpochTime", "aws:SecureTransport", "aws:RequestedRegion", "aws:SourceIp", "aws:UserAgent"];

    public async Task<WebIdentitySession> AssumeRoleWithWebIdentityAsync(WebIdentityInput request, RequestContext requestContext)
    {
        var (accountId, sessionPolicyArns) = CheckArns(request.RoleArn, request.PolicyArns);
        CheckSessionPolicy(request.Policy, request.Partition);
        var token = WebIdentityToken.Read(request.WebIdentityToken);
        var issuer = token.Issuer;
        var provider = await OidcProviderAsync(accountId, issuer) ?? throw FederationErrors.NoOidcProvider(issuer);
        var identity = token.Verify(provider, provider.Arn(accountId), clock.GetUtcNow());
        var tags = SessionTags(identity.Tags, identity.TransitiveTagKeys);

        var context = TrustContext(requestContext, request.RoleSessionName, tags)
            .Set($"{identity.ProviderUrl}:sub", identity.Subject)
            .Set($"{identity.ProviderUrl}:aud", identity.Audience)
            .Set("aws:FederatedProvider", identity.ProviderArn);
        if (identity.Amr.Count > 0)
        {
            context.SetList($"{identity.ProviderUrl}:amr", identity.Amr);
        }

        var session = await AssumeAsync("sts:AssumeRoleWithWebIdentity", accountId, identity.ProviderArn, request.RoleArn, request.RoleSessionName,
            request.DurationSeconds ?? DefaultDuration, request.Policy, sessionPolicyArns, tags, sourceIdentity: null, context, request.Partition);
        return new WebIdentitySession(session, identity);
    }

    public async Task<SamlSession> AssumeRoleWithSamlAsync(SamlInput request, RequestContext requestContext)
    {
        var (accountId, sessionPolicyArns) = CheckArns(request.RoleArn, request.PolicyArns);
        if (!ArnSyntax.IsWellFormed(request.PrincipalArn))
        {
            throw StsErrors.InvalidArn(request.PrincipalArn);
        }

        CheckSessionPolicy(request.Policy, request.Partition);
        var principalParts = request.PrincipalArn.Split(':', 6);
        if (principalParts[2] != "iam" || !principalParts[5].StartsWith("saml-provider/", StringComparison.Ordinal))
        {
            throw FederationErrors.SamlProviderMissing();
        }

        if (principalParts[4] != accountId)
        {
            throw FederationErrors.SamlPrincipalOutsideAccount();
        }

        var provider = await SamlProviderAsync(accountId, request.PrincipalArn) ?? throw FederationErrors.SamlProviderMissing();
        var keys = SamlProviderKeys.From(provider.MetadataDocument) ?? throw FederationErrors.SamlSignatureInvalid();
        var providerArn = provider.Arn(accountId);
        // The assertion names the role and provider as the partition it was made for writes them.
        var assertion = SamlResponse.Verify(request.SamlAssertion, keys, accountId, provider.Name,
            ArnPartition.Show(providerArn, request.Partition), ArnPartition.Show(request.RoleArn, request.Partition), clock.GetUtcNow());
        var tags = SessionTags(assertion.Tags, assertion.TransitiveTagKeys);

        var context = TrustContext(requestContext, assertion.RoleSessionName, tags)
            .Set("saml:aud", assertion.Audience)
            .Set("saml:iss", assertion.Issuer)
            .Set("saml:sub", assertion.Subject)
            .Set("saml:sub_type", assertion.SubjectType)
            .Set("saml:namequalifier", assertion.NameQualifier)
            .Set("aws:FederatedProvider", providerArn);
        if (assertion.SourceIdentity is { } sourceIdentity)
        {
            context.Set("sts:SourceIdentity", sourceIdentity);
        }

        var duration = request.DurationSeconds ?? assertion.SessionDuration ?? DefaultDuration;
        var session = await AssumeAsync("sts:AssumeRoleWithSAML", accountId, providerArn, request.RoleArn, assertion.RoleSessionName,
            duration, request.Policy, sessionPolicyArns, tags, assertion.SourceIdentity, context, request.Partition);
        return new SamlSession(session, assertion);
    }

    /// <summary>The trust decision and the new session, shared by both operations.</summary>
    private async Task<AssumedRoleSession> AssumeAsync(
        string action, string accountId, string providerArn, string roleArn, string sessionName, int duration, string? policy,
        IReadOnlyList<string> policyArns, IReadOnlyList<SessionTag> tags, string? sourceIdentity, RequestContext context, string partition)
    {
        var packedSize = PackedSessionSize.Check(policy, policyArns, tags);
        var caller = IamCaller.Root(accountId);
        var role = await roles.FindByArnAsync(caller, roleArn) ?? throw FederationErrors.NotAuthorized(action);
        var storedArn = $"arn:aws:iam::{role.AccountId}:role{role.Path}{role.Name}";
        foreach (var tag in await roles.ListTagsAsync(caller, role.Name))
        {
            context.Set($"aws:ResourceTag/{tag.Key}", tag.Value);
        }

        var trust = new PolicySet([CompiledPolicy.Parse($"{storedArn}/trust", role.TrustPolicy, PolicyKind.Trust)]);
        var policies = new ApplicablePolicies { ResourcePolicy = trust, ResourcePolicyMustAllow = true };
        var checks = new List<string> { action };
        if (tags.Count > 0)
        {
            checks.Add("sts:TagSession");
        }

        if (sourceIdentity is not null)
        {
            checks.Add("sts:SetSourceIdentity");
        }

        // The provider is the caller: a trust statement naming it as Federated allows it, nothing else does.
        // The trust policy decides on the partition's ARNs, and a Deny it states with the stored (aws)
        // ARNs holds in every partition, as for signed requests (IamAuthorizer).
        var storedPrincipal = new Principal(PrincipalKind.Anonymous, providerArn, accountId, providerArn);
        var deniedOnStored = partition != ArnPartition.Stored && checks.Exists(check => Authorizer.Authorize(
            new AuthorizationRequest(storedPrincipal, new RequestAction(check), storedArn, context), policies, AccountSettings.Default).Decision == Decision.ExplicitDeny);
        var principal = storedPrincipal.InPartition(partition);
        ArnPartition.ShowKeys(context, partition);
        foreach (var check in checks)
        {
            var decision = Authorizer.Authorize(
                new AuthorizationRequest(principal, new RequestAction(check), ArnPartition.Show(storedArn, partition), context), policies, AccountSettings.Default);
            if (deniedOnStored || !decision.IsAllowed)
            {
                throw FederationErrors.NotAuthorized(action);
            }
        }

        if (duration > role.MaxSessionDuration)
        {
            throw StsErrors.DurationAboveRoleMaximum();
        }

        if (await ManagedSessionPolicies.FirstMissingAsync(store, accountId, policyArns) is { } missing)
        {
            throw StsErrors.SessionPolicyNotUsable(missing);
        }

        var issued = await sessions.IssueAsync(accountId, new SessionGrant(SessionKind.AssumedRole, TimeSpan.FromSeconds(duration))
        {
            RoleId = role.Id,
            SessionName = sessionName,
            SessionPolicy = policy,
            PolicyArns = policyArns,
            Tags = tags,
            SourceIdentity = sourceIdentity,
        });
        var reportsSize = policy is not null || policyArns.Count > 0 || tags.Count > 0;
        return new AssumedRoleSession(issued, role.AccountId, role.Id, role.Name, sessionName, reportsSize ? packedSize : null, sourceIdentity);
    }

    private static (string AccountId, IReadOnlyList<string> PolicyArns) CheckArns(string roleArn, IReadOnlyList<string> policyArns)
    {
        foreach (var arn in policyArns.Prepend(roleArn))
        {
            if (!ArnSyntax.IsWellFormed(arn))
            {
                throw StsErrors.InvalidArn(arn);
            }
        }

        return (roleArn.Split(':')[4], policyArns);
    }

    private static void CheckSessionPolicy(string? policy, string partition)
    {
        if (policy is not null && PolicyParser.Parse(policy, PolicyKind.Session, new PolicyParseOptions { Partition = partition }) is { IsValid: false } parsed)
        {
            throw IamErrors.MalformedPolicy(parsed.FirstError!.Message);
        }
    }

    /// <summary>The token's tags, held to the rules of tags passed to AssumeRole; a claim breaking them is the token's fault.</summary>
    private static IReadOnlyList<SessionTag> SessionTags(IReadOnlyList<TagInput> tags, IReadOnlyList<string> transitiveKeys)
    {
        if (tags.Count == 0 && transitiveKeys.Count == 0)
        {
            return [];
        }

        try
        {
            if (tags.Count > AssumeRoleInput.MaxTags || transitiveKeys.Count > AssumeRoleInput.MaxTags)
            {
                throw FederationErrors.TagsClaimInvalid();
            }

            TagRules.Validate(tags);
            return SessionTagRules.ForNewSession(tags, transitiveKeys, []);
        }
        catch (IamException ex) when (ex.Code != IamErrorCode.InvalidIdentityToken)
        {
            throw FederationErrors.TagsClaimInvalid();
        }
    }

    private static RequestContext TrustContext(RequestContext requestContext, string sessionName, IReadOnlyList<SessionTag> tags)
    {
        var context = new RequestContext();
        foreach (var key in RequestKeys)
        {
            if (requestContext.TryGet(key, out var value))
            {
                context.SetList(key, value.Items);
            }
        }

        context.Set("sts:RoleSessionName", sessionName);
        if (tags.Count > 0)
        {
            foreach (var tag in tags)
            {
                context.Set($"aws:RequestTag/{tag.Key}", tag.Value);
            }

            context.SetList("aws:TagKeys", tags.Select(t => t.Key));
            if (tags.Any(t => t.Transitive))
            {
                context.SetList("sts:TransitiveTagKeys", tags.Where(t => t.Transitive).Select(t => t.Key));
            }
        }

        return context;
    }

    /// <summary>The account's provider for the token's issuer: the issuer is https:// and the provider's URL.</summary>
    private async Task<OidcProvider?> OidcProviderAsync(string accountId, string issuer)
    {
        // A role ARN whose account is no account id (arn:aws:iam::aws:role/x) has no provider either;
        // the answer must not quote the provider ARN LocalIam would have made of it.
        if (!issuer.StartsWith("https://", StringComparison.Ordinal) || issuer.Length > 255 + "https://".Length || !IamIds.IsAccountId(accountId))
        {
            return null;
        }

        try
        {
            return await oidcProviders.GetAsync(IamCaller.Root(accountId), $"arn:aws:iam::{accountId}:oidc-provider/{issuer["https://".Length..]}");
        }
        catch (IamException ex) when (ex.Code is IamErrorCode.NoSuchEntity or IamErrorCode.ValidationError)
        {
            return null;
        }
    }

    private async Task<SamlProvider?> SamlProviderAsync(string accountId, string arn)
    {
        if (!IamIds.IsAccountId(accountId))
        {
            return null;
        }

        try
        {
            return await samlProviders.GetAsync(IamCaller.Root(accountId), arn);
        }
        catch (IamException ex) when (ex.Code is IamErrorCode.NoSuchEntity or IamErrorCode.ValidationError)
        {
            return null;
        }
    }
}
