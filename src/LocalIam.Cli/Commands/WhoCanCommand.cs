using System.CommandLine;
using LocalIam.Cli.Accounts;
using LocalIam.Cli.Output;
using LocalIam.Iam.Analysis;
using LocalIam.Iam.Authorization;
using Spectre.Console;

namespace LocalIam.Cli.Commands;

/// <summary>
/// <c>localiam who-can ACTION [RESOURCE]</c>: every principal that may perform the action, by which
/// path, the billing-access setting taken into account. Exit 0 when an IAM user or role may, 1 when
/// only root may (or nobody), 2 for a refused command line.
/// </summary>
internal static class WhoCanCommand
{
    public static Command Create()
    {
        var action = new Argument<string>("ACTION") { Description = "The action, as service:Action (e.g. aws-portal:ViewBilling, iam:PassRole)" };
        var resource = new Argument<string>("RESOURCE") { Description = "The resource ARN it acts on", Arity = ArgumentArity.ZeroOrOne, DefaultValueFactory = _ => "*" };
        var explain = new Option<bool>("--explain") { Description = "Add each path's deciding statement and LocalIam's explanation" };
        var denied = new Option<bool>("--denied") { Description = "Also list every principal that may not, with its reason" };
        var noTrust = new Option<bool>("--no-role-trust") { Description = "Do not follow role trust: only principals allowed by their own policies" };
        var context = ContextOption.Create();
        var output = CliOutput.CreateOption();
        var accounts = new AccountOptions();
        var command = new Command(
            "who-can",
            "Every principal that can perform ACTION on RESOURCE, and through which path")
        {
            action, resource, explain, denied, noTrust, context, output,
        };
        accounts.AddTo(command);
        command.WithDetails(
            "Paths: a policy attached directly, a group, a permissions boundary, or a role that a user may assume; the account's billing-access "
            + "setting is taken into account.\nExit code: 0 when an IAM user or role can, 1 when only the root user can (or nobody), 2 when the command line is refused.",
            "localiam who-can aws-portal:ViewBilling",
            "localiam who-can iam:PassRole arn:aws:iam::123456789012:role/deploy --explain",
            "localiam who-can s3:GetObject 'arn:aws:s3:::reports/*' --context aws:MultiFactorAuthPresent=true --output json",
            "localiam who-can aws-portal:ViewBilling --endpoint http://127.0.0.1:4599");
        command.SetAction((parse, cancellationToken) => Verb.RunAsync("who-can", async () =>
        {
            var question = new AccessQuestion(Verb.CheckAction(parse.GetValue(action)!), parse.GetValue(resource)!)
            {
                Context = ContextOption.Parse(parse.GetValue(context)),
                FollowRoleTrust = !parse.GetValue(noTrust),
            };
            var target = accounts.Target(parse);
            var includeDenied = parse.GetValue(denied);

            // Asked on another core while this one readies the console and the report's serializer:
            // through a server most of a who-can is the process's first use of its own code.
            var asking = Task.Run(() => AccountQuestions.WhoCanAsync(target, question, includeDenied, cancellationToken), cancellationToken);
            var printer = CliOutput.Create(parse.GetValue(output));
            CliOutput.WarmUp(Sample);
            var report = await asking;
            if (printer.IsJson)
            {
                printer.WriteJson(report);
            }
            else
            {
                Print(printer.Console, report, parse.GetValue(explain));
            }

            return report.Principals.Any(p => p != "root") ? ExitCodes.Ok : ExitCodes.DeniedOrFailed;
        }));
        return command;
    }

    /// <summary>A report of one path, for <see cref="CliOutput.WarmUp{T}"/>.</summary>
    private static readonly WhoCanReport Sample = new(
        "111122223333", 1, "aws-portal:ViewBilling", "*", new BillingSettingFacts("setting", true, true), ["root", "user"],
        [new AccessPathReport("user", "user", "arn:aws:iam::111122223333:user/user", ["role"], "Allowed", "AllowedByIdentityPolicy", "allowed")
        {
            Policy = new PolicyReference("policy", "id", "inline", ["attached to user user"]),
            Statement = "statement 1",
            Line = 1,
        }],
        [new DenialCount("BillingAccessDisabled", 1)]);

    private static void Print(IAnsiConsole console, WhoCanReport report, bool explain)
    {
        console.MarkupLine($"Who can [bold]{Markup.Escape(report.Action)}[/] on [bold]{Markup.Escape(report.Resource)}[/] in account {report.AccountId}?");
        if (report.Billing.GatesAction)
        {
            console.MarkupLine(report.Billing.Enabled
                ? $"Billing setting \"{Markup.Escape(report.Billing.Setting)}\": [green]on[/], so policies decide for IAM users and roles."
                : $"Billing setting \"{Markup.Escape(report.Billing.Setting)}\": [red]off[/], so only the root user can, whatever IAM policies say.");
        }

        List<string> headings = ["Principal", "Type", "Through", "Policy"];
        if (explain)
        {
            headings.AddRange(["Statement", "Why"]);
        }

        var table = new TextTable([.. headings]);
        foreach (var path in report.Allowed)
        {
            List<string> row =
            [
                Verb.Printable(path.Principal),
                path.Kind,
                Through(path),
                path.Policy is { } policy ? Verb.Printable($"{policy.Name} ({policy.Kind})") : "-",
            ];
            if (explain)
            {
                row.Add(path.Statement is null ? "-" : Verb.Printable($"{path.Statement} (line {path.Line})"));
                row.Add(Verb.Printable(path.Explanation));
            }

            table.AddRow([.. row]);
        }

        table.Write(console.Profile.Out.Writer, console.Profile.Width);
        var others = report.Principals.Count(p => p != "root");
        console.MarkupLine($"{report.Principals.Count} principal(s) can ({others} IAM user(s) and role(s) besides root).");
        if (report.DeniedByReason.Count > 0)
        {
            console.WriteLine("Denied: " + string.Join(", ", report.DeniedByReason.Select(d => $"{d.Count} {Reason(d.Reason)}")));
        }

        if (report.Denied is { Count: > 0 } denied)
        {
            var refused = new TextTable("Principal", "Type", "Reason", "Why");
            foreach (var path in denied)
            {
                refused.AddRow(Verb.Printable(path.Principal), path.Kind, Reason(path.Reason), Verb.Printable(path.Explanation));
            }

            refused.Write(console.Profile.Out.Writer, console.Profile.Width);
        }
    }

    /// <summary>How the permission reaches the principal: the role chain, then the policy's paths.</summary>
    private static string Through(AccessPathReport path)
    {
        var parts = new List<string>();
        if (path.Via.Count > 0)
        {
            parts.Add("assumes " + string.Join(" -> ", path.Via));
        }

        if (path.Policy is { } policy)
        {
            parts.AddRange(policy.Paths);
        }
        else if (path.Kind == "root")
        {
            parts.Add("the account's root user");
        }

        // One line a part: the parts are escaped one by one, the line breaks between them kept.
        return parts.Count == 0 ? "-" : string.Join("\n", parts.Select(Verb.Printable));
    }

    /// <summary>A reason as a person reads it.</summary>
    public static string Reason(string reason) => reason switch
    {
        "BillingAccessDisabled" => "by the billing-access setting",
        "NoIdentityPolicyAllows" => "for want of a policy that allows it",
        "DeniedByStatement" => "by an explicit deny",
        "NoPermissionsBoundaryAllows" => "by their permissions boundary",
        "RootOnlyAction" => "because only root can",
        "FederatedUserStsLimit" => "because federated users can call only sts:GetCallerIdentity",
        "NoResourcePolicyAllows" => "for want of a resource-based policy",
        "NoSessionPolicyAllows" => "by the session policy",
        "NoServiceControlPolicyAllows" => "by a service control policy",
        _ => reason,
    };
}
