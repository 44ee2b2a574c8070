using System.Text;

namespace LocalIam.Hostile.Tests.Fuzz;

/// <summary>
/// A seeded, deterministic mutation engine: the same seed gives the same inputs on every machine,
/// so a failure names its seed and input number and can be replayed. Mutations work on bytes
/// (flips, control characters, invalid UTF-8, deletions, duplications, splices of another seed,
/// truncations) and on the tokens that matter to the parsers under test.
/// </summary>
public sealed class Mutator(int seed, IReadOnlyList<string> seeds, IReadOnlyList<string> tokens)
{
    private static readonly byte[][] Nasty =
    [
        [0x00], [0x01], [0x0B], [0x1F], [0x7F], [0xFF], [0xC3, 0x28], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xF4, 0x90, 0x80, 0x80],
        "%00"u8.ToArray(), "%FF"u8.ToArray(), "%ED%A0%80"u8.ToArray(), "%"u8.ToArray(), "%G0"u8.ToArray(), "+"u8.ToArray(), "&"u8.ToArray(), "="u8.ToArray(),
        "\\u0000"u8.ToArray(), "\\uD800"u8.ToArray(), "\\uDC00"u8.ToArray(), "\""u8.ToArray(), "\\"u8.ToArray(), "{"u8.ToArray(), "["u8.ToArray(), "}"u8.ToArray(),
        "*"u8.ToArray(), "?"u8.ToArray(), "${"u8.ToArray(), "$"u8.ToArray(), ","u8.ToArray(), ";"u8.ToArray(), "/"u8.ToArray(), " "u8.ToArray(),
    ];

    private readonly Random _random = new(seed);

    public Random Random => _random;

    /// <summary>A seed with 1 to 8 mutations; now and then a random string instead.</summary>
    public string Next()
    {
        if (_random.Next(20) == 0)
        {
            return RandomText(_random.Next(0, 300));
        }

        var bytes = new List<byte>(Encoding.UTF8.GetBytes(seeds[_random.Next(seeds.Count)]));
        for (var n = _random.Next(1, 9); n > 0; n--)
        {
            Mutate(bytes);
        }

        // Invalid UTF-8 becomes U+FFFD here, as in every string a parser of ours is handed.
        return Encoding.UTF8.GetString([.. bytes]);
    }

    /// <summary>The given text with 1 to 4 mutations.</summary>
    public string Mutate(string text)
    {
        var bytes = new List<byte>(Encoding.UTF8.GetBytes(text));
        for (var n = _random.Next(1, 5); n > 0; n--)
        {
            Mutate(bytes);
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }

    private void Mutate(List<byte> bytes)
    {
        var at = bytes.Count == 0 ? 0 : _random.Next(bytes.Count);
        switch (_random.Next(10))
        {
            case 0 when bytes.Count > 0:
                bytes[at] ^= (byte)(1 << _random.Next(8));
                break;
            case 1:
                bytes.InsertRange(at, Nasty[_random.Next(Nasty.Length)]);
                break;
            case 2 when bytes.Count > 0:
                bytes.RemoveRange(at, Math.Min(_random.Next(1, 16), bytes.Count - at));
                break;
            case 3 when bytes.Count > 0:
                var length = Math.Min(_random.Next(1, 64), bytes.Count - at);
                var copy = bytes.GetRange(at, length);
                for (var times = _random.Next(1, 8); times > 0; times--)
                {
                    bytes.InsertRange(_random.Next(bytes.Count), copy);
                }

                break;
            case 4:
                var other = Encoding.UTF8.GetBytes(seeds[_random.Next(seeds.Count)]);
                var from = _random.Next(other.Length);
                bytes.InsertRange(at, other.AsSpan(from, Math.Min(_random.Next(1, 128), other.Length - from)).ToArray());
                break;
            case 5 when bytes.Count > 0:
                bytes.RemoveRange(at, bytes.Count - at);
                break;
            case 6:
                bytes.InsertRange(at, Encoding.UTF8.GetBytes(tokens[_random.Next(tokens.Count)]));
                break;
            case 7:
                // Deep nesting or long runs: the inputs that cost a naive parser its stack or its time.
                var unit = Nasty[_random.Next(Nasty.Length)];
                var run = new List<byte>();
                for (var times = _random.Next(10, 2000); times > 0; times--)
                {
                    run.AddRange(unit);
                }

                bytes.InsertRange(at, run);
                break;
            case 8 when bytes.Count > 1:
                var a = _random.Next(bytes.Count);
                (bytes[at], bytes[a]) = (bytes[a], bytes[at]);
                break;
            default:
                bytes.Insert(at, (byte)_random.Next(256));
                break;
        }
    }

    private string RandomText(int length)
    {
        var sb = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            sb.Append(_random.Next(8) switch
            {
                0 => (char)_random.Next(0, 32),
                1 => (char)_random.Next(0xD800, 0xE000),
                2 => tokens[_random.Next(tokens.Count)],
                _ => (char)_random.Next(32, 127),
            });
        }

        return sb.ToString();
    }
}
