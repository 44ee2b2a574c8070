using LocalIam.Iam.Accounts;
using LocalIam.Iam.Authorization;
using LocalIam.Iam.Transfer;

namespace LocalIam.Iam.Tests.Transfer;

/// <summary>A file loaded into a temporary store for questions without a store of one's own (<c>--account FILE</c>).</summary>
public sealed class AuthorizationDetailsTemporaryStoreTests
{
    [Fact]
    public async Task LoadTemporary_CliFile_AnswersWhoCanAndDeletesItsStoreOnDispose()
    {
        var file = Path.Combine(Path.GetTempPath(), $"localiam-details-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, AuthorizationDetailsSamples.Cli, TestContext.Current.CancellationToken);
        string folder;
        try
        {
            await using (var imported = await AuthorizationDetailsImporter.LoadTemporaryAsync(file, cancellationToken: TestContext.Current.CancellationToken))
            {
                folder = Path.GetDirectoryName(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(imported.Store.Location.ConnectionString).DataSource)!;
                var snapshot = await new AccountSnapshots(imported.Store).CurrentAsync(imported.AccountId, TestContext.Current.CancellationToken);
                var answer = AccessQuery.Answer(snapshot, new AccessQuestion("s3:GetObject", "arn:aws:s3:::reports/q1.csv"), DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);

                Assert.Equal((AuthorizationDetailsSamples.Account, 2), (imported.AccountId, imported.Result.Users));
                Assert.Contains(answer.Allowed, e => e.Principal.Arn == "arn:aws:iam::111122223333:user/alice");
                Assert.True(Directory.Exists(folder));
            }

            Assert.False(Directory.Exists(folder));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
