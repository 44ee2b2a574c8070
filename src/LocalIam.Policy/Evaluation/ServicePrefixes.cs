using System.Collections.Concurrent;

namespace LocalIam.Policy.Evaluation;

/// <summary>
/// One string per service prefix (<c>s3</c>, <c>ec2</c> ...) for every compiled action: a large
/// account's documents repeat a few hundred prefixes hundreds of thousands of times. Bounded, since
/// documents are user input: past the bound a prefix gets a string of its own, as before.
/// </summary>
internal static class ServicePrefixes
{
    private const int MaxShared = 4096;

    private static readonly ConcurrentDictionary<string, string> Shared = new(StringComparer.Ordinal);

    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> SharedBySpan =
        Shared.GetAlternateLookup<ReadOnlySpan<char>>();

    public static string Of(ReadOnlySpan<char> prefix)
    {
        if (SharedBySpan.TryGetValue(prefix, out var shared))
        {
            return shared;
        }

        var text = prefix.ToString();
        return Shared.Count < MaxShared ? Shared.GetOrAdd(text, text) : text;
    }
}
