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
    IReadOnlyList<IamConditionKey> ConditionKeys);

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
