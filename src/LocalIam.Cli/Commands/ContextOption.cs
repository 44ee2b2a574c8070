using System.CommandLine;
using LocalIam.Policy.Evaluation;

namespace LocalIam.Cli.Commands;

/// <summary><c>--context key=value</c>, repeatable: condition keys the request carries (a key given twice is a list).</summary>
internal static class ContextOption
{
    public static Option<string[]> Create() => new("--context", "-c")
    {
        Description = "A condition key the request carries, as key=value (repeat it; a key given twice is a multivalued key), e.g. aws:MultiFactorAuthPresent=true",
        HelpName = "KEY=VALUE",
        AllowMultipleArgumentsPerToken = false,
    };

    public static RequestContext? Parse(string[]? pairs)
    {
        if (pairs is not { Length: > 0 })
        {
            return null;
        }

        var grouped = new List<(string Key, List<string> Values)>();
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new CommandInputException($"`--context {pair}`: give a condition key and its value as KEY=VALUE");
            }

            var key = pair[..equals];
            var value = pair[(equals + 1)..];
            var found = grouped.FindIndex(g => string.Equals(g.Key, key, StringComparison.OrdinalIgnoreCase));
            if (found < 0)
            {
                grouped.Add((key, [value]));
            }
            else
            {
                grouped[found].Values.Add(value);
            }
        }

        var context = new RequestContext();
        foreach (var (key, values) in grouped)
        {
            if (values.Count == 1)
            {
                context.Set(key, values[0]);
            }
            else
            {
                context.SetList(key, values);
            }
        }

        return context;
    }
}
