using LocalIam.Iam.Mfa;

namespace LocalIam.Server.Api.Sts;

/// <summary>The MFA proof GetSessionToken and AssumeRole accept: the caller's own virtual device and its current code.</summary>
internal static class StsMfa
{
    /// <summary>When the MFA code was proved (now), null when the request passes none; AccessDenied in AWS's words when it fails.</summary>
    public static async Task<DateTime?> ProveAsync(IamCall c, string? serialNumber, string? tokenCode)
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
        var userId = c.Who.Principal.Kind == Policy.Authorization.PrincipalKind.User ? c.Who.UserId : null;
        return await c.Service<MfaDeviceService>().CheckSessionCodeAsync(c.AccountId, userId, serialNumber, tokenCode) switch
        {
            MfaCodeCheck.Valid => c.Service<TimeProvider>().GetUtcNow().UtcDateTime,
            MfaCodeCheck.InvalidCode => throw StsErrors.MfaCodeInvalid(),
            _ => throw StsErrors.MfaDeviceNotTheCallers(),
        };
    }
}
