using System.Globalization;
using LocalIam.Iam.Transfer;
using Spectre.Console;

namespace LocalIam.Cli.Commands;

/// <summary>
/// Shows the progress of <c>localiam import</c> as <see cref="ImportProgress"/> does for billing: a
/// Spectre.Console bar by bytes read on a terminal; plain lines (every tenth of the file, then each
/// stage) when output is redirected or NO_COLOR is set.
/// </summary>
internal static class AuthorizationImportProgress
{
    public static bool Interactive =>
        !Console.IsOutputRedirected
        && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"))
        && AnsiConsole.Profile.Capabilities.Interactive;

    public static async Task<T> RunAsync<T>(string path, Func<IProgress<AuthorizationDetailsProgress>, Task<T>> import)
    {
        var name = Path.GetFileName(path);
        var length = new FileInfo(path).Length;
        return Interactive ? await BarAsync(name, length, import) : await PlainAsync(name, length, import);
    }

    private static async Task<T> BarAsync<T>(string name, long length, Func<IProgress<AuthorizationDetailsProgress>, Task<T>> import)
    {
        var result = default(T);
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape($"Reading {name}"), maxValue: Math.Max(1, length));
                result = await import(new Reporter(p =>
                {
                    task.Value = Math.Min(p.BytesRead, task.MaxValue);
                    task.Description = Markup.Escape(p.Stage == AuthorizationDetailsStage.Reading
                        ? $"Reading {name}: {p.Entities.ToString("N0", CultureInfo.InvariantCulture)} entities"
                        : StageText(p.Stage, name, p.Entities));
                }));
                task.Value = task.MaxValue;
            });
        return result!;
    }

    private static async Task<T> PlainAsync<T>(string name, long length, Func<IProgress<AuthorizationDetailsProgress>, Task<T>> import)
    {
        var c = CultureInfo.InvariantCulture;
        Console.Out.WriteLine($"Reading {name} ({(length / 1048576.0).ToString("N1", c)} MiB)");
        var shownTenth = 0;
        var lastStage = AuthorizationDetailsStage.Reading;
        return await import(new Reporter(p =>
        {
            if (p.Stage == AuthorizationDetailsStage.Reading)
            {
                var tenth = length == 0 ? 10 : (int)(p.BytesRead * 10 / length);
                if (tenth > shownTenth && tenth < 10)
                {
                    shownTenth = tenth;
                    Console.Out.WriteLine($"  {tenth * 10}% read, {p.Entities.ToString("N0", c)} entities");
                }

                return;
            }

            if (p.Stage != lastStage && p.Stage != AuthorizationDetailsStage.Done)
            {
                lastStage = p.Stage;
                Console.Out.WriteLine(StageText(p.Stage, name, p.Entities));
            }
        }));
    }

    private static string StageText(AuthorizationDetailsStage stage, string name, int entities) => stage switch
    {
        AuthorizationDetailsStage.Linking => $"Read {name} in full ({entities.ToString("N0", CultureInfo.InvariantCulture)} entities): linking memberships and attachments",
        _ => "Done",
    };

    /// <summary>Reports on the importing thread, in order (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class Reporter(Action<AuthorizationDetailsProgress> report) : IProgress<AuthorizationDetailsProgress>
    {
        public void Report(AuthorizationDetailsProgress value) => report(value);
    }
}
