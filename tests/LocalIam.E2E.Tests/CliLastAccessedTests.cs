using System.Globalization;
using System.Text.Json;
using LocalIam.E2E.Tests.Support;
using LocalIam.Iam;
using LocalIam.Iam.Groups;
using LocalIam.Iam.Users;
using Microsoft.Extensions.DependencyInjection;
using static LocalIam.E2E.Tests.Support.StsSetup;

namespace LocalIam.E2E.Tests;

/// <summary>
/// Last accessed information through the AWS CLI: what a role assumed and used shows, what it
/// never used, action-level detail for IAM's actions, group and policy reports with their entities,
/// hundreds of entities paged, and the errors and authorization of the three operations.
/// </summary>
public sealed class CliLastAccessedTests(LocalIamServer server) : IClassFixture<LocalIamServer>, IAsyncLifetime
{
    private readonly AwsCli _root = new(server.Endpoint, LocalIamServer.RootAccessKeyId, LocalIamServer.RootSecret);

    private StsSetup Setup => new(_root);

    public async ValueTask InitializeAsync()
    {
        server.Clock.Reset();
        await server.ResetAsync();
    }

    public ValueTask DisposeAsync()
    {
        server.Clock.Reset();
        return ValueTask.CompletedTask;
    }

    private static string GroupArn(string name) => $"arn:aws:iam::{Account}:group/{name}";

    private DateTimeOffset ServerMinute()
    {
        var now = server.Clock.GetUtcNow();
        return new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero);
    }

    private static DateTimeOffset Time(JsonElement value) => DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture);

    private static async Task<string> GenerateAsync(AwsCli cli, string arn, params string[] options) =>
        (await cli.OkAsync(["iam", "generate-service-last-accessed-details", "--arn", arn, .. options])).GetProperty("JobId").GetString()!;

    private static Dictionary<string, JsonElement> Services(JsonElement report) =>
        report.GetProperty("ServicesLastAccessed").EnumerateArray().ToDictionary(s => s.GetProperty("ServiceNamespace").GetString()!);

    private async Task<AwsCli> AssumedAsync(string role, string session = "work")
    {
        var dev = await Setup.UserAsync($"{role}-user", Doc(Allows("\"sts:AssumeRole\"")));
        return Setup.Session(await dev.OkAsync(AssumeRole(RoleArn(role), session)));
    }

    [Fact]
    public async Task RoleAssumedAndUsed_ReportShowsTheServiceUsedWithItsTime_ServicesNeverUsedWithout()
    {
        await Setup.RoleAsync("app", Doc(Trusts($"arn:aws:iam::{Account}:root")), Doc(Allows("\"iam:ListUsers\",\"s3:GetObject\",\"sqs:SendMessage\"")));
        var session = await AssumedAsync("app");
        var before = ServerMinute();
        await session.OkAsync("iam", "list-users");
        var after = server.Clock.GetUtcNow();

        var job = await GenerateAsync(_root, RoleArn("app"));
        var report = await _root.OkAsync("iam", "get-service-last-accessed-details", "--job-id", job);

        Assert.Equal(36, job.Length);
        Assert.Equal(("COMPLETED", "SERVICE_LEVEL"), (report.GetProperty("JobStatus").GetString(), report.GetProperty("JobType").GetString()));
        Assert.True(Time(report.GetProperty("JobCompletionDate")) >= Time(report.GetProperty("JobCreationDate")));
        Assert.False(report.GetProperty("IsTruncated").GetBoolean());
        var services = Services(report);
        Assert.Equal(["iam", "s3", "sqs"], services.Keys);
        var iam = services["iam"];
        Assert.InRange(Time(iam.GetProperty("LastAuthenticated")), before, after);
        Assert.Equal(("AWS Identity and Access Management", RoleArn("app"), "us-east-1", 1),
            (iam.GetProperty("ServiceName").GetString(), iam.GetProperty("LastAuthenticatedEntity").GetString(),
             iam.GetProperty("LastAuthenticatedRegion").GetString(), iam.GetProperty("TotalAuthenticatedEntities").GetInt32()));
        foreach (var unused in new[] { services["s3"], services["sqs"] })
        {
            Assert.False(unused.TryGetProperty("LastAuthenticated", out _));
            Assert.False(unused.TryGetProperty("LastAuthenticatedEntity", out _));
            Assert.False(unused.TryGetProperty("LastAuthenticatedRegion", out _));
            Assert.False(unused.TryGetProperty("TrackedActionsLastAccessed", out _));
            Assert.Equal(0, unused.GetProperty("TotalAuthenticatedEntities").GetInt32());
        }
    }

    [Fact]
    public async Task RoleLastUsed_GetRoleAndAuthorizationDetails_LatestUseOfAnySessionWithItsRegion()
    {
        await Setup.RoleAsync("app", Doc(Trusts($"arn:aws:iam::{Account}:root")), Doc(Allows("\"iam:ListUsers\"")));
        await Setup.RoleAsync("idle", Doc(Trusts($"arn:aws:iam::{Account}:root")));
        var session = await AssumedAsync("app");
        var neverUsed = (await _root.OkAsync("iam", "get-role", "--role-name", "app")).GetProperty("Role").GetProperty("RoleLastUsed");
        await session.OkAsync("iam", "list-users");
        var firstUse = server.Clock.GetUtcNow();
        server.Clock.Advance(TimeSpan.FromMinutes(3));
        var before = ServerMinute();
        await session.OkAsync("sts", "get-caller-identity", "--region", "eu-west-1");

        var lastUsed = (await _root.OkAsync("iam", "get-role", "--role-name", "app")).GetProperty("Role").GetProperty("RoleLastUsed");
        var details = (await _root.OkAsync("iam", "get-account-authorization-details", "--filter", "Role")).GetProperty("RoleDetailList")
            .EnumerateArray().ToDictionary(r => r.GetProperty("RoleName").GetString()!, r => r.GetProperty("RoleLastUsed"));

        Assert.Equal(JsonValueKind.Object, neverUsed.ValueKind);
        Assert.Empty(neverUsed.EnumerateObject());
        Assert.InRange(Time(lastUsed.GetProperty("LastUsedDate")), before, server.Clock.GetUtcNow());
        Assert.True(Time(lastUsed.GetProperty("LastUsedDate")) > firstUse);
        Assert.Equal("eu-west-1", lastUsed.GetProperty("Region").GetString());
        Assert.Equal(lastUsed.GetProperty("LastUsedDate").GetString(), details["app"].GetProperty("LastUsedDate").GetString());
        Assert.Equal("eu-west-1", details["app"].GetProperty("Region").GetString());
        Assert.Empty(details["idle"].EnumerateObject());
    }

    [Fact]
    public async Task ActionLevel_IamReadOnlyRole_ActionsUsedWithTimeAndOthersByNameOnly()
    {
        await Setup.RoleAsync("reader", Doc(Trusts($"arn:aws:iam::{Account}:root")));
        await _root.OkAsync("iam", "attach-role-policy", "--role-name", "reader", "--policy-arn", "arn:aws:iam::aws:policy/IAMReadOnlyAccess");
        var session = await AssumedAsync("reader");
        var before = ServerMinute();
        await session.OkAsync("iam", "list-users");
        await session.OkAsync("iam", "get-role", "--role-name", "reader");

        var job = await GenerateAsync(_root, RoleArn("reader"), "--granularity", "ACTION_LEVEL");
        var report = await _root.OkAsync("iam", "get-service-last-accessed-details", "--job-id", job);

        Assert.Equal("ACTION_LEVEL", report.GetProperty("JobType").GetString());
        var actions = Services(report)["iam"].GetProperty("TrackedActionsLastAccessed").EnumerateArray()
            .ToDictionary(a => a.GetProperty("ActionName").GetString()!);
        foreach (var used in new[] { "ListUsers", "GetRole" })
        {
            Assert.True(Time(actions[used].GetProperty("LastAccessedTime")) >= before, used);
            Assert.Equal((RoleArn("reader"), "us-east-1"), (actions[used].GetProperty("LastAccessedEntity").GetString(), actions[used].GetProperty("LastAccessedRegion").GetString()));
        }

        Assert.Equal(["ActionName"], actions["GetUser"].EnumerateObject().Select(p => p.Name));
        // IAMReadOnlyAccess allows no write; iam:PassRole is never tracked.
        Assert.DoesNotContain("CreateUser", actions.Keys);
        Assert.DoesNotContain("PassRole", actions.Keys);
        Assert.Equal(actions.Keys.Order(StringComparer.Ordinal), actions.Keys);
    }

    [Fact]
    public async Task DeniedAttempt_CountsAsAnAttempt_AsAwsDocuments()
    {
        await Setup.RoleAsync("narrow", Doc(Trusts($"arn:aws:iam::{Account}:root")), Doc(Allows("\"iam:GetUser\"")));
        var session = await AssumedAsync("narrow");
        await session.FailsAsync("AccessDenied", "iam", "list-users");

        var report = await _root.OkAsync("iam", "get-service-last-accessed-details", "--job-id", await GenerateAsync(_root, RoleArn("narrow")));

        Assert.Equal(1, Services(report)["iam"].GetProperty("TotalAuthenticatedEntities").GetInt32());
    }

    [Fact]
    public async Task GroupReport_WithEntities_MembersWhoUsedTheGroupsPoliciesMostRecentFirst()
    {
        await _root.OkAsync("iam", "create-group", "--group-name", "devs");
        await _root.OkAsync("iam", "put-group-policy", "--group-name", "devs", "--policy-name", "list", "--policy-document", Doc(Allows("\"iam:ListUsers\"")));
        var alice = await Setup.UserAsync("alice", Doc(Allows("\"iam:GetUser\"")));
        var bob = await Setup.UserAsync("bob");
        await Setup.UserAsync("carol");
        foreach (var name in new[] { "alice", "bob", "carol" })
        {
            await _root.OkAsync("iam", "add-user-to-group", "--group-name", "devs", "--user-name", name);
        }

        await alice.OkAsync("iam", "list-users");
        var aliceAt = ServerMinute();
        server.Clock.Advance(TimeSpan.FromMinutes(2));
        await bob.OkAsync("iam", "list-users");
        var bobAt = ServerMinute();
        server.Clock.Advance(TimeSpan.FromMinutes(2));
        // Her own policy's action: not the group's doing.
        await alice.OkAsync("iam", "get-user");

        var job = await GenerateAsync(_root, GroupArn("devs"));
        var iam = Services(await _root.OkAsync("iam", "get-service-last-accessed-details", "--job-id", job))["iam"];
        var entities = (await _root.OkAsync("iam", "get-service-last-accessed-details-with-entities", "--job-id", job, "--service-namespace", "iam"))
            .GetProperty("EntityDetailsList").EnumerateArray().ToList();

        Assert.Equal((bobAt, UserArn("bob"), 2), (Time(iam.GetProperty("LastAuthenticated")), iam.GetProperty("LastAuthenticatedEntity").GetString(), iam.GetProperty("TotalAuthenticatedEntities").GetInt32()));
        Assert.Equal(["bob", "alice", "carol"], entities.Select(e => e.GetProperty("EntityInfo").GetProperty("Name").GetString()));
        Assert.Equal(aliceAt, Time(entities[1].GetProperty("LastAuthenticated")));
        Assert.False(entities[2].TryGetProperty("LastAuthenticated", out _));
        var info = entities[0].GetProperty("EntityInfo");
        Assert.Equal((UserArn("bob"), "USER", "/"), (info.GetProperty("Arn").GetString(), info.GetProperty("Type").GetString(), info.GetProperty("Path").GetString()));
        Assert.StartsWith("AIDA", info.GetProperty("Id").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PolicyReport_WithEntities_UserReachedDirectlyAndThroughAGroupIsOneEntity()
    {
        var policy = (await _root.OkAsync("iam", "create-policy", "--policy-name", "ops", "--policy-document", Doc(Allows("\"iam:ListUsers\",\"s3:GetObject\""))))
            .GetProperty("Policy").GetProperty("Arn").GetString()!;
        var dev = await Setup.UserAsync("dev");
        await _root.OkAsync("iam", "create-group", "--group-name", "team");
        await _root.OkAsync("iam", "add-user-to-group", "--group-name", "team", "--user-name", "dev");
        await _root.OkAsync("iam", "attach-user-policy", "--user-name", "dev", "--policy-arn", policy);
        await _root.OkAsync("iam", "attach-group-policy", "--group-name", "team", "--policy-arn", policy);
        await Setup.RoleAsync("app", Doc(Trusts($"arn:aws:iam::{Account}:root")));
        await _root.OkAsync("iam", "attach-role-policy", "--role-name", "app", "--policy-arn", policy);
        await dev.OkAsync("iam", "list-users");

        var job = await GenerateAsync(_root, policy);
        var services = Services(await _root.OkAsync("iam", "get-service-last-accessed-details", "--job-id", job));
        var onIam = (await _root.OkAsync("iam", "get-service-last-accessed-details-with-entities", "--job-id", job, "--service-namespace", "iam"))
            .GetProperty("EntityDetailsList").EnumerateArray().ToList();
        var onS3 = (await _root.OkAsync("iam", "get-service-last-accessed-details-with-entities", "--job-id", job, "--service-namespace", "s3"))
            .GetProperty("EntityDetailsList").EnumerateArray().ToList();

        Assert.Equal((1, UserArn("dev")), (services["iam"].GetProperty("TotalAuthenticatedEntities").GetInt32(), services["iam"].GetProperty("LastAuthenticatedEntity").GetString()));
        Assert.Equal(0, services["s3"].GetProperty("TotalAuthenticatedEntities").GetInt32());
        Assert.Equal([("dev", "USER", true), ("app", "ROLE", false)],
            onIam.Select(e => (e.GetProperty("EntityInfo").GetProperty("Name").GetString(), e.GetProperty("EntityInfo").GetProperty("Type").GetString(), e.TryGetProperty("LastAuthenticated", out _))));
        Assert.Equal(["app", "dev"], onS3.Select(e => e.GetProperty("EntityInfo").GetProperty("Name").GetString()));
    }

    [Fact]
    public async Task HundredsOfMembers_EntitiesPagedByMarker_EachOnce()
    {
        var caller = IamCaller.Root(Account);
        var groups = server.Services.GetRequiredService<GroupService>();
        var users = server.Services.GetRequiredService<UserService>();
        await groups.CreateAsync(caller, "many");
        await _root.OkAsync("iam", "put-group-policy", "--group-name", "many", "--policy-name", "get", "--policy-document", Doc(Allows("\"iam:GetUser\"")));
        for (var i = 0; i < 300; i++)
        {
            await users.CreateAsync(caller, $"member{i:D3}");
            await groups.AddUserAsync(caller, "many", $"member{i:D3}");
        }

        var job = await GenerateAsync(_root, GroupArn("many"));
        var names = new List<string>();
        var pages = new List<int>();
        string? marker = null;
        do
        {
            string[] arguments = ["iam", "get-service-last-accessed-details-with-entities", "--job-id", job, "--service-namespace", "iam", "--max-items", "120"];
            var page = await _root.OkAsync(marker is null ? arguments : [.. arguments, "--marker", marker]);
            var list = page.GetProperty("EntityDetailsList").EnumerateArray().Select(e => e.GetProperty("EntityInfo").GetProperty("Name").GetString()!).ToList();
            names.AddRange(list);
            pages.Add(list.Count);
            marker = page.GetProperty("IsTruncated").GetBoolean() ? page.GetProperty("Marker").GetString() : null;
        }
        while (marker is not null);

        Assert.Equal([120, 120, 60], pages);
        Assert.Equal(Enumerable.Range(0, 300).Select(i => $"member{i:D3}"), names);
    }

    [Fact]
    public async Task RoleSession_ItsReport_ReadableInThatSessionOnly()
    {
        await Setup.RoleAsync("self", Doc(Trusts($"arn:aws:iam::{Account}:root")),
            Doc(Allows("\"iam:GenerateServiceLastAccessedDetails\",\"iam:GetServiceLastAccessedDetails\"")));
        var dev = await Setup.UserAsync("dev", Doc(Allows("\"sts:AssumeRole\"")));
        var first = Setup.Session(await dev.OkAsync(AssumeRole(RoleArn("self"), "first")));
        var second = Setup.Session(await dev.OkAsync(AssumeRole(RoleArn("self"), "second")));

        var job = await GenerateAsync(first, RoleArn("self"));

        await first.OkAsync("iam", "get-service-last-accessed-details", "--job-id", job);
        var error = await second.FailsAsync("NoSuchEntity", "iam", "get-service-last-accessed-details", "--job-id", job);
        Assert.Contains($"The report with job id {job} cannot be found.", error, StringComparison.Ordinal);
        await _root.FailsAsync("NoSuchEntity", "iam", "get-service-last-accessed-details", "--job-id", job);
    }

    [Fact]
    public async Task Authorization_GenerateOnTheEntitysArn_GetsOnEverything()
    {
        await Setup.RoleAsync("app", Doc(Trusts($"arn:aws:iam::{Account}:root")));
        await Setup.RoleAsync("other", Doc(Trusts($"arn:aws:iam::{Account}:root")));
        var auditor = await Setup.UserAsync("auditor", Doc(
            $$"""{"Effect":"Allow","Action":"iam:GenerateServiceLastAccessedDetails","Resource":"{{RoleArn("app")}}"}""",
            Allows("\"iam:GetServiceLastAccessedDetails\"")));

        var job = await GenerateAsync(auditor, RoleArn("app"));
        await auditor.OkAsync("iam", "get-service-last-accessed-details", "--job-id", job);
        var generate = await auditor.FailsAsync("AccessDenied", "iam", "generate-service-last-accessed-details", "--arn", RoleArn("other"));
        var entities = await auditor.FailsAsync("AccessDenied", "iam", "get-service-last-accessed-details-with-entities", "--job-id", job, "--service-namespace", "iam");

        Assert.Contains($"iam:GenerateServiceLastAccessedDetails on resource: {RoleArn("other")}", generate, StringComparison.Ordinal);
        Assert.Contains("iam:GetServiceLastAccessedDetailsWithEntities on resource: *", entities, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Errors_AsAwsAnswersThem()
    {
        var dev = await Setup.UserAsync("dev", Doc(Allows("\"iam:*\"")));
        var job = await GenerateAsync(_root, UserArn("DEV"));

        await _root.FailsAsync("NoSuchEntity", "iam", "get-service-last-accessed-details", "--job-id", "00000000-0000-0000-0000-000000000000");
        await _root.FailsAsync("NoSuchEntity", "iam", "get-service-last-accessed-details-with-entities", "--job-id", "00000000-0000-0000-0000-000000000000", "--service-namespace", "iam");
        await dev.FailsAsync("NoSuchEntity", "iam", "get-service-last-accessed-details", "--job-id", job);
        await _root.FailsAsync("ValidationError", "iam", "get-service-last-accessed-details", "--job-id", "00000000-0000-0000-0000-0000000000001");
        await _root.FailsAsync("ValidationError", "iam", "generate-service-last-accessed-details", "--arn", UserArn("dev"), "--granularity", "RESOURCE_LEVEL");
        await _root.FailsAsync("ValidationError", "iam", "get-service-last-accessed-details-with-entities", "--job-id", job, "--service-namespace", "not a namespace");
        await _root.FailsAsync("ValidationError", "iam", "get-service-last-accessed-details", "--job-id", job, "--max-items", "1001");
        await _root.FailsAsync("InvalidInput", "iam", "generate-service-last-accessed-details", "--arn", "arn:aws:s3:::a-bucket-of-mine");
        await _root.FailsAsync("NoSuchEntity", "iam", "generate-service-last-accessed-details", "--arn", UserArn("nobody"));
        await _root.FailsAsync("NoSuchEntity", "iam", "generate-service-last-accessed-details", "--arn", $"arn:aws:iam::{Account}:policy/none");
        // A service the report does not list has no entity that could have used it.
        var unlisted = await _root.OkAsync("iam", "get-service-last-accessed-details-with-entities", "--job-id", job, "--service-namespace", "ec2");
        Assert.Equal(0, unlisted.GetProperty("EntityDetailsList").GetArrayLength());
    }
}
