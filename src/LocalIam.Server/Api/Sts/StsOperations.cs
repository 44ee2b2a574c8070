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

    /// <summary>Operations the generic authorization step skips: GetCallerIdentity needs no permission; the others decide themselves.</summary>
    public static readonly IReadOnlySet<string> Unauthorized = new HashSet<string>(StringComparer.Ordinal) { "GetCallerIdentity", "GetSessionToken", "AssumeRole" };

    public static IReadOnlyDictionary<string, Operation> Table { get; } = Build();

    private static IReadOnlyDictionary<string, Operation> Build()
    {
        var table = new OperationTable();
        table
            .Add("GetCallerIdentity", _ => "*", c => Task.FromResult<IEnumerable<object>?>(
            [
                El("UserId", UserId(c.Who))!,
                El("Account", c.AccountId)!,
                El("Arn", c.Who.Principal.Arn)!,
            ]), iamAction: "sts:GetCallerIdentity")
            .Add("GetSessionToken", _ => "*", GetSessionTokenAsync, iamAction: "sts:GetSessionToken")
            .Add("AssumeRole", c => c.Query.Required("RoleArn"), AssumeRoleAsync, iamAction: "sts:AssumeRole");
        return table.Operations;
    }

    /// <summary>
    /// GetSessionToken: the caller's own identity with temporary credentials. Without MFA they may not
    /// call IAM (the authenticator refuses them); with the caller's MFA device and code they may.
    /// </summary>
    private static async Task<IEnumerable<object>?> GetSessionTokenAsync(IamCall c)
    {
        // Root may ask for at most an hour, IAM users for 36 hours (STS's documentation).
        var isRoot = c.Who.Principal.Kind == PrincipalKind.Root;
        var maximum = isRoot ? 3600 : 129_600;
        var duration = c.Query.GetInt("DurationSeconds") ?? (isRoot ? 3600 : 43_200);
        var (serialNumber, tokenCode) = (c.Query.Get("SerialNumber"), c.Query.Get("TokenCode"));
        new StsValidator().Range(duration, "durationSeconds", 900, maximum)
            .Text(serialNumber, "serialNumber", 9, 256, StsPattern.SerialNumber)
            .Text(tokenCode, "tokenCode", 6, 6, StsPattern.TokenCode)
            .ThrowIfInvalid();
        return [Credentials(await c.Service<RoleSessions>().GetSessionTokenAsync(c.Who, duration, serialNumber, tokenCode))];
    }

    private static async Task<IEnumerable<object>?> AssumeRoleAsync(IamCall c)
    {
        var session = await c.Service<RoleSessions>().AssumeRoleAsync(c.Who, AssumeRoleBinding.Bind(c.Query), c.Context);
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
        _ => who.UserId ?? who.AccountId,
    };
}
