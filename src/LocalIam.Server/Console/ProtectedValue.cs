using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace LocalIam.Server.Console;

/// <summary>
/// A small record carried by a form's hidden field: JSON, encrypted and authenticated with the
/// console's data protection under one purpose per kind, base64url. A value made under another
/// purpose or key, altered or cut short reads as nothing.
/// </summary>
internal static class ProtectedValue
{
    /// <summary>Real values are a few hundred characters; anything much longer is not one.</summary>
    public const int MaxLength = 4096;

    public static string Protect<T>(IDataProtectionProvider protection, string purpose, T value) =>
        WebEncoders.Base64UrlEncode(protection.CreateProtector(purpose).Protect(JsonSerializer.SerializeToUtf8Bytes(value)));

    public static T? Read<T>(IDataProtectionProvider protection, string purpose, string? text)
        where T : class
    {
        if (text is not { Length: > 0 and <= MaxLength })
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(protection.CreateProtector(purpose).Unprotect(WebEncoders.Base64UrlDecode(text)));
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or JsonException)
        {
            return null;
        }
    }
}
