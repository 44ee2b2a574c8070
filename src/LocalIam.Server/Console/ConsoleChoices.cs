using LocalIam.Iam;
using LocalIam.Iam.Errors;
using LocalIam.Iam.Policies;
using LocalIam.Storage.Entities;

namespace LocalIam.Server.Console;

/// <summary>
/// The lists a "Create group" or "Create user" page lets a person search and check: the account's
/// users and every managed policy (the account's and AWS's), filtered by name. A page shows at most
/// <see cref="Shown"/> matches and says how many more there are, so a page at AWS's limits stays small.
/// </summary>
public static class ConsoleChoices
{
    public const int Shown = 50;

    /// <summary>Every item the core lists, page by page (the core's largest page is 1,000).</summary>
    public static async Task<List<T>> AllAsync<T>(Func<string?, Task<Page<T>>> page)
    {
        var all = new List<T>();
        string? marker = null;
        do
        {
            var next = await page(marker);
            all.AddRange(next.Items);
            marker = next.IsTruncated ? next.Marker : null;
        }
        while (marker is not null);
        return all;
    }

    public static Task<List<User>> UsersAsync(IamCore core, IamCaller caller) =>
        AllAsync(marker => core.Users.ListAsync(caller, marker: marker, maxItems: Paging.MaxMaxItems));

    public static Task<List<Group>> GroupsAsync(IamCore core, IamCaller caller) =>
        AllAsync(marker => core.Groups.ListAsync(caller, marker: marker, maxItems: Paging.MaxMaxItems));

    /// <summary>Customer managed policies first, then AWS managed, as the core lists them; only attachable ones.</summary>
    public static async Task<List<ManagedPolicy>> PoliciesAsync(IamCore core, IamCaller caller) =>
        [.. (await AllAsync(marker => core.Policies.ListAsync(caller, PolicyScope.All, marker: marker, maxItems: Paging.MaxMaxItems))).Where(p => p.IsAttachable)];

    /// <summary>A checkbox list's values, each once (names compared as IAM does, whatever their case), blanks dropped.</summary>
    public static List<string> Once(IEnumerable<string> values, StringComparer comparer) =>
        [.. values.Where(v => !string.IsNullOrWhiteSpace(v)).Distinct(comparer)];

    public static Choice ForPolicy(ManagedPolicy policy) => new(policy.Arn, policy.Name,
        !policy.IsAwsManaged ? "Customer managed" : policy.Path == "/job-function/" ? "AWS managed - job function" : "AWS managed");

    /// <summary>A user or group, with its path beside it when it has one.</summary>
    public static Choice ForEntity(string name, string path) => new(name, name, path == "/" ? null : path);

    /// <summary>A create that failed part way (only a change made meanwhile by someone else gets there): the error, and what was done.</summary>
    public static string FailedAfter(IamException refused, IReadOnlyList<string> done) =>
        done.Count == 0 ? refused.Message : $"{refused.Message} (done before it failed: {string.Join(", ", done)})";

    /// <summary>Names containing <paramref name="filter"/>, whatever their case (IAM names are case-insensitive).</summary>
    public static bool Matches(string name, string? filter) =>
        string.IsNullOrWhiteSpace(filter) || name.Contains(filter.Trim(), StringComparison.OrdinalIgnoreCase);
}

/// <summary>One checkable item: the value posted, the name its label shows, a detail beside it.</summary>
public sealed record Choice(string Value, string Label, string? Detail = null);

/// <summary>
/// A searchable list of checkboxes on a form without script: "Search" posts the form back with the
/// filter, and what was checked but is no longer shown travels as hidden fields.
/// </summary>
public sealed record ChoiceList(string Legend, string Field, string FilterField, string FilterLabel, string? Filter,
    IReadOnlyList<Choice> Shown, int More, IReadOnlyCollection<string> Chosen)
{
    public static ChoiceList Of(string legend, string field, string filterField, string filterLabel, string? filter,
        IEnumerable<Choice> all, IReadOnlyCollection<string> chosen)
    {
        var matches = all.Where(c => ConsoleChoices.Matches(c.Label, filter)).ToList();
        var shown = matches.Take(ConsoleChoices.Shown).ToList();
        return new(legend, field, filterField, filterLabel, filter, shown, matches.Count - shown.Count, chosen);
    }

    public bool IsChosen(Choice choice) => Chosen.Contains(choice.Value);

    /// <summary>Checked earlier and not in view: kept as hidden fields so a search never unchecks.</summary>
    public IEnumerable<string> HiddenChosen => Chosen.Except(Shown.Select(c => c.Value), StringComparer.Ordinal);
}
