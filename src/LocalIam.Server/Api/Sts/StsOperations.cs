using System.Xml.Linq;
using LocalIam.Iam.Authorization;
using LocalIam.Iam.Credentials;
using LocalIam.Policy.Authorization;
using LocalIam.Storage.Entities;
using static LocalIam.Aws.Query.QueryXml;

namespace LocalIam.Server.Api.Sts;

/// <summary>
/// STS (Version 2011-06-15): GetCallerIdentity (needs no permission), GetSessionToken, and
/// AssumeRole; the core's <see cref="RoleSessions"/> decides, this table binds and renders.
/// </summary>
internal static class StsOperations
{
    public const string Version = "2011-06-15";

    /// <summary>The operations the endpoint runs without a signature (STS's model marks them noAuth).</summary>
    public static IReadOnlySet<string> Unsigned => StsFederationOperations.Unsigned;

    public static AuthenticatedPrincipal Unauthenticated => StsFederationOperations.Unauthenticated;

    public static IReadOnlyDictionary<string, IOperation> Table { get; } = StsAccountOperations.Register(new QueryTable()
        // GetCallerIdentity needs no permission; AssumeRole and GetSessionToken decide in RoleSessions.
        .Add(new Operation<NoParameters, IEnumerable<object>?>("GetCallerIdentity", "sts:GetCallerIdentity", NoParameters.Bind, (_, _) => "*", (_, c) =>
            Task.FromResult<IEnumerable<object>?>([El("UserId", UserId(c.Who))!, El("Account", c.AccountId)!, El("Arn", c.Who.Principal.Arn)!]))
        {
            IsAuthorized = false,
        })
        .Add(new Operation<(int? Duration, string? SerialNumber, string? TokenCode), IEnumerable<object>?>("GetSessionToken", "sts:GetSessionToken",
            q => (q.GetInt("DurationSeconds"), q.Get("SerialNumber"), q.Get("TokenCode")), (_, _) => "*", GetSessionTokenAsync)
        {
            IsAuthorized = false,
        })
        .Add(new Operation<AssumeRoleInput, IEnumerable<object>?>("AssumeRole", "sts:AssumeRole", AssumeRoleBinding.Bind, (r, _) => r.RoleArn, AssumeRoleAsync)
        {
            IsAuthorized = false,
        })
        .Add(StsFederationOperations.FederationToken)
        .Add(StsFederationOperations.WebIdentity)
        .Add(StsFederationOperations.Saml))
        .Operations;

    /// <summary>
    /// GetSessionToken: the caller's own identity with temporary credentials. Without MFA they may not
    /// call IAM (the authenticator refuses them); with the caller's MFA device and code they may.
    /// </summary>
    private static async Task<IEnumerable<object>?> GetSessionTokenAsync((int? Duration, string? SerialNumber, string? TokenCode) r, IamCall c)
    {
        // Root may ask for at most an hour, IAM users for 36 hours (STS's documentation).
        var isRoot = c.Who.Principal.Kind == PrincipalKind.Root;
        var maximum = isRoot ? 3600 : 129_600;
        var duration = r.Duration ?? (isRoot ? 3600 : 43_200);
        new StsValidator().Range(duration, "durationSeconds", 900, maximum)
            .Text(r.SerialNumber, "serialNumber", 9, 256, StsPattern.SerialNumber)
            .Text(r.TokenCode, "tokenCode", 6, 6, StsPattern.TokenCode)
            .ThrowIfInvalid();
        return [Credentials(await c.Core.RoleSessions.GetSessionTokenAsync(c.Who, duration, r.SerialNumber, r.TokenCode))];
    }

    private static async Task<IEnumerable<object>?> AssumeRoleAsync(AssumeRoleInput request, IamCall c)
    {
        var session = await c.Core.RoleSessions.AssumeRoleAsync(c.Who, request, c.Context);
        XElement?[] result =
        [
            Credentials(session.Issued),
            new XElement("AssumedRoleUser", El("AssumedRoleId", session.AssumedRoleId), El("Arn", session.Arn)),
            El("PackedPolicySize", session.PackedPolicySize),
            El("SourceIdentity", session.SourceIdentity),
        ];
        return result.OfType<XElement>();
    }

    public static XElement Credentials(IssuedSession issued) => new("Credentials",
        El("AccessKeyId", issued.Session.AccessKeyId),
        El("SecretAccessKey", issued.SecretAccessKey),
        El("SessionToken", issued.SessionToken),
        El("Expiration", issued.Session.ExpiresAt));

    private static string UserId(AuthenticatedPrincipal who) => who.Principal.Kind switch
    {
        PrincipalKind.Root => who.AccountId,
        PrincipalKind.RoleSession => $"{who.RoleId}:{who.Principal.Name}",
        PrincipalKind.FederatedUser => $"{who.AccountId}:{who.Principal.Name}",
        _ => who.UserId ?? who.AccountId,
    };
}
