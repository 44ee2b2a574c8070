using System.Text;
using static LocalIam.Aws.Query.QueryXml;

namespace LocalIam.Server.Api.Iam;

/// <summary>The account's credential report: generate it, then get it as base64 CSV.</summary>
internal static class CredentialReportOperations
{
    public static void Register(QueryTable table) => table
        .Add("GenerateCredentialReport", "iam:GenerateCredentialReport", NoParameters.Bind, (_, _) => "*", async (_, c) =>
        {
            // Built at once, so it is COMPLETE on return; AWS says STARTED first and builds in the background.
            await c.Core.CredentialReports.GenerateAsync(c.Caller);
            return [El("State", "COMPLETE")!, El("Description", "The credential report has been generated.")!];
        })
        .Add("GetCredentialReport", "iam:GetCredentialReport", NoParameters.Bind, (_, _) => "*", async (_, c) =>
        {
            var report = await c.Core.CredentialReports.GetAsync(c.Caller);
            return [El("Content", Convert.ToBase64String(Encoding.UTF8.GetBytes(report.Csv)))!, El("ReportFormat", "text/csv")!, El("GeneratedTime", report.GeneratedAt)!];
        });
}
