using System.Globalization;
using System.Text;
using QRCoder;

namespace LocalIam.Server.Console;

/// <summary>
/// What an authenticator app scans to add a virtual MFA device: the otpauth:// URI (Google's key
/// URI format, which AWS's QR codes use) drawn as a QR code in SVG markup on the server, inline in
/// the page, so the content security policy needs no data: images and no script draws it.
/// </summary>
public static class MfaQrCode
{
    /// <summary>The issuer an authenticator app shows; LocalIam's own, so its entries are never taken for a real AWS account's.</summary>
    public const string Issuer = "LocalIam";

    /// <summary><c>otpauth://totp/ISSUER:USER@ACCOUNT?secret=SEED&amp;issuer=ISSUER</c>, the account as AWS labels it (alias, or the account ID).</summary>
    public static string Uri(string userName, string account, string base32Seed)
    {
        var issuer = System.Uri.EscapeDataString(Issuer);
        return $"otpauth://totp/{issuer}:{System.Uri.EscapeDataString($"{userName}@{account}")}?secret={base32Seed}&issuer={issuer}";
    }

    /// <summary>
    /// The QR code of <paramref name="text"/> as an SVG element: one path of dark modules (runs of a
    /// row merged) on a light square, the quiet zone included, labelled for assistive technology.
    /// </summary>
    public static string Svg(string text, string label)
    {
        var matrix = QRCodeGenerator.GenerateQrCode(text, QRCodeGenerator.ECCLevel.M).ModuleMatrix;
        var size = matrix.Count;
        var path = new StringBuilder();
        for (var y = 0; y < size; y++)
        {
            var row = matrix[y];
            for (var x = 0; x < size;)
            {
                if (!row[x])
                {
                    x++;
                    continue;
                }

                var start = x;
                while (x < size && row[x])
                {
                    x++;
                }

                path.Append(CultureInfo.InvariantCulture, $"M{start} {y}h{x - start}v1h-{x - start}z");
            }
        }

        var escaped = System.Net.WebUtility.HtmlEncode(label);
        return $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\" viewBox=\"0 0 {size} {size}\" width=\"{size * 5}\" height=\"{size * 5}\" role=\"img\" aria-label=\"{escaped}\" shape-rendering=\"crispEdges\">"
            + $"<rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>";
    }
}
