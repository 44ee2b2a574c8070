using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;

namespace LocalIam.Console.Tests.Support;

/// <summary>
/// The codes an authenticator app shows for a base32 secret (RFC 6238: HMAC-SHA1, 30-second steps,
/// 6 digits), written here from the RFC rather than taken from the server, so the tests check it.
/// </summary>
public static class TotpCodes
{
    public static long Step(DateTimeOffset now) => now.ToUnixTimeSeconds() / 30;

    public static string At(string base32Secret, long step)
    {
        var key = FromBase32(base32Secret);
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
#pragma warning disable CA5350 // RFC 6238's algorithm, as authenticator apps compute it.
        var hash = HMACSHA1.HashData(key, counter.ToArray());
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var value = BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset)) & 0x7FFFFFFF;
        return (value % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    /// <summary>A six-digit code that is none of the ones accepted around <paramref name="step"/>.</summary>
    public static string Wrong(string base32Secret, long step)
    {
        var near = Enumerable.Range(-2, 5).Select(d => At(base32Secret, step + d)).ToHashSet();
        return Enumerable.Range(0, 10).Select(i => new string((char)('0' + i), 6)).First(c => !near.Contains(c));
    }

    private static byte[] FromBase32(string text)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.Trim().TrimEnd('='))
        {
            buffer = ((buffer << 5) | Alphabet.IndexOf(char.ToUpperInvariant(c), StringComparison.Ordinal)) & 0xFFFF;
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. bytes];
    }
}
