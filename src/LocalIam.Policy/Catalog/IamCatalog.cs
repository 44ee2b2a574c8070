using LocalIam.Policy.Evaluation;

namespace LocalIam.Policy.Catalog;

/// <summary>
/// The IAM action catalogue: every service prefix, action, resource type and condition key AWS
/// documents, from the embedded <c>iam-catalog.json.br</c> (scripts/iam-catalog.mjs makes it;
/// docs/lint.md says how to refresh it). Read once, on first use. Names compare as AWS compares
/// them: service prefixes, actions and condition keys without regard to case.
/// </summary>
public sealed class IamCatalog
{
    private static readonly Lazy<IamCatalog> Embedded = new(IamCatalogData.ReadEmbedded);

    private readonly Dictionary<string, IamService> _services;
    private readonly Dictionary<string, IamConditionKey> _globalKeys;
    private readonly List<IamConditionKey> _globalTemplates;
    private readonly Dictionary<string, ConditionKeyIndex> _serviceKeys;
    private readonly Dictionary<string, List<IamResourceType>> _resourceTypesByArnService;

    internal IamCatalog(IamCatalogSource source, IEnumerable<IamService> services, IEnumerable<IamConditionKey> globalKeys)
    {
        Source = source;
        _services = services.ToDictionary(s => s.Prefix, StringComparer.OrdinalIgnoreCase);
        // Services also list keys of other prefixes (aws:ResourceTag/..., saml:aud, accounts.google.com:aud):
        // keys are found by their own prefix, and every aws: key a service lists counts as global.
        var byPrefix = _services.Values.SelectMany(s => s.ConditionKeys)
            .GroupBy(k => PrefixOf(k.Name), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.DistinctBy(k => k.Name, StringComparer.OrdinalIgnoreCase).ToList(), StringComparer.OrdinalIgnoreCase);
        var global = globalKeys.ToList();
        if (byPrefix.TryGetValue("aws", out var awsKeys))
        {
            global.AddRange(awsKeys.Where(k => !global.Any(g => g.Name.Equals(k.Name, StringComparison.OrdinalIgnoreCase))));
            byPrefix.Remove("aws");
        }

        _globalKeys = global.Where(k => !k.IsTemplate).ToDictionary(k => k.Name, StringComparer.OrdinalIgnoreCase);
        _globalTemplates = [.. global.Where(k => k.IsTemplate)];
        _serviceKeys = byPrefix.ToDictionary(p => p.Key, p => new ConditionKeyIndex(p.Value), StringComparer.OrdinalIgnoreCase);
        _resourceTypesByArnService = new(StringComparer.Ordinal);
        foreach (var type in _services.Values.SelectMany(s => s.ResourceTypes.Values))
        {
            var arnService = ArnFormat.Service(type.ArnFormat);
            if (!_resourceTypesByArnService.TryGetValue(arnService, out var list))
            {
                _resourceTypesByArnService[arnService] = list = [];
            }

            list.Add(type);
        }
    }

    /// <summary>The catalogue embedded in LocalIam.Policy.</summary>
    public static IamCatalog Current => Embedded.Value;

    /// <summary>Reads a catalogue in the format scripts/iam-catalog.mjs writes (Brotli-compressed JSON).</summary>
    public static IamCatalog Load(Stream compressed) => IamCatalogData.Read(compressed);

    public IamCatalogSource Source { get; }

    public IEnumerable<IamService> Services => _services.Values;

    public bool IsKnownService(string prefix) => _services.ContainsKey(prefix);

    public IamService? FindService(string prefix) => _services.GetValueOrDefault(prefix);

    /// <summary>An action written as <c>service:Name</c>, without wildcards.</summary>
    public IamAction? FindAction(string action)
    {
        var colon = action.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && FindService(action[..colon]) is { } service ? service.Actions.GetValueOrDefault(action[(colon + 1)..]) : null;
    }

    public bool IsKnownAction(string action) => FindAction(action) is not null;

    /// <summary>Every known action a pattern such as <c>s3:Get*</c>, <c>*:Describe*</c> or <c>*</c> matches.</summary>
    public IEnumerable<IamAction> MatchingActions(string pattern)
    {
        var colon = pattern.IndexOf(':', StringComparison.Ordinal);
        var servicePattern = colon < 0 ? pattern : pattern[..colon];
        var namePattern = colon < 0 ? "*" : pattern[(colon + 1)..];
        IEnumerable<IamService> services = Wildcard.HasWildcards(servicePattern)
            ? _services.Values.Where(s => Wildcard.IsMatch(servicePattern, s.Prefix, ignoreCase: true))
            : FindService(servicePattern) is { } one ? [one] : [];
        foreach (var service in services)
        {
            if (!Wildcard.HasWildcards(namePattern))
            {
                if (service.Actions.TryGetValue(namePattern, out var exact))
                {
                    yield return exact;
                }

                continue;
            }

            var head = namePattern[..namePattern.AsSpan().IndexOfAny('*', '?')];
            foreach (var action in service.ActionsStartingWith(head))
            {
                if (namePattern == "*" || Wildcard.IsMatch(namePattern, action.Name, ignoreCase: true))
                {
                    yield return action;
                }
            }
        }
    }

    public bool MatchesAnyAction(string pattern) => MatchingActions(pattern).Any();

    /// <summary>A global key (<c>aws:PrincipalArn</c>, <c>aws:RequestTag/Project</c>), or null when AWS defines none by that name.</summary>
    public IamConditionKey? FindGlobalConditionKey(string key) =>
        _globalKeys.GetValueOrDefault(key) ?? _globalTemplates.FirstOrDefault(t => ConditionKeyIndex.TemplateMatches(t.Name, key));

    /// <summary>Whether some service defines condition keys with this prefix (<c>s3</c>, <c>saml</c>, <c>token.actions.githubusercontent.com</c>).</summary>
    public bool IsKnownConditionKeyPrefix(string prefix) => _serviceKeys.ContainsKey(prefix);

    /// <summary>A key of one service (<c>iam:PassedToService</c>, <c>s3:ExistingObjectTag/team</c>), or null.</summary>
    public IamConditionKey? FindServiceConditionKey(string key)
    {
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && _serviceKeys.TryGetValue(key[..colon], out var index) ? index.Find(key) : null;
    }

    /// <summary>A global or service key.</summary>
    public IamConditionKey? FindConditionKey(string key) =>
        key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase) ? FindGlobalConditionKey(key) ?? FindServiceConditionKey(key) : FindServiceConditionKey(key);

    public IReadOnlyCollection<IamConditionKey> GlobalConditionKeys => [.. _globalKeys.Values, .. _globalTemplates];

    /// <summary>The resource types whose ARNs name <paramref name="arnService"/> in their service part (e.g. <c>s3</c>), or none.</summary>
    public IReadOnlyList<IamResourceType> ResourceTypesForArnService(string arnService) =>
        _resourceTypesByArnService.TryGetValue(arnService, out var list) ? list : [];

    /// <summary>The resource types of an action, resolved in its service.</summary>
    public IEnumerable<IamResourceType> ResourceTypesOf(IamAction action) =>
        FindService(action.Service) is { } service
            ? action.ResourceTypes.Select(r => service.ResourceTypes.GetValueOrDefault(r.Name)).OfType<IamResourceType>()
            : [];

    private static string PrefixOf(string key)
    {
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? key : key[..colon];
    }

    /// <summary>The keys an action supports: its own and those of its resource types.</summary>
    public IEnumerable<string> ConditionKeysOf(IamAction action)
    {
        var service = FindService(action.Service);
        return action.ConditionKeys.Concat(action.ResourceTypes.SelectMany(r =>
            service?.ResourceTypes.GetValueOrDefault(r.Name)?.ConditionKeys ?? []));
    }
}

/// <summary>Where the catalogue came from.</summary>
public sealed record IamCatalogSource(string Package, string Version, string Updated);
