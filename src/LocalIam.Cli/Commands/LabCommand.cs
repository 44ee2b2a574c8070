using System.CommandLine;
using LocalIam.Cli.Labs;
using LocalIam.Cli.Output;
using Spectre.Console;

namespace LocalIam.Cli.Commands;

/// <summary>
/// <c>localiam lab list | run NAME|FILE [--endpoint URL] | new [FILE]</c>. A lab run exits 0 when
/// every step met its expectation, 1 when one did not, 2 when the lab file is refused.
/// </summary>
internal static class LabCommand
{
    public static Command Create() => new("lab", "Labs: scenarios played step by step against LocalIam, each step checked")
    {
        List(),
        Run(),
        New(),
    };

    private static Command List()
    {
        var output = CliOutput.CreateOption();
        var command = new Command("list", "The labs shipped with LocalIam") { output };
        command.WithExamples("localiam lab list", "localiam lab list --output json");
        command.SetAction(parse => Verb.RunAsync("lab list", () =>
        {
            var printer = CliOutput.Create(parse.GetValue(output));
            var labs = LabReader.ShippedNames().Select(LabReader.Load).ToList();
            if (printer.IsJson)
            {
                printer.WriteJson(labs.Select(l => new { l.Name, l.Title, Steps = l.Steps.Count, l.Description }));
            }
            else
            {
                var table = new Table().Border(TableBorder.Rounded).AddColumns("Name", "Steps", "Title");
                foreach (var lab in labs)
                {
                    table.AddRow(Markup.Escape(lab.Name), lab.Steps.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(lab.Title));
                }

                printer.Console.Write(table);
                printer.Console.WriteLine("Run one with: localiam lab run NAME");
            }

            return Task.FromResult(ExitCodes.Ok);
        }).GetAwaiter().GetResult());
        return command;
    }

    private static Command Run()
    {
        var lab = new Argument<string>("LAB") { Description = "A shipped lab's name (see `localiam lab list`) or a lab file" };
        var endpoint = new Option<string?>("--endpoint") { Description = "Play it against a running server (root's keys from AWS_ACCESS_KEY_ID / --profile) instead of a fresh LocalIam in this process", HelpName = "URL" };
        var profile = new Option<string?>("--profile") { Description = "With --endpoint: the AWS CLI profile that holds the root user's keys", HelpName = "NAME" };
        var output = CliOutput.CreateOption();
        var command = new Command(
            "run",
            "Play a lab step by step and check each step")
        {
            lab, endpoint, profile, output,
        };
        command.WithDetails(
            "Each step runs as its actor (root, an IAM user, or a saved role session) and prints its outcome and the reason, checked against what "
            + "the lab expects. By default against a fresh LocalIam started in this process and removed afterwards.\n"
            + "Exit code: 0 every step passed, 1 a step failed, 2 the lab file is refused.",
            "localiam lab run billing-access",
            "localiam lab run ./my-lab.yaml --output json",
            "localiam lab run permissions-boundary --endpoint http://127.0.0.1:4599");
        command.SetAction((parse, cancellationToken) => Verb.RunAsync("lab run", async () =>
        {
            var loaded = LabReader.Load(parse.GetValue(lab)!);
            var printer = CliOutput.Create(parse.GetValue(output));
            await using var account = parse.GetValue(endpoint) is { } url
                ? await LabAccount.ConnectAsync(url, parse.GetValue(profile), cancellationToken)
                : await LabAccount.StartAsync(cancellationToken);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
            var runner = new LabRunner(account, http);
            if (!printer.IsJson)
            {
                printer.Console.MarkupLine($"[bold]{Markup.Escape(loaded.Title)}[/] ({Markup.Escape(loaded.Name)}, {loaded.Steps.Count} steps)");
                printer.Console.WriteLine(account.InProcess ? $"A fresh LocalIam account {account.AccountId}, in this process." : $"Account {account.AccountId} at {account.Endpoint}.");
            }

            var results = new List<StepResult>();
            try
            {
                foreach (var step in loaded.Steps)
                {
                    var result = await runner.RunAsync(step, cancellationToken);
                    results.Add(result);
                    if (!printer.IsJson)
                    {
                        PrintStep(printer, result);
                    }
                }
            }
            finally
            {
                runner.Close();
            }

            var failed = results.Count(r => !r.Passed);
            if (printer.IsJson)
            {
                printer.WriteJson(new
                {
                    Lab = loaded.Name,
                    loaded.Title,
                    Account = account.AccountId,
                    Passed = results.Count - failed,
                    Failed = failed,
                    Steps = results.Select(r => new { r.Step.Number, r.Step.Title, r.Step.Actor, Kind = r.Step.Kind.ToString(), r.Passed, r.Outcome, r.Detail, r.Failure }),
                });
            }
            else
            {
                printer.Console.WriteLine();
                printer.Console.MarkupLine(failed == 0
                    ? $"[green]{results.Count} passed, 0 failed[/]: the lab behaves as it says."
                    : $"[red]{results.Count - failed} passed, {failed} failed[/]");
            }

            return failed == 0 ? ExitCodes.Ok : ExitCodes.DeniedOrFailed;
        }));
        return command;
    }

    private static void PrintStep(CliOutput printer, StepResult result)
    {
        var step = result.Step;
        var mark = result.Passed ? "[green]PASS[/]" : "[red]FAIL[/]";
        var what = step.Kind switch
        {
            LabStepKind.Call => $"{step.Actor}: {step.Operation}",
            LabStepKind.Console => $"{step.Actor}: console {step.Page}",
            LabStepKind.WhoCan => $"who can {step.Action}?",
            _ => $"explain {step.Principal} {step.Action}",
        };
        printer.Console.WriteLine();
        printer.Console.MarkupLine($"{mark} {step.Number}. {Markup.Escape(step.Title)}");
        if (step.Note is { } note)
        {
            printer.Console.MarkupLine($"     [dim]{Markup.Escape(note.Trim())}[/]");
        }

        printer.Console.WriteLine($"     {what} -> {result.Outcome}");
        if (result.Detail.Length > 0)
        {
            printer.Console.WriteLine($"     {result.Detail}");
        }

        if (result.Failure is { } failure)
        {
            printer.Console.MarkupLine($"     [red]{Markup.Escape(failure)}[/] (line {step.Line} of the lab)");
        }
    }

    private static Command New()
    {
        var file = new Argument<string>("FILE") { Description = "Where to write the template", Arity = ArgumentArity.ZeroOrOne, DefaultValueFactory = _ => "my-lab.yaml" };
        var command = new Command("new", "Write a commented lab template to FILE (never over an existing file)") { file };
        command.WithExamples("localiam lab new my-lab.yaml && localiam lab run my-lab.yaml");
        command.SetAction(parse => Verb.RunAsync("lab new", () =>
        {
            var path = parse.GetValue(file)!;
            if (File.Exists(path))
            {
                throw new CommandInputException($"`{path}` exists: give another file name");
            }

            File.WriteAllText(path, LabReader.Template());
            Console.Out.WriteLine($"Wrote {path}: edit its steps, then run it with `localiam lab run {path}`");
            return Task.FromResult(ExitCodes.Ok);
        }).GetAwaiter().GetResult());
        return command;
    }
}
