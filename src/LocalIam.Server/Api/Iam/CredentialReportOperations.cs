using System.Text;
using static LocalIam.Aws.Query.QueryXml;

namespace LocalIam.Server.Api.Iam;

/// <summary>The account's credential report: generate it, then get it as base64 CSV.</summary>
internal static class CredentialReportOperations
{
    public static void Register(QueryTable table) => table
        .Add("GenerateCredentialReport", "iam:GenerateCredentialReport", NoParameters.Bind, (_, _) => "*", async (_, c) =>
        {
            // Built at once, yet answered as AWS does: STARTED (with AWS's description) when it would begin a new
            // report, COMPLETE without a description on the calls that follow (docs/api.md).
            var generation = await c.Core.CredentialReports.GenerateAsync(c.Caller);
            return generation.Started
                ? [El("State", "STARTED")!, El("Description", "No report exists. Starting a new report generation task")!]
                : [El("State", "COMPLETE")!];
        })
        .Add("GetCredentialReport", "iam:GetCredentialReport", NoParameters.Bind, (_, _) => "*", async (_, c) =>
        {
            var report = await c.Core.CredentialReports.GetAsync(c.Caller);
            return [El("Content", Convert.ToBase64String(Encoding.UTF8.GetBytes(report.Csv)))!, El("ReportFormat", "text/csv")!, El("GeneratedTime", report.GeneratedAt)!];
        });
}
