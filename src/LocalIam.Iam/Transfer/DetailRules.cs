using System.Text.RegularExpressions;
using LocalIam.Iam.Errors;
using LocalIam.Iam.Policies;
using LocalIam.Policy.Validation;

namespace LocalIam.Iam.Transfer;

/// <summary>AWS's rules for what a file may hold (names, paths, tags, ARNs, documents), each refusal naming the element.</summary>
internal static partial class DetailRules
{
    /// <summary>IAM's name rule, as CreateUser and the others check it (the model's pattern and length).</summary>
    public static string Name(DetailNode owner, string member, string kind, int maxLength)
    {
        var name = owner.String(member);
        if (name.Length < 1 || name.Length > maxLength || !NameRegex().IsMatch(name))
        {
            throw DetailNode.Bad($"{owner.Path}.{member}",
                $"`{DetailNode.Shown(name)}` is not a valid {kind} name: AWS allows 1 to {maxLength} letters, digits and the characters _+=,.@-");
        }

        return name;
    }

    public static string Path(DetailNode owner, string member = "Path")
    {
        var path = owner.OptionalString(member) ?? "/";
        if (path.Length > 512 || !PathRegex().IsMatch(path))
        {
            throw DetailNode.Bad($"{owner.Path}.{member}", $"`{DetailNode.Shown(path)}` is not a valid path: a path is `/` or starts and ends with `/`, in printable ASCII, up to 512 characters");
        }

        return path;
    }

    /// <summary>An entity's own ARN must be the one its account, type, path and name make.</summary>
    public static void OwnArn(DetailNode owner, string accountId, string type, string entityPath, string name)
    {
        var arn = owner.String("Arn");
        var expected = $"arn:aws:iam::{accountId}:{type}{entityPath}{name}";
        if (arn != expected)
        {
            var problem = ArnAccount(arn) is { } other && other != accountId
                ? $"`{DetailNode.Shown(arn)}` is in account `{other}`, but the file's entities are in account `{accountId}`: one file holds one account"
                : $"`{DetailNode.Shown(arn)}` is not the ARN of {type} `{name}` with path `{entityPath}` (expected `{expected}`)";
            throw DetailNode.Bad($"{owner.Path}.Arn", problem);
        }
    }

    /// <summary>The 12-digit account of an IAM ARN; null for another form (an AWS managed policy's <c>aws</c>).</summary>
    public static string? ArnAccount(string arn)
    {
        var match = AccountRegex().Match(arn);
        return match.Success ? match.Groups[1].Value : null;
    }

    /// <summary>AWS's tag rules: key 1–128 and value 0–256 characters of letters, digits, spaces and <c>_.:/=+-@</c>; keys unique regardless of case.</summary>
    public static List<Tags.TagInput> Tags(DetailNode owner)
    {
        var tags = new List<Tags.TagInput>();
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var tag in owner.Array("Tags"))
        {
            tag.Object();
            var key = tag.String("Key");
            var value = tag.OptionalString("Value") ?? string.Empty;
            if (key.Length is < 1 or > 128 || !TagKeyRegex().IsMatch(key))
            {
                throw DetailNode.Bad($"{tag.Path}.Key", $"`{DetailNode.Shown(key)}` is not a valid tag key: 1 to 128 letters, digits, spaces and the characters _.:/=+-@");
            }

            if (value.Length > 256 || !TagValueRegex().IsMatch(value))
            {
                throw DetailNode.Bad($"{tag.Path}.Value", $"`{DetailNode.Shown(value)}` is not a valid tag value: up to 256 letters, digits, spaces and the characters _.:/=+-@");
            }

            if (!keys.Add(key))
            {
                throw DetailNode.Bad($"{tag.Path}.Key", $"the tag key `{key}` is given twice (tag keys are unique regardless of case)");
            }

            tags.Add(new Tags.TagInput(key, value));
        }

        if (tags.Count > Quotas.TagsPerEntity.Limit)
        {
            throw DetailNode.Bad($"{owner.Path}.Tags", $"{tags.Count} tags: an entity has at most {Quotas.TagsPerEntity.Limit}");
        }

        return tags;
    }

    /// <summary>A document IAM would have stored: valid JSON and valid policy grammar for its kind.</summary>
    public static string Document(DetailNode owner, string member, PolicyKind kind, bool managed = false)
    {
        var (text, path) = owner.Document(member);
        try
        {
            PolicyDocuments.Validate(text, kind, "policyDocument", managed);
        }
        catch (IamException ex)
        {
            throw DetailNode.Bad(path, $"not a policy document IAM accepts: {ex.Message}");
        }

        return text;
    }

    /// <summary><c>PermissionsBoundary.PermissionsBoundaryArn</c>, when the entity has one.</summary>
    public static (string Arn, string Path)? Boundary(DetailNode owner)
    {
        if (owner.Member("PermissionsBoundary") is not { } boundary)
        {
            return null;
        }

        boundary.Object();
        if (boundary.OptionalString("PermissionsBoundaryType") is { } type && type != "Policy")
        {
            throw DetailNode.Bad($"{boundary.Path}.PermissionsBoundaryType", $"`{DetailNode.Shown(type)}` is not a permissions boundary type: the only one is `Policy`");
        }

        return (boundary.String("PermissionsBoundaryArn"), $"{boundary.Path}.PermissionsBoundaryArn");
    }

    [GeneratedRegex(@"^[A-Za-z0-9_+=,.@-]+\z")]
    private static partial Regex NameRegex();

    [GeneratedRegex(@"^((/)|(/[\u0021-\u007E]+/))\z")]
    private static partial Regex PathRegex();

    [GeneratedRegex(@"^arn:aws:iam::([0-9]{12}):")]
    private static partial Regex AccountRegex();

    [GeneratedRegex(@"^[\p{L}\p{Z}\p{N}_.:/=+\-@]+\z")]
    private static partial Regex TagKeyRegex();

    [GeneratedRegex(@"^[\p{L}\p{Z}\p{N}_.:/=+\-@]*\z")]
    private static partial Regex TagValueRegex();
}
