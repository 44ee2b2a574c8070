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
    public static void Register(QueryTable table) => table
        .Add("CreateVirtualMFADevice", "iam:CreateVirtualMFADevice",
            q => (Name: q.Required("VirtualMFADeviceName"), Path: q.Get("Path"), Tags: q.Tags()),
            (r, c) => c.Arn("mfa", r.Name, r.Path),
            async (r, c) =>
            {
                var created = await c.Core.MfaDevices.CreateAsync(c.Caller, r.Name, r.Path, r.Tags);
                // Both are blobs, base64 on the wire: the seed's base32 text and the PNG's bytes.
                return [new XElement("VirtualMFADevice", El("SerialNumber", created.Device.SerialNumber),
                    El("Base32StringSeed", Convert.ToBase64String(Encoding.ASCII.GetBytes(created.Base32StringSeed))),
                    El("QRCodePNG", Convert.ToBase64String(created.QrCodePng)), IamShapes.Tags(created.Device.Tags))];
            },
            (r, context) => RequestParameters.AddTagKeys(context, r.Tags))
        .AddVoid("DeleteVirtualMFADevice", "iam:DeleteVirtualMFADevice", q => q.Required("SerialNumber"), (serial, _) => serial,
            (serial, c) => c.Core.MfaDevices.DeleteAsync(c.Caller, serial))
        .Add("ListVirtualMFADevices", "iam:ListVirtualMFADevices",
            q => (Status: q.Get("AssignmentStatus"), Marker: q.Get("Marker"), MaxItems: q.GetInt("MaxItems")),
            (_, _) => "*",
            async (r, c) => IamShapes.Page("VirtualMFADevices", await c.Core.MfaDevices.ListVirtualAsync(c.Caller, r.Status, r.Marker, r.MaxItems), d =>
            [
                El("SerialNumber", d.Device.SerialNumber), d.User is { } user ? new XElement("User", IamShapes.User(user)) : null,
                El("EnableDate", d.Device.EnableDate), IamShapes.Tags(d.Device.Tags),
            ]))
        .AddVoid("EnableMFADevice", "iam:EnableMFADevice", Codes, (r, _) => ResourceName.Named("user", r.User!),
            (r, c) => c.Core.MfaDevices.EnableAsync(c.Caller, r.User!, r.Serial, r.Code1, r.Code2))
        .AddVoid("DeactivateMFADevice", "iam:DeactivateMFADevice", q => (User: q.Get("UserName"), Serial: q.Required("SerialNumber")),
            (r, c) => CallerUser.Resource(c, r.User),
            (r, c) => c.Core.MfaDevices.DeactivateAsync(c.Caller, UserName(c, r.User), r.Serial))
        .AddVoid("ResyncMFADevice", "iam:ResyncMFADevice", Codes, (r, _) => ResourceName.Named("user", r.User!),
            (r, c) => c.Core.MfaDevices.ResyncAsync(c.Caller, r.User!, r.Serial, r.Code1, r.Code2))
        .Add("ListMFADevices", "iam:ListMFADevices", q => (User: q.Get("UserName"), Marker: q.Get("Marker"), MaxItems: q.GetInt("MaxItems")),
            (r, c) => CallerUser.Resource(c, r.User),
            async (r, c) => IamShapes.Page("MFADevices", await c.Core.MfaDevices.ListForUserAsync(c.Caller, UserName(c, r.User), r.Marker, r.MaxItems),
                d => [El("UserName", d.User?.Name), El("SerialNumber", d.Device.SerialNumber), El("EnableDate", d.Device.EnableDate)]))
        .Add("GetMFADevice", "iam:GetMFADevice", q => (User: q.Get("UserName"), Serial: q.Required("SerialNumber")), (r, c) => CallerUser.Resource(c, r.User), async (r, c) =>
        {
            var found = await c.Core.MfaDevices.GetAsync(c.Caller, r.Serial, UserName(c, r.User));
            return new object?[] { El("UserName", found.User?.Name), El("SerialNumber", found.Device.SerialNumber), El("EnableDate", found.Device.EnableDate) }
                .OfType<object>();
        })
        .AddVoid("TagMFADevice", "iam:TagMFADevice", q => (Serial: q.Required("SerialNumber"), Tags: q.Tags()), (r, _) => r.Serial,
            (r, c) => c.Core.MfaDevices.TagAsync(c.Caller, r.Serial, r.Tags), (r, context) => RequestParameters.AddTagKeys(context, r.Tags))
        .AddVoid("UntagMFADevice", "iam:UntagMFADevice", q => (Serial: q.Required("SerialNumber"), Keys: q.GetList("TagKeys")), (r, _) => r.Serial,
            (r, c) => c.Core.MfaDevices.UntagAsync(c.Caller, r.Serial, r.Keys), (r, context) => RequestParameters.AddUntagKeys(context, r.Keys))
        .Add("ListMFADeviceTags", "iam:ListMFADeviceTags", q => (Serial: q.Required("SerialNumber"), Marker: q.Get("Marker"), MaxItems: q.GetInt("MaxItems")),
            (r, _) => r.Serial,
            async (r, c) => IamShapes.Page("Tags", await c.Core.MfaDevices.ListTagsAsync(c.Caller, r.Serial, r.Marker, r.MaxItems), t => [El("Key", t.Key), El("Value", t.Value)]));

    /// <summary>EnableMFADevice's and ResyncMFADevice's members: the user, the device, two consecutive codes.</summary>
    private static (string? User, string Serial, string Code1, string Code2) Codes(LocalIam.Aws.IRequestParameters q) =>
        (q.Required("UserName"), q.Required("SerialNumber"), q.Required("AuthenticationCode1"), q.Required("AuthenticationCode2"));

    /// <summary>The named user, or the calling IAM user when no name is given; null for root and roles.</summary>
    private static string? UserName(IamCall call, string? userName) =>
        userName ?? (call.Who.Principal.Kind == PrincipalKind.User ? call.Who.Principal.Name : null);
}
