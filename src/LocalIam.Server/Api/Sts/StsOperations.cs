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
/// STS (Version 2011-06-15): GetCallerIdentity (needs no permission), GetSessionToken, and
/// AssumeRole, whose trust policy is evaluated by the engine together with the caller's policies.
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

    private static async Task<IEnumerable<object>?> GetSessionTokenAsync(IamCall c)
    {
        if (c.Who.IsTemporary)
        {
            throw new IamException(IamErrorCode.AccessDenied, "Cannot call GetSessionToken with session credentials");
        }

        var isRoot = c.Who.Principal.Kind == PrincipalKind.Root;
        var maximum = isRoot ? 3600 : 129_600;
        var duration = c.Query.GetInt("DurationSeconds") ?? (isRoot ? 3600 : 43_200);
        new RequestValidator().Range(duration, "durationSeconds", 900, maximum).ThrowIfInvalid();
        var issued = await c.Service<SessionService>().IssueAsync(c.AccountId, SessionKind.SessionToken, TimeSpan.FromSeconds(duration), userId: c.Who.UserId);
        return [Credentials(issued)];
    }

    private static async Task<IEnumerable<object>?> AssumeRoleAsync(IamCall c)
    {
        var roleArn = c.Query.Required("RoleArn");
        var sessionName = c.Query.Required("RoleSessionName");
        var duration = c.Query.GetInt("DurationSeconds") ?? 3600;
        var sessionPolicy = c.Query.Get("Policy");
        new RequestValidator().Length(roleArn, "roleArn", 20, 2048).Length(sessionName, "roleSessionName", 2, 64).Range(duration, "durationSeconds", 900, 43_200).ThrowIfInvalid();
        if (sessionPolicy is not null)
        {
            var parsed = PolicyParser.Parse(sessionPolicy, PolicyKind.Session);
            if (!parsed.IsValid)
            {
                throw new IamException(IamErrorCode.MalformedPolicyDocument, parsed.FirstError!.Message);
            }
        }

        // The role is the one the ARN names exactly: this account, type role, and the role's own path.
        var named = Api.Iam.EntityArns.Parse(roleArn);
        var role = named is { Type: "role" } && named.AccountId == c.AccountId ? await TryGetRoleAsync(c, named.Name) : null;
        if (role is not null && role.Path != named!.Path)
        {
            role = null;
        }

        if (await TrustDecisionAsync(c, role, roleArn, sessionName) is { } denial)
        {
            throw new IamException(IamErrorCode.AccessDenied, denial);
        }

        if (duration > role!.MaxSessionDuration)
        {
            throw new IamException(IamErrorCode.ValidationError,
                $"The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        }

        var issued = await c.Service<SessionService>().IssueAsync(c.AccountId, SessionKind.AssumedRole, TimeSpan.FromSeconds(duration),
            roleId: role.Id, sessionName: sessionName, sessionPolicy: sessionPolicy);
        return
        [
            Credentials(issued),
            new XElement("AssumedRoleUser",
                El("AssumedRoleId", $"{role.Id}:{sessionName}"),
                El("Arn", $"arn:aws:sts::{c.AccountId}:assumed-role/{role.Name}/{sessionName}")),
            El("PackedPolicySize", sessionPolicy is null ? 0 : Math.Min(100, sessionPolicy.Length * 100 / 2048))!,
        ];
    }

    /// <summary>
    /// sts:AssumeRole on the role, or the reason it is refused. A trust policy must allow the caller
    /// itself or its account (no identity policy can stand in for it); one that names the account
    /// delegates to the caller's identity policies, which then must allow sts:AssumeRole too.
    /// </summary>
    private static async Task<string?> TrustDecisionAsync(IamCall c, Role? role, string roleArn, string sessionName)
    {
        var denied = $"User: {c.Who.Principal.Arn} is not authorized to perform: sts:AssumeRole on resource: {roleArn}";
        if (c.Who.Principal.Kind == PrincipalKind.Root)
        {
            return "Roles may not be assumed by root accounts.";
        }

        if (role is null)
        {
            return denied;
        }

        // The caller's whole request context and, for a role session, its session policy take part,
        // so chaining roles cannot shed a session policy or a condition on the caller.
        var trust = new PolicySet([CompiledPolicy.Parse($"{roleArn}/trust", role.TrustPolicy, PolicyKind.Trust)]);
        var context = c.Context.Set("sts:RoleSessionName", sessionName);
        if (trust.Evaluate(new RequestAction("sts:AssumeRole"), roleArn, c.Who.Principal, context).Allow is null)
        {
            return $"{denied} because the role's trust policy does not allow it";
        }

        var decision = await c.Service<IamAuthorizer>().AuthorizeAsync(c.Who, "sts:AssumeRole", roleArn, context, trust);
        return decision.IsAllowed ? null : decision.Message;
    }

    private static async Task<Role?> TryGetRoleAsync(IamCall c, string name)
    {
        try
        {
            return await c.Service<RoleService>().GetAsync(c.Caller, name);
        }
        catch (IamException ex) when (ex.Code is IamErrorCode.NoSuchEntity or IamErrorCode.ValidationError)
        {
            return null;
        }
    }

    private static XElement Credentials(IssuedSession issued) => new("Credentials",
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
