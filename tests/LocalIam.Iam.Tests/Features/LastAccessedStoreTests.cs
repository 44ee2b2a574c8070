using LocalIam.Iam.Authorization;
using LocalIam.Iam.Errors;
using LocalIam.Iam.LastAccessed;
using LocalIam.Iam.Tests.Support;
using LocalIam.Policy.Authorization;
using LocalIam.Storage;
using LocalIam.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LocalIam.Iam.Tests.Features;

/// <summary>
/// Last accessed information on a real store: attempts recorded and coalesced, written in batches
/// and kept across a restart, and the three reports built from them as AWS documents them.
/// </summary>
public abstract class LastAccessedStoreTests(Backend backend) : StoreTestBase(backend)
{
    private const string Account = TestStore.AccountId;
    private static readonly string[] Tracked = ["iam:ListUsers", "iam:GetUser", "iam:CreateUser", "iam:PassRole", "sts:GetCallerIdentity"];

    private readonly FixedClock _clock = new(new DateTimeOffset(2026, 11, 30, 10, 15, 42, TimeSpan.Zero));
    private readonly List<ServiceProvider> _cores = [];

    private static string Allow(params string[] actions) =>
        $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":[{{string.Join(',', actions.Select(a => $"\"{a}\""))}}],"Resource":"*"}]}""";

    private const string Trust = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sts:AssumeRole"}]}""";

    /// <summary>A node's core on this store, on the test's clock: a second call is another node, or the same one restarted.</summary>
    private ServiceProvider Node()
    {
        var core = new ServiceCollection().AddSingleton(new TrackedActions(Tracked)).AddLocalIamCore(S.Store, S.Secrets, _clock).BuildServiceProvider();
        _cores.Add(core);
        return core;
    }

    private static AuthenticatedPrincipal RoleSession(Role role, string session = "s1") =>
        new(Principal.RoleSession(Account, role.Name, session, role.Path), RoleId: role.Id, IsTemporary: true) { SessionKeyId = $"ASIA{session.ToUpperInvariant()}" };

    private static AuthenticatedPrincipal UserOf(User user) => new(Principal.User(Account, user.Name, user.Path), user.Id);

    private static AuthenticatedPrincipal Root => new(Principal.Root(Account));

    private static string ArnOf(Role role) => Identifiers.IamArns.Role(Account, role.Path, role.Name);

    private static async Task<LastAccessedReport> ReportAsync(ServiceProvider node, string arn, string? granularity = null)
    {
        var service = node.GetRequiredService<ServiceLastAccessedService>();
        var job = await service.GenerateAsync(Root, arn, granularity);
        return (await service.GetAsync(Root, job, null, 1000)).Report;
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var core in _cores)
        {
            await core.DisposeAsync();
        }

        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Record_ManyAttemptsInOneMinute_OneQueuedWriteWithTheMinute()
    {
        var role = await S.Roles.CreateAsync(S.Root, "app", Trust);
        var recorder = Node().GetRequiredService<LastAccessRecorder>();

        for (var i = 0; i < 1000; i++)
        {
            recorder.Record(RoleSession(role, $"s{i % 7}"), "iam:ListUsers", "us-east-1");
        }

        Assert.Equal(1, recorder.Queued);
        await recorder.FlushAsync(TestContext.Current.CancellationToken);
        var row = await S.Store.ReadAsync(db => db.ServiceLastAccesses.SingleAsync());
        Assert.Equal((role.Id, "iam:ListUsers", "iam", new DateTime(2026, 11, 30, 10, 15, 0), "us-east-1"),
            (row.PrincipalId, row.Action, row.ServiceNamespace, DateTime.SpecifyKind(row.AccessedAt, DateTimeKind.Unspecified), row.Region));
        Assert.Equal(0, recorder.Queued);
    }

    [Fact]
    public async Task Record_RootAndFederatedUsers_NothingRecorded()
    {
        var recorder = Node().GetRequiredService<LastAccessRecorder>();

        recorder.Record(Root, "iam:ListUsers", "us-east-1");
        recorder.Record(new(Principal.FederatedUser(Account, "fed")), "s3:GetObject", "us-east-1");

        Assert.Equal(0, recorder.Queued);
    }

    [Fact]
    public async Task RoleReport_UsedThroughSessions_ServiceWithTimeAndUnusedServicesWithout()
    {
        var role = await S.Roles.CreateAsync(S.Root, "app", Trust, "/team/");
        await S.InlinePolicies.PutAsync(S.Root, OwnerKind.Role, "app", "p", Allow("iam:ListUsers", "s3:GetObject", "sqs:*"));
        var node = Node();
        node.GetRequiredService<LastAccessRecorder>().Record(RoleSession(role, "a"), "iam:ListUsers", "eu-west-1");
        _clock.Now = _clock.Now.AddMinutes(3);

        var report = await ReportAsync(node, "arn:aws:iam::111122223333:role/team/app");

        Assert.Equal(("COMPLETED", "SERVICE_LEVEL"), (report.Status, report.Granularity));
        Assert.Equal(["iam", "s3", "sqs"], report.Services.Select(s => s.Namespace));
        var iam = report.Services[0];
        Assert.Equal(("AWS Identity and Access Management", new DateTime(2026, 11, 30, 10, 15, 0, DateTimeKind.Utc), ArnOf(role), "eu-west-1", 1),
            (iam.Name, iam.LastAuthenticated, iam.LastAuthenticatedEntity, iam.LastAuthenticatedRegion, iam.TotalAuthenticatedEntities));
        Assert.All(report.Services.Skip(1), s => Assert.Equal((null, null, null, 0), (s.LastAuthenticated, s.LastAuthenticatedEntity, s.LastAuthenticatedRegion, s.TotalAuthenticatedEntities)));
        Assert.Equal("Amazon Simple Storage Service", report.Services[1].Name);
        Assert.Null(iam.TrackedActions);
    }

    [Fact]
    public async Task Report_AfterARestart_KeepsTheAttempts()
    {
        var user = await S.Users.CreateAsync(S.Root, "dev");
        await S.InlinePolicies.PutAsync(S.Root, OwnerKind.User, "dev", "p", Allow("iam:GetUser"));
        var before = Node();
        before.GetRequiredService<LastAccessRecorder>().Record(UserOf(user), "iam:GetUser", "us-east-1");

        // A process that stops writes what it queued.
        await before.DisposeAsync();
        _cores.Remove(before);
        var report = await ReportAsync(Node(), "arn:aws:iam::111122223333:user/dev");

        Assert.Equal("arn:aws:iam::111122223333:user/dev", Assert.Single(report.Services).LastAuthenticatedEntity);
    }

    [Fact]
    public async Task Report_AttemptOlderThanTheTrackingPeriod_NotReported()
    {
        var user = await S.Users.CreateAsync(S.Root, "dev");
        await S.InlinePolicies.PutAsync(S.Root, OwnerKind.User, "dev", "p", Allow("iam:GetUser", "sts:GetCallerIdentity"));
        var node = Node();
        var recorder = node.GetRequiredService<LastAccessRecorder>();
        recorder.Record(UserOf(user), "iam:GetUser", "us-east-1");
        await recorder.FlushAsync(TestContext.Current.CancellationToken);
        _clock.Now = _clock.Now.AddDays(399);
        recorder.Record(UserOf(user), "sts:GetCallerIdentity", "us-east-1");
        _clock.Now = _clock.Now.AddDays(2);

        var report = await ReportAsync(node, "arn:aws:iam::111122223333:user/dev");

        Assert.Equal([("iam", (DateTime?)null), ("sts", new DateTime(2028, 1, 3, 10, 15, 0, DateTimeKind.Utc))],
            report.Services.Select(s => (s.Namespace, s.LastAuthenticated)));
    }

    [Fact]
    public async Task Upsert_TwoNodes_TheLatestAttemptWinsWhicheverWritesLast()
    {
        var user = await S.Users.CreateAsync(S.Root, "dev");
        var early = Node().GetRequiredService<LastAccessRecorder>();
        early.Record(UserOf(user), "iam:GetUser", "us-west-2");
        _clock.Now = _clock.Now.AddMinutes(5);
        var late = Node().GetRequiredService<LastAccessRecorder>();
        late.Record(UserOf(user), "iam:GetUser", "eu-west-1");

        await late.FlushAsync(TestContext.Current.CancellationToken);
        await early.FlushAsync(TestContext.Current.CancellationToken);

        var row = await S.Store.ReadAsync(db => db.ServiceLastAccesses.SingleAsync());
        Assert.Equal((new DateTime(2026, 11, 30, 10, 20, 0), "eu-west-1"), (DateTime.SpecifyKind(row.AccessedAt, DateTimeKind.Unspecified), row.Region));
    }

    [Fact]
    public async Task Flush_PrincipalDeletedMeanwhile_NoRowAndDeleteRemovesRows()
    {
        var gone = await S.Users.CreateAsync(S.Root, "gone");
        var kept = await S.Users.CreateAsync(S.Root, "kept");
        var recorder = Node().GetRequiredService<LastAccessRecorder>();
        recorder.Record(UserOf(kept), "iam:GetUser", "us-east-1");
        await recorder.FlushAsync(TestContext.Current.CancellationToken);
        recorder.Record(UserOf(gone), "iam:GetUser", "us-east-1");

        await S.Users.DeleteAsync(S.Root, "gone");
        await recorder.FlushAsync(TestContext.Current.CancellationToken);
        var afterFlush = await S.Store.ReadAsync(db => db.ServiceLastAccesses.Select(r => r.PrincipalId).ToListAsync());
        await S.Users.DeleteAsync(S.Root, "kept");

        Assert.Equal([kept.Id], afterFlush);
        Assert.Equal(0, await S.Store.ReadAsync(db => db.ServiceLastAccesses.CountAsync()));
    }

    [Fact]
    public async Task ActionLevel_TrackedActionsThePoliciesAllow_UsedWithTimeOthersByNameOnly()
    {
        var role = await S.Roles.CreateAsync(S.Root, "app", Trust);
        await S.Attachments.AttachAsync(S.Root, OwnerKind.Role, "app", "arn:aws:iam::aws:policy/IAMReadOnlyAccess");
        var node = Node();
        node.GetRequiredService<LastAccessRecorder>().Record(RoleSession(role), "iam:ListUsers", "us-east-1");

        var report = await ReportAsync(node, ArnOf(role), "ACTION_LEVEL");

        var iam = Assert.Single(report.Services, s => s.Namespace == "iam");
        // IAMReadOnlyAccess allows Get* and List*: not CreateUser; PassRole is never tracked.
        Assert.Equal(["GetUser", "ListUsers"], iam.TrackedActions!.Select(a => a.ActionName));
        Assert.Equal(new ReportedAction("GetUser", null, null, null), iam.TrackedActions![0]);
        Assert.Equal(new ReportedAction("ListUsers", ArnOf(role), new DateTime(2026, 11, 30, 10, 15, 0, DateTimeKind.Utc), "us-east-1"), iam.TrackedActions[1]);
        Assert.Equal("ACTION_LEVEL", report.Granularity);
    }

    [Fact]
    public async Task GroupReport_MemberUsedOwnPolicyOnly_NotCountedForTheGroup()
    {
        await S.Groups.CreateAsync(S.Root, "devs");
        await S.InlinePolicies.PutAsync(S.Root, OwnerKind.Group, "devs", "p", Allow("iam:ListUsers"));
        var alice = await S.Users.CreateAsync(S.Root, "alice");
        var bob = await S.Users.CreateAsync(S.Root, "bob");
        await S.Users.CreateAsync(S.Root, "carol");
        foreach (var name in new[] { "alice", "bob", "carol" })
        {
            await S.Groups.AddUserAsync(S.Root, "devs", name);
        }

        await S.InlinePolicies.PutAsync(S.Root, OwnerKind.User, "alice", "own", Allow("iam:GetUser"));
        var node = Node();
        var recorder = node.GetRequiredService<LastAccessRecorder>();
        recorder.Record(UserOf(alice), "iam:ListUsers", "us-east-1");
        _clock.Now = _clock.Now.AddMinutes(2);
        recorder.Record(UserOf(bob), "iam:ListUsers", "us-east-1");
        _clock.Now = _clock.Now.AddMinutes(2);
        recorder.Record(UserOf(alice), "iam:GetUser", "us-east-1");
        var service = node.GetRequiredService<ServiceLastAccessedService>();

        var job = await service.GenerateAsync(Root, "arn:aws:iam::111122223333:group/devs", null);
        var (report, _) = await service.GetAsync(Root, job, null, null);
        var (_, entities) = await service.GetWithEntitiesAsync(Root, job, "IAM", null, null);

        var iam = Assert.Single(report.Services);
        Assert.Equal((new DateTime(2026, 11, 30, 10, 17, 0, DateTimeKind.Utc), "arn:aws:iam::111122223333:user/bob", 2),
            (iam.LastAuthenticated, iam.LastAuthenticatedEntity, iam.TotalAuthenticatedEntities));
        Assert.Equal([("bob", (DateTime?)new DateTime(2026, 11, 30, 10, 17, 0, DateTimeKind.Utc)), ("alice", new DateTime(2026, 11, 30, 10, 15, 0, DateTimeKind.Utc)), ("carol", null)],
            entities.Items.Select(e => (e.Entity.Name, e.LastAuthenticated)));
        Assert.Equal(new ReportedEntity(Identifiers.IamArns.User(Account, "/", "alice"), "alice", "USER", alice.Id, "/"), entities.Items[1].Entity);
    }

    [Fact]
    public async Task PolicyReport_UserReachedDirectlyAndThroughAGroup_OneEntity()
    {
        var policy = await S.Policies.CreateAsync(S.Root, "ops", Allow("iam:ListUsers", "s3:GetObject"));
        var user = await S.Users.CreateAsync(S.Root, "dev");
        await S.Groups.CreateAsync(S.Root, "team");
        await S.Groups.AddUserAsync(S.Root, "team", "dev");
        await S.Attachments.AttachAsync(S.Root, OwnerKind.User, "dev", policy.Arn);
        await S.Attachments.AttachAsync(S.Root, OwnerKind.Group, "team", policy.Arn);
        var role = await S.Roles.CreateAsync(S.Root, "app", Trust);
        await S.Attachments.AttachAsync(S.Root, OwnerKind.Role, "app", policy.Arn);
        var node = Node();
        var recorder = node.GetRequiredService<LastAccessRecorder>();
        recorder.Record(UserOf(user), "iam:ListUsers", "us-east-1");
        recorder.Record(RoleSession(role), "iam:ListUsers", "us-east-1");
        var service = node.GetRequiredService<ServiceLastAccessedService>();

        var job = await service.GenerateAsync(Root, policy.Arn, null);
        var (report, _) = await service.GetAsync(Root, job, null, null);
        var (_, entities) = await service.GetWithEntitiesAsync(Root, job, "s3", null, null);
        var userReport = await ReportAsync(node, "arn:aws:iam::111122223333:user/dev");

        Assert.Equal([("iam", 2), ("s3", 0)], report.Services.Select(s => (s.Namespace, s.TotalAuthenticatedEntities)));
        Assert.Equal(["app", "dev"], entities.Items.Select(e => e.Entity.Name));
        Assert.All(entities.Items, e => Assert.Null(e.LastAuthenticated));
        Assert.Equal(["iam", "s3"], userReport.Services.Select(s => s.Namespace));
    }

    [Fact]
    public async Task PolicyReport_AwsManagedPolicyNobodyUses_ItsServicesAndNoEntity()
    {
        var report = await ReportAsync(Node(), "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess");

        Assert.Contains("s3", report.Services.Select(s => s.Namespace));
        Assert.Empty(report.Entities);
        Assert.All(report.Services, s => Assert.Equal(0, s.TotalAuthenticatedEntities));
    }

    [Fact]
    public async Task UserReport_AdministratorAccess_EveryServiceOfTheCatalogueInNamespaceOrder()
    {
        await S.Users.CreateAsync(S.Root, "admin");
        await S.Attachments.AttachAsync(S.Root, OwnerKind.User, "admin", "arn:aws:iam::aws:policy/AdministratorAccess");

        var report = await ReportAsync(Node(), "arn:aws:iam::111122223333:user/ADMIN");

        Assert.Equal(Policy.Catalog.IamCatalog.Current.Services.Count(), report.Services.Count);
        Assert.Equal(report.Services.Select(s => s.Namespace).Order(StringComparer.Ordinal), report.Services.Select(s => s.Namespace));
    }

    [Fact]
    public async Task NotAction_ServicesItLeavesOut_NotReported()
    {
        await S.Users.CreateAsync(S.Root, "power");
        await S.InlinePolicies.PutAsync(S.Root, OwnerKind.User, "power", "p",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":["iam:*","organizations:*"],"Resource":"*"},{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}""");

        var report = await ReportAsync(Node(), "arn:aws:iam::111122223333:user/power");

        var namespaces = report.Services.Select(s => s.Namespace).ToList();
        Assert.DoesNotContain("iam", namespaces);
        Assert.DoesNotContain("organizations", namespaces);
        // Only permissions policy logic: a Deny does not take a service off the report.
        Assert.Contains("s3", namespaces);
    }

    [Theory]
    [InlineData("arn:aws:iam::111122223333:user/nobody", IamErrorCode.NoSuchEntity, "The user with name nobody cannot be found.")]
    [InlineData("arn:aws:iam::111122223333:user/other/dev", IamErrorCode.NoSuchEntity, "The user with name dev cannot be found.")]
    [InlineData("arn:aws:iam::999988887777:user/dev", IamErrorCode.NoSuchEntity, "The user with name dev cannot be found.")]
    [InlineData("arn:aws:iam::111122223333:policy/none", IamErrorCode.NoSuchEntity, "Policy arn:aws:iam::111122223333:policy/none was not found.")]
    [InlineData("arn:aws:iam::111122223333:instance-profile/ip", IamErrorCode.InvalidInput, "ARN arn:aws:iam::111122223333:instance-profile/ip is not valid.")]
    [InlineData("arn:aws:s3:::a-bucket-of-mine", IamErrorCode.InvalidInput, "ARN arn:aws:s3:::a-bucket-of-mine is not valid.")]
    public async Task Generate_ArnOfNoReportableEntity_AwsError(string arn, IamErrorCode code, string message)
    {
        await S.Users.CreateAsync(S.Root, "dev");
        var service = Node().GetRequiredService<ServiceLastAccessedService>();

        await AssertIamError(code, message, () => service.GenerateAsync(Root, arn, null));
    }

    [Fact]
    public async Task Get_AnotherPrincipalOrAnotherSessionOfTheRole_NoSuchEntity()
    {
        var role = await S.Roles.CreateAsync(S.Root, "app", Trust);
        var user = await S.Users.CreateAsync(S.Root, "dev");
        var service = Node().GetRequiredService<ServiceLastAccessedService>();
        var job = await service.GenerateAsync(RoleSession(role, "first"), ArnOf(role), null);
        var userJob = await service.GenerateAsync(UserOf(user), ArnOf(role), null);

        var sameSession = await service.GetAsync(RoleSession(role, "first"), job, null, null);
        var userWithAnotherKey = await service.GetWithEntitiesAsync(UserOf(user), userJob, "iam", null, null);

        Assert.Equal(job, sameSession.Report.JobId);
        Assert.Equal(userJob, userWithAnotherKey.Report.JobId);
        var message = $"The report with job id {job} cannot be found.";
        await AssertIamError(IamErrorCode.NoSuchEntity, message, () => service.GetAsync(RoleSession(role, "second"), job, null, null));
        await AssertIamError(IamErrorCode.NoSuchEntity, message, () => service.GetAsync(Root, job, null, null));
        await AssertIamError(IamErrorCode.NoSuchEntity, message, () => service.GetWithEntitiesAsync(UserOf(user), job, "iam", null, null));
    }

    [Fact]
    public async Task GroupReport_MoreMembersThanTheLimit_FailedWithItsReason()
    {
        var group = await S.Groups.CreateAsync(S.Root, "everyone");
        var users = Enumerable.Range(0, ServiceLastAccessedService.MaxEntities + 1).Select(i => new User
        {
            Id = $"AIDAGENERATED{i:D8}", AccountId = Account, Name = $"u{i}", NameKey = $"U{i}", CreatedAt = DateTime.UtcNow,
        }).ToList();
        await S.Store.InsertManyAsync(users, TestContext.Current.CancellationToken);
        await S.Store.InsertManyAsync(users.Select(u => new GroupMembership { GroupId = group.Id, UserId = u.Id }).ToList(), TestContext.Current.CancellationToken);

        var report = await ReportAsync(Node(), "arn:aws:iam::111122223333:group/everyone");

        Assert.Equal("FAILED", report.Status);
        Assert.Equal(new ReportError("LimitExceeded", "The report for arn:aws:iam::111122223333:group/everyone would include 5001 entities; a report can include at most 5000."), report.Error);
        Assert.Empty(report.Services);
    }

    [Fact]
    public async Task Reports_PastTheLimit_TheOldestIsGone()
    {
        await S.Users.CreateAsync(S.Root, "dev");
        var service = Node().GetRequiredService<ServiceLastAccessedService>();
        var first = await service.GenerateAsync(Root, "arn:aws:iam::111122223333:user/dev", null);
        var jobs = new List<string>();
        for (var i = 0; i < ServiceLastAccessedService.MaxReports; i++)
        {
            _clock.Now = _clock.Now.AddSeconds(1);
            jobs.Add(await service.GenerateAsync(Root, "arn:aws:iam::111122223333:user/dev", null));
        }

        await AssertIamError(IamErrorCode.NoSuchEntity, $"The report with job id {first} cannot be found.", () => service.GetAsync(Root, first, null, null));
        Assert.Equal(jobs[0], (await service.GetAsync(Root, jobs[0], null, null)).Report.JobId);
        Assert.Equal(ServiceLastAccessedService.MaxReports, await S.Store.ReadAsync(db => db.AccountObjects.CountAsync(o => o.Kind == "service-last-accessed")));
    }

    [Fact]
    public async Task Get_PagedByMarker_EveryServiceOnceInOrder()
    {
        await S.Users.CreateAsync(S.Root, "admin");
        await S.Attachments.AttachAsync(S.Root, OwnerKind.User, "admin", "arn:aws:iam::aws:policy/AdministratorAccess");
        var service = Node().GetRequiredService<ServiceLastAccessedService>();
        var job = await service.GenerateAsync(Root, "arn:aws:iam::111122223333:user/admin", null);

        var seen = new List<string>();
        string? marker = null;
        var pages = 0;
        do
        {
            var (_, page) = await service.GetAsync(Root, job, marker, 200);
            seen.AddRange(page.Items.Select(s => s.Namespace));
            marker = page.IsTruncated ? page.Marker : null;
            pages++;
        }
        while (marker is not null);

        Assert.Equal((await service.GetAsync(Root, job, null, 1000)).Services.Items.Select(s => s.Namespace), seen);
        Assert.Equal((seen.Count + 199) / 200, pages);
        await AssertIamError(IamErrorCode.ValidationError, "Invalid Marker.", () => service.GetAsync(Root, job, "not base64!", null));
    }
}

public sealed class SqliteLastAccessedStoreTests() : LastAccessedStoreTests(Backend.Sqlite);

public sealed class PostgresLastAccessedStoreTests() : LastAccessedStoreTests(Backend.Postgres);
