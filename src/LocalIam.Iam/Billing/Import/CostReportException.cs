namespace LocalIam.Iam.Billing.Import;

/// <summary>
/// A report refused before anything was written: one line naming the file and where in it (line
/// and column, or Parquet row and column) and what is wrong there.
/// </summary>
public sealed class CostReportException(string message) : Exception(message);
