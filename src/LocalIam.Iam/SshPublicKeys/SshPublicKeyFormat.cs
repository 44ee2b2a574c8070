using System.Buffers.Binary;
using System.Security.Cryptography;
using LocalIam.Iam.Errors;

namespace LocalIam.Iam.SshPublicKeys;

/// <summary>An RSA public key as IAM keeps it: the SSH wire-format blob and its MD5 fingerprint.</summary>
public sealed record ParsedSshPublicKey(byte[] Blob, string Fingerprint);

/// <summary>
/// Reads the two encodings IAM accepts (<c>ssh-rsa AAAA...</c> and PEM), RSA of at least 2048 bits,
/// and writes a key back in either. Anything else is not a key IAM can use.
/// </summary>
public static class SshPublicKeyFormat
{
    private const string RsaType = "ssh-rsa";
    private const int MinimumBits = 2048;

    public static ParsedSshPublicKey Parse(string body)
    {
        var text = body.Trim();
        if (text.StartsWith(RsaType + " ", StringComparison.Ordinal) || text.StartsWith(RsaType + "\t", StringComparison.Ordinal))
        {
            return FromBlob(DecodeBase64(text.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries)[1]));
        }

        if (text.StartsWith("-----BEGIN ", StringComparison.Ordinal))
        {
            return FromPem(text);
        }

        // ssh-ed25519, ecdsa-sha2-..., PuTTY's format or no key at all.
        throw IamErrors.SshPublicKeyEncodingUnrecognized();
    }

    /// <summary>The key as <c>ssh-rsa BASE64</c>.</summary>
    public static string ToSsh(byte[] blob) => $"{RsaType} {Convert.ToBase64String(blob)}";

    /// <summary>The key as a PEM <c>PUBLIC KEY</c> (SubjectPublicKeyInfo).</summary>
    public static string ToPem(byte[] blob)
    {
        var (exponent, modulus) = ReadRsa(blob);
        using var rsa = RSA.Create();
        rsa.ImportParameters(new RSAParameters { Exponent = exponent, Modulus = modulus });
        return rsa.ExportSubjectPublicKeyInfoPem() + "\n";
    }

    private static ParsedSshPublicKey FromBlob(byte[] blob)
    {
        var (_, modulus) = ReadRsa(blob);
        if (new System.Numerics.BigInteger(modulus, isUnsigned: true, isBigEndian: true).GetBitLength() < MinimumBits)
        {
            throw IamErrors.SshPublicKeyInvalid();
        }

        return new ParsedSshPublicKey(blob, Fingerprint(blob));
    }

    private static ParsedSshPublicKey FromPem(string text)
    {
        if (!PemEncoding.TryFind(text, out var fields))
        {
            throw IamErrors.SshPublicKeyInvalid();
        }

        var label = text[fields.Label];
        if (label is not ("PUBLIC KEY" or "RSA PUBLIC KEY"))
        {
            throw IamErrors.SshPublicKeyEncodingUnrecognized();
        }

        using var rsa = RSA.Create();
        try
        {
            var der = Convert.FromBase64String(text[fields.Base64Data]);
            if (label == "PUBLIC KEY")
            {
                rsa.ImportSubjectPublicKeyInfo(der, out _);
            }
            else
            {
                rsa.ImportRSAPublicKey(der, out _);
            }
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            throw IamErrors.SshPublicKeyInvalid();
        }

        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        return FromBlob(WriteRsa(parameters.Exponent!, parameters.Modulus!));
    }

    // MD5 is what AWS (and ssh-keygen -E md5) fingerprints keys with: an identifier, not protection.
#pragma warning disable CA5351
    private static string Fingerprint(byte[] blob) => string.Join(':', MD5.HashData(blob).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
#pragma warning restore CA5351

    /// <summary>The wire format (RFC 4253 6.6): string "ssh-rsa", mpint e, mpint n, nothing after.</summary>
    private static (byte[] Exponent, byte[] Modulus) ReadRsa(byte[] blob)
    {
        var offset = 0;
        var type = ReadField(blob, ref offset);
        if (!type.SequenceEqual("ssh-rsa"u8))
        {
            throw IamErrors.SshPublicKeyInvalid();
        }

        var exponent = Unsigned(ReadField(blob, ref offset));
        var modulus = Unsigned(ReadField(blob, ref offset));
        if (offset != blob.Length || exponent.Length == 0 || modulus.Length == 0)
        {
            throw IamErrors.SshPublicKeyInvalid();
        }

        return (exponent, modulus);
    }

    private static byte[] WriteRsa(byte[] exponent, byte[] modulus)
    {
        using var buffer = new MemoryStream();
        WriteField(buffer, "ssh-rsa"u8.ToArray());
        WriteField(buffer, Mpint(exponent));
        WriteField(buffer, Mpint(modulus));
        return buffer.ToArray();
    }

    private static ReadOnlySpan<byte> ReadField(byte[] blob, ref int offset)
    {
        if (blob.Length - offset < 4)
        {
            throw IamErrors.SshPublicKeyInvalid();
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(blob.AsSpan(offset));
        offset += 4;
        if (length > (uint)(blob.Length - offset))
        {
            throw IamErrors.SshPublicKeyInvalid();
        }

        var field = blob.AsSpan(offset, (int)length);
        offset += (int)length;
        return field;
    }

    private static void WriteField(MemoryStream buffer, byte[] field)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)field.Length);
        buffer.Write(length);
        buffer.Write(field);
    }

    /// <summary>An mpint's magnitude without its leading zero bytes.</summary>
    private static byte[] Unsigned(ReadOnlySpan<byte> mpint) => mpint.TrimStart((byte)0).ToArray();

    /// <summary>A positive mpint: a zero byte in front when the high bit is set.</summary>
    private static byte[] Mpint(byte[] magnitude)
    {
        var trimmed = magnitude.AsSpan().TrimStart((byte)0);
        return trimmed.Length > 0 && trimmed[0] >= 0x80 ? [0, .. trimmed] : trimmed.ToArray();
    }

    private static byte[] DecodeBase64(string text)
    {
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw IamErrors.SshPublicKeyInvalid();
        }
    }
}
