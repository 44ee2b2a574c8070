using System.Text;
using System.Xml.Linq;
using LocalIam.Iam.Mfa;
using LocalIam.Policy.Authorization;
using static LocalIam.Aws.Query.QueryXml;

namespace LocalIam.Server.Api.Iam;

/// <summary>
/// Virtual MFA devices: create, delete, list, enable for a user, deactivate, resync, get, tags.
/// Device operations are authorized on the device's ARN; the per-user ones on the user's ARN, as AWS does.
/// </summary>
internal static class MfaOperations
{
    public static void Register(OperationTable table) => table
        .Add("CreateVirtualMFADevice", c => c.Arn("mfa", c.Query.Required("VirtualMFADeviceName"), c.Query.Get("Path")), async c =>
        {
            var created = await c.Service<MfaDeviceService>().CreateAsync(c.Caller, c.Query.Required("VirtualMFADeviceName"), c.Query.Get("Path"), c.Tags());
            // Both are blobs, base64 on the wire: the seed's base32 text and the PNG's bytes.
            return [new XElement("VirtualMFADevice", El("SerialNumber", created.Device.SerialNumber),
                El("Base32StringSeed", Convert.ToBase64String(Encoding.ASCII.GetBytes(created.Base32StringSeed))),
                El("QRCodePNG", Convert.ToBase64String(created.QrCodePng)), IamShapes.Tags(created.Device.Tags))];
        }, RequestParameters.AddTagKeys)
        .AddVoid("DeleteVirtualMFADevice", c => c.Query.Required("SerialNumber"),
            c => c.Service<MfaDeviceService>().DeleteAsync(c.Caller, c.Query.Required("SerialNumber")))
        .Add("ListVirtualMFADevices", _ => "*", async c =>
        {
            var page = await c.Service<MfaDeviceService>().ListVirtualAsync(c.Caller, c.Query.Get("AssignmentStatus"), c.Query.Get("Marker"), c.Query.GetInt("MaxItems"));
            return IamShapes.Page("VirtualMFADevices", page, d =>
            [
                El("SerialNumber", d.Device.SerialNumber), d.User is { } user ? new XElement("User", IamShapes.User(user)) : null,
                El("EnableDate", d.Device.EnableDate), IamShapes.Tags(d.Device.Tags),
            ]);
        })
        .AddVoid("EnableMFADevice", c => ResourceName.Named("user", c.Query.Required("UserName")),
            c => c.Service<MfaDeviceService>().EnableAsync(c.Caller, c.Query.Required("UserName"), c.Query.Required("SerialNumber"),
                c.Query.Required("AuthenticationCode1"), c.Query.Required("AuthenticationCode2")))
        .AddVoid("DeactivateMFADevice", c => UserOperations.UserResource(c, c.Query.Get("UserName")),
            c => c.Service<MfaDeviceService>().DeactivateAsync(c.Caller, UserName(c), c.Query.Required("SerialNumber")))
        .AddVoid("ResyncMFADevice", c => ResourceName.Named("user", c.Query.Required("UserName")),
            c => c.Service<MfaDeviceService>().ResyncAsync(c.Caller, c.Query.Required("UserName"), c.Query.Required("SerialNumber"),
                c.Query.Required("AuthenticationCode1"), c.Query.Required("AuthenticationCode2")))
        .Add("ListMFADevices", c => UserOperations.UserResource(c, c.Query.Get("UserName")), async c =>
        {
            var page = await c.Service<MfaDeviceService>().ListForUserAsync(c.Caller, UserName(c), c.Query.Get("Marker"), c.Query.GetInt("MaxItems"));
            return IamShapes.Page("MFADevices", page, d => [El("UserName", d.User?.Name), El("SerialNumber", d.Device.SerialNumber), El("EnableDate", d.Device.EnableDate)]);
        })
        .Add("GetMFADevice", c => UserOperations.UserResource(c, c.Query.Get("UserName")), async c =>
        {
            var found = await c.Service<MfaDeviceService>().GetAsync(c.Caller, c.Query.Required("SerialNumber"), UserName(c));
            return new object?[] { El("UserName", found.User?.Name), El("SerialNumber", found.Device.SerialNumber), El("EnableDate", found.Device.EnableDate) }
                .OfType<object>();
        })
        .AddVoid("TagMFADevice", c => c.Query.Required("SerialNumber"),
            c => c.Service<MfaDeviceService>().TagAsync(c.Caller, c.Query.Required("SerialNumber"), c.Tags()), RequestParameters.AddTagKeys)
        .AddVoid("UntagMFADevice", c => c.Query.Required("SerialNumber"),
            c => c.Service<MfaDeviceService>().UntagAsync(c.Caller, c.Query.Required("SerialNumber"), c.Query.GetList("TagKeys")),
            (c, ctx) => ctx.SetList("aws:TagKeys", c.Query.GetList("TagKeys")))
        .Add("ListMFADeviceTags", c => c.Query.Required("SerialNumber"), async c =>
        {
            var page = await c.Service<MfaDeviceService>().ListTagsAsync(c.Caller, c.Query.Required("SerialNumber"), c.Query.Get("Marker"), c.Query.GetInt("MaxItems"));
            return IamShapes.Page("Tags", page, t => [El("Key", t.Key), El("Value", t.Value)]);
        });

    /// <summary>The named user, or the calling IAM user when no name is given; null for root and roles.</summary>
    private static string? UserName(IamCall call) =>
        call.Query.Get("UserName") ?? (call.Who.Principal.Kind == PrincipalKind.User ? call.Who.Principal.Name : null);
}
