using System.CommandLine;
using System.Globalization;
using LocalIam.Cli.Output;
using LocalIam.Iam.Transfer;
using LocalIam.Server.Hosting;
using LocalIam.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace LocalIam.Cli.Commands;

/// <summary>
/// <c>localiam import FILE [--data DIR | --database CONNECTION] [--replace] [--skip-unknown-aws-policies]</c>:
/// loads the output of <c>aws iam get-account-authorization-details</c> into a store, for the file's
/// own account. A data folder without a store gets a new one, as <c>serve</c> would make it. Exit
/// codes: 0 imported, 2 the input was refused (a malformed file, another account, a store that
/// already has identities), 1 anything else. See docs/import-export.md.
/// </summary>
internal static class ImportCommand
{
    private const string CommandLine = "localiam import";

    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "The JSON that `aws iam get-account-authorization-details` prints (or `localiam export` writes)" };
        var data = new Option<string?>("--data") { Description = $"Data folder of the SQLite store, made there if it has none [default: {LocalIamOptions.DefaultDataFolder()}]", HelpName = "DIR" };
        var database = new Option<string?>("--database") { Description = "PostgreSQL connection string of the store (default: LOCALIAM_DATABASE when set)", HelpName = "CONNECTION" };
        var replace = new Option<bool>("--replace") { Description = "Replace the account's users, groups, roles and customer managed policies (else an account that has any is refused)" };
        var skipUnknown = new Option<bool>("--skip-unknown-aws-policies") { Description = "Leave out, with a warning, attachments of AWS managed policies newer than LocalIam's catalogue (else the file is refused)" };
        var command = new Command(
            "import",
            "Load a real account's users, groups, roles and policies, as `aws iam get-account-authorization-details` prints them, so you can ask who-can and explain questions offline.\n"
            + "The store is for the file's own account, so ARNs stay as in AWS. A malformed file is refused with the JSON path of the bad element, and nothing is written.\n"
            + "Example: aws iam get-account-authorization-details > account.json && localiam import account.json --data ./my-account")
        {
            file, data, database, replace, skipUnknown,
        };
        command.SetAction((parse, cancellationToken) => Verb.RunAsync("import", async () =>
        {
            var options = new AuthorizationDetailsImportOptions { Replace = parse.GetValue(replace), SkipUnknownAwsPolicies = parse.GetValue(skipUnknown) };
            try
            {
                return await RunAsync(parse.GetValue(file)!, parse.GetValue(data), parse.GetValue(database), options, cancellationToken);
            }
            catch (AuthorizationDetailsException ex)
            {
                throw new CommandInputException($"`{Path.GetFileName(parse.GetValue(file))}` {ex.Message}");
            }
            catch (ImportTargetException ex)
            {
                throw new CommandInputException(ex.Message);
            }
        }, untouched: "nothing was imported"));
        return command;
    }

    private static async Task<int> RunAsync(string path, string? dataOption, string? databaseOption, AuthorizationDetailsImportOptions options, CancellationToken cancellationToken)
    {
        var (location, folder) = TransferStores.Locate(dataOption, databaseOption);
        if (!File.Exists(path))
        {
            throw new CommandInputException($"no file `{path}`");
        }

        string? fileAccount;
        await using (var peek = File.OpenRead(path))
        {
            fileAccount = await AuthorizationDetailsImporter.PeekAccountIdAsync(peek, cancellationToken);
        }

        var created = false;
        HashSet<string>? filesBefore = null;
        if (folder is not null && !TransferStores.SqliteExists(folder))
        {
            filesBefore = Directory.Exists(folder) ? [.. Directory.EnumerateFileSystemEntries(folder)] : null;
            var account = fileAccount ?? throw new CommandInputException($"`{Path.GetFileName(path)}` holds no user, group, role or customer managed policy, so it names no account: there is nothing to make a store for");
            await CreateStoreAsync(folder, account, cancellationToken);
            created = true;
        }

        var accounts = await TransferStores.AccountIdsAsync(location, cancellationToken);
        var accountId = fileAccount ?? (accounts.Count == 1 ? accounts[0] : throw new CommandInputException("the file names no account and the store has none or several"));
        if (!accounts.Contains(accountId, StringComparer.Ordinal))
        {
            throw new CommandInputException(accounts.Count == 0
                ? $"the store `{location}` has no account yet: start `LOCALIAM_ACCOUNT_ID={accountId} localiam serve` on it once, or import into a new data folder with `--data DIR`"
                : $"the store `{location}` is for account {string.Join(", ", accounts)}, and `{Path.GetFileName(path)}` is account {accountId}: import into a new data folder with `--data DIR`");
        }

        var store = new IamStore(location);
        if (!created)
        {
            // An older store is brought up to date first, as serve would (a new one already is).
            await store.MigrateAsync(cancellationToken);
        }

        AuthorizationDetailsImportResult result;
        try
        {
            result = await AuthorizationImportProgress.RunAsync(path, async progress =>
            {
                await using var json = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous);
                return await AuthorizationDetailsImporter.ImportAsync(store, accountId, json, options, progress, cancellationToken);
            });
        }
        catch when (created)
        {
            // A store made for this import and refused: leave the folder as it was found.
            SqliteConnection.ClearAllPools();
            DeleteNewStore(folder!, filesBefore);
            throw;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            NpgsqlConnection.ClearAllPools();
        }

        foreach (var warning in result.Warnings)
        {
            await Console.Error.WriteLineAsync($"{CommandLine}: warning: {warning}");
        }

        await Console.Out.WriteLineAsync(Summary(result, path, location, created ? folder : null));
        return ExitCodes.Ok;
    }

    /// <summary>A new store as <c>serve</c> makes it on first start, for the file's account: credentials.json, secret.key, the schema, root.</summary>
    private static async Task CreateStoreAsync(string folder, string accountId, CancellationToken cancellationToken)
    {
        if (TransferStores.SavedAccountId(folder) is { } saved && saved != accountId)
        {
            throw new CommandInputException($"`{folder}` was made for account {saved} (its credentials.json), and the file is account {accountId}: import into a new data folder");
        }

        string? Environment(string name) => name == "LOCALIAM_ACCOUNT_ID" ? accountId : System.Environment.GetEnvironmentVariable(name);
        var app = LocalIamApp.Build(new LocalIamOptions { Urls = "http://127.0.0.1:0", DataFolder = folder, SecretKey = System.Environment.GetEnvironmentVariable("LOCALIAM_SECRET_KEY") }, Environment, TextWriter.Null);
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            await LocalIamApp.StartAsync(app);
        }
        finally
        {
            await app.DisposeAsync();
            SqliteConnection.ClearAllPools();
        }
    }

    /// <summary>Deletes what making the store added, and the folder when it did not exist before.</summary>
    private static void DeleteNewStore(string folder, HashSet<string>? before)
    {
        foreach (var entry in Directory.EnumerateFiles(folder).Where(f => before is null || !before.Contains(f)).ToList())
        {
            File.Delete(entry);
        }

        if (before is null && !Directory.EnumerateFileSystemEntries(folder).Any())
        {
            Directory.Delete(folder);
        }
    }

    private static string Summary(AuthorizationDetailsImportResult result, string path, StoreLocation location, string? newFolder)
    {
        var c = CultureInfo.InvariantCulture;
        string N(int n) => n.ToString("N0", c);
        var lines = new List<string>
        {
            $"Imported {Path.GetFileName(path)} into account {result.AccountId} ({location})" + (result.Replaced ? ", replacing its identities" : string.Empty),
            $"  users                     {N(result.Users)}",
            $"  groups                    {N(result.Groups)} ({N(result.Memberships)} memberships)",
            $"  roles                     {N(result.Roles)} ({N(result.InstanceProfiles)} instance profiles)",
            $"  customer managed policies {N(result.CustomerPolicies)} ({N(result.PolicyVersions)} versions)",
            $"  AWS managed policies used {N(result.AwsPoliciesUsed)}",
            $"  attachments               {N(result.Attachments)}",
            $"  inline policies           {N(result.InlinePolicies)}",
            $"  tags                      {N(result.Tags)}",
            $"  billing access for IAM    {(result.BillingAccessEnabled ? "on" : "off")}",
        };
        if (newFolder is not null)
        {
            lines.Add($"A new store was made in {newFolder}; root's generated credentials are in {Path.Combine(newFolder, "credentials.json")} (readable only by you)");
        }

        return string.Join(Environment.NewLine, lines);
    }
}
