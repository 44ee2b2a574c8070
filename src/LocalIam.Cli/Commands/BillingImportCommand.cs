using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using LocalIam.Iam;
using LocalIam.Iam.Billing;
using LocalIam.Iam.Billing.Import;
using LocalIam.Cli.Accounts;
using LocalIam.Server.Hosting;
using LocalIam.Storage;
using LocalIam.Storage.Billing;
using LocalIam.Storage.Secrets;
using Microsoft.Extensions.DependencyInjection;

namespace LocalIam.Cli.Commands;

/// <summary>
/// <c>localiam billing import FILE [--data DIR | --database CONNECTION] [--account ACCOUNT_ID]</c>:
/// loads a Cost and Usage Report into an account's billing data. Exit codes: 0 imported, 2 the input
/// was refused (a malformed report, an unknown account, no store), 1 anything else.
/// </summary>
internal static class BillingImportCommand
{
    public const int Imported = 0;
    public const int Failed = 1;
    public const int InputError = 2;

    private const string CommandLine = "localiam billing import";

    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "The report: CSV, gzip-compressed CSV (.csv.gz) or Parquet, with legacy CUR or CUR 2.0 column names" };
        var data = new Option<string?>("--data") { Description = $"Data folder of the SQLite store, as `localiam serve --data` [default: {LocalIamOptions.DefaultDataFolder()}]", HelpName = "DIR" };
        var database = new Option<string?>("--database") { Description = "PostgreSQL connection string of the store (default: LOCALIAM_DATABASE when set)", HelpName = "CONNECTION" };
        var account = new Option<string?>("--account") { Description = "The account to load it into (default: the store's only account)", HelpName = "ACCOUNT_ID" };
        var command = new Command(
            "import",
            "Load a real AWS Cost and Usage Report into an account's billing data, replacing its costs, so you can explore your own costs offline.\n"
            + "The whole file is checked before anything is written; a malformed file is refused with its line and column.\n"
            + "Example: localiam billing import ~/Downloads/my-report-00001.csv.gz --data ~/.local/share/localiam")
        {
            file, data, database, account,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                return await RunAsync(parse.GetValue(file)!, parse.GetValue(data), parse.GetValue(database), parse.GetValue(account), cancellationToken);
            }
            catch (CostReportException ex)
            {
                await Console.Error.WriteLineAsync($"{CommandLine}: {ex.Message}");
                return InputError;
            }
            catch (CommandInputException ex)
            {
                await Console.Error.WriteLineAsync($"{CommandLine}: {ex.Message}");
                return InputError;
            }
            catch (OperationCanceledException)
            {
                await Console.Error.WriteLineAsync($"{CommandLine}: cancelled; nothing was imported");
                return Failed;
            }
            catch (Exception ex)
            {
                // The store or the file system failed: one line, no stack trace; the write was rolled back.
                await Console.Error.WriteLineAsync($"{CommandLine}: the import failed and nothing was imported: {ex.Message}");
                return Failed;
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(string path, string? dataOption, string? databaseOption, string? accountOption, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new CommandInputException($"no file `{path}`");
        }

        var location = StoreAccounts.Locate(dataOption, databaseOption);
        var accountId = await StoreAccounts.ChooseAsync(location, accountOption, cancellationToken);
        var iam = new IamStore(location);

        // The import encrypts and decrypts nothing: a throwaway key completes the core's services.
        await using var services = new ServiceCollection()
            .AddLocalIamCore(iam, new SecretProtector(RandomNumberGenerator.GetBytes(32)), TimeProvider.System)
            .BuildServiceProvider();
        var billing = services.GetRequiredService<BillingStore>();
        await billing.MigrateAsync(cancellationToken);
        var importer = new CostReportImporter(billing, services.GetRequiredService<BillingData>(), TimeProvider.System);

        var result = await ImportProgress.RunAsync(path, progress => importer.ImportAsync(path, accountId, progress, cancellationToken));
        await Console.Out.WriteLineAsync(Summary(result, accountId));
        return Imported;
    }

    private static string Summary(CostImportResult result, string accountId)
    {
        var c = CultureInfo.InvariantCulture;
        var lines = new List<string>
        {
            $"Imported {result.FileName} ({result.Format}) into account {accountId}",
            $"  line items read  {result.Lines.ToString("N0", c)}",
            $"  days             {result.Days.ToString("N0", c)} ({result.FirstDay.ToString("yyyy-MM-dd", c)} to {result.LastDay.ToString("yyyy-MM-dd", c)})",
            $"  cost rows        {result.Rows.ToString("N0", c)}",
            $"  unblended cost   {result.UnblendedCost.ToString("N2", c)} USD",
        };
        if (result.NewTagKeys.Count > 0)
        {
            lines.Add($"  new tag keys     {string.Join(", ", result.NewTagKeys)} (inactive until activated on the Cost allocation tags page)");
        }

        return string.Join(Environment.NewLine, lines);
    }
}

/// <summary>The command line asked for something that is not there; the message says what, in one line.</summary>
internal sealed class CommandInputException(string message) : Exception(message);
