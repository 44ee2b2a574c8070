using LocalIam.Iam.Tags;

namespace LocalIam.Iam.Credentials;

/// <summary>What AssumeRole is asked, already checked against the STS model's constraints by the front end.</summary>
public sealed record AssumeRoleInput(
    string RoleArn,
    string RoleSessionName,
    int DurationSeconds,
    string? Policy,
    IReadOnlyList<string> PolicyArns,
    IReadOnlyList<TagInput> Tags,
    IReadOnlyList<string> TransitiveTagKeys,
    string? ExternalId,
    string? SerialNumber,
    string? TokenCode,
    string? SourceIdentity)
{
    public const int DefaultDuration = 3600;

    /// <summary>The STS documentation's limits: 10 managed session policies; 2,048 characters of inline policy.</summary>
    public const int MaxPolicyArns = 10;
    public const int MaxPolicyLength = 2048;
    public const int MaxTags = 50;

    /// <summary>Passing tags (or transitive keys) needs sts:TagSession.</summary>
    public bool TagsSession => Tags.Count > 0 || TransitiveTagKeys.Count > 0;
}

/// <summary>A session AssumeRole issued: its credentials, the role's stored name and id, and what the response reports.</summary>
public sealed record AssumedRoleSession(IssuedSession Issued, string AccountId, string RoleId, string RoleName, string SessionName, int? PackedPolicySize, string? SourceIdentity)
{
    public string AssumedRoleId => $"{RoleId}:{SessionName}";

    public string Arn => $"arn:aws:sts::{AccountId}:assumed-role/{RoleName}/{SessionName}";
}
