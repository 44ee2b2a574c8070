namespace LocalIam.Policy.Catalog;

/// <summary>AWS's access levels, as the Service Authorization Reference lists them.</summary>
public enum AccessLevel
{
    List,
    Read,
    Write,
    PermissionsManagement,
    Tagging,
}

/// <summary>The data type of a condition key, as the Service Authorization Reference names it.</summary>
public enum ConditionKeyType
{
    String,
    Numeric,
    Date,
    Bool,
    Binary,
    IpAddress,
    Arn,
    ArrayOfString,
    ArrayOfArn,
    ArrayOfBool,
}

/// <summary>One service: its prefix, its name, and what its policies may say.</summary>
public sealed record IamService(
    string Prefix,
    string Name,
    IReadOnlyDictionary<string, IamAction> Actions,
    IReadOnlyDictionary<string, IamResourceType> ResourceTypes,
    IReadOnlyList<IamConditionKey> ConditionKeys)
{
    private string[]? _sortedActionNames;

    /// <summary>The action names in case-insensitive order, so that a pattern's literal head finds its candidates by binary search.</summary>
    internal string[] SortedActionNames => _sortedActionNames ??= [.. Actions.Keys.Order(StringComparer.OrdinalIgnoreCase)];

    /// <summary>The actions whose names start with <paramref name="head"/> (ignoring case).</summary>
    internal IEnumerable<IamAction> ActionsStartingWith(string head)
    {
        var names = SortedActionNames;
        if (head.Length == 0)
        {
            return names.Select(n => Actions[n]);
        }

        var low = 0;
        var high = names.Length;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (string.Compare(names[middle], head, StringComparison.OrdinalIgnoreCase) < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return names.Skip(low).TakeWhile(n => n.StartsWith(head, StringComparison.OrdinalIgnoreCase)).Select(n => Actions[n]);
    }
}

/// <summary>One action, e.g. <c>iam:PassRole</c>, with the resource types it acts on and the keys it supports.</summary>
public sealed record IamAction(string Service, string Name, AccessLevel AccessLevel, IReadOnlyList<IamActionResource> ResourceTypes, IReadOnlyList<string> ConditionKeys)
{
    public string FullName => $"{Service}:{Name}";

    public override string ToString() => FullName;
}

/// <summary>A resource type an action acts on; <see cref="Required"/> as AWS's tables mark it with an asterisk.</summary>
public sealed record IamActionResource(string Name, bool Required);

/// <summary>A resource type, e.g. <c>role</c>, with its ARN format (<c>arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}</c>).</summary>
public sealed record IamResourceType(string Name, string ArnFormat, IReadOnlyList<string> ConditionKeys);

/// <summary>A condition key as the catalogue writes it (<c>aws:RequestTag/${TagKey}</c>) and its type.</summary>
public sealed record IamConditionKey(string Name, ConditionKeyType Type)
{
    /// <summary>Keys with a part the policy fills in, such as a tag key after <c>/</c>.</summary>
    public bool IsTemplate => ConditionKeyIndex.Normalize(Name).Contains("${", StringComparison.Ordinal);
}
