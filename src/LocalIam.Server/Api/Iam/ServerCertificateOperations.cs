using System.Xml.Linq;
using LocalIam.Iam.ServerCertificates;
using static LocalIam.Aws.Query.QueryXml;

using LocalIam.Aws;

namespace LocalIam.Server.Api.Iam;

/// <summary>Server certificates, authorized on the certificate's ARN. The private key goes in and never comes out.</summary>
internal static class ServerCertificateOperations
{
    public static void Register(QueryTable table) => table
        .Add("UploadServerCertificate", "iam:UploadServerCertificate",
            q => (Name: Name(q), Body: q.Required("CertificateBody"), Key: q.Required("PrivateKey"), Path: q.Get("Path"), Chain: q.Get("CertificateChain"), Tags: q.Tags()),
            (r, c) => c.Arn("server-certificate", r.Name, r.Path),
            async (r, c) =>
            {
                var certificate = await c.Core.ServerCertificates.UploadAsync(c.Caller, r.Name, r.Body, r.Key, r.Path, r.Chain, r.Tags);
                return new object?[] { new XElement("ServerCertificateMetadata", Metadata(certificate, c.AccountId)), IamShapes.Tags(certificate.Tags) }.OfType<object>();
            },
            (r, context) => RequestParameters.AddTagKeys(context, r.Tags))
        .Add("GetServerCertificate", "iam:GetServerCertificate", Name, (name, _) => Resource(name), async (name, c) =>
        {
            var certificate = await c.Core.ServerCertificates.GetAsync(c.Caller, name);
            return [new XElement("ServerCertificate", new XElement("ServerCertificateMetadata", Metadata(certificate, c.AccountId)),
                El("CertificateBody", certificate.Body), El("CertificateChain", certificate.Chain),
                Members("Tags", certificate.Tags, t => [El("Key", t.Key), El("Value", t.Value)]))];
        })
        .Add("ListServerCertificates", "iam:ListServerCertificates", q => (PathPrefix: q.Get("PathPrefix"), Marker: q.Get("Marker"), MaxItems: q.GetInt("MaxItems")),
            (_, _) => "*",
            async (r, c) => IamShapes.Page("ServerCertificateMetadataList", await c.Core.ServerCertificates.ListAsync(c.Caller, r.PathPrefix, r.Marker, r.MaxItems),
                s => Metadata(s, c.AccountId)))
        .AddVoid("UpdateServerCertificate", "iam:UpdateServerCertificate",
            q => (Name: Name(q), NewName: q.Get("NewServerCertificateName"), NewPath: q.Get("NewPath")),
            (r, _) => Resource(r.Name),
            (r, c) => c.Core.ServerCertificates.UpdateAsync(c.Caller, r.Name, r.NewName, r.NewPath),
            // AWS's API reference: renaming or moving needs permission on the source and on the target.
            alsoAuthorize: (r, _) => [new("iam:UpdateServerCertificate", new ResourceName.RenameTarget("server-certificate", r.Name, r.NewName, r.NewPath))])
        .AddVoid("DeleteServerCertificate", "iam:DeleteServerCertificate", Name, (name, _) => Resource(name),
            (name, c) => c.Core.ServerCertificates.DeleteAsync(c.Caller, name))
        .AddVoid("TagServerCertificate", "iam:TagServerCertificate", q => (Name: Name(q), Tags: q.Tags()), (r, _) => Resource(r.Name),
            (r, c) => c.Core.ServerCertificates.TagAsync(c.Caller, r.Name, r.Tags), (r, context) => RequestParameters.AddTagKeys(context, r.Tags))
        .AddVoid("UntagServerCertificate", "iam:UntagServerCertificate", q => (Name: Name(q), Keys: q.GetList("TagKeys")), (r, _) => Resource(r.Name),
            (r, c) => c.Core.ServerCertificates.UntagAsync(c.Caller, r.Name, r.Keys), (r, context) => RequestParameters.AddUntagKeys(context, r.Keys))
        .Add("ListServerCertificateTags", "iam:ListServerCertificateTags", q => (Name: Name(q), Marker: q.Get("Marker"), MaxItems: q.GetInt("MaxItems")),
            (r, _) => Resource(r.Name),
            async (r, c) => IamShapes.TagPage(await c.Core.ServerCertificates.ListTagsAsync(c.Caller, r.Name, r.Marker, r.MaxItems)));

    private static string Name(IRequestParameters q) => q.Required("ServerCertificateName");

    private static ResourceName Resource(string name) => ResourceName.Named("server-certificate", name);

    private static IEnumerable<object?> Metadata(ServerCertificate certificate, string accountId) =>
    [
        El("Path", certificate.Path), El("ServerCertificateName", certificate.Name), El("ServerCertificateId", certificate.Id),
        El("Arn", certificate.Arn(accountId)), El("UploadDate", certificate.UploadDate), El("Expiration", certificate.Expiration),
    ];
}
