using LocalIam.Storage;
using LocalIam.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace LocalIam.Iam.Transfer;

/// <summary>
/// Imports the JSON that <c>aws iam get-account-authorization-details</c> prints (or the API's
/// own answer, documents URL-encoded) into an account of a store: users, groups, roles, customer
/// managed policies with every version, inline policies, attachments, memberships, boundaries,
/// tags, instance profiles. Streamed element by element and written in one transaction: a file
/// refused anywhere (<see cref="AuthorizationDetailsException"/>, with the JSON path of the bad
/// element) leaves the store as it was. See docs/import-export.md.
/// </summary>
public static class AuthorizationDetailsImporter
{
    /// <summary>
    /// The account the file belongs to, from the ARN of its first user, group, role or customer
    /// managed policy; null when it has none. Reads only as far as that element.
    /// </summary>
    public static async Task<string?> PeekAccountIdAsync(Stream json, CancellationToken cancellationToken = default)
    {
        var reader = new JsonMemberStream(json);
        try
        {
            while (await reader.NextAsync(cancellationToken) is { } value)
            {
                using (value.Document)
                {
                    if (value.Index >= 0 && value.Member is "UserDetailList" or "GroupDetailList" or "RoleDetailList" or "Policies"
                        && value.Document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                        && value.Document.RootElement.TryGetProperty("Arn", out var arn) && arn.ValueKind == System.Text.Json.JsonValueKind.String
                        && DetailRules.ArnAccount(arn.GetString()!) is { } account)
                    {
                        return account;
                    }
                }
            }

            return null;
        }
        finally
        {
            reader.Return();
        }
    }

    /// <summary>
    /// Imports <paramref name="json"/> into the existing account <paramref name="accountId"/> of
    /// <paramref name="store"/>, whose every entity must be of that account. The account must have
    /// no users, groups, roles or customer managed policies unless <see cref="AuthorizationDetailsImportOptions.Replace"/>.
    /// The billing-access setting is the file's <c>LocalIam.BillingAccessEnabled</c> when it has one, else the account's own.
    /// </summary>
    public static async Task<AuthorizationDetailsImportResult> ImportAsync(
        IamStore store,
        string accountId,
        Stream json,
        AuthorizationDetailsImportOptions? options = null,
        IProgress<AuthorizationDetailsProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        options ??= new AuthorizationDetailsImportOptions();
        return await store.WriteAsync(async db =>
        {
            var account = await db.Accounts.SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken)
                ?? throw new ImportTargetException($"the store has no account `{accountId}`");
            var replaced = await HasIdentitiesAsync(db, accountId, cancellationToken);
            if (replaced)
            {
                if (!options.Replace)
                {
                    throw new ImportTargetException($"the account `{accountId}` already has users, groups, roles or customer managed policies: import into a new store, or replace them (`localiam import --replace`)");
                }

                await AccountContents.DeleteIdentitiesAsync(db, accountId, cancellationToken);
            }

            var session = new ImportSession(store, db, accountId, options);
            var reader = new JsonMemberStream(json);
            try
            {
                var reported = 0;
                while (await reader.NextAsync(cancellationToken) is { } value)
                {
                    using (value.Document)
                    {
                        await session.AddAsync(value, cancellationToken);
                    }

                    if (progress is not null && session.Entities - reported >= 50)
                    {
                        reported = session.Entities;
                        progress.Report(new AuthorizationDetailsProgress(AuthorizationDetailsStage.Reading, reader.BytesRead, reported));
                    }
                }

                progress?.Report(new AuthorizationDetailsProgress(AuthorizationDetailsStage.Linking, reader.BytesRead, session.Entities));
                if (session.BillingAccessEnabled is { } enabled)
                {
                    account.BillingAccessEnabled = enabled;
                }

                var result = await session.FinishAsync(replaced, account.BillingAccessEnabled, cancellationToken);
                db.AuditEvents.Add(new AuditEvent
                {
                    Time = options.Clock.GetUtcNow().UtcDateTime,
                    AccountId = accountId,
                    PrincipalArn = Identifiers.IamArns.Root(accountId),
                    Action = "localiam:ImportAuthorizationDetails",
                    Target = accountId,
                    Outcome = "Success",
                });
                progress?.Report(new AuthorizationDetailsProgress(AuthorizationDetailsStage.Done, reader.BytesRead, session.Entities));
                return result;
            }
            finally
            {
                reader.Return();
            }
        }, cancellationToken);
    }

    /// <summary>
    /// Loads a file into a fresh SQLite store in a new temporary folder (deleted when the result is
    /// disposed) and returns that store and the file's account: for questions about an exported
    /// account without any store of one's own (<c>--account FILE</c>).
    /// </summary>
    public static async Task<ImportedAccount> LoadTemporaryAsync(string path, IProgress<AuthorizationDetailsProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        string accountId;
        await using (var peek = File.OpenRead(path))
        {
            accountId = await PeekAccountIdAsync(peek, cancellationToken) ?? "123456789012";
        }

        var folder = Directory.CreateTempSubdirectory("localiam-account-").FullName;
        try
        {
            var store = new IamStore(StoreLocation.SqliteIn(folder));
            await store.MigrateAsync(cancellationToken);
            await store.WriteAsync(db =>
            {
                // No root credentials: nobody signs in to a store made to answer questions.
                db.Accounts.Add(new Account { Id = accountId, RootEmail = "root@localiam.invalid", RootPasswordHash = "!", CreatedAt = DateTime.UtcNow });
                return Task.FromResult(0);
            }, cancellationToken);
            await using var file = File.OpenRead(path);
            var result = await ImportAsync(store, accountId, file, null, progress, cancellationToken);
            return new ImportedAccount(store, accountId, result, folder);
        }
        catch
        {
            ImportedAccount.DeleteFolder(folder);
            throw;
        }
    }

    private static async Task<bool> HasIdentitiesAsync(IamDbContext db, string accountId, CancellationToken cancellationToken) =>
        await db.Users.AnyAsync(u => u.AccountId == accountId, cancellationToken)
        || await db.Groups.AnyAsync(g => g.AccountId == accountId, cancellationToken)
        || await db.Roles.AnyAsync(r => r.AccountId == accountId, cancellationToken)
        || await db.ManagedPolicies.AnyAsync(p => p.AccountId == accountId, cancellationToken);
}

/// <summary>A file loaded into a temporary store; disposing it deletes the store.</summary>
public sealed class ImportedAccount(IamStore store, string accountId, AuthorizationDetailsImportResult result, string folder) : IAsyncDisposable
{
    public IamStore Store { get; } = store;

    public string AccountId { get; } = accountId;

    public AuthorizationDetailsImportResult Result { get; } = result;

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        DeleteFolder(folder);
        return ValueTask.CompletedTask;
    }

    internal static void DeleteFolder(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is harmless; the system cleans its temp folder.
        }
    }
}
