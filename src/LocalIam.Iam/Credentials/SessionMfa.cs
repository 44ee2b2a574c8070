using LocalIam.Iam.Authorization;
using LocalIam.Iam.Errors;
using LocalIam.Iam.Mfa;
using LocalIam.Policy.Authorization;

namespace LocalIam.Iam.Credentials;

/// <summary>The MFA proof GetSessionToken and AssumeRole accept: the caller's own virtual device and its current code.</summary>
public sealed class SessionMfa(MfaDeviceService devices, TimeProvider clock)
{
    /// <summary>When the MFA code was proved (now), null when the request passes none; AccessDenied in AWS's words when it fails.</summary>
    public async Task<DateTime?> ProveAsync(AuthenticatedPrincipal who, string? serialNumber, string? tokenCode)
    {
        if (serialNumber is null && tokenCode is null)
        {
            return null;
        }

        if (serialNumber is null)
        {
            throw StsErrors.MfaDeviceNotTheCallers();
        }

        if (tokenCode is null)
        {
            throw StsErrors.MfaCodeInvalid();
        }

        // Only an IAM user's own device counts: a role session has none, and root none in LocalIam.
        var userId = who.Principal.Kind == PrincipalKind.User ? who.UserId : null;
        return await devices.CheckSessionCodeAsync(who.AccountId, userId, serialNumber, tokenCode) switch
        {
            MfaCodeCheck.Valid => clock.GetUtcNow().UtcDateTime,
            MfaCodeCheck.InvalidCode => throw StsErrors.MfaCodeInvalid(),
            _ => throw StsErrors.MfaDeviceNotTheCallers(),
        };
    }
}
