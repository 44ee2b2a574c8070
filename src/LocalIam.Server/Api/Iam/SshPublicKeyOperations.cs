using System.Xml.Linq;
using LocalIam.Iam.SshPublicKeys;
using static LocalIam.Aws.Query.QueryXml;

namespace LocalIam.Server.Api.Iam;

/// <summary>SSH public keys of IAM users (for CodeCommit): upload, get, list, update, delete.</summary>
internal static class SshPublicKeyOperations
{
    public static void Register(OperationTable table) => table
        .Add("UploadSSHPublicKey", User, async c =>
        {
            var view = await c.Service<SshPublicKeyService>().UploadAsync(c.Caller, c.Query.Required("UserName"), c.Query.Required("SSHPublicKeyBody"));
            return [new XElement("SSHPublicKey", Shape(view))];
        })
        .Add("GetSSHPublicKey", User, async c =>
        {
            var view = await c.Service<SshPublicKeyService>().GetAsync(c.Caller, c.Query.Required("UserName"), KeyId(c), c.Query.Required("Encoding"));
            return [new XElement("SSHPublicKey", Shape(view))];
        })
        .Add("ListSSHPublicKeys", c => UserOperations.UserResource(c, c.Query.Get("UserName")), async c =>
        {
            var page = await c.Service<SshPublicKeyService>().ListAsync(c.Caller, CallerUser.Named(c), c.Query.Get("Marker"), c.Query.GetInt("MaxItems"));
            return IamShapes.Page("SSHPublicKeys", page, v =>
                [El("UserName", v.UserName), El("SSHPublicKeyId", v.Key.Id), El("Status", v.Key.Status), El("UploadDate", v.Key.UploadedAt)]);
        })
        .AddVoid("UpdateSSHPublicKey", User,
            c => c.Service<SshPublicKeyService>().UpdateAsync(c.Caller, c.Query.Required("UserName"), KeyId(c), c.Query.Required("Status")))
        .AddVoid("DeleteSSHPublicKey", User,
            c => c.Service<SshPublicKeyService>().DeleteAsync(c.Caller, c.Query.Required("UserName"), KeyId(c)));

    private static ResourceName User(IamCall call) => ResourceName.Named("user", call.Query.Required("UserName"));

    private static string KeyId(IamCall call) => call.Query.Required("SSHPublicKeyId");

    private static IEnumerable<object?> Shape(SshPublicKeyView view) =>
    [
        El("UserName", view.UserName), El("SSHPublicKeyId", view.Key.Id), El("Fingerprint", view.Key.Fingerprint),
        El("SSHPublicKeyBody", view.Key.Body), El("Status", view.Key.Status), El("UploadDate", view.Key.UploadedAt),
    ];
}
