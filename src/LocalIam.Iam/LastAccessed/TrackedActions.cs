using System.Collections.Frozen;

namespace LocalIam.Iam.LastAccessed;

/// <summary>
/// The actions an ACTION_LEVEL report lists, by service: AWS tracks the management actions of its
/// services (every API operation of IAM since April 2021, of all services since May 2023), never
/// <c>iam:PassRole</c>, which is no API call. LocalIam sees the attempts at the operations it
/// serves, so those are its tracked actions: the front end that serves them says which they are.
/// </summary>
public sealed class TrackedActions
{
    private readonly FrozenDictionary<string, string[]> _byService;

    public TrackedActions(IEnumerable<string> actions)
    {
        _byService = actions
            .Where(a => a.Contains(':', StringComparison.Ordinal) && !a.Equals("iam:PassRole", StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .GroupBy(LastAccessRecorder.ServiceOf, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Order(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
    }

    /// <summary>None: a core without an API front end records nothing at action level.</summary>
    public static TrackedActions None { get; } = new([]);

    /// <summary>The tracked actions of a service (<c>iam:CreateUser</c>...), in name order; empty when it has none.</summary>
    public IReadOnlyList<string> Of(string serviceNamespace) => _byService.GetValueOrDefault(serviceNamespace) ?? [];
}
