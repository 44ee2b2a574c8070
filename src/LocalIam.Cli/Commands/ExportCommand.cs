using System.CommandLine;
using LocalIam.Cli.Accounts;
using LocalIam.Cli.Output;
using LocalIam.Iam.Transfer;
using LocalIam.Server.Hosting;
using LocalIam.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace LocalIam.Cli.Commands;

/// <summary>
/// <c>localiam export [--data DIR | --database CONNECTION] [--account-id ID] [--file FILE]</c>:
/// writes an account as <c>aws iam get-account-authorization-details</c> prints it, to stdout or a
/// file (written whole or not at all). Exit codes: 0 written, 2 no store or no such account, 1 anything else.
/// </summary>
internal static class ExportCommand
{

    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = $"Data folder of the SQLite store [default: {LocalIamOptions.DefaultDataFolder()}]", HelpName = "DIR" };
        var database = new Option<string?>("--database") { Description = "PostgreSQL connection string of the store (default: LOCALIAM_DATABASE when set)", HelpName = "CONNECTION" };
        var account = new Option<string?>("--account-id") { Description = "The store's account to export, when it has several", HelpName = "ID" };
        var file = new Option<string?>("--file") { Description = "Write to this file instead of stdout", HelpName = "FILE" };
        var command = new Command(
            "export",
            "Write an account's users, groups, roles and policies as `aws iam get-account-authorization-details` prints them, plus LocalIam's billing-access setting.\n"
            + "`localiam import` reads it back to the same authorization decisions.\n"
            + "Example: localiam export --data ./my-account --file account.json")
        {
            data, database, account, file,
        };
        command.SetAction((parse, cancellationToken) => Verb.RunAsync("export", async () =>
        {
            try
            {
                return await RunAsync(parse.GetValue(data), parse.GetValue(database), parse.GetValue(account), parse.GetValue(file), cancellationToken);
            }
            catch (ImportTargetException ex)
            {
                throw new CommandInputException(ex.Message);
            }
        }));
        return command;
    }

    private static async Task<int> RunAsync(string? dataOption, string? databaseOption, string? accountOption, string? path, CancellationToken cancellationToken)
    {
        var location = StoreAccounts.Locate(dataOption, databaseOption);
        var accountId = await StoreAccounts.ChooseAsync(location, accountOption, cancellationToken);
        var store = new IamStore(location);
        try
        {
            if (path is null)
            {
                await using var stdout = Console.OpenStandardOutput();
                await AuthorizationDetailsExporter.ExportAsync(store, accountId, stdout, cancellationToken);
                await stdout.WriteAsync("\n"u8.ToArray(), cancellationToken);
                return ExitCodes.Ok;
            }

            // Beside the target, then moved over it: a failed export leaves no half-written file.
            var full = Path.GetFullPath(path);
            var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
            try
            {
                AuthorizationDetailsExportResult result;
                await using (var output = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
                {
                    result = await AuthorizationDetailsExporter.ExportAsync(store, accountId, output, cancellationToken);
                    await output.WriteAsync("\n"u8.ToArray(), cancellationToken);
                }

                File.Move(temporary, full, overwrite: true);
                await Console.Out.WriteLineAsync(string.Create(
                    System.Globalization.CultureInfo.InvariantCulture,
                    $"Exported account {accountId} to {path}: {result.Users:N0} users, {result.Groups:N0} groups, {result.Roles:N0} roles, {result.Policies:N0} managed policies"));
                return ExitCodes.Ok;
            }
            finally
            {
                File.Delete(temporary);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            NpgsqlConnection.ClearAllPools();
        }
    }
}
