namespace LocalIam.Iam.Billing.Import;

/// <summary>Where an import is.</summary>
public enum CostImportStage
{
    /// <summary>Reading and summing the report; nothing is written yet.</summary>
    Reading,

    /// <summary>The report was read in full and is valid; the write transaction starts.</summary>
    Writing,

    /// <summary>Inside the write transaction: the account's old cost rows are deleted (not yet committed).</summary>
    OldRowsDeleted,

    /// <summary>Inside the write transaction: the new rows are inserted (not yet committed).</summary>
    RowsInserted,

    /// <summary>Committed.</summary>
    Done,
}

/// <summary>
/// An import's progress: bytes of the file read so far (compressed bytes for gzip), of how many,
/// and line items read. Reported on the importing thread, as it happens.
/// </summary>
public readonly record struct CostImportProgress(CostImportStage Stage, long BytesRead, long BytesTotal, long Lines);

/// <summary>What an import stored.</summary>
public sealed record CostImportResult(
    string FileName,
    CostReportForm Form,
    string Container,
    long Lines,
    int Rows,
    int Days,
    DateOnly FirstDay,
    DateOnly LastDay,
    decimal UnblendedCost,
    IReadOnlyList<string> Months,
    IReadOnlyList<string> NewTagKeys)
{
    /// <summary>As <see cref="Storage.Billing.CostImport.Format"/> keeps it: "legacy CUR csv.gz", "CUR 2.0 parquet".</summary>
    public string Format => $"{CostReportColumns.FormName(Form)} {Container}";
}
