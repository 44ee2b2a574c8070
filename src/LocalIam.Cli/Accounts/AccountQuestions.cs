using LocalIam.Iam.Analysis;
using LocalIam.Iam.Authorization;

namespace LocalIam.Cli.Accounts;

/// <summary>
/// The questions verbs ask of an account, answered the same wherever the account is: in this
/// process on a store or a file, or by a running server through LocalIam's API.
/// </summary>
internal static class AccountQuestions
{
    public static async Task<WhoCanReport> WhoCanAsync(AccountTarget target, AccessQuestion question, bool includeDenied, CancellationToken cancellationToken)
    {
        if (target.IsRemote)
        {
            return await RemoteAccount.WhoCanAsync(target, question, includeDenied, cancellationToken);
        }

        await using var account = await LocalAccount.OpenAsync(target, cancellationToken);
        var snapshot = await account.SnapshotAsync(cancellationToken);
        return WhoCan.Ask(snapshot, question, DateTimeOffset.UtcNow, includeDenied, cancellationToken);
    }

    public static async Task<ExplainReport> ExplainAsync(AccountTarget target, ExplainQuestion question, CancellationToken cancellationToken) =>
        (await ExplainAllAsync(target, [question], cancellationToken))[0];

    /// <summary>Several questions on one account: offline, one store opened and one snapshot read for all.</summary>
    public static async Task<List<ExplainReport>> ExplainAllAsync(AccountTarget target, IReadOnlyList<ExplainQuestion> questions, CancellationToken cancellationToken)
    {
        var reports = new List<ExplainReport>();
        if (target.IsRemote)
        {
            foreach (var question in questions)
            {
                reports.Add(await RemoteAccount.ExplainAsync(target, question, cancellationToken));
            }

            return reports;
        }

        await using var account = await LocalAccount.OpenAsync(target, cancellationToken);
        var snapshot = await account.SnapshotAsync(cancellationToken);
        try
        {
            reports.AddRange(questions.Select(q => Explainer.Explain(snapshot, q, DateTimeOffset.UtcNow)));
            return reports;
        }
        catch (UnknownPrincipalException ex)
        {
            throw new Commands.CommandInputException(LocalIam.Aws.Errors.AwsErrors.NoSuchPrincipal(ex.Name).Message);
        }
    }
}
