using System.Globalization;
using LocalIam.Iam.Authorization;
using LocalIam.Policy.Authorization;
using LocalIam.Policy.Evaluation;
using Microsoft.AspNetCore.Http;

namespace LocalIam.Server.Api;

/// <summary>The global condition keys AWS sets on every request, for the principal that signed it.</summary>
internal static class RequestContextFactory
{
    public static RequestContext For(AuthenticatedPrincipal who, HttpContext http, DateTimeOffset now, string region)
    {
        var context = new RequestContext()
            .Set("aws:CurrentTime", now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))
            .Set("aws:EpochTime", now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture))
            .Set("aws:SecureTransport", http.Request.IsHttps ? "true" : "false")
            .Set("aws:RequestedRegion", region)
            .Set("aws:userid", who.UserId ?? who.AccountId);
        if (http.Connection.RemoteIpAddress is { } ip)
        {
            context.Set("aws:SourceIp", (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString());
        }

        if (http.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent)
        {
            context.Set("aws:UserAgent", agent);
        }

        if (who.IsTemporary)
        {
            context.Set("aws:MultiFactorAuthPresent", who.MfaAuthenticatedAt is null ? "false" : "true");
            if (who.MfaAuthenticatedAt is { } mfa)
            {
                var age = Math.Max(0, (long)(now.UtcDateTime - mfa).TotalSeconds);
                context.Set("aws:MultiFactorAuthAge", age.ToString(CultureInfo.InvariantCulture));
            }

            if (who.TokenIssuedAt is { } issued)
            {
                context.Set("aws:TokenIssueTime", issued.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            }
        }

        if (who.SourceIdentity is { } sourceIdentity)
        {
            context.Set("aws:SourceIdentity", sourceIdentity);
        }

        // Session tags first: the authorizer adds the role's own tags only for keys they do not name.
        foreach (var tag in who.SessionTags)
        {
            context.Set($"aws:PrincipalTag/{tag.Key}", tag.Value);
        }

        if (who.RoleId is { } roleId && who.Principal.Kind == PrincipalKind.RoleSession)
        {
            // AWS's aws:userid for a role session: the role's unique id and the session name.
            context.Set("aws:userid", $"{roleId}:{who.Principal.Name}");
        }

        if (who.Principal.Kind == PrincipalKind.FederatedUser)
        {
            // AWS's aws:userid for a federated user: the account and the name the caller gave.
            context.Set("aws:userid", $"{who.AccountId}:{who.Principal.Name}");
        }

        return PrincipalContextKeys.AddTo(context, who.Principal);
    }
}
