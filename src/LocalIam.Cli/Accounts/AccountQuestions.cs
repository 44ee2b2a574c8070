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

    public static async Task<ExplainReport> ExplainAsync(AccountTarget target, ExplainQuestion question, CancellationToken cancellationToken)
    {
        if (target.IsRemote)
        {
            return await RemoteAccount.ExplainAsync(target, question, cancellationToken);
        }

        await using var account = await LocalAccount.OpenAsync(target, cancellationToken);
        var snapshot = await account.SnapshotAsync(cancellationToken);
        try
        {
            return Explainer.Explain(snapshot, question, DateTimeOffset.UtcNow);
        }
        catch (UnknownPrincipalException ex)
        {
            throw new Commands.CommandInputException(ex.Message);
        }
    }
}
