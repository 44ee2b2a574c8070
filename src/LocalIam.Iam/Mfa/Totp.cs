using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace LocalIam.Iam.Mfa;

/// <summary>
/// RFC 6238 time-based one-time passwords as authenticator apps compute them for AWS's virtual
/// MFA devices: HMAC-SHA1 over the 30-second step counter, 6 digits; seeds are RFC 4648 base32.
/// </summary>
public static class Totp
{
    public const int StepSeconds = 30;

    private const string Base32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// <summary>A new seed: 32 random bytes in base32, without padding (as authenticator apps accept it).</summary>
    public static string NewSeed() => ToBase32(RandomNumberGenerator.GetBytes(32));

    public static string Code(ReadOnlySpan<byte> seed, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> hash = stackalloc byte[HMACSHA1.HashSizeInBytes];
#pragma warning disable CA5350 // RFC 6238 and every authenticator app use HMAC-SHA1; it is not used for collision resistance here.
        HMACSHA1.HashData(seed, counter, hash);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var value = BinaryPrimitives.ReadInt32BigEndian(hash[offset..]) & 0x7FFFFFFF;
        return (value % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// True when the codes are two consecutive ones, as EnableMFADevice and ResyncMFADevice require.
    /// The pair may start up to two steps back, or at the current step, to allow for clock drift and typing time.
    /// </summary>
    public static bool AreConsecutive(ReadOnlySpan<byte> seed, string code1, string code2, DateTimeOffset now)
    {
        var current = now.ToUnixTimeSeconds() / StepSeconds;
        var match = false;
        for (var step = current - 2; step <= current; step++)
        {
            match |= SameCode(Code(seed, step), code1) && SameCode(Code(seed, step + 1), code2);
        }

        return match;
    }

    /// <summary>True when the code is the current one, or one step either side for clock drift, as STS accepts a single code.</summary>
    public static bool IsCurrent(ReadOnlySpan<byte> seed, string code, DateTimeOffset now)
    {
        var current = now.ToUnixTimeSeconds() / StepSeconds;
        var match = false;
        for (var step = current - 1; step <= current + 1; step++)
        {
            match |= SameCode(Code(seed, step), code);
        }

        return match;
    }

    public static string ToBase32(ReadOnlySpan<byte> data)
    {
        var text = new StringBuilder((data.Length * 8 + 4) / 5);
        int buffer = 0, bits = 0;
        foreach (var b in data)
        {
            buffer = ((buffer << 8) | b) & 0xFFF;
            bits += 8;
            while (bits >= 5)
            {
                text.Append(Base32Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }

        if (bits > 0)
        {
            text.Append(Base32Alphabet[(buffer << (5 - bits)) & 31]);
        }

        return text.ToString();
    }

    public static byte[] FromBase32(string text)
    {
        var bytes = new List<byte>(text.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in text.TrimEnd('='))
        {
            var value = Base32Alphabet.IndexOf(char.ToUpperInvariant(c), StringComparison.Ordinal);
            if (value < 0)
            {
                throw new FormatException("not base32");
            }

            buffer = ((buffer << 5) | value) & 0xFFF;
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. bytes];
    }

    private static bool SameCode(string expected, string given) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(given));
}
