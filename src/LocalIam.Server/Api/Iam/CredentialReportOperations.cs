using System.Text;
using LocalIam.Iam.CredentialReports;
using static LocalIam.Aws.Query.QueryXml;

namespace LocalIam.Server.Api.Iam;

/// <summary>The account's credential report: generate it, then get it as base64 CSV.</summary>
internal static class CredentialReportOperations
{
    public static void Register(OperationTable table) => table
        .Add("GenerateCredentialReport", _ => "*", async c =>
        {
            // Built at once, so it is COMPLETE on return; AWS says STARTED first and builds in the background.
            await c.Service<CredentialReportService>().GenerateAsync(c.Caller);
            return [El("State", "COMPLETE")!, El("Description", "The credential report has been generated.")!];
        })
        .Add("GetCredentialReport", _ => "*", async c =>
        {
            var report = await c.Service<CredentialReportService>().GetAsync(c.Caller);
            return [El("Content", Convert.ToBase64String(Encoding.UTF8.GetBytes(report.Csv)))!, El("ReportFormat", "text/csv")!, El("GeneratedTime", report.GeneratedAt)!];
        });
}
