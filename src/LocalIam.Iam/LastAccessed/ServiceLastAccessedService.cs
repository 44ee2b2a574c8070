using LocalIam.Iam.Accounts;
using LocalIam.Iam.Authorization;
using LocalIam.Iam.Errors;
using LocalIam.Iam.Objects;
using LocalIam.Policy.Authorization;
using LocalIam.Storage;
using Microsoft.EntityFrameworkCore;

namespace LocalIam.Iam.LastAccessed;

/// <summary>
/// GenerateServiceLastAccessedDetails, GetServiceLastAccessedDetails and
/// GetServiceLastAccessedDetailsWithEntities, from the attempts <see cref="LastAccessRecorder"/>
/// records. A report is built at once from the account as it is then (its policies decide the
/// services, its members and attachments the entities) and kept as an account object, so every
/// node serves it; only the principal that generated it (for a role, the same session) may read it.
/// The work is bounded: at most <see cref="MaxEntities"/> entities per report (past that the report
/// fails, with a reason), <see cref="MaxReports"/> reports per account (the oldest goes first).
/// </summary>
public sealed class ServiceLastAccessedService(IamStore store, TimeProvider clock, AccountSnapshots snapshots, LastAccessRecorder recorder, TrackedActions tracked)
    : IamService(store, clock)
{
    /// <summary>AWS's own quota of users per account: a report on more entities fails.</summary>
    public const int MaxEntities = 5000;

    public const int MaxReports = 100;

    private static readonly AccountObjects<LastAccessedReport> Reports = new("service-last-accessed");

    /// <summary>RoleLastUsed of these roles, after this node's queued attempts are written (a use a moment ago counts).</summary>
    public async Task<IReadOnlyDictionary<string, RoleLastUse>> RoleLastUsedAsync(IReadOnlyList<Storage.Entities.Role> roles)
    {
        await recorder.FlushPendingAsync();
        return await Store.ReadAsync(db => RoleLastUse.ReadAsync(db, roles));
    }

    public async Task<string> GenerateAsync(AuthenticatedPrincipal who, string arn, string? granularity)
    {
        granularity ??= LastAccessedReport.ServiceLevel;
        var subject = ReportSubject.Resolve(await snapshots.LatestAsync(who.AccountId), arn);
        var builder = new ReportBuilder(subject, tracked, granularity == LastAccessedReport.ActionLevel);
        var created = Now;
        ReportError? error = null;
        IReadOnlyList<ReportedService> services = [];
        if (subject.Entities.Count > MaxEntities)
        {
            var tooLarge = IamErrors.AccessReportTooLarge(arn, subject.Entities.Count, MaxEntities);
            error = new ReportError(tooLarge.Code.ToString(), tooLarge.Message);
        }
        else
        {
            // This node's queued attempts first: a report shows what was done a moment ago (without them if the store is busy).
            await recorder.TryFlushAsync();
            var rows = await ServiceLastAccessRows.ForPrincipalsAsync(Store, [.. subject.Entities.Select(e => e.Id)], created - LastAccessRecorder.TrackingPeriod);
            services = builder.Build(rows);
        }

        var report = new LastAccessedReport(Guid.NewGuid().ToString(), RequesterOf(who), arn, granularity, created, Now, error, services,
            error is null ? builder.Entities : []);
        await SaveAsync(who.AccountId, report);
        return report.JobId;
    }

    /// <summary>The report and one page of its services, by namespace.</summary>
    public async Task<(LastAccessedReport Report, Page<ReportedService> Services)> GetAsync(AuthenticatedPrincipal who, string jobId, string? marker, int? maxItems)
    {
        var limit = Paging.Limit(maxItems);
        var report = await OwnReportAsync(who, jobId);
        return (report, Paging.InMemory(report.Services, s => s.Namespace, Paging.Decode(marker), limit));
    }

    /// <summary>
    /// The report and one page of the entities that could have used its policies for one service:
    /// the most recent attempt first, then those that never tried, by name. A service the report
    /// does not list has no such entity.
    /// </summary>
    public async Task<(LastAccessedReport Report, Page<EntityDetails> Entities)> GetWithEntitiesAsync(
        AuthenticatedPrincipal who, string jobId, string serviceNamespace, string? marker, int? maxItems)
    {
        var limit = Paging.Limit(maxItems);
        var report = await OwnReportAsync(who, jobId);
        var service = report.Services.FirstOrDefault(s => s.Namespace.Equals(serviceNamespace, StringComparison.OrdinalIgnoreCase));
        var attempts = service?.Attempts.ToDictionary(a => a.Entity, a => a.At) ?? [];
        var ordered = service is null ? [] : report.Entities
            .Select((entity, i) => new EntityDetails(entity, attempts.TryGetValue(i, out var at) ? at : null))
            .OrderByDescending(d => d.LastAuthenticated ?? DateTime.MinValue)
            .ThenBy(d => d.Entity.Name.ToUpperInvariant(), StringComparer.Ordinal)
            .ThenBy(d => d.Entity.Arn, StringComparer.Ordinal)
            .ToList();

        // Positions as keys keep that order through the marker.
        var keyed = ordered.Select((d, i) => (Key: i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture), Details: d));
        var page = Paging.InMemory(keyed, k => k.Key, Paging.Decode(marker), limit);
        return (report, new Page<EntityDetails>([.. page.Items.Select(k => k.Details)], page.IsTruncated, page.Marker));
    }

    /// <summary>
    /// Who may read a report: the user (whichever of its keys or sessions), or for a role or a
    /// federated user the one session that generated it, as AWS's user guide says; root for root's.
    /// </summary>
    private static string RequesterOf(AuthenticatedPrincipal who) =>
        who.Principal.Kind is PrincipalKind.RoleSession or PrincipalKind.FederatedUser && who.SessionKeyId is { } session
            ? $"session/{session}"
            : who.UserId ?? who.Principal.Arn;

    private async Task<LastAccessedReport> OwnReportAsync(AuthenticatedPrincipal who, string jobId)
    {
        var report = await Store.ReadAsync(db => Reports.FindAsync(db, who.AccountId, jobId));
        return report is not null && report.Requester == RequesterOf(who) ? report : throw IamErrors.AccessReportNotFound(jobId);
    }

    /// <summary>Bookkeeping, not authorization data: written outside the store's lock, without moving the change stamp.</summary>
    private Task SaveAsync(string accountId, LastAccessedReport report) =>
        Store.TouchAsync(async db =>
        {
            Reports.Add(db, accountId, report.JobId, report, report.CreatedAt);
            await db.SaveChangesAsync();
            var oldest = await db.AccountObjects.Where(o => o.AccountId == accountId && o.Kind == Reports.Kind)
                .OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Key).Skip(MaxReports).Select(o => o.Key).ToListAsync();
            if (oldest.Count > 0)
            {
                await db.AccountObjects.Where(o => o.AccountId == accountId && o.Kind == Reports.Kind && oldest.Contains(o.Key)).ExecuteDeleteAsync();
            }
        });
}
