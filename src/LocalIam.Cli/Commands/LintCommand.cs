using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using LocalIam.Policy.Linting;
using Spectre.Console;

namespace LocalIam.Cli.Commands;

/// <summary>
/// <c>localiam lint FILE... [--type identity|resource|trust|scp|rcp] [--resource-type TYPE] [--output table|json]</c>:
/// IAM Access Analyzer's policy validation offline, the engine behind LocalIam's ValidatePolicy.
/// Exit codes: 0 no ERROR or SECURITY_WARNING finding, 1 at least one, 2 a usage or input error.
/// </summary>
internal static class LintCommand
{
    public const int Passed = 0;
    public const int Failed = 1;
    public const int InputError = 2;

    private const string CommandLine = "localiam lint";

    private static readonly string[] Types = ["identity", "resource", "trust", "scp", "rcp"];

    public static Command Create()
    {
        var files = new Argument<string[]>("FILE") { Description = "Policy documents (JSON) to check", Arity = ArgumentArity.ZeroOrMore };
        var type = new Option<string>("--type") { Description = "identity (default), resource, trust (a role's trust policy), scp or rcp", HelpName = "TYPE", DefaultValueFactory = _ => "identity" };
        var resourceType = new Option<string?>("--resource-type") { Description = $"For resource policies: {string.Join(", ", LintRequest.ResourceTypes)}", HelpName = "TYPE" };
        var output = new Option<string>("--output") { Description = "table (default) or json (ValidatePolicy's findings)", HelpName = "FORMAT", DefaultValueFactory = _ => "table" };
        var command = new Command(
            "lint",
            "Check IAM policies as IAM Access Analyzer's policy validation does: errors, security warnings, warnings and suggestions with AWS's issue codes.\n"
            + "Exit code 0 when no file has an ERROR or SECURITY_WARNING finding, 1 when one does, 2 for a usage or input error.\n"
            + "Examples: localiam lint policy.json\n"
            + "          localiam lint --type trust trust-policy.json --output json")
        {
            files, type, resourceType, output,
        };
        command.SetAction(parse =>
        {
            try
            {
                return Run(parse.GetValue(files) ?? [], parse.GetValue(type)!, parse.GetValue(resourceType), parse.GetValue(output)!);
            }
            catch (CommandInputException ex)
            {
                Console.Error.WriteLine($"{CommandLine}: {ex.Message}");
                return InputError;
            }
        });
        return command;
    }

    private static int Run(string[] files, string type, string? resourceType, string output)
    {
        if (files.Length == 0)
        {
            throw new CommandInputException("give at least one policy file, as in `localiam lint policy.json`");
        }

        if (!Types.Contains(type, StringComparer.Ordinal))
        {
            throw new CommandInputException($"`--type {type}` is not a policy type: use {string.Join(", ", Types)}");
        }

        if (output is not ("table" or "json"))
        {
            throw new CommandInputException($"`--output {output}` is not an output format: use table or json");
        }

        if (resourceType is not null && (type != "resource" || !LintRequest.ResourceTypes.Contains(resourceType, StringComparer.Ordinal)))
        {
            throw new CommandInputException(type != "resource"
                ? "`--resource-type` goes with `--type resource` only"
                : $"`{resourceType}` is not a resource type ValidatePolicy knows: use {string.Join(", ", LintRequest.ResourceTypes)}");
        }

        var results = files.Select(file => (File: file, Findings: PolicyLinter.Lint(Request(Read(file), type, resourceType)))).ToList();
        if (output == "json")
        {
            WriteJson(results);
        }
        else
        {
            WriteTable(results);
        }

        return results.Any(r => r.Findings.Any(f => f.IsBlocking)) ? Failed : Passed;
    }

    private static string Read(string file)
    {
        if (!File.Exists(file))
        {
            throw new CommandInputException($"no file `{file}`");
        }

        if (new FileInfo(file).Length > 4L * 1024 * 1024)
        {
            throw new CommandInputException($"`{file}` is larger than 4 MiB; no policy is");
        }

        try
        {
            return File.ReadAllText(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CommandInputException($"cannot read `{file}`: {ex.Message}");
        }
    }

    private static LintRequest Request(string document, string type, string? resourceType) => type switch
    {
        "trust" => LintRequest.Trust(document),
        "resource" => new LintRequest(document, LintPolicyType.Resource, resourceType),
        "scp" => new LintRequest(document, LintPolicyType.ServiceControl),
        "rcp" => new LintRequest(document, LintPolicyType.ResourceControl),
        _ => new LintRequest(document, LintPolicyType.Identity),
    };

    /// <summary>One file: ValidatePolicy's response as it is. Several: <c>{"files": [{"file", "findings"}]}</c>.</summary>
    private static void WriteJson(List<(string File, IReadOnlyList<LintFinding> Findings)> results)
    {
        using var stdout = Console.OpenStandardOutput();
        using (var json = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            if (results.Count == 1)
            {
                LintFindingJson.WriteFindings(json, results[0].Findings);
            }
            else
            {
                json.WriteStartArray("files");
                foreach (var (file, findings) in results)
                {
                    json.WriteStartObject();
                    json.WriteString("file", file);
                    LintFindingJson.WriteFindings(json, findings);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        stdout.WriteByte((byte)'\n');
    }

    private static void WriteTable(List<(string File, IReadOnlyList<LintFinding> Findings)> results)
    {
        var console = LintConsole.Create();
        var all = results.SelectMany(r => r.Findings.Select(f => (r.File, Finding: f))).ToList();
        if (all.Count > 0)
        {
            var table = new Table().Border(TableBorder.Rounded)
                .AddColumn("Location").AddColumn("Type").AddColumn("Code").AddColumn("Details");
            foreach (var (file, finding) in all)
            {
                table.AddRow(
                    new Text(Where(file, finding)),
                    new Text(finding.FindingType.ToWire(), Style(finding.FindingType)),
                    new Text(finding.IssueCode),
                    new Text(finding.FindingDetails));
            }

            console.Write(table);
        }

        var counts = Enum.GetValues<FindingType>().Select(t => Count(all.Count(a => a.Finding.FindingType == t), Noun(t)));
        var fileCount = results.Count == 1 ? "1 file" : $"{results.Count} files";
        console.WriteLine(all.Count == 0 ? $"No findings in {fileCount}" : $"{Count(all.Count, "finding")} in {fileCount}: {string.Join(", ", counts)}");
    }

    /// <summary><c>file:line:column</c>, the column counted from 1 as editors do (ValidatePolicy's JSON counts from 0).</summary>
    private static string Where(string file, LintFinding finding) =>
        finding.Locations.Count == 0
            ? file
            : string.Create(CultureInfo.InvariantCulture, $"{file}:{finding.Locations[0].Span.Start.Line}:{finding.Locations[0].Span.Start.Column + 1}");

    private static Style Style(FindingType type) => type switch
    {
        FindingType.Error => new Style(Color.Red),
        FindingType.SecurityWarning => new Style(Color.Red, decoration: Decoration.Bold),
        FindingType.Warning => new Style(Color.Yellow),
        _ => new Style(Color.Blue),
    };

    private static string Noun(FindingType type) => type switch
    {
        FindingType.Error => "error",
        FindingType.SecurityWarning => "security warning",
        FindingType.Warning => "warning",
        _ => "suggestion",
    };

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count.ToString(CultureInfo.InvariantCulture)} {noun}s";
}

/// <summary>Spectre's console for lint's table: colours only on a terminal and never under NO_COLOR; wide when redirected, so lines are not wrapped.</summary>
internal static class LintConsole
{
    public static IAnsiConsole Create()
    {
        var plain = Console.IsOutputRedirected || Environment.GetEnvironmentVariable("NO_COLOR") is { Length: > 0 };
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = plain ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = plain ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Out = new AnsiConsoleOutput(Console.Out),
        });
        if (Console.IsOutputRedirected)
        {
            console.Profile.Width = 240;
        }

        return console;
    }
}
