using System.Xml.Linq;
using LocalIam.Iam.SshPublicKeys;
using static LocalIam.Aws.Query.QueryXml;

using LocalIam.Aws;

namespace LocalIam.Server.Api.Iam;

/// <summary>SSH public keys of IAM users (for CodeCommit): upload, get, list, update, delete.</summary>
internal static class SshPublicKeyOperations
{
    public static void Register(QueryTable table) => table
        .Add("UploadSSHPublicKey", "iam:UploadSSHPublicKey", q => (User: q.Required("UserName"), Body: q.Required("SSHPublicKeyBody")), (r, _) => User(r.User),
            async (r, c) => [new XElement("SSHPublicKey", Shape(await c.Core.SshPublicKeys.UploadAsync(c.Caller, r.User, r.Body)))])
        .Add("GetSSHPublicKey", "iam:GetSSHPublicKey", q => (User: q.Required("UserName"), Id: KeyId(q), Encoding: q.Required("Encoding")), (r, _) => User(r.User),
            async (r, c) => [new XElement("SSHPublicKey", Shape(await c.Core.SshPublicKeys.GetAsync(c.Caller, r.User, r.Id, r.Encoding)))])
        .Add("ListSSHPublicKeys", "iam:ListSSHPublicKeys", q => (User: q.Get("UserName"), Marker: q.Get("Marker"), MaxItems: q.GetInt("MaxItems")),
            (r, c) => CallerUser.Resource(c, r.User),
            async (r, c) => IamShapes.Page("SSHPublicKeys", await c.Core.SshPublicKeys.ListAsync(c.Caller, CallerUser.Named(c, r.User), r.Marker, r.MaxItems), v =>
                [El("UserName", v.UserName), El("SSHPublicKeyId", v.Key.Id), El("Status", v.Key.Status), El("UploadDate", v.Key.UploadedAt)]))
        .AddVoid("UpdateSSHPublicKey", "iam:UpdateSSHPublicKey", q => (User: q.Required("UserName"), Id: KeyId(q), Status: q.Required("Status")), (r, _) => User(r.User),
            (r, c) => c.Core.SshPublicKeys.UpdateAsync(c.Caller, r.User, r.Id, r.Status))
        .AddVoid("DeleteSSHPublicKey", "iam:DeleteSSHPublicKey", q => (User: q.Required("UserName"), Id: KeyId(q)), (r, _) => User(r.User),
            (r, c) => c.Core.SshPublicKeys.DeleteAsync(c.Caller, r.User, r.Id));

    private static ResourceName User(string name) => ResourceName.Named("user", name);

    private static string KeyId(IRequestParameters q) => q.Required("SSHPublicKeyId");

    private static IEnumerable<object?> Shape(SshPublicKeyView view) =>
    [
        El("UserName", view.UserName), El("SSHPublicKeyId", view.Key.Id), El("Fingerprint", view.Key.Fingerprint),
        El("SSHPublicKeyBody", view.Key.Body), El("Status", view.Key.Status), El("UploadDate", view.Key.UploadedAt),
    ];
}
