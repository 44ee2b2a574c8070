using LocalIam.Policy.Evaluation;

namespace LocalIam.Policy.Authorization;

/// <summary>
/// Credentials from GetFederationToken may call no STS operation but GetCallerIdentity (STS API
/// Reference, GetFederationToken, "Permissions"), whatever the user's and the session's policies
/// allow. Their refusal for IAM operations is the authenticator's (an invalid token, as AWS answers).
/// </summary>
public static class FederatedUserLimits
{
    public const string OnlyStsAction = "sts:GetCallerIdentity";

    public static bool Blocks(Principal principal, RequestAction action) =>
        principal.Kind == PrincipalKind.FederatedUser
        && action.Service.Equals("sts", StringComparison.OrdinalIgnoreCase)
        && !action.Full.Equals(OnlyStsAction, StringComparison.OrdinalIgnoreCase);
}
