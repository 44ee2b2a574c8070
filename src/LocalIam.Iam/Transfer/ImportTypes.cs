namespace LocalIam.Iam.Transfer;

/// <summary>How an import treats what is already in the account and what LocalIam does not know.</summary>
public sealed record AuthorizationDetailsImportOptions
{
    /// <summary>Replace the account's users, groups, roles and customer managed policies (else an account that has any is refused).</summary>
    public bool Replace { get; init; }

    /// <summary>
    /// An attachment of an AWS managed policy that LocalIam's catalogue lacks is left out with a
    /// warning (else the file is refused). A permissions boundary on such a policy is refused
    /// either way: leaving a boundary out would widen access.
    /// </summary>
    public bool SkipUnknownAwsPolicies { get; init; }

    /// <summary>Stands in for a missing CreateDate; the audit event's time.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}

public enum AuthorizationDetailsStage
{
    Reading,
    Linking,
    Done,
}

/// <summary>Progress of an import: bytes of the file read and entities (users, groups, roles, policies) read.</summary>
public readonly record struct AuthorizationDetailsProgress(AuthorizationDetailsStage Stage, long BytesRead, int Entities);

/// <summary>What an import wrote.</summary>
public sealed record AuthorizationDetailsImportResult(
    string AccountId,
    int Users,
    int Groups,
    int Roles,
    int CustomerPolicies,
    int PolicyVersions,
    int AwsPoliciesUsed,
    int InlinePolicies,
    int Attachments,
    int Memberships,
    int InstanceProfiles,
    int Tags,
    bool BillingAccessEnabled,
    bool Replaced)
{
    /// <summary>What was left out and why (unknown AWS managed policies with <see cref="AuthorizationDetailsImportOptions.SkipUnknownAwsPolicies"/>).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    public int Entities => Users + Groups + Roles + CustomerPolicies;
}

/// <summary>The store cannot take the import (no such account, or it already has identities): nothing was written.</summary>
public sealed class ImportTargetException(string message) : Exception(message);
