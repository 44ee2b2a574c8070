namespace LocalIam.Storage.Entities;

/// <summary>The kinds of IAM identity that policies, tags and inline policies belong to.</summary>
public enum OwnerKind
{
    User,
    Group,
    Role,
    Policy,
}

public sealed class GroupMembership
{
    public required string GroupId { get; set; }

    public required string UserId { get; set; }
}

/// <summary>A managed policy attached to a user, group or role.</summary>
public sealed class PolicyAttachment
{
    /// <summary>The account of the user, group or role: AWS managed policies are attached in many accounts.</summary>
    public required string AccountId { get; set; }

    public OwnerKind OwnerKind { get; set; }

    public required string OwnerId { get; set; }

    /// <summary>The policy's id (ANPA...): a customer managed policy's row, or an entry of the AWS managed catalogue.</summary>
    public required string PolicyId { get; set; }
}

/// <summary>An inline policy embedded in a user, group or role.</summary>
public sealed class InlinePolicy
{
    public OwnerKind OwnerKind { get; set; }

    public required string OwnerId { get; set; }

    public required string Name { get; set; }

    public required string NameKey { get; set; }

    public required string Document { get; set; }
}

public sealed class Tag
{
    public OwnerKind OwnerKind { get; set; }

    public required string OwnerId { get; set; }

    public required string Key { get; set; }

    /// <summary>Tag keys are unique per entity regardless of case.</summary>
    public required string KeyKey { get; set; }

    public required string Value { get; set; }
}
