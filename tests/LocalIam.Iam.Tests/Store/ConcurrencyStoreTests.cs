using LocalIam.Iam.Errors;
using LocalIam.Iam.Tests.Support;
using LocalIam.Storage;
using Microsoft.EntityFrameworkCore;

namespace LocalIam.Iam.Tests.Store;

/// <summary>
/// Many concurrent attempts to pass a quota or take a name: the store serializes writers, so the
/// quota holds exactly and every refused attempt gets AWS's error.
/// </summary>
public abstract class ConcurrencyStoreTests(Backend backend) : StoreTestBase(backend)
{
    private const int Attempts = 12;

    [Fact]
    public async Task CreateAccessKey_ConcurrentAttempts_NeverMoreThanTwo()
    {
        await S.Users.CreateAsync(S.Root, "alice");

        var outcomes = await Race(() => S.AccessKeys.CreateAsync(S.Root, "alice"));

        Assert.Equal(2, outcomes.Succeeded);
        Assert.All(outcomes.Errors, e => Assert.Equal("Cannot exceed quota for AccessKeysPerUser: 2", e.Message));
        Assert.Equal(2, (await S.AccessKeys.ListAsync(S.Root, "alice")).Count);
    }

    [Fact]
    public async Task CreatePolicyVersion_ConcurrentAttempts_NeverMoreThanFive()
    {
        var policy = await S.Policies.CreateAsync(S.Root, "Shared", Document("s3:GetObject"));

        var outcomes = await Race(() => S.Policies.CreateVersionAsync(S.Root, policy.Arn, Document("s3:PutObject"), setAsDefault: true));

        Assert.Equal(4, outcomes.Succeeded);
        Assert.All(outcomes.Errors, e => Assert.Equal(IamErrorCode.LimitExceeded, e.Code));
        var versions = await S.Policies.ListVersionsAsync(S.Root, policy.Arn);
        Assert.Equal(5, versions.Count);
        Assert.Equal(5, versions.Select(v => v.VersionId).Distinct().Count());
    }

    [Fact]
    public async Task AddUserToGroup_ConcurrentIntoManyGroups_NeverMoreThanTen()
    {
        await S.Users.CreateAsync(S.Root, "alice");
        for (var i = 0; i < 15; i++)
        {
            await S.Groups.CreateAsync(S.Root, $"group{i}");
        }

        var next = -1;
        var outcomes = await Race(() => S.Groups.AddUserAsync(S.Root, $"group{Interlocked.Increment(ref next)}", "alice"), attempts: 15);

        Assert.Equal(10, outcomes.Succeeded);
        Assert.All(outcomes.Errors, e => Assert.Equal("Cannot exceed quota for GroupsPerUser: 10", e.Message));
        Assert.Equal(10, (await S.Groups.ListForUserAsync(S.Root, "alice")).Count);
    }

    [Fact]
    public async Task CreateUser_SameNameConcurrently_ExactlyOneWins()
    {
        var next = -1;
        var outcomes = await Race(() => S.Users.CreateAsync(S.Root, Interlocked.Increment(ref next) % 2 == 0 ? "Bob" : "bob"));

        Assert.Equal(1, outcomes.Succeeded);
        Assert.All(outcomes.Errors, e => Assert.Equal(IamErrorCode.EntityAlreadyExists, e.Code));
        Assert.Single((await S.Users.ListAsync(S.Root)).Items);
    }

    [Fact]
    public async Task ChangeStamp_WriteThroughAnotherNode_SeenHere()
    {
        // A second IamStore on the same database stands for a second `serve` process.
        var otherNode = new IamStore(S.Store.Location);
        var seen = await S.Store.ReadRevisionAsync(TestContext.Current.CancellationToken);

        await otherNode.WriteAsync(async db => (await db.Accounts.SingleAsync(TestContext.Current.CancellationToken)).Alias = "other-node", TestContext.Current.CancellationToken);

        Assert.Equal(seen + 1, await S.Store.ReadRevisionAsync(TestContext.Current.CancellationToken));
    }

    private static string Document(string action) =>
        $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"{{action}}","Resource":"*"}]}""";

    private static async Task<(int Succeeded, List<IamException> Errors)> Race<T>(Func<Task<T>> attempt, int attempts = Attempts)
    {
        using var start = new SemaphoreSlim(0);
        var tasks = Enumerable.Range(0, attempts).Select(async _ =>
        {
            await start.WaitAsync();
            try
            {
                await attempt();
                return (IamException?)null;
            }
            catch (IamException ex)
            {
                return ex;
            }
        }).ToList();
        start.Release(attempts);
        var results = await Task.WhenAll(tasks);
        return (results.Count(r => r is null), results.OfType<IamException>().ToList());
    }

    private static Task<(int Succeeded, List<IamException> Errors)> Race(Func<Task> attempt, int attempts = Attempts) =>
        Race(async () =>
        {
            await attempt();
            return 0;
        }, attempts);
}

public sealed class SqliteConcurrencyStoreTests() : ConcurrencyStoreTests(Backend.Sqlite);

public sealed class PostgresConcurrencyStoreTests() : ConcurrencyStoreTests(Backend.Postgres);
