using System.Globalization;
using System.Net;
using System.Net.Sockets;
using LocalIam.Policy.Model;

namespace LocalIam.Policy.Linting;

/// <summary>
/// aws:SourceIp values: ranges with bits set after the mask (IMPROVE_IP_RANGE), and private ranges,
/// which aws:SourceIp never sees (requests from a VPC carry aws:VpcSourceIp instead).
/// </summary>
internal static class IpRanges
{
    private static readonly (IPAddress Network, int Prefix)[] Private =
    [
        (IPAddress.Parse("10.0.0.0"), 8), (IPAddress.Parse("172.16.0.0"), 12), (IPAddress.Parse("192.168.0.0"), 16),
        (IPAddress.Parse("fc00::"), 7),
    ];

    public static void CheckSourceIp(LintContext context, ConditionClause clause, bool negated)
    {
        var privateCount = 0;
        var parsedCount = 0;
        foreach (var value in clause.Values)
        {
            if (!TryParse(value.Value, out var address, out var prefix))
            {
                continue;
            }

            parsedCount++;
            var masked = Mask(address, prefix);
            if (!masked.Equals(address))
            {
                context.Report("IMPROVE_IP_RANGE", value.Span, ("addr", $"{masked}/{prefix.ToString(CultureInfo.InvariantCulture)}"));
            }

            if (Private.Any(p => p.Network.AddressFamily == address.AddressFamily && prefix >= p.Prefix && Mask(address, p.Prefix).Equals(p.Network)))
            {
                privateCount++;
            }
        }

        if (privateCount == 0)
        {
            return;
        }

        var all = privateCount == parsedCount;
        var code = (all, negated) switch
        {
            (true, false) => "PRIVATE_IP_ADDRESS",
            (true, true) => "PRIVATE_NOT_IP_ADDRESS",
            (false, false) => "PRIVATE_IP_ADDRESS_SUBSET",
            _ => "PRIVATE_NOT_IP_ADDRESS_SUBSET",
        };
        context.Report(code, clause.Key.Span);
    }

    private static bool TryParse(string text, out IPAddress address, out int prefix)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var host = slash < 0 ? text : text[..slash];
        prefix = -1;
        if (!IPAddress.TryParse(host, out address!) || host.Contains('%', StringComparison.Ordinal))
        {
            return false;
        }

        var bits = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        if (slash < 0)
        {
            prefix = bits;
            return true;
        }

        return int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out prefix) && prefix <= bits;
    }

    private static IPAddress Mask(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(prefix - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }

        return new IPAddress(bytes);
    }
}
