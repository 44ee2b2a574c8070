using System.CommandLine;
using LocalIam.Cli.Accounts;
using LocalIam.Cli.Output;
using LocalIam.Iam.Analysis;
using Spectre.Console;

namespace LocalIam.Cli.Commands;

/// <summary>
/// <c>localiam explain PRINCIPAL ACTION [RESOURCE]</c>: the decision, every statement that mattered
/// with its policy's lines, the billing gate when it decided, and the single changes that would
/// flip it. Exit 0 allowed, 1 denied, 2 for a refused command line.
/// </summary>
internal static class ExplainCommand
{
    public static Command Create()
    {
        var principal = new Argument<string>("PRINCIPAL") { Description = "root, a user's name, role/NAME, or the ARN of a user or role" };
        var action = new Argument<string>("ACTION") { Description = "The action, as service:Action" };
        var resource = new Argument<string>("RESOURCE") { Description = "The resource ARN it acts on", Arity = ArgumentArity.ZeroOrOne, DefaultValueFactory = _ => "*" };
        var viaConsole = new Option<bool>("--console") { Description = "Ask as the Billing and Cost Management console would (the billing setting then gates Cost Explorer's and Budgets' pages too)" };
        var context = ContextOption.Create();
        var output = CliOutput.CreateOption();
        var accounts = new AccountOptions();
        var command = new Command(
            "explain",
            "Why PRINCIPAL may or may not perform ACTION on RESOURCE, and what single change would flip it")
        {
            principal, action, resource, viaConsole, context, output,
        };
        accounts.AddTo(command);
        command.WithDetails(
            "Prints the decision, every statement that mattered with its policy name, how the policy is attached (directly, through which group, as a "
            + "boundary), the policy's lines with the statement marked, the billing setting when it decided, and the single changes that would flip "
            + "the decision with who may make each.\nExit code: 0 allowed, 1 denied, 2 when the command line is refused.",
            "localiam explain admin aws-portal:ViewBilling",
            "localiam explain gexter1 billing:GetBillingData --output json",
            "localiam explain role/deploy s3:PutObject 'arn:aws:s3:::artifacts/app.zip' --context aws:SourceIp=10.0.0.5");
        command.SetAction((parse, cancellationToken) => Verb.RunAsync("explain", async () =>
        {
            var question = new ExplainQuestion(parse.GetValue(principal)!, Verb.CheckAction(parse.GetValue(action)!), parse.GetValue(resource)!)
            {
                Context = ContextOption.Parse(parse.GetValue(context)),
                ViaBillingConsole = parse.GetValue(viaConsole),
            };
            var report = await AccountQuestions.ExplainAsync(accounts.Target(parse), question, cancellationToken);
            var printer = CliOutput.Create(parse.GetValue(output));
            if (printer.IsJson)
            {
                printer.WriteJson(report);
            }
            else
            {
                ExplainPrinter.Print(printer.Console, report);
            }

            return report.Decision == "Allowed" ? ExitCodes.Ok : ExitCodes.DeniedOrFailed;
        }));
        return command;
    }
}

/// <summary>An explanation for people: the decision, the statements with their lines, the changes that flip it.</summary>
internal static class ExplainPrinter
{
    public static void Print(IAnsiConsole console, ExplainReport report)
    {
        var colour = report.Decision == "Allowed" ? "green" : "red";
        console.MarkupLine($"[bold {colour}]{Markup.Escape(report.Decision)}[/]: {Markup.Escape(report.Principal.Kind)} {Markup.Escape(report.Principal.Name)} "
            + $"{Markup.Escape(report.Action)} on {Markup.Escape(report.Resource)}");
        console.WriteLine(report.Message);
        console.MarkupLine($"[bold]Why:[/] {Markup.Escape(report.Explanation)}");
        if (report.Billing.GatesAction)
        {
            var state = report.Billing.Enabled ? "on" : "off";
            console.MarkupLine(report.BillingSettingDecided
                ? $"[bold]Billing setting:[/] \"{Markup.Escape(report.Billing.Setting)}\" is {state}; it decided, and only the root user can change it."
                : $"[bold]Billing setting:[/] \"{Markup.Escape(report.Billing.Setting)}\" is {state}; it gates this action, policies decided.");
        }

        foreach (var statement in report.Statements)
        {
            console.WriteLine();
            var paths = statement.Policy.Paths.Count > 0 ? string.Join("; ", statement.Policy.Paths) : statement.Policy.Kind;
            console.MarkupLine($"[bold]{Markup.Escape(statement.Policy.Name)}[/] ({Markup.Escape(statement.Policy.Kind)}; {Markup.Escape(paths)})");
            console.MarkupLine($"  {Markup.Escape(statement.Statement)}, {statement.Effect}, lines {statement.StartLine}-{statement.EndLine}: [italic]{Markup.Escape(statement.Role)}[/]");
            if (statement.FailedCondition is { } failed)
            {
                var had = failed.RequestValues is { } values ? string.Join(", ", values) : "(not in the request)";
                console.WriteLine($"  condition {failed.Operator} {failed.Key} = {string.Join(", ", failed.PolicyValues)}; the request has {had}");
            }

            foreach (var line in statement.Lines)
            {
                var number = line.Number > 0 ? line.Number.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(5) : "     ";
                var text = Markup.Escape($"{(line.InStatement ? ">" : " ")}{number} | {line.Text}");
                console.MarkupLine(line.InStatement ? $"[yellow]{text}[/]" : text);
            }
        }

        console.WriteLine();
        if (report.Flips.Count == 0)
        {
            console.WriteLine(report.Principal.Kind == "root"
                ? "No change in the account flips it: no IAM policy applies to the root user."
                : "No single change in the account flips it.");
        }
        else
        {
            console.MarkupLine("[bold]What would flip it:[/]");
            foreach (var flip in report.Flips)
            {
                var whoMay = flip.WhoMay.Count > 0 ? $" (who may: {string.Join(", ", flip.WhoMay)})" : string.Empty;
                var alone = flip.Alone ? string.Empty : " [not enough on its own]";
                console.WriteLine($"  - {flip.Change}{whoMay}{alone}");
            }
        }

        if (report.MissingContextKeys.Count > 0)
        {
            console.WriteLine($"Condition keys the policies read that the request lacks: {string.Join(", ", report.MissingContextKeys)}");
        }
    }
}
