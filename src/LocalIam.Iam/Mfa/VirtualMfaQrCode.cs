namespace LocalIam.Iam.Mfa;

/// <summary>
/// The QRCodePNG CreateVirtualMFADevice returns. LocalIam does not draw the otpauth:// QR code:
/// it returns this 1x1 PNG (a valid image, so clients that save or decode it work) and callers
/// use Base32StringSeed, which carries the same secret.
/// </summary>
public static class VirtualMfaQrCode
{
    private const string OnePixelPng = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

    public static byte[] Png() => Convert.FromBase64String(OnePixelPng);
}
