using System.Text;

namespace LocalIam.Policy.Linting;

/// <summary>One check of AWS's reference: its finding type, the anchor of its section, its title (the console's "Invalid action") and its message with placeholders.</summary>
public sealed record PolicyCheck(FindingType FindingType, string Anchor, string Title, string Template)
{
    public string LearnMoreLink => $"{AwsPolicyChecks.ReferenceUrl}#{Anchor}";

    /// <summary>The message with each <c>{{name}}</c> or <c>${name}</c> replaced by its value; a missing value leaves the name.</summary>
    public string Format(IReadOnlyDictionary<string, string> values)
    {
        var text = new StringBuilder(Template.Length + 64);
        var i = 0;
        while (i < Template.Length)
        {
            var (open, close) = Template.AsSpan(i).StartsWith("{{") ? ("{{", "}}") : Template.AsSpan(i).StartsWith("${") ? ("${", "}") : (null, null);
            var end = open is null ? -1 : Template.IndexOf(close!, i + open.Length, StringComparison.Ordinal);
            if (end < 0)
            {
                text.Append(Template[i++]);
                continue;
            }

            var name = Template[(i + open!.Length)..end];
            text.Append(values.TryGetValue(name, out var value) ? value : name);
            i = end + close!.Length;
        }

        return text.ToString();
    }
}
