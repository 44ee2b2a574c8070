using System.Xml.Linq;
using LocalIam.Iam.Authorization;
using LocalIam.Iam.Credentials;
using LocalIam.Iam.Errors;
using LocalIam.Iam.Roles;
using LocalIam.Policy.Authorization;
using LocalIam.Policy.Evaluation;
using LocalIam.Policy.Validation;
using LocalIam.Storage.Entities;
using static LocalIam.Aws.Query.QueryXml;

namespace LocalIam.Server.Api.Sts;

/// <summary>
/// AssumeRole as AWS documents it: the model's constraints, then the session tags', the session
/// policies' and the packed size's rules, role chaining's one-hour cap, and the trust policy as
/// the role's resource-based policy in one authorizer decision per action (sts:AssumeRole, and
/// sts:TagSession or sts:SetSourceIdentity when the request sets tags or a source identity).
/// </summary>
internal static class AssumeRoleOperation
{
    private const int ChainedMaximum = 3600;

    public static async Task<IEnumerable<object>?> HandleAsync(IamCall c)
    {
        var request = AssumeRoleRequest.Bind(c.Query);
        foreach (var arn in request.PolicyArns.Prepend(request.RoleArn))
        {
            if (!IsWellFormedArn(arn))
            {
                throw StsErrors.InvalidArn(arn);
            }
        }

        var chained = c.Who.Principal.Kind == PrincipalKind.RoleSession;
        var tags = SessionTagRules.ForNewSession(request.Tags, request.TransitiveTagKeys, chained ? c.Who.SessionTags : []);
        if (request.Policy is { } policy && PolicyParser.Parse(policy, PolicyKind.Session) is { IsValid: false } parsed)
        {
            throw new IamException(IamErrorCode.MalformedPolicyDocument, parsed.FirstError!.Message);
        }

        var packedSize = PackedSessionSize.Check(request.Policy, request.PolicyArns, tags);
        if (chained && request.DurationSeconds > ChainedMaximum)
        {
            throw StsErrors.ChainedDurationTooLong();
        }

        if (c.Who.Principal.Kind == PrincipalKind.Root)
        {
            throw StsErrors.RootMayNotAssumeRoles();
        }

        // A source identity, once set in a chain, stays: a request may repeat it, never change it.
        if (c.Who.SourceIdentity is { } inheritedIdentity && request.SourceIdentity is { } asked && asked != inheritedIdentity)
        {
            throw StsErrors.SourceIdentityChanged();
        }

        var sourceIdentity = request.SourceIdentity ?? c.Who.SourceIdentity;
        var provedMfa = await StsMfa.ProveAsync(c, request.SerialNumber, request.TokenCode);
        var role = await FindRoleAsync(c, request.RoleArn)
            ?? throw StsErrors.NotAuthorized(c.Who.Principal.Arn, "sts:AssumeRole", request.RoleArn);
        var roleArn = $"arn:aws:iam::{role.AccountId}:role{role.Path}{role.Name}";

        var context = await TrustContextAsync(c, role, request, sourceIdentity, provedMfa);
        var trust = new PolicySet([CompiledPolicy.Parse($"{roleArn}/trust", role.TrustPolicy, PolicyKind.Trust)]);
        await AuthorizeAsync(c, "sts:AssumeRole", roleArn, context, trust);
        if (request.TagsSession)
        {
            await AuthorizeAsync(c, "sts:TagSession", roleArn, context, trust);
        }

        if (sourceIdentity is not null)
        {
            await AuthorizeAsync(c, "sts:SetSourceIdentity", roleArn, context, trust);
        }

        if (request.DurationSeconds > role.MaxSessionDuration)
        {
            throw StsErrors.DurationAboveRoleMaximum();
        }

        if (await ManagedSessionPolicies.FirstMissingAsync(c.Service<LocalIam.Storage.IamStore>(), role.AccountId, request.PolicyArns) is { } missing)
        {
            throw StsErrors.SessionPolicyNotUsable(missing);
        }

        var issued = await c.Service<SessionService>().IssueAsync(c.AccountId, new SessionGrant(SessionKind.AssumedRole, TimeSpan.FromSeconds(request.DurationSeconds))
        {
            RoleId = role.Id,
            SessionName = request.RoleSessionName,
            SessionPolicy = request.Policy,
            PolicyArns = request.PolicyArns,
            Tags = tags,
            SourceIdentity = sourceIdentity,
            MfaAuthenticatedAt = provedMfa ?? c.Who.MfaAuthenticatedAt,
        });

        var result = new List<object>
        {
            StsOperations.Credentials(issued),
            new XElement("AssumedRoleUser",
                El("AssumedRoleId", $"{role.Id}:{request.RoleSessionName}"),
                El("Arn", $"arn:aws:sts::{role.AccountId}:assumed-role/{role.Name}/{request.RoleSessionName}")),
        };
        if (request.Policy is not null || request.PolicyArns.Count > 0 || tags.Count > 0)
        {
            result.Add(El("PackedPolicySize", packedSize)!);
        }

        if (sourceIdentity is not null)
        {
            result.Add(El("SourceIdentity", sourceIdentity)!);
        }

        return result;
    }

    /// <summary>AWS's shape of an ARN: <c>arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE</c>, partition, service and resource not empty.</summary>
    private static bool IsWellFormedArn(string arn)
    {
        var parts = arn.Split(':', 6);
        return parts.Length == 6 && parts[0] == "arn" && parts[1].Length > 0 && parts[2].Length > 0 && parts[5].Length > 0;
    }

    /// <summary>
    /// The role the ARN names: this account's, found by name whatever its case, and only at its own
    /// path. The stored role's ARN and name are what is authorized and what the session is called.
    /// </summary>
    private static async Task<Role?> FindRoleAsync(IamCall c, string roleArn)
    {
        if (LocalIam.Iam.Identifiers.EntityArns.Parse(roleArn) is not { Type: "role" } named || named.AccountId != c.AccountId)
        {
            return null;
        }

        try
        {
            var role = await c.Service<RoleService>().GetAsync(c.Caller, named.Name);
            return role.Path == named.Path ? role : null;
        }
        catch (IamException ex) when (ex.Code is IamErrorCode.NoSuchEntity or IamErrorCode.ValidationError)
        {
            return null;
        }
    }

    /// <summary>
    /// The keys the trust policy sees besides the caller's: the session name, external id, source
    /// identity, the tags passed (aws:RequestTag, aws:TagKeys, sts:TransitiveTagKeys), the role's tags
    /// as aws:ResourceTag (replaced by the calling session's transitive tags of the same key), and MFA
    /// proved by this request.
    /// </summary>
    private static async Task<RequestContext> TrustContextAsync(IamCall c, Role role, AssumeRoleRequest request, string? sourceIdentity, DateTime? provedMfa)
    {
        var context = c.Context.Set("sts:RoleSessionName", request.RoleSessionName);
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

        var transitive = c.Who.Principal.Kind == PrincipalKind.RoleSession ? c.Who.SessionTags.Where(t => t.Transitive).ToList() : [];
        foreach (var tag in transitive)
        {
            context.Set($"aws:ResourceTag/{tag.Key}", tag.Value);
        }

        foreach (var tag in await c.Service<RoleService>().ListTagsAsync(c.Caller, role.Name))
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

    private static async Task AuthorizeAsync(IamCall c, string action, string roleArn, RequestContext context, PolicySet trust)
    {
        var decision = await c.Service<IamAuthorizer>().AuthorizeOnRoleAsync(c.Who, action, roleArn, context, trust);
        if (!decision.IsAllowed)
        {
            throw new IamException(IamErrorCode.AccessDenied, decision.Message);
        }
    }
}
