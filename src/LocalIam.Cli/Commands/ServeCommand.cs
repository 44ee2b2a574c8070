using System.CommandLine;
using LocalIam.Server.Hosting;
using Microsoft.Extensions.Hosting;

namespace LocalIam.Cli.Commands;

/// <summary><c>localiam serve [--urls URL] [--data DIR] [--database CONNSTRING] [--enable-reset] [--encode-denials]</c>.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "Where to listen", DefaultValueFactory = _ => LocalIamOptions.DefaultUrls };
        var data = new Option<string>("--data") { Description = "Data folder (SQLite store, secret key, generated credentials)", DefaultValueFactory = _ => LocalIamOptions.DefaultDataFolder() };
        var database = new Option<string?>("--database") { Description = "PostgreSQL connection string; the store is there instead of SQLite" };
        var enableReset = new Option<bool>("--enable-reset") { Description = "Serve POST /_localiam/reset, which wipes the store back to its first state (for test suites)" };
        var encodeDenials = new Option<bool>("--encode-denials")
        {
            Description = "Add an encoded authorization failure message to every AccessDenied, for `aws sts decode-authorization-message`",
        };
        var command = new Command("serve", "Run LocalIam's AWS endpoint (IAM, STS, billing setting)") { urls, data, database, enableReset, encodeDenials };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new LocalIamOptions
            {
                Urls = parse.GetValue(urls)!,
                DataFolder = Path.GetFullPath(parse.GetValue(data)!),
                Database = parse.GetValue(database) ?? Environment.GetEnvironmentVariable("LOCALIAM_DATABASE"),
                SecretKey = Environment.GetEnvironmentVariable("LOCALIAM_SECRET_KEY"),
                EnableReset = parse.GetValue(enableReset),
                EncodeDenials = parse.GetValue(encodeDenials),
            };
            try
            {
                var app = LocalIamApp.Build(options, Environment.GetEnvironmentVariable, Console.Out);
                await LocalIamApp.StartAsync(app);
                await app.StartAsync(cancellationToken);
                await app.WaitForShutdownAsync(cancellationToken);
                return 0;
            }
            catch (LocalIamStartupException ex)
            {
                // A configuration the user can fix: one line and a failing exit, no stack trace.
                await Console.Error.WriteLineAsync($"localiam serve: {ex.Message}");
                return 2;
            }
        });
        return command;
    }
}
