using System.IO.Compression;
using System.Text;
using LocalIam.Iam.Errors;

namespace LocalIam.Iam.Credentials;

/// <summary>
/// STS packs a session's inline policy, managed policy ARNs and tags into its token in a compressed
/// form with a fixed budget, and reports how much of it they use (PackedPolicySize). AWS does not
/// publish the format; this measures the deflated bytes against a budget calibrated on figures AWS
/// reported to users (a 736-character policy of 18 actions with three tags about 82%, 1,690
/// characters of 42 actions about 157%), so sizes move as AWS's do: a small policy a few tens of
/// percent, a large or varied one over 100% while still under the 2,048-character plain-text limit.
/// </summary>
public static class PackedSessionSize
{
    /// <summary>Deflated bytes that make 100%.</summary>
    public const int Budget = 320;

    /// <summary>The percentage the whole of it uses.</summary>
    public static int Percent(string? policy, IReadOnlyList<string> policyArns, IReadOnlyList<SessionTag> tags)
    {
        var text = new StringBuilder(Minified(policy));
        foreach (var arn in policyArns)
        {
            text.Append('\n').Append(arn);
        }

        AppendTags(text, tags);
        return PercentOf(text.ToString());
    }

    /// <summary>The percentage the tags alone use.</summary>
    public static int TagsPercent(IReadOnlyList<SessionTag> tags)
    {
        var text = new StringBuilder();
        AppendTags(text, tags);
        return PercentOf(text.ToString());
    }

    /// <summary>PackedPolicyTooLarge, in AWS's words, when the tags or the whole exceed the budget; otherwise the percentage used.</summary>
    public static int Check(string? policy, IReadOnlyList<string> policyArns, IReadOnlyList<SessionTag> tags)
    {
        if (TagsPercent(tags) is > 100 and var tagsPercent)
        {
            throw StsErrors.PackedTagsTooLarge(tagsPercent);
        }

        var percent = Percent(policy, policyArns, tags);
        return percent > 100
            ? throw StsErrors.PackedPolicyTooLarge(percent)
            : percent;
    }

    private static void AppendTags(StringBuilder text, IReadOnlyList<SessionTag> tags)
    {
        foreach (var tag in tags)
        {
            text.Append('\n').Append(tag.Key).Append('=').Append(tag.Value);
        }
    }

    private static int PercentOf(string text)
    {
        if (text.Length == 0)
        {
            return 0;
        }

        using var packed = new MemoryStream();
        using (var deflate = new DeflateStream(packed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            deflate.Write(Encoding.UTF8.GetBytes(text));
        }

        return (int)Math.Ceiling(packed.Length * 100.0 / Budget);
    }

    /// <summary>The policy without whitespace outside its strings: layout costs nothing in the packed form.</summary>
    private static string Minified(string? json)
    {
        if (json is null)
        {
            return string.Empty;
        }

        var text = new StringBuilder(json.Length);
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (inString)
            {
                text.Append(c);
                if (c == '\\' && i + 1 < json.Length)
                {
                    text.Append(json[++i]);
                }
                else if (c == '"')
                {
                    inString = false;
                }
            }
            else if (!char.IsWhiteSpace(c))
            {
                text.Append(c);
                inString = c == '"';
            }
        }

        return text.ToString();
    }
}
