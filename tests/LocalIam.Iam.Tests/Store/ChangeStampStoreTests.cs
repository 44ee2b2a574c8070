using LocalIam.Iam.Tags;
using LocalIam.Iam.Tests.Support;
using LocalIam.Storage.Entities;

namespace LocalIam.Iam.Tests.Store;

/// <summary>
/// The change stamp moves exactly when a write changes something: every node drops its account
/// snapshot when it moves, so a write that finds everything as asked must leave it.
/// </summary>
public abstract class ChangeStampStoreTests(Backend backend) : StoreTestBase(backend)
{
    private const string ReadOnlyArn = "arn:aws:iam::aws:policy/IAMReadOnlyAccess";

    [Fact]
    public async Task NoOpWrites_SameTagsSameNameAttachedAgainMissingKeySameSetting_StampStays()
    {
        await S.Users.CreateAsync(S.Root, "alice", path: "/team/");
        await S.Users.TagAsync(S.Root, "alice", [new TagInput("team", "red")]);
        await S.Attachments.AttachAsync(S.Root, OwnerKind.User, "alice", ReadOnlyArn);
        var before = await Revision();

        await S.Users.TagAsync(S.Root, "alice", [new TagInput("team", "red")]);
        await S.Users.UpdateAsync(S.Root, "alice", "alice", "/team/");
        await S.Users.UpdateAsync(S.Root, "ALICE", null, null);
        await S.Attachments.AttachAsync(S.Root, OwnerKind.User, "alice", ReadOnlyArn);
        await S.Users.UntagAsync(S.Root, "alice", ["no-such-key"]);
        await S.Accounts.SetBillingAccessAsync(S.Root, enabled: false);

        Assert.Equal(before, await Revision());
        var audited = await S.Audit.QueryAsync(TestStore.AccountId);
        Assert.Equal(2, audited.Count(e => e.Action == "iam:UpdateUser" && e.Outcome == "Success"));
    }

    [Fact]
    public async Task RealChanges_TrackedAndThroughCommands_EachMovesTheStampOnce()
    {
        await S.Users.CreateAsync(S.Root, "alice");
        await S.Attachments.AttachAsync(S.Root, OwnerKind.User, "alice", ReadOnlyArn);
        var start = await Revision();

        await S.Users.TagAsync(S.Root, "alice", [new TagInput("team", "red")]);
        var tagged = await Revision();
        await S.Users.TagAsync(S.Root, "alice", [new TagInput("TEAM", "red")]);
        var recased = await Revision();
        await S.Attachments.DetachAsync(S.Root, OwnerKind.User, "alice", ReadOnlyArn);
        var detached = await Revision();
        await S.Users.UntagAsync(S.Root, "alice", ["team"]);
        var untagged = await Revision();

        Assert.Equal([start + 1, start + 2, start + 3, start + 4], [tagged, recased, detached, untagged]);
    }

    private Task<long> Revision() => S.Store.ReadRevisionAsync(TestContext.Current.CancellationToken);
}

public sealed class SqliteChangeStampStoreTests() : ChangeStampStoreTests(Backend.Sqlite);

public sealed class PostgresChangeStampStoreTests() : ChangeStampStoreTests(Backend.Postgres);
