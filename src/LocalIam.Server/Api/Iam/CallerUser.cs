using LocalIam.Iam.Errors;
using LocalIam.Policy.Authorization;

namespace LocalIam.Server.Api.Iam;

/// <summary>The user a per-user credential call is about when <c>UserName</c> may be left out.</summary>
internal static class CallerUser
{
    /// <summary>The named user, else the calling IAM user; root and sessions must name one, as AWS requires.</summary>
    public static string Named(IamCall call, string? userName) =>
        userName ?? (call.Who.Principal.Kind == PrincipalKind.User ? call.Who.Principal.Name : throw IamErrors.UserNameRequired());

    /// <summary>Like <see cref="Named"/>, but root without a name means root's own (access keys, signing certificates).</summary>
    public static string? NamedOrRoot(IamCall call, string? userName) =>
        userName is null && call.Who.Principal.Kind == PrincipalKind.Root ? null : Named(call, userName);

    /// <summary>The user a call is about, for authorization: the named one, or the caller itself when no name is given.</summary>
    public static ResourceName Resource(IamCall call, string? userName) =>
        userName is null ? call.Who.Principal.Arn : ResourceName.Named("user", userName);
}
