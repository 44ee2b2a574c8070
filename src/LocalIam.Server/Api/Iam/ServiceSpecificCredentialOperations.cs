using System.Xml.Linq;
using LocalIam.Iam.ServiceCredentials;
using static LocalIam.Aws.Query.QueryXml;

namespace LocalIam.Server.Api.Iam;

/// <summary>Service-specific credentials (CodeCommit and Keyspaces passwords, Bedrock API keys) of IAM users.</summary>
internal static class ServiceSpecificCredentialOperations
{
    public static void Register(OperationTable table) => table
        .Add("CreateServiceSpecificCredential", c => ResourceName.Named("user", c.Query.Required("UserName")), async c =>
        {
            var view = await c.Service<ServiceSpecificCredentialService>().CreateAsync(
                c.Caller, c.Query.Required("UserName"), c.Query.Required("ServiceName"), c.Query.GetInt("CredentialAgeDays"));
            return [new XElement("ServiceSpecificCredential", Shape(view))];
        })
        .Add("ListServiceSpecificCredentials", c => AllUsers(c) && c.Query.Get("UserName") is null ? "*" : Owner(c), async c =>
        {
            var page = await c.Service<ServiceSpecificCredentialService>().ListAsync(
                c.Caller, AllUsers(c) ? c.Query.Get("UserName") : CallerUser.Named(c), c.Query.Get("ServiceName"), AllUsers(c), c.Query.Get("Marker"), c.Query.GetInt("MaxItems"));
            return IamShapes.Page("ServiceSpecificCredentials", page, Shape);
        })
        .Add("ResetServiceSpecificCredential", Owner, async c =>
        {
            var view = await c.Service<ServiceSpecificCredentialService>().ResetAsync(c.Caller, CallerUser.Named(c), CredentialId(c));
            return [new XElement("ServiceSpecificCredential", Shape(view))];
        })
        .AddVoid("UpdateServiceSpecificCredential", Owner, c => c.Service<ServiceSpecificCredentialService>()
            .UpdateAsync(c.Caller, CallerUser.Named(c), CredentialId(c), c.Query.Required("Status")))
        .AddVoid("DeleteServiceSpecificCredential", Owner, c => c.Service<ServiceSpecificCredentialService>()
            .DeleteAsync(c.Caller, CallerUser.Named(c), CredentialId(c)));

    private static ResourceName Owner(IamCall call) => UserOperations.UserResource(call, call.Query.Get("UserName"));

    private static string CredentialId(IamCall call) => call.Query.Required("ServiceSpecificCredentialId");

    private static bool AllUsers(IamCall call) => call.Query.GetBool("AllUsers") ?? false;

    /// <summary>Passwords (CodeCommit, Keyspaces) show a user name, API keys (Bedrock) an alias; the secret only when just made.</summary>
    private static IEnumerable<object?> Shape(ServiceSpecificCredentialView view)
    {
        var credential = view.Credential;
        var isApiKey = credential.ServiceCredentialAlias is not null;
        return
        [
            El("CreateDate", credential.CreatedAt), El("ExpirationDate", credential.ExpiresAt), El("ServiceName", credential.ServiceName),
            El("ServiceUserName", credential.ServiceUserName), El("ServicePassword", isApiKey ? null : view.Secret),
            El("ServiceCredentialAlias", credential.ServiceCredentialAlias), El("ServiceCredentialSecret", isApiKey ? view.Secret : null),
            El("ServiceSpecificCredentialId", credential.Id), El("UserName", view.UserName), El("Status", view.Status),
        ];
    }
}
