using LocalIam.Iam.Errors;
using LocalIam.Iam.Objects;
using LocalIam.Iam.SigningCertificates;
using LocalIam.Storage;
using Microsoft.EntityFrameworkCore;

namespace LocalIam.Iam.CredentialReports;

/// <summary>The account's last credential report: when it was generated and its CSV.</summary>
public sealed record CredentialReport(DateTime GeneratedAt, string Csv);

/// <summary>A GenerateCredentialReport: the report, and whether AWS would have started a new one (none, or none younger than four hours).</summary>
public sealed record CredentialReportGeneration(CredentialReport Report, bool Started);

/// <summary>
/// The credential report: root and every user with their password, access keys and signing
/// certificates. AWS builds it in the background and reuses it for four hours; LocalIam builds it
/// at once on every GenerateCredentialReport, so it is complete on return and never stale; the
/// answer still says STARTED when AWS would have begun a new one, as scripts wait for COMPLETE.
/// </summary>
public sealed class CredentialReportService(IamStore store, TimeProvider clock) : IamService(store, clock)
{
    private const string ReportKey = "CREDENTIAL-REPORT";

    private static readonly AccountObjects<CredentialReport> Reports = new("credential-report");

    /// <summary>How long AWS reuses a report before GenerateCredentialReport starts a new one.</summary>
    public static readonly TimeSpan ReuseFor = TimeSpan.FromHours(4);

    public Task<CredentialReportGeneration> GenerateAsync(IamCaller caller) =>
        ChangeAsync(caller, "iam:GenerateCredentialReport", "credential-report", async db =>
        {
            var previous = await Reports.FindAsync(db, caller.AccountId, ReportKey);
            var report = new CredentialReport(Now, await BuildAsync(db, caller.AccountId));
            if (!await Reports.UpdateAsync(db, caller.AccountId, ReportKey, report))
            {
                Reports.Add(db, caller.AccountId, ReportKey, report, Now);
            }

            return new CredentialReportGeneration(report, previous is null || Now - previous.GeneratedAt >= ReuseFor);
        });

    /// <summary>Before the first GenerateCredentialReport AWS answers ReportNotPresent (410), with no message.</summary>
    public Task<CredentialReport> GetAsync(IamCaller caller) =>
        Store.ReadAsync(async db =>
            await Reports.FindAsync(db, caller.AccountId, ReportKey) ?? throw IamErrors.CredentialReportNotPresent());

    private static async Task<string> BuildAsync(IamDbContext db, string accountId)
    {
        var account = await db.Accounts.SingleAsync(a => a.Id == accountId);
        var users = await db.Users.Where(u => u.AccountId == accountId).OrderBy(u => u.NameKey).ToListAsync();
        var profiles = await db.LoginProfiles.Where(p => db.Users.Any(u => u.Id == p.UserId && u.AccountId == accountId)).ToDictionaryAsync(p => p.UserId);
        var keys = (await db.AccessKeys.Where(k => k.AccountId == accountId).ToListAsync()).OrderBy(k => k.CreatedAt).ToLookup(k => k.UserId ?? accountId);
        var certificates = (await SigningCertificateService.Certificates.ListAsync(db, accountId)).OrderBy(c => c.UploadedAt).ToLookup(c => c.OwnerId);
        var maxPasswordAge = (await db.PasswordPolicies.FindAsync(accountId))?.MaxPasswordAge;

        var lines = new List<string> { CredentialReportCsv.Header, CredentialReportCsv.Root(account, [.. keys[accountId]], [.. certificates[accountId]]) };
        lines.AddRange(users.Select(u => CredentialReportCsv.User(u, profiles.GetValueOrDefault(u.Id), maxPasswordAge, [.. keys[u.Id]], [.. certificates[u.Id]])));
        return string.Join('\n', lines);
    }
}
