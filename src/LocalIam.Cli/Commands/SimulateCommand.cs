using System.CommandLine;
using LocalIam.Cli.Accounts;
using LocalIam.Cli.Output;
using LocalIam.Iam.Analysis;
using Spectre.Console;

namespace LocalIam.Cli.Commands;

/// <summary>
/// <c>localiam simulate PRINCIPAL ACTION... [--resource ARN]...</c>: the decision for every action on
/// every resource, as AWS's policy simulator lays it out, but with what LocalIam enforces (the
/// billing setting included). Exit 0 when every pair is allowed, 1 when one is not, 2 for a refused command line.
/// </summary>
internal static class SimulateCommand
{
    /// <summary>Pairs asked at most: beyond, one explain per pair would keep a server busy for nothing.</summary>
    private const int MaxPairs = 200;

    public static Command Create()
    {
        var principal = new Argument<string>("PRINCIPAL") { Description = "root, a user's name, role/NAME, or the ARN of a user or role" };
        var actions = new Argument<string[]>("ACTION") { Description = "One or more actions, as service:Action", Arity = ArgumentArity.OneOrMore };
        var resources = new Option<string[]>("--resource", "-r") { Description = "A resource ARN (repeat it); default *", HelpName = "ARN" };
        var context = ContextOption.Create();
        var output = CliOutput.CreateOption();
        var accounts = new AccountOptions();
        var command = new Command("simulate", "The decision for each ACTION on each resource for PRINCIPAL, with the deciding policy")
        {
            principal, actions, resources, context, output,
        };
        accounts.AddTo(command);
        command.WithDetails(
            "Like AWS's policy simulator on the principal's own policies, but the answer is what LocalIam enforces: the billing setting and "
            + $"root-only actions included. At most {MaxPairs} action and resource pairs. Use `localiam explain` for one pair in depth.\n"
            + "Exit code: 0 every pair allowed, 1 one is not, 2 when the command line is refused.",
            "localiam simulate admin aws-portal:ViewBilling billing:GetBillingData iam:CreateUser",
            "localiam simulate role/deploy s3:GetObject s3:PutObject -r 'arn:aws:s3:::artifacts/*' --output json");
        command.SetAction((parse, cancellationToken) => Verb.RunAsync("simulate", async () =>
        {
            var names = parse.GetValue(actions)!.Select(Verb.CheckAction).ToList();
            var arns = parse.GetValue(resources) is { Length: > 0 } given ? given : ["*"];
            if (names.Count * arns.Length > MaxPairs)
            {
                throw new CommandInputException($"{names.Count * arns.Length} action and resource pairs: ask at most {MaxPairs} at once");
            }

            var target = accounts.Target(parse);
            var keys = ContextOption.Parse(parse.GetValue(context));
            var questions = names.SelectMany(action => arns.Select(arn => new ExplainQuestion(parse.GetValue(principal)!, action, arn) { Context = keys })).ToList();
            var results = await AccountQuestions.ExplainAllAsync(target, questions, cancellationToken);

            var printer = CliOutput.Create(parse.GetValue(output));
            if (printer.IsJson)
            {
                printer.WriteJson(results.Select(r => new
                {
                    r.Action,
                    r.Resource,
                    r.Decision,
                    r.Reason,
                    DecidingPolicy = r.Statements.FirstOrDefault(s => s.Role.StartsWith("decided", StringComparison.Ordinal))?.Policy.Name,
                    r.Explanation,
                }));
            }
            else
            {
                var table = new Table().Border(TableBorder.Rounded).AddColumns("Action", "Resource", "Decision", "Why");
                foreach (var r in results)
                {
                    var colour = r.Decision == "Allowed" ? "green" : "red";
                    table.AddRow(Markup.Escape(r.Action), Markup.Escape(r.Resource), $"[{colour}]{Markup.Escape(r.Decision)}[/]", Markup.Escape(r.Explanation));
                }

                printer.Console.MarkupLine($"Simulated for {Markup.Escape(results[0].Principal.Kind)} {Markup.Escape(results[0].Principal.Name)} in account {results[0].AccountId}:");
                printer.Console.Write(table);
            }

            return results.All(r => r.Decision == "Allowed") ? ExitCodes.Ok : ExitCodes.DeniedOrFailed;
        }));
        return command;
    }
}
