using System.Globalization;
using LocalIam.Iam.Billing.Import;
using Spectre.Console;

namespace LocalIam.Cli.Commands;

/// <summary>
/// Shows an import's progress: a Spectre.Console bar by bytes read on a terminal; plain lines (every
/// tenth of the file, then each stage) when output is redirected or NO_COLOR is set.
/// </summary>
internal static class ImportProgress
{
    public static async Task<CostImportResult> RunAsync(string path, Func<IProgress<CostImportProgress>, Task<CostImportResult>> import)
    {
        var name = Path.GetFileName(path);
        var interactive = !Console.IsOutputRedirected
            && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"))
            && AnsiConsole.Profile.Capabilities.Interactive;
        return interactive ? await BarAsync(name, import) : await PlainAsync(name, new FileInfo(path).Length, import);
    }

    private static async Task<CostImportResult> BarAsync(string name, Func<IProgress<CostImportProgress>, Task<CostImportResult>> import)
    {
        CostImportResult? result = null;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape($"Reading {name}"));
                result = await import(new Reporter(p =>
                {
                    task.MaxValue = Math.Max(1, p.BytesTotal);
                    task.Value = p.BytesRead;
                    if (p.Stage != CostImportStage.Reading)
                    {
                        task.Description = Markup.Escape(StageText(p.Stage, name));
                    }
                }));
                task.Value = task.MaxValue;
            });
        return result!;
    }

    private static async Task<CostImportResult> PlainAsync(string name, long length, Func<IProgress<CostImportProgress>, Task<CostImportResult>> import)
    {
        var c = CultureInfo.InvariantCulture;
        Console.Out.WriteLine($"Reading {name} ({(length / 1048576.0).ToString("N1", c)} MiB)");
        var shownTenth = 0;
        var lastStage = CostImportStage.Reading;
        return await import(new Reporter(p =>
        {
            if (p.Stage == CostImportStage.Reading)
            {
                var tenth = p.BytesTotal == 0 ? 10 : (int)(p.BytesRead * 10 / p.BytesTotal);
                if (tenth > shownTenth && tenth < 10)
                {
                    shownTenth = tenth;
                    Console.Out.WriteLine($"  {tenth * 10}% read, {p.Lines.ToString("N0", c)} line items");
                }

                return;
            }

            if (p.Stage != lastStage && p.Stage != CostImportStage.Done)
            {
                lastStage = p.Stage;
                Console.Out.WriteLine(StageText(p.Stage, name));
            }
        }));
    }

    private static string StageText(CostImportStage stage, string name) => stage switch
    {
        CostImportStage.Writing => $"Read {name} in full: writing",
        CostImportStage.OldRowsDeleted => "Replacing the account's costs",
        CostImportStage.RowsInserted => "Rebuilding invoices and tags",
        _ => "Done",
    };

    /// <summary>Reports on the importing thread, in order (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class Reporter(Action<CostImportProgress> report) : IProgress<CostImportProgress>
    {
        public void Report(CostImportProgress value) => report(value);
    }
}
