using System.Text.RegularExpressions;

namespace LocalIam.Iam.Identifiers;

/// <summary>An IAM user, group or role ARN read strictly: account, type, path and name.</summary>
public sealed record EntityArn(string AccountId, string Type, string Path, string Name)
{
    public override string ToString() => $"arn:aws:iam::{AccountId}:{Type}{Path}{Name}";
}

/// <summary>
/// Parses entity ARNs exactly, so that the entity a call acts on is the one its ARN was authorized
/// for: no "last segment after a slash" guesses, and the path must be the entity's own.
/// </summary>
public static partial class EntityArns
{
    public static EntityArn? Parse(string arn)
    {
        var match = Pattern().Match(arn);
        return match.Success
            ? new EntityArn(match.Groups["account"].Value, match.Groups["type"].Value, match.Groups["path"].Value, match.Groups["name"].Value)
            : null;
    }

    [GeneratedRegex(@"^arn:aws:iam::(?<account>[0-9]{12}):(?<type>user|role|group|instance-profile|server-certificate)(?<path>/(?:[\u0021-\u007E]*/)?)(?<name>[A-Za-z0-9_+=,.@-]+)\z")]
    private static partial Regex Pattern();
}
