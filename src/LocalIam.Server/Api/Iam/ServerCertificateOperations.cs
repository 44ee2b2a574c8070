using System.Xml.Linq;
using LocalIam.Iam.ServerCertificates;
using static LocalIam.Aws.Query.QueryXml;

namespace LocalIam.Server.Api.Iam;

/// <summary>Server certificates, authorized on the certificate's ARN. The private key goes in and never comes out.</summary>
internal static class ServerCertificateOperations
{
    public static void Register(OperationTable table) => table
        .Add("UploadServerCertificate", c => c.Arn("server-certificate", Name(c), c.Query.Get("Path")), async c =>
        {
            var certificate = await c.Service<ServerCertificateService>().UploadAsync(c.Caller, Name(c), c.Query.Required("CertificateBody"),
                c.Query.Required("PrivateKey"), c.Query.Get("Path"), c.Query.Get("CertificateChain"), c.Tags());
            return new object?[] { new XElement("ServerCertificateMetadata", Metadata(certificate, c.AccountId)), IamShapes.Tags(certificate.Tags) }.OfType<object>();
        }, RequestParameters.AddTagKeys)
        .Add("GetServerCertificate", c => ResourceName.Named("server-certificate", Name(c)), async c =>
        {
            var certificate = await c.Service<ServerCertificateService>().GetAsync(c.Caller, Name(c));
            return [new XElement("ServerCertificate", new XElement("ServerCertificateMetadata", Metadata(certificate, c.AccountId)),
                El("CertificateBody", certificate.Body), El("CertificateChain", certificate.Chain),
                Members("Tags", certificate.Tags, t => [El("Key", t.Key), El("Value", t.Value)]))];
        })
        .Add("ListServerCertificates", _ => "*", async c =>
        {
            var page = await c.Service<ServerCertificateService>().ListAsync(c.Caller, c.Query.Get("PathPrefix"), c.Query.Get("Marker"), c.Query.GetInt("MaxItems"));
            return IamShapes.Page("ServerCertificateMetadataList", page, s => Metadata(s, c.AccountId));
        })
        .AddVoid("UpdateServerCertificate", c => ResourceName.Named("server-certificate", Name(c)),
            c => c.Service<ServerCertificateService>().UpdateAsync(c.Caller, Name(c), c.Query.Get("NewServerCertificateName"), c.Query.Get("NewPath")),
            // AWS's API reference: renaming or moving needs permission on the source and on the target.
            alsoAuthorize: c => [new("iam:UpdateServerCertificate",
                new ResourceName.RenameTarget("server-certificate", Name(c), c.Query.Get("NewServerCertificateName"), c.Query.Get("NewPath")))])
        .AddVoid("DeleteServerCertificate", c => ResourceName.Named("server-certificate", Name(c)),
            c => c.Service<ServerCertificateService>().DeleteAsync(c.Caller, Name(c)))
        .AddVoid("TagServerCertificate", c => ResourceName.Named("server-certificate", Name(c)),
            c => c.Service<ServerCertificateService>().TagAsync(c.Caller, Name(c), c.Tags()), RequestParameters.AddTagKeys)
        .AddVoid("UntagServerCertificate", c => ResourceName.Named("server-certificate", Name(c)),
            c => c.Service<ServerCertificateService>().UntagAsync(c.Caller, Name(c), c.Query.GetList("TagKeys")),
            (c, ctx) => ctx.SetList("aws:TagKeys", c.Query.GetList("TagKeys")))
        .Add("ListServerCertificateTags", c => ResourceName.Named("server-certificate", Name(c)), async c =>
        {
            var page = await c.Service<ServerCertificateService>().ListTagsAsync(c.Caller, Name(c), c.Query.Get("Marker"), c.Query.GetInt("MaxItems"));
            return IamShapes.Page("Tags", page, t => [El("Key", t.Key), El("Value", t.Value)]);
        });

    private static string Name(IamCall call) => call.Query.Required("ServerCertificateName");

    private static IEnumerable<object?> Metadata(ServerCertificate certificate, string accountId) =>
    [
        El("Path", certificate.Path), El("ServerCertificateName", certificate.Name), El("ServerCertificateId", certificate.Id),
        El("Arn", certificate.Arn(accountId)), El("UploadDate", certificate.UploadDate), El("Expiration", certificate.Expiration),
    ];
}
