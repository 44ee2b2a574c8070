using System.Text.RegularExpressions;
using LocalIam.Iam.Errors;

namespace LocalIam.Iam.Objects;

/// <summary>Reading the ARNs callers pass for account objects, e.g. <c>arn:aws:iam::ACCOUNT:oidc-provider/HOST/PATH</c>.</summary>
public static partial class ObjectArns
{
    /// <summary>
    /// The part after <c>TYPE/</c> of an ARN of that type; null when it names another account
    /// (which holds nothing for this caller). InvalidInput when it is no such ARN at all.
    /// </summary>
    public static string? Resource(string arn, string accountId, string type)
    {
        var match = ArnRegex().Match(arn);
        if (!match.Success || match.Groups["type"].Value != type)
        {
            throw IamErrors.InvalidArn(arn);
        }

        return match.Groups["account"].Value == accountId ? match.Groups["resource"].Value : null;
    }

    [GeneratedRegex(@"^arn:aws:iam::(?<account>[0-9]{12}):(?<type>[a-z-]+)/(?<resource>.+)\z")]
    private static partial Regex ArnRegex();
}
