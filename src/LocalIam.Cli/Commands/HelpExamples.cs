using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace LocalIam.Cli.Commands;

/// <summary>
/// Examples under each verb's <c>--help</c>: the verb list stays one line per verb, and a verb's
/// own help ends with commands to copy.
/// </summary>
internal static class HelpExamples
{
    private static readonly Dictionary<Command, string[]> Examples = [];
    private static readonly Dictionary<Command, string> Details = [];

    /// <summary>Adds examples to a command's help; returns the command, to chain.</summary>
    public static Command WithExamples(this Command command, params string[] examples)
    {
        Examples[command] = examples;
        return command;
    }

    /// <summary>Adds paragraphs after the options (what the verb prints, its exit codes) and examples.</summary>
    public static Command WithDetails(this Command command, string details, params string[] examples)
    {
        Details[command] = details;
        Examples[command] = examples;
        return command;
    }

    /// <summary>Makes the root's help option print the examples of the command asked about after the usual help.</summary>
    public static RootCommand Install(RootCommand root)
    {
        foreach (var option in root.Options.OfType<HelpOption>())
        {
            if (option.Action is HelpAction help)
            {
                option.Action = new WithExamplesAction(help);
            }
        }

        return root;
    }

    private sealed class WithExamplesAction(HelpAction inner) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            var result = inner.Invoke(parseResult);
            if (Details.TryGetValue(parseResult.CommandResult.Command, out var details))
            {
                parseResult.InvocationConfiguration.Output.WriteLine(details);
                parseResult.InvocationConfiguration.Output.WriteLine();
            }

            if (Examples.TryGetValue(parseResult.CommandResult.Command, out var examples))
            {
                var output = parseResult.InvocationConfiguration.Output;
                output.WriteLine("Examples:");
                foreach (var example in examples)
                {
                    output.WriteLine($"  {example}");
                }

                output.WriteLine();
            }

            return result;
        }
    }
}
