using System.Xml.Linq;
using LocalIam.Iam.ServiceCredentials;
using static LocalIam.Aws.Query.QueryXml;

using LocalIam.Aws;

namespace LocalIam.Server.Api.Iam;

/// <summary>Service-specific credentials (CodeCommit and Keyspaces passwords, Bedrock API keys) of IAM users.</summary>
internal static class ServiceSpecificCredentialOperations
{
    public static void Register(QueryTable table) => table
        .Add("CreateServiceSpecificCredential", "iam:CreateServiceSpecificCredential",
            q => (User: q.Required("UserName"), Service: q.Required("ServiceName"), AgeDays: q.GetInt("CredentialAgeDays")),
            (r, _) => ResourceName.Named("user", r.User),
            async (r, c) => [new XElement("ServiceSpecificCredential", Shape(await c.Core.ServiceCredentials.CreateAsync(c.Caller, r.User, r.Service, r.AgeDays)))])
        .Add("ListServiceSpecificCredentials", "iam:ListServiceSpecificCredentials",
            q => (User: q.Get("UserName"), Service: q.Get("ServiceName"), AllUsers: q.GetBool("AllUsers") ?? false, Marker: q.Get("Marker"), MaxItems: q.GetInt("MaxItems")),
            (r, c) => r.AllUsers && r.User is null ? "*" : CallerUser.Resource(c, r.User),
            async (r, c) =>
            {
                var page = await c.Core.ServiceCredentials.ListAsync(c.Caller, r.AllUsers ? r.User : CallerUser.Named(c, r.User), r.Service, r.AllUsers, r.Marker, r.MaxItems);
                return IamShapes.Page("ServiceSpecificCredentials", page, Shape);
            })
        .Add("ResetServiceSpecificCredential", "iam:ResetServiceSpecificCredential", q => (User: q.Get("UserName"), Id: CredentialId(q)),
            (r, c) => CallerUser.Resource(c, r.User),
            async (r, c) => [new XElement("ServiceSpecificCredential", Shape(await c.Core.ServiceCredentials.ResetAsync(c.Caller, CallerUser.Named(c, r.User), r.Id)))])
        .AddVoid("UpdateServiceSpecificCredential", "iam:UpdateServiceSpecificCredential",
            q => (User: q.Get("UserName"), Id: CredentialId(q), Status: q.Required("Status")),
            (r, c) => CallerUser.Resource(c, r.User),
            (r, c) => c.Core.ServiceCredentials.UpdateAsync(c.Caller, CallerUser.Named(c, r.User), r.Id, r.Status))
        .AddVoid("DeleteServiceSpecificCredential", "iam:DeleteServiceSpecificCredential", q => (User: q.Get("UserName"), Id: CredentialId(q)),
            (r, c) => CallerUser.Resource(c, r.User),
            (r, c) => c.Core.ServiceCredentials.DeleteAsync(c.Caller, CallerUser.Named(c, r.User), r.Id));

    private static string CredentialId(IRequestParameters q) => q.Required("ServiceSpecificCredentialId");

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
