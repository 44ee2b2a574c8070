using System.Xml.Linq;
using LocalIam.Iam.Authorization;
using LocalIam.Iam.LastAccessed;
using static LocalIam.Aws.Query.QueryXml;

namespace LocalIam.Server.Api.Iam;

/// <summary>
/// The service last accessed reports: GenerateServiceLastAccessedDetails, authorized on the ARN of
/// the user, group, role or managed policy it reports on (the Service Authorization Reference's
/// resource types), and the two Get operations, authorized on <c>*</c>. Members follow the model's
/// order; a member with no value is left out, as AWS leaves it out.
/// </summary>
internal static class LastAccessedOperations
{
    public static void Register(QueryTable table) => table
        .Add("GenerateServiceLastAccessedDetails", "iam:GenerateServiceLastAccessedDetails",
            q => (Arn: q.Required("Arn"), Granularity: q.Get("Granularity")),
            (r, _) => new ResourceName.EntityArn(r.Arn),
            async (r, c) => [El("JobId", await c.Core.LastAccessed.GenerateAsync(c.Who, r.Arn, r.Granularity))!])
        .Add("GetServiceLastAccessedDetails", "iam:GetServiceLastAccessedDetails",
            q => (JobId: q.Required("JobId"), MaxItems: q.GetInt("MaxItems"), Marker: q.Get("Marker")),
            (_, _) => "*",
            async (r, c) =>
            {
                var (report, page) = await c.Core.LastAccessed.GetAsync(c.Who, r.JobId, r.Marker, r.MaxItems);
                XElement?[] result =
                [
                    El("JobStatus", report.Status), El("JobType", report.Granularity), El("JobCreationDate", report.CreatedAt),
                    Members("ServicesLastAccessed", page.Items, Service),
                    El("JobCompletionDate", report.CompletedAt), El("IsTruncated", page.IsTruncated), El("Marker", page.Marker), Error(report),
                ];
                return result.OfType<XElement>();
            })
        .Add("GetServiceLastAccessedDetailsWithEntities", "iam:GetServiceLastAccessedDetailsWithEntities",
            q => (JobId: q.Required("JobId"), Namespace: q.Required("ServiceNamespace"), MaxItems: q.GetInt("MaxItems"), Marker: q.Get("Marker")),
            (_, _) => "*",
            async (r, c) =>
            {
                var (report, page) = await c.Core.LastAccessed.GetWithEntitiesAsync(c.Who, r.JobId, r.Namespace, r.Marker, r.MaxItems);
                XElement?[] result =
                [
                    El("JobStatus", report.Status), El("JobCreationDate", report.CreatedAt), El("JobCompletionDate", report.CompletedAt),
                    Members("EntityDetailsList", page.Items, d =>
                    [
                        new XElement("EntityInfo",
                            El("Arn", d.Entity.Arn), El("Name", d.Entity.Name), El("Type", d.Entity.Type), El("Id", d.Entity.Id), El("Path", d.Entity.Path)),
                        El("LastAuthenticated", d.LastAuthenticated),
                    ]),
                    El("IsTruncated", page.IsTruncated), El("Marker", page.Marker), Error(report),
                ];
                return result.OfType<XElement>();
            });

    private static IEnumerable<object?> Service(ReportedService s) =>
    [
        El("ServiceName", s.Name), El("LastAuthenticated", s.LastAuthenticated), El("ServiceNamespace", s.Namespace),
        El("LastAuthenticatedEntity", s.LastAuthenticatedEntity), El("LastAuthenticatedRegion", s.LastAuthenticatedRegion),
        El("TotalAuthenticatedEntities", s.TotalAuthenticatedEntities),
        s.TrackedActions is null ? null : Members("TrackedActionsLastAccessed", s.TrackedActions, a =>
        [
            El("ActionName", a.ActionName), El("LastAccessedEntity", a.LastAccessedEntity), El("LastAccessedTime", a.LastAccessedTime),
            El("LastAccessedRegion", a.LastAccessedRegion),
        ]),
    ];

    private static XElement? Error(LastAccessedReport report) =>
        report.Error is { } error ? new XElement("Error", El("Message", error.Message), El("Code", error.Code)) : null;
}
