using LocalIam.Iam.Errors;
using LocalIam.Policy.Authorization;

namespace LocalIam.Server.Api.Iam;

/// <summary>The user a per-user credential call is about when <c>UserName</c> may be left out.</summary>
internal static class CallerUser
{
    /// <summary>The named user, else the calling IAM user; root and sessions must name one, as AWS requires.</summary>
    public static string Named(IamCall call) =>
        call.Query.Get("UserName") ?? (call.Who.Principal.Kind == PrincipalKind.User ? call.Who.Principal.Name : throw IamErrors.UserNameRequired());

    /// <summary>Like <see cref="Named"/>, but root without a name means root's own (signing certificates).</summary>
    public static string? NamedOrRoot(IamCall call) =>
        call.Query.Get("UserName") is null && call.Who.Principal.Kind == PrincipalKind.Root ? null : Named(call);
}
