using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Spectre.Console;

namespace LocalIam.Cli.Output;

/// <summary>How a verb prints its answer: a table (or tree) for people, or JSON for scripts.</summary>
internal enum OutputFormat
{
    Table,
    Json,
}

/// <summary>
/// The terminal a verb writes to. Colours and live widgets only on an interactive terminal and
/// never under NO_COLOR; redirected output gets plain text at a fixed wide width, so what a
/// script captures does not depend on the terminal it ran in.
/// </summary>
internal sealed class CliOutput
{
    /// <summary>The width of plain output when stdout is not a terminal.</summary>
    private const int RedirectedWidth = 160;

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = null,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = JsonTypeInfoResolver.Combine(ReportJsonContext.Default, new DefaultJsonTypeInfoResolver()),
    };

    private CliOutput(OutputFormat format, IAnsiConsole console, bool interactive)
    {
        Format = format;
        Console = console;
        IsInteractive = interactive;
    }

    public OutputFormat Format { get; }

    /// <summary>Spectre.Console's console on stdout, with colour only where it belongs.</summary>
    public IAnsiConsole Console { get; }

    /// <summary>A person is watching: progress bars and colour are welcome.</summary>
    public bool IsInteractive { get; }

    public bool IsJson => Format == OutputFormat.Json;

    /// <summary>The <c>--output table|json</c> option every verb takes.</summary>
    public static Option<OutputFormat> CreateOption() => new("--output", "-o")
    {
        Description = "How to print the answer: a table for people, or json for scripts",
        DefaultValueFactory = _ => OutputFormat.Table,
        HelpName = "table|json",
        CustomParser = result =>
        {
            var value = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
            if (value.All(char.IsAsciiLetter) && Enum.TryParse<OutputFormat>(value, ignoreCase: true, out var format))
            {
                return format;
            }

            result.AddError($"`--output {value}` is not an output format: give table or json");
            return OutputFormat.Table;
        },
    };

    public static CliOutput Create(OutputFormat format)
    {
        var colour = !System.Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = colour ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = colour ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = colour ? InteractionSupport.Detect : InteractionSupport.No,
            Out = new AnsiConsoleOutput(System.Console.Out),
        });
        if (System.Console.IsOutputRedirected)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return new CliOutput(format, console, colour && console.Profile.Capabilities.Interactive);
    }

    /// <summary>Writes <paramref name="value"/> as indented JSON with its members' own names.</summary>
    public void WriteJson<T>(T value) => Console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(value, Json));

    /// <summary>
    /// Runs the serializer once each way over <paramref name="sample"/>, a small value of the
    /// type about to be read and printed: a short-lived process pays the first use of the
    /// serializer's code for a type once, and this pays it on one core while the other waits for
    /// the server's answer.
    /// </summary>
    public static void WarmUp<T>(T sample) => ReadJson<T>(JsonSerializer.Serialize(sample, Json));

    /// <summary>Reads JSON written by <see cref="WriteJson{T}"/> (a server's answer, a saved report).</summary>
    public static T? ReadJson<T>(string json) => JsonSerializer.Deserialize<T>(json, Json);

    /// <summary>One line of text, markup escaped.</summary>
    public void Line(string text) => Console.WriteLine(text);

    /// <summary>One line with Spectre markup (colour dropped where there is none).</summary>
    public void Markup(string markup) => Console.MarkupLine(markup);

    /// <summary>A refusal of the command line or its input: one line on stderr, no stack trace.</summary>
    public static int Refuse(string verb, string message)
    {
        System.Console.Error.WriteLine($"localiam {verb}: {message}");
        return ExitCodes.InputError;
    }
}
