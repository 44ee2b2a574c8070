using System.CommandLine;
using LocalIam.Cli.Commands;

namespace LocalIam.Cli.Output;

/// <summary>
/// A command line System.CommandLine could not parse (an unknown verb or option, a missing
/// argument, a value outside its choices), refused as every other input is: one line on stderr
/// per error, `localiam VERB: what is wrong`, pointing at the verb's help, and exit code 2.
/// </summary>
internal static class ParseRefusal
{
    public static int Print(ParseResult parse)
    {
        var verb = string.Join(' ', Verbs(parse.CommandResult.Command, parse.RootCommandResult.Command));
        var prefix = verb.Length == 0 ? "localiam" : $"localiam {verb}";
        foreach (var error in parse.Errors)
        {
            var message = string.Join(' ', error.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            Console.Error.WriteLine($"{prefix}: {Verb.Printable(message)} (see `{prefix} --help`)");
        }

        return ExitCodes.InputError;
    }

    /// <summary>The verb's words below the root, e.g. "lab run".</summary>
    private static List<string> Verbs(Command command, Command root)
    {
        var words = new List<string>();
        for (var current = command; current is not null && current != root; current = current.Parents.OfType<Command>().FirstOrDefault())
        {
            words.Insert(0, current.Name);
        }

        return words;
    }
}
