using System.Xml.Linq;
using LocalIam.Iam.SigningCertificates;
using static LocalIam.Aws.Query.QueryXml;

namespace LocalIam.Server.Api.Iam;

/// <summary>X.509 signing certificates of IAM users and root: upload, list, update, delete.</summary>
internal static class SigningCertificateOperations
{
    public static void Register(QueryTable table) => table
        .Add("UploadSigningCertificate", "iam:UploadSigningCertificate", q => (User: q.Get("UserName"), Body: q.Required("CertificateBody")),
            (r, c) => CallerUser.Resource(c, r.User),
            async (r, c) => [new XElement("Certificate", Shape(await c.Core.SigningCertificates.UploadAsync(c.Caller, CallerUser.NamedOrRoot(c, r.User), r.Body)))])
        .Add("ListSigningCertificates", "iam:ListSigningCertificates", q => (User: q.Get("UserName"), Marker: q.Get("Marker"), MaxItems: q.GetInt("MaxItems")),
            (r, c) => CallerUser.Resource(c, r.User),
            async (r, c) => IamShapes.Page("Certificates", await c.Core.SigningCertificates.ListAsync(c.Caller, CallerUser.NamedOrRoot(c, r.User), r.Marker, r.MaxItems), Shape))
        .AddVoid("UpdateSigningCertificate", "iam:UpdateSigningCertificate",
            q => (User: q.Get("UserName"), Id: q.Required("CertificateId"), Status: q.Required("Status")),
            (r, c) => CallerUser.Resource(c, r.User),
            (r, c) => c.Core.SigningCertificates.UpdateAsync(c.Caller, CallerUser.NamedOrRoot(c, r.User), r.Id, r.Status))
        .AddVoid("DeleteSigningCertificate", "iam:DeleteSigningCertificate", q => (User: q.Get("UserName"), Id: q.Required("CertificateId")),
            (r, c) => CallerUser.Resource(c, r.User),
            (r, c) => c.Core.SigningCertificates.DeleteAsync(c.Caller, CallerUser.NamedOrRoot(c, r.User), r.Id));

    private static IEnumerable<object?> Shape(SigningCertificateView view) =>
    [
        El("UserName", view.UserName), El("CertificateId", view.Certificate.Id), El("CertificateBody", view.Certificate.Body),
        El("Status", view.Certificate.Status), El("UploadDate", view.Certificate.UploadedAt),
    ];
}
