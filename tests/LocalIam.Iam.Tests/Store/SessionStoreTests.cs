using LocalIam.Iam.Credentials;
using LocalIam.Iam.Tests.Support;
using LocalIam.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LocalIam.Iam.Tests.Store;

public abstract class SessionStoreTests(Backend backend) : StoreTestBase(backend)
{
    private SessionService Sessions => new(S.Store, TimeProvider.System, S.Secrets);

    [Fact]
    public async Task Issue_RoleSessionWithEverything_FoundAsIssued()
    {
        var role = await S.Roles.CreateAsync(S.Root, "Deployer", PolicyDocs.Trust);
        var mfa = new DateTime(2026, 11, 30, 8, 0, 0, DateTimeKind.Utc);
        SessionTag[] tags = [new("Project", "Automation", true), new("CostCenter", "12345", false)];

        var issued = await Sessions.IssueAsync(TestStore.AccountId, new SessionGrant(SessionKind.AssumedRole, TimeSpan.FromHours(1))
        {
            RoleId = role.Id,
            SessionName = "ci",
            SessionPolicy = PolicyDocs.ReadBucket,
            PolicyArns = ["arn:aws:iam::aws:policy/IAMReadOnlyAccess", $"arn:aws:iam::{TestStore.AccountId}:policy/Mine"],
            Tags = tags,
            SourceIdentity = "DevUser",
            MfaAuthenticatedAt = mfa,
        });
        var found = await Sessions.FindAsync(issued.Session.AccessKeyId);

        Assert.NotNull(found);
        Assert.Equal("Deployer", found.OwnerName);
        Assert.Equal(["arn:aws:iam::aws:policy/IAMReadOnlyAccess", $"arn:aws:iam::{TestStore.AccountId}:policy/Mine"], SessionService.PolicyArnsOf(found.Session));
        Assert.Equal(tags, SessionService.TagsOf(found.Session));
        Assert.Equal("DevUser", found.Session.SourceIdentity);
        Assert.Equal(mfa, found.Session.MfaAuthenticatedAt!.Value.ToUniversalTime());
        Assert.Equal(PolicyDocs.ReadBucket, found.Session.SessionPolicy);
    }

    [Fact]
    public async Task Issue_SessionTokenWithoutExtras_NothingRecorded()
    {
        var issued = await Sessions.IssueAsync(TestStore.AccountId, new SessionGrant(SessionKind.SessionToken, TimeSpan.FromMinutes(15)));
        var found = await Sessions.FindAsync(issued.Session.AccessKeyId);

        Assert.NotNull(found);
        Assert.Empty(SessionService.PolicyArnsOf(found.Session));
        Assert.Empty(SessionService.TagsOf(found.Session));
        Assert.Null(found.Session.SourceIdentity);
        Assert.Null(found.Session.MfaAuthenticatedAt);
    }

    [Fact]
    public async Task Migrate_StoreWithSessionsFromTheFirstSchema_SessionsKeptWithoutTheNewData()
    {
        // Back to the first schema, a session written as that schema wrote it, then the upgrade.
        await using (var db = S.Store.OpenContext())
        {
            await db.GetService<IMigrator>().MigrateAsync(db.Database.GetMigrations().First(), TestContext.Current.CancellationToken);
            var (id, account, kind, secret, hash, now) = ("ASIAOLDSESSION000001", TestStore.AccountId, "SessionToken", S.Secrets.Protect("old-secret"), new byte[32], DateTime.UtcNow);
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO sessions (access_key_id, account_id, kind, secret_ciphertext, token_hash, issued_at, expires_at) VALUES ({id}, {account}, {kind}, {secret}, {hash}, {now}, {now.AddHours(1)})",
                TestContext.Current.CancellationToken);
        }

        await S.Store.MigrateAsync(TestContext.Current.CancellationToken);
        var found = await Sessions.FindAsync("ASIAOLDSESSION000001");

        Assert.NotNull(found);
        Assert.Equal("old-secret", found.Secret);
        Assert.Equal(SessionKind.SessionToken, found.Session.Kind);
        Assert.Empty(SessionService.TagsOf(found.Session));
        Assert.Null(found.Session.MfaAuthenticatedAt);
    }
}

public sealed class SqliteSessionStoreTests() : SessionStoreTests(Backend.Sqlite);

public sealed class PostgresSessionStoreTests() : SessionStoreTests(Backend.Postgres);
