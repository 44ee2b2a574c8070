using System.Text;

namespace LocalIam.Iam.Billing.Import;

/// <summary>
/// Opens a report whatever its container (plain CSV, gzip-compressed CSV, Parquet: told by the
/// file's first bytes, not its name), reads it in full and sums it. Nothing is written here.
/// </summary>
internal static class CostReportFile
{
    private const int BufferSize = 1 << 16;

    public static async Task<(AggregatedCosts Costs, CostReportForm Form, string Container, long Lines)> ReadAsync(
        string path, string accountId, IProgress<CostImportProgress>? progress, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(path);
        await using var file = new FileStream(path, new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, Share = FileShare.Read, BufferSize = BufferSize, Options = FileOptions.SequentialScan });
        var total = file.Length;
        var aggregator = new CostAggregator();
        void Report(long lines) => progress?.Report(new CostImportProgress(CostImportStage.Reading, file.Position, total, lines));

        var head = new byte[4];
        var headLength = await file.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        file.Seek(0, SeekOrigin.Begin);
        CostReportForm form;
        string container;
        if (headLength >= 2 && head[0] == 0x1F && head[1] == 0x8B)
        {
            container = "csv.gz";
            form = await Task.Run(
                () =>
                {
                    using var gzip = Checked(file, name);
                    using var text = new StreamReader(gzip, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, BufferSize);
                    return CsvCostReport.Read(text, name, aggregator, Report, cancellationToken);
                },
                cancellationToken);
        }
        else if (headLength == 4 && head.AsSpan().SequenceEqual("PAR1"u8))
        {
            container = "parquet";
            form = await ParquetCostReport.ReadAsync(file, name, aggregator, Report, cancellationToken);
        }
        else if (headLength == 4 && head.AsSpan().SequenceEqual("PK\x03\x04"u8))
        {
            throw new CostReportException($"`{name}` is a zip archive: unzip it and import the report inside");
        }
        else
        {
            container = "csv";
            form = await Task.Run(
                () =>
                {
                    using var text = new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, BufferSize, leaveOpen: true);
                    return CsvCostReport.Read(text, name, aggregator, Report, cancellationToken);
                },
                cancellationToken);
        }

        if (aggregator.Lines == 0)
        {
            throw new CostReportException($"`{name}` has no line items after its header: nothing to import");
        }

        progress?.Report(new CostImportProgress(CostImportStage.Reading, total, total, aggregator.Lines));
        return (aggregator.ToRows(accountId), form, container, aggregator.Lines);
    }

    private static GzipCheckedStream Checked(FileStream file, string name)
    {
        try
        {
            return new GzipCheckedStream(file);
        }
        catch (GzipCheckException ex)
        {
            throw new CostReportException($"`{name}` line 1: {ex.Message}");
        }
    }
}
