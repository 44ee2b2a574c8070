using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using LocalIam.Cli.Accounts;
using LocalIam.Cli.Output;
using LocalIam.Iam.Linting;
using LocalIam.Policy.Linting;
using Spectre.Console;

namespace LocalIam.Cli.Commands;

/// <summary>
/// <c>localiam lint FILE... [--type identity|resource|trust|scp|rcp] [--resource-type TYPE] [--output table|json]</c>:
/// IAM Access Analyzer's policy validation offline, the engine behind LocalIam's ValidatePolicy;
/// with <c>--account-checks [--data DIR | --database CONNECTION] [--account-id ID]</c> also LocalIam's
/// own checks of a store's account (<see cref="AccountLint"/>).
/// Exit codes: 0 no ERROR or SECURITY_WARNING finding, 1 at least one, 2 a usage or input error.
/// </summary>
internal static class LintCommand
{
    private const string VerbName = "lint";

    private static readonly string[] Types = ["identity", "resource", "trust", "scp", "rcp"];

    public static Command Create()
    {
        var files = new Argument<string[]>("FILE") { Description = "Policy documents (JSON) to check", Arity = ArgumentArity.ZeroOrMore };
        var type = new Option<string>("--type") { Description = "identity (default), resource, trust (a role's trust policy), scp or rcp", HelpName = "TYPE", DefaultValueFactory = _ => "identity" };
        var resourceType = new Option<string?>("--resource-type") { Description = $"For resource policies: {string.Join(", ", LintRequest.ResourceTypes)}", HelpName = "TYPE" };
        var output = CliOutput.CreateOption();
        var accountChecks = new Option<bool>("--account-checks") { Description = "Also check an account: AdministratorAccess attached to a user instead of an admin group (LOCALIAM_ADMIN_ACCESS_ON_USER)" };
        var accounts = new AccountOptions();
        var command = new Command("lint", "Check IAM policies as IAM Access Analyzer's policy validation does")
        {
            files, type, resourceType, output, accountChecks,
        };
        accounts.AddTo(command);
        command.WithDetails(
            "Findings are errors, security warnings, warnings and suggestions with AWS's issue codes, each at its line and column.\n"
            + "Exit code: 0 when no ERROR or SECURITY_WARNING finding, 1 when there is one, 2 when the command line or a file is refused.",
            "localiam lint policy.json",
            "localiam lint --type trust trust-policy.json --output json",
            "localiam lint --type resource --resource-type AWS::S3::Bucket bucket-policy.json",
            "localiam lint --account-checks --data ~/.local/share/localiam");
        command.SetAction((parse, cancellationToken) => Verb.RunAsync(VerbName, async () =>
        {
            var target = parse.GetValue(accountChecks) ? accounts.Target(parse) : null;
            return await RunAsync(parse.GetValue(files) ?? [], parse.GetValue(type)!, parse.GetValue(resourceType), CliOutput.Create(parse.GetValue(output)), target, cancellationToken);
        }));
        return command;
    }

    private static async Task<int> RunAsync(string[] files, string type, string? resourceType, CliOutput output, AccountTarget? target, CancellationToken cancellationToken)
    {
        if (files.Length == 0 && target is null)
        {
            throw new CommandInputException("give at least one policy file, as in `localiam lint policy.json`, or `--account-checks`");
        }

        if (target is { IsRemote: true })
        {
            throw new CommandInputException("`--account-checks` reads a store (`--data` or `--database`), not a server");
        }

        if (!Types.Contains(type, StringComparer.Ordinal))
        {
            throw new CommandInputException($"`--type {type}` is not a policy type: use {string.Join(", ", Types)}");
        }

        if (resourceType is not null && (type != "resource" || !LintRequest.ResourceTypes.Contains(resourceType, StringComparer.Ordinal)))
        {
            throw new CommandInputException(type != "resource"
                ? "`--resource-type` goes with `--type resource` only"
                : $"`{resourceType}` is not a resource type ValidatePolicy knows: use {string.Join(", ", LintRequest.ResourceTypes)}");
        }

        var results = files.Select(file => (File: file, Findings: PolicyLinter.Lint(Request(Read(file), type, resourceType)))).ToList();
        var accountFindings = target is null ? null : await AccountFindingsAsync(target, cancellationToken);
        if (output.IsJson)
        {
            WriteJson(output, results, accountFindings);
        }
        else
        {
            WriteTable(output.Console, results, accountFindings);
        }

        return results.Any(r => r.Findings.Any(f => f.IsBlocking))
            || accountFindings?.Any(f => f.FindingType is FindingType.Error or FindingType.SecurityWarning) == true ? ExitCodes.DeniedOrFailed : ExitCodes.Ok;
    }

    /// <summary>The account's snapshot from its store, and LocalIam's account checks over it.</summary>
    private static async Task<IReadOnlyList<AccountFinding>> AccountFindingsAsync(AccountTarget target, CancellationToken cancellationToken)
    {
        await using var account = await LocalAccount.OpenAsync(target, cancellationToken);
        return AccountLint.Check(await account.SnapshotAsync(cancellationToken));
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
    private static void WriteJson(CliOutput output, List<(string File, IReadOnlyList<LintFinding> Findings)> results, IReadOnlyList<AccountFinding>? accountFindings)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            if (results.Count == 1)
            {
                LintFindingJson.WriteFindings(json, results[0].Findings);
            }
            else if (results.Count > 1)
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

            if (accountFindings is not null)
            {
                WriteAccountFindings(json, accountFindings);
            }

            json.WriteEndObject();
        }

        output.Console.Profile.Out.Writer.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    /// <summary><c>accountFindings</c>: ValidatePolicy's finding members, with the principal and policy in place of locations.</summary>
    private static void WriteAccountFindings(Utf8JsonWriter json, IReadOnlyList<AccountFinding> findings)
    {
        json.WriteStartArray("accountFindings");
        foreach (var finding in findings)
        {
            json.WriteStartObject();
            json.WriteString("findingDetails", finding.FindingDetails);
            json.WriteString("findingType", finding.FindingType.ToWire());
            json.WriteString("issueCode", finding.IssueCode);
            json.WriteString("learnMoreLink", finding.LearnMoreLink);
            json.WriteString("principalArn", finding.PrincipalArn);
            json.WriteString("policy", finding.Policy);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteTable(IAnsiConsole console, List<(string File, IReadOnlyList<LintFinding> Findings)> results, IReadOnlyList<AccountFinding>? accountFindings)
    {
        var all = results.SelectMany(r => r.Findings.Select(f => (Where: Where(r.File, f), f.FindingType, f.IssueCode, f.FindingDetails)))
            .Concat(accountFindings?.Select(f => (Where: f.PrincipalArn, f.FindingType, f.IssueCode, f.FindingDetails)) ?? [])
            .ToList();
        if (all.Count > 0)
        {
            var table = new Table().Border(TableBorder.Rounded)
                .AddColumn("Location").AddColumn("Type").AddColumn("Code").AddColumn("Details");
            foreach (var (where, findingType, issueCode, details) in all)
            {
                table.AddRow(new Text(where), new Text(findingType.ToWire(), Style(findingType)), new Text(issueCode), new Text(details));
            }

            console.Write(table);
        }

        var counts = Enum.GetValues<FindingType>().Select(t => Count(all.Count(a => a.FindingType == t), Noun(t)));
        var fileCount = (results.Count == 1 ? "1 file" : $"{results.Count} files") + (accountFindings is null ? string.Empty : " and the account");
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
