using LocalIam.Iam.Accounts;
using LocalIam.Iam.Authorization;

namespace LocalIam.Iam.Analysis;

/// <summary>
/// Who-can and explain on the store's current snapshot of an account: what the server's LocalIam
/// API answers, and what the CLI answers in process.
/// </summary>
public sealed class AccountAnalysis(AccountSnapshots snapshots, TimeProvider clock)
{
    public async Task<WhoCanReport> WhoCanAsync(string accountId, AccessQuestion question, bool includeDenied, CancellationToken cancellationToken = default) =>
        WhoCan.Ask(await snapshots.CurrentAsync(accountId, cancellationToken), question, clock.GetUtcNow(), includeDenied, cancellationToken);

    public async Task<ExplainReport> ExplainAsync(string accountId, ExplainQuestion question, CancellationToken cancellationToken = default) =>
        Explainer.Explain(await snapshots.CurrentAsync(accountId, cancellationToken), question, clock.GetUtcNow());
}
