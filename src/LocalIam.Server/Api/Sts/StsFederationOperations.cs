using System.Xml.Linq;
using LocalIam.Aws;
using LocalIam.Iam.Authorization;
using LocalIam.Iam.Credentials;
using LocalIam.Iam.Federation;
using LocalIam.Iam.Tags;
using LocalIam.Policy.Authorization;
using static LocalIam.Aws.Query.QueryXml;

namespace LocalIam.Server.Api.Sts;

/// <summary>
/// AssumeRoleWithWebIdentity and AssumeRoleWithSAML: unsigned, as STS's model marks them (noAuth);
/// the core's <see cref="FederatedSessions"/> verifies the token and decides, these rows bind and
/// render the members of STS's model in its order. And GetFederationToken, for IAM users.
/// </summary>
internal static class StsFederationOperations
{
    /// <summary>The operations the endpoint runs without a signature.</summary>
    public static IReadOnlySet<string> Unsigned { get; } = new HashSet<string>(StringComparer.Ordinal) { "AssumeRoleWithWebIdentity", "AssumeRoleWithSAML" };

    /// <summary>Who an unsigned call is until its token is verified: nobody.</summary>
    public static AuthenticatedPrincipal Unauthenticated { get; } = new(Principal.Anonymous);

    /// <summary>GetFederationToken: authorized as sts:GetFederationToken (and sts:TagSession with tags) on the federated user's ARN.</summary>
    public static IOperation FederationToken { get; } = new Operation<FederationTokenInput, IEnumerable<object>?>(
        "GetFederationToken", "sts:GetFederationToken", BindFederationToken, (r, c) => FederatedUserArn(r, c), GetFederationTokenAsync)
    {
        Context = (r, context) =>
        {
            if (r.Tags.Count > 0)
            {
                foreach (var tag in r.Tags)
                {
                    context.Set($"aws:RequestTag/{tag.Key}", tag.Value);
                }

                context.SetList("aws:TagKeys", r.Tags.Select(t => t.Key));
            }
        },
        AlsoAuthorize = (r, c) => r.Tags.Count > 0 ? [new("sts:TagSession", FederatedUserArn(r, c))] : [],
        RefuseFirst = c => RoleSessions.RefuseSessionCredentialsForFederationToken(c.Who),
    };

    public static IOperation WebIdentity { get; } = new Operation<WebIdentityInput, IEnumerable<object>?>(
        "AssumeRoleWithWebIdentity", "sts:AssumeRoleWithWebIdentity", BindWebIdentity, (r, _) => r.RoleArn, AssumeRoleWithWebIdentityAsync)
    {
        IsAuthorized = false,
    };

    public static IOperation Saml { get; } = new Operation<SamlInput, IEnumerable<object>?>(
        "AssumeRoleWithSAML", "sts:AssumeRoleWithSAML", BindSaml, (r, _) => r.RoleArn, AssumeRoleWithSamlAsync)
    {
        IsAuthorized = false,
    };

    // The model's constraints (lengths, patterns, the duration's range) were checked by the endpoint before binding.
    private static FederationTokenInput BindFederationToken(IRequestParameters query) => new(
        query.Get("Name")!, query.Get("Policy"), [.. query.GetStructures("PolicyArns").Select(p => p["arn"])], query.GetInt("DurationSeconds"),
        [.. query.GetStructures("Tags").Select(t => new TagInput(t["Key"], t["Value"]))]);

    private static string FederatedUserArn(FederationTokenInput request, IamCall c) => $"arn:aws:sts::{c.AccountId}:federated-user/{request.Name}";

    private static async Task<IEnumerable<object>?> GetFederationTokenAsync(FederationTokenInput request, IamCall c)
    {
        var session = await c.Core.RoleSessions.GetFederationTokenAsync(c.Who, request);
        XElement?[] result =
        [
            StsOperations.Credentials(session.Issued),
            new XElement("FederatedUser", El("FederatedUserId", session.FederatedUserId), El("Arn", session.Arn)),
            El("PackedPolicySize", session.PackedPolicySize),
        ];
        return result.OfType<XElement>();
    }

    private static WebIdentityInput BindWebIdentity(IRequestParameters query) => new(
        query.Get("RoleArn")!, query.Get("RoleSessionName")!, query.Get("WebIdentityToken")!, query.Get("Policy"),
        [.. query.GetStructures("PolicyArns").Select(p => p["arn"])], query.GetInt("DurationSeconds"));

    private static SamlInput BindSaml(IRequestParameters query) => new(
        query.Get("RoleArn")!, query.Get("PrincipalArn")!, query.Get("SAMLAssertion")!, query.Get("Policy"),
        [.. query.GetStructures("PolicyArns").Select(p => p["arn"])], query.GetInt("DurationSeconds"));

    private static async Task<IEnumerable<object>?> AssumeRoleWithWebIdentityAsync(WebIdentityInput request, IamCall c)
    {
        var (session, identity) = await c.Core.FederatedSessions.AssumeRoleWithWebIdentityAsync(request with { Partition = c.Who.Partition }, c.Context);
        XElement?[] result =
        [
            StsOperations.Credentials(session.Issued),
            El("SubjectFromWebIdentityToken", identity.Subject),
            AssumedRoleUser(session),
            El("PackedPolicySize", session.PackedPolicySize),
            El("Provider", identity.ProviderArn),
            El("Audience", identity.Audience),
            El("SourceIdentity", session.SourceIdentity),
        ];
        return result.OfType<XElement>();
    }

    private static async Task<IEnumerable<object>?> AssumeRoleWithSamlAsync(SamlInput request, IamCall c)
    {
        var (session, assertion) = await c.Core.FederatedSessions.AssumeRoleWithSamlAsync(request with { Partition = c.Who.Partition }, c.Context);
        XElement?[] result =
        [
            StsOperations.Credentials(session.Issued),
            AssumedRoleUser(session),
            El("PackedPolicySize", session.PackedPolicySize),
            El("Subject", assertion.Subject),
            El("SubjectType", assertion.SubjectType),
            El("Issuer", assertion.Issuer),
            El("Audience", assertion.Audience),
            El("NameQualifier", assertion.NameQualifier),
            El("SourceIdentity", session.SourceIdentity),
        ];
        return result.OfType<XElement>();
    }

    private static XElement AssumedRoleUser(AssumedRoleSession session) =>
        new("AssumedRoleUser", El("AssumedRoleId", session.AssumedRoleId), El("Arn", session.Arn));
}
