using System.CommandLine;
using LocalIam.Cli.Commands;
using LocalIam.Server.Hosting;

namespace LocalIam.Cli.Accounts;

/// <summary>
/// How a verb reaches the account it answers about, the same for every verb: a store offline
/// (<c>--data DIR</c> or <c>--database CONNECTION</c>, as <c>serve</c> takes them), an account's
/// authorization details exported from AWS (<c>--account FILE</c>), or a running server
/// (<c>--endpoint URL</c>, signed with the credentials of the usual AWS environment variables and
/// profiles).
/// </summary>
internal sealed class AccountOptions
{
    public Option<string?> Data { get; } = new("--data") { Description = $"Data folder of a SQLite store, as `localiam serve --data` [default: {LocalIamOptions.DefaultDataFolder()}]", HelpName = "DIR" };

    public Option<string?> Database { get; } = new("--database") { Description = "PostgreSQL connection string of a store (default: LOCALIAM_DATABASE when set)", HelpName = "CONNECTION" };

    public Option<string?> AccountId { get; } = new("--account-id") { Description = "The store's account to answer about, when it has several", HelpName = "ID" };

    public Option<string?> AccountFile { get; } = new("--account") { Description = "Answer about the account in this file, as `aws iam get-account-authorization-details` prints it", HelpName = "FILE" };

    public Option<string?> Endpoint { get; } = new("--endpoint") { Description = "Ask a running LocalIam server, signing with AWS_ACCESS_KEY_ID / AWS_PROFILE credentials", HelpName = "URL" };

    public Option<string?> Profile { get; } = new("--profile") { Description = "With --endpoint: the AWS CLI profile whose credentials sign (default: AWS_PROFILE, then the default profile)", HelpName = "NAME" };

    public void AddTo(Command command)
    {
        command.Options.Add(Data);
        command.Options.Add(Database);
        command.Options.Add(AccountId);
        command.Options.Add(AccountFile);
        command.Options.Add(Endpoint);
        command.Options.Add(Profile);
    }

    /// <summary>Which of the ways the command line chose; at most one.</summary>
    public AccountTarget Target(ParseResult parse)
    {
        var endpoint = parse.GetValue(Endpoint);
        var file = parse.GetValue(AccountFile);
        var storeGiven = parse.GetValue(Data) is not null || parse.GetValue(Database) is not null;
        if ((endpoint is not null ? 1 : 0) + (file is not null ? 1 : 0) + (storeGiven ? 1 : 0) > 1)
        {
            throw new CommandInputException("give one of `--data`/`--database`, `--account` and `--endpoint`");
        }

        return new AccountTarget(parse.GetValue(Data), parse.GetValue(Database), parse.GetValue(AccountId), file, endpoint, parse.GetValue(Profile));
    }
}

/// <summary>The account a verb was pointed at.</summary>
internal sealed record AccountTarget(string? Data, string? Database, string? AccountId, string? AccountFile, string? Endpoint, string? Profile)
{
    public bool IsRemote => Endpoint is not null;
}
