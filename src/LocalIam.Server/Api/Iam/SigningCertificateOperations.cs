using System.Xml.Linq;
using LocalIam.Iam.SigningCertificates;
using static LocalIam.Aws.Query.QueryXml;

namespace LocalIam.Server.Api.Iam;

/// <summary>X.509 signing certificates of IAM users and root: upload, list, update, delete.</summary>
internal static class SigningCertificateOperations
{
    public static void Register(OperationTable table) => table
        .Add("UploadSigningCertificate", Owner, async c =>
        {
            var view = await c.Service<SigningCertificateService>().UploadAsync(c.Caller, CallerUser.NamedOrRoot(c), c.Query.Required("CertificateBody"));
            return [new XElement("Certificate", Shape(view))];
        })
        .Add("ListSigningCertificates", Owner, async c =>
        {
            var page = await c.Service<SigningCertificateService>().ListAsync(c.Caller, CallerUser.NamedOrRoot(c), c.Query.Get("Marker"), c.Query.GetInt("MaxItems"));
            return IamShapes.Page("Certificates", page, Shape);
        })
        .AddVoid("UpdateSigningCertificate", Owner, c => c.Service<SigningCertificateService>()
            .UpdateAsync(c.Caller, CallerUser.NamedOrRoot(c), c.Query.Required("CertificateId"), c.Query.Required("Status")))
        .AddVoid("DeleteSigningCertificate", Owner, c => c.Service<SigningCertificateService>()
            .DeleteAsync(c.Caller, CallerUser.NamedOrRoot(c), c.Query.Required("CertificateId")));

    private static ResourceName Owner(IamCall call) => UserOperations.UserResource(call, call.Query.Get("UserName"));

    private static IEnumerable<object?> Shape(SigningCertificateView view) =>
    [
        El("UserName", view.UserName), El("CertificateId", view.Certificate.Id), El("CertificateBody", view.Certificate.Body),
        El("Status", view.Certificate.Status), El("UploadDate", view.Certificate.UploadedAt),
    ];
}
