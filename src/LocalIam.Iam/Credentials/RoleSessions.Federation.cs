using LocalIam.Iam.Authorization;
using LocalIam.Iam.Errors;
using LocalIam.Iam.Identifiers;
using LocalIam.Iam.Tags;
using LocalIam.Policy.Authorization;
using LocalIam.Policy.Validation;
using LocalIam.Storage.Entities;

namespace LocalIam.Iam.Credentials;

/// <summary>What GetFederationToken is asked, already checked against STS's model by the front end.</summary>
public sealed record FederationTokenInput(string Name, string? Policy, IReadOnlyList<string> PolicyArns, int? DurationSeconds, IReadOnlyList<TagInput> Tags)
{
    public const int DefaultDuration = 43_200;
}

/// <summary>A federated user's session: its credentials and the names the response gives it.</summary>
public sealed record FederatedUserSession(IssuedSession Issued, string AccountId, string Name, int PackedPolicySize)
{
    public string FederatedUserId => $"{AccountId}:{Name}";

    public string Arn => $"arn:aws:sts::{AccountId}:federated-user/{Name}";
}

public sealed partial class RoleSessions
{
    /// <summary>
    /// GetFederationToken for an IAM user's long-term keys (the endpoint has authorized
    /// sts:GetFederationToken, and sts:TagSession with tags, on the federated user's ARN): a session
    /// whose permissions are the user's intersected with the session policies passed; without
    /// any, it may do nothing (the Authorizer's rule for federated users).
    /// </summary>
    /// <summary>Session credentials may not get a federation token: AWS refuses them before reading any policy.</summary>
    public static void RefuseSessionCredentialsForFederationToken(AuthenticatedPrincipal who)
    {
        if (who.IsTemporary)
        {
            throw StsErrors.SessionCredentialsCannotGetFederationToken();
        }
    }

    public async Task<FederatedUserSession> GetFederationTokenAsync(AuthenticatedPrincipal who, FederationTokenInput request)
    {
        RefuseSessionCredentialsForFederationToken(who);

        if (who.Principal.Kind != PrincipalKind.User || who.UserId is null)
        {
            throw StsErrors.FederationTokenForIamUsersOnly();
        }

        foreach (var arn in request.PolicyArns)
        {
            if (!ArnSyntax.IsWellFormed(arn))
            {
                throw StsErrors.InvalidArn(arn);
            }
        }

        var tags = SessionTagRules.ForNewSession(request.Tags, [], []);
        if (request.Policy is { } policy && PolicyParser.Parse(policy, PolicyKind.Session, new PolicyParseOptions { Partition = who.Partition }) is { IsValid: false } parsed)
        {
            throw IamErrors.MalformedPolicy(parsed.FirstError!.Message);
        }

        var packedSize = PackedSessionSize.Check(request.Policy, request.PolicyArns, tags);
        if (await ManagedSessionPolicies.FirstMissingAsync(store, who.AccountId, request.PolicyArns) is { } missing)
        {
            throw StsErrors.SessionPolicyNotUsable(missing);
        }

        var duration = request.DurationSeconds ?? FederationTokenInput.DefaultDuration;
        var issued = await sessions.IssueAsync(who.AccountId, new SessionGrant(SessionKind.FederatedUser, TimeSpan.FromSeconds(duration))
        {
            UserId = who.UserId,
            SessionName = request.Name,
            SessionPolicy = request.Policy,
            PolicyArns = request.PolicyArns,
            Tags = tags,
        });
        // Unlike AssumeRole, AWS reports the packed size always: 0 for a token without policies or
        // tags (LocalStack's test_get_federation_token, recorded against AWS).
        return new FederatedUserSession(issued, who.AccountId, request.Name, packedSize);
    }
}
