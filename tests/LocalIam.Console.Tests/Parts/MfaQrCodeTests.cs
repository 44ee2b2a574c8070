using LocalIam.Server.Console;

namespace LocalIam.Console.Tests.Parts;

/// <summary>The otpauth:// URI an authenticator app scans, and its QR code as inline SVG that the console's CSP allows.</summary>
public sealed class MfaQrCodeTests
{
    [Fact]
    public void Uri_UserAtAccount_KeyUriFormatWithIssuerAndSecret()
    {
        Assert.Equal("otpauth://totp/LocalIam:gexter1%40gexter-lab?secret=ABCDEFGH234567&issuer=LocalIam",
            MfaQrCode.Uri("gexter1", "gexter-lab", "ABCDEFGH234567"));
    }

    [Fact]
    public void Uri_NameWithPlusOrComma_Escaped()
    {
        Assert.StartsWith("otpauth://totp/LocalIam:a%2Bb%2Cc%40111122223333?", MfaQrCode.Uri("a+b,c", "111122223333", "AAAA"), StringComparison.Ordinal);
    }

    [Fact]
    public void Svg_LabelledImageWithoutStyleOrScript_LabelEncoded()
    {
        var svg = MfaQrCode.Svg("otpauth://totp/LocalIam:x%40y?secret=AAAA&issuer=LocalIam", "QR <code>");

        Assert.StartsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"", svg, StringComparison.Ordinal);
        Assert.Contains("role=\"img\" aria-label=\"QR &lt;code&gt;\"", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("style", svg, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("script", svg, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secret", svg, StringComparison.Ordinal);
        Assert.Matches("<path fill=\"#000\" d=\"(M\\d+ \\d+h\\d+v1h-\\d+z)+\"/>", svg);
    }
}
