namespace LocalIam.Iam.Authorization;

/// <summary>
/// The resource an operation row authorizes, as the request names it. The resolver turns it into
/// the ARN the engine decides on and the words a denial uses:
/// <list type="bullet">
/// <item><see cref="AsGiven"/>: an ARN used as it is (a create's new ARN, a policy ARN, a list prefix, <c>*</c>).</item>
/// <item><see cref="Entity"/>: an existing user, group, role or instance profile named by the request; authorized on
/// the stored entity's ARN (stored name and path, since names are unique whatever their case), named in a denial as
/// AWS names it (<c>user BOSS</c>), which says no more than the request did.</item>
/// <item><see cref="EntityArn"/>: an entity's full ARN from the request (PolicySourceArn); authorized on the stored
/// entity when its path is the one given.</item>
/// <item><see cref="RenameTarget"/>: the new name and path of UpdateUser and UpdateGroup; null when neither changes.</item>
/// <item><see cref="AccessKeyOwner"/>: the user who owns an access key.</item>
/// </list>
/// </summary>
public abstract record ResourceName
{
    public static implicit operator ResourceName(string arn) => new AsGiven(arn);

    public sealed record AsGiven(string Arn) : ResourceName;

    public sealed record Entity(string Type, string Name) : ResourceName;

    public sealed record EntityArn(string Arn) : ResourceName;

    public sealed record RenameTarget(string Type, string Name, string? NewName, string? NewPath) : ResourceName;

    public sealed record AccessKeyOwner(string AccessKeyId) : ResourceName;

    /// <summary>An existing user, group, role, instance profile or server certificate the request names.</summary>
    public static ResourceName Named(string type, string name) => new Entity(type, name);
}

/// <summary>A further action an operation must be allowed, on its own resource, with extra condition keys.</summary>
public sealed record AuthorizationCheck(string IamAction, ResourceName Resource, IReadOnlyList<(string Key, string Value)>? Context = null);

/// <summary>What authorization decides on (<see cref="Arn"/>), how a denial names it (<see cref="AsNamed"/>), and the stored entity's tags.</summary>
public sealed record ResolvedResource(string Arn, string AsNamed)
{
    public IReadOnlyList<Tags.TagInput> Tags { get; init; } = [];

    /// <summary>The stored user's or role's permissions boundary: <c>iam:PermissionsBoundary</c> of a request that changes its policies.</summary>
    public string? PermissionsBoundary { get; init; }
}
