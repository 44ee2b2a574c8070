using System.Text;
using System.Text.Json;
using LocalIam.Iam.Accounts;
using LocalIam.Iam.Authorization;
using LocalIam.Iam.Generation;
using LocalIam.Iam.InstanceProfiles;
using LocalIam.Iam.Tests.Support;
using LocalIam.Iam.Transfer;
using LocalIam.Policy.Evaluation;

namespace LocalIam.Iam.Tests.Transfer;

/// <summary>
/// An exported account re-imports to the same authorization decisions, and the re-import exports
/// to the same JSON: over the generated account (small here, at AWS's limits with LOCALIAM_LONG_TESTS=1).
/// </summary>
public abstract class AuthorizationDetailsRoundTripTests(Backend backend) : StoreTestBase(backend)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public Task RoundTrip_SmallGeneratedAccount_SameDecisionsAndSameExport() => RoundTripAsync(AccountShape.Small);

    [Fact]
    public Task RoundTrip_AccountAtLimits_SameDecisionsAndSameExport()
    {
        Assert.SkipUnless(Environment.GetEnvironmentVariable("LOCALIAM_LONG_TESTS") == "1", "the account at AWS's limits runs with LOCALIAM_LONG_TESTS=1");
        return RoundTripAsync(AccountShape.AtLimits);
    }

    [Fact]
    public async Task Export_EmptyAccount_FourEmptyListsAndTheSetting()
    {
        var text = await ExportAsync(S);

        Assert.Equal(
            "{\n    \"UserDetailList\": [],\n    \"GroupDetailList\": [],\n    \"RoleDetailList\": [],\n    \"Policies\": [],\n    \"LocalIam\": {\n        \"BillingAccessEnabled\": false\n    }\n}",
            text.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Export_ImportedCliSample_MemberForMemberAsTheCliPrintsIt()
    {
        await AuthorizationDetailsImporter.ImportAsync(S.Store, TestStore.AccountId, AuthorizationDetailsSamples.Stream(AuthorizationDetailsSamples.Cli), cancellationToken: Ct);

        using var exported = JsonDocument.Parse(await ExportAsync(S));

        var bob = exported.RootElement.GetProperty("UserDetailList")[1];
        Assert.Equal(
            ["Path", "UserName", "UserId", "Arn", "CreateDate", "UserPolicyList", "GroupList", "AttachedManagedPolicies", "PermissionsBoundary"],
            bob.EnumerateObject().Select(p => p.Name));
        Assert.Equal("2024-03-02T10:00:00+00:00", bob.GetProperty("CreateDate").GetString());
        var role = exported.RootElement.GetProperty("RoleDetailList")[0];
        Assert.Equal(
            ["Path", "RoleName", "RoleId", "Arn", "CreateDate", "AssumeRolePolicyDocument", "InstanceProfileList", "RolePolicyList", "AttachedManagedPolicies", "Tags", "RoleLastUsed"],
            role.EnumerateObject().Select(p => p.Name));
        Assert.Equal("app-profile", role.GetProperty("InstanceProfileList")[0].GetProperty("InstanceProfileName").GetString());
        Assert.Equal(JsonValueKind.Object, role.GetProperty("AssumeRolePolicyDocument").ValueKind);
        var group = exported.RootElement.GetProperty("GroupDetailList")[1];
        Assert.Equal("aws-portal:ViewBilling", group.GetProperty("GroupPolicyList")[0].GetProperty("PolicyDocument").GetProperty("Statement")[0].GetProperty("Action").GetString());

        // The AWS managed policies in use, and the customer one with both versions, newest first.
        var policies = exported.RootElement.GetProperty("Policies").EnumerateArray().ToList();
        Assert.Equal(
            ["arn:aws:iam::111122223333:policy/ops/deploy", "arn:aws:iam::aws:policy/AdministratorAccess", "arn:aws:iam::aws:policy/job-function/Billing"],
            policies.Select(p => p.GetProperty("Arn").GetString()));
        var deploy = policies[0];
        Assert.Equal((2, 1), (deploy.GetProperty("AttachmentCount").GetInt32(), deploy.GetProperty("PermissionsBoundaryUsageCount").GetInt32()));
        Assert.Equal(["v2", "v1"], deploy.GetProperty("PolicyVersionList").EnumerateArray().Select(v => v.GetProperty("VersionId").GetString()));
    }

    private async Task RoundTripAsync(AccountShape shape)
    {
        await AccountGenerator.GenerateAsync(S.Store, TestStore.AccountId, shape, seed: 11, Ct);
        var profiles = S.Get<InstanceProfileService>();
        var someRole = (await S.Roles.ListAsync(S.Root)).Items[0].Name;
        await profiles.CreateAsync(S.Root, "web-profile", "/web/");
        await profiles.AddRoleAsync(S.Root, "web-profile", someRole);
        var first = await ExportAsync(S);

        await using var other = await TestStore.CreateAsync(Backend);
        var result = await AuthorizationDetailsImporter.ImportAsync(other.Store, TestStore.AccountId, new MemoryStream(Encoding.UTF8.GetBytes(first)), cancellationToken: Ct);
        var second = await ExportAsync(other);

        Assert.Equal((shape.Users, shape.Groups, shape.Roles, shape.CustomerPolicies, 1), (result.Users, result.Groups, result.Roles, result.CustomerPolicies, result.InstanceProfiles));
        Assert.True(first == second, "the re-imported account exports differently");
        var before = await new AccountSnapshots(S.Store).CurrentAsync(TestStore.AccountId, Ct);
        var after = await new AccountSnapshots(other.Store).CurrentAsync(TestStore.AccountId, Ct);
        Assert.True(after.Settings.IamUserAccessToBilling);
        var now = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
        var context = new RequestContext().Set("aws:SourceIp", "10.1.2.3").Set("aws:RequestedRegion", "us-east-1").Set("aws:SecureTransport", "true");
        AccessQuestion[] questions =
        [
            new("aws-portal:ViewBilling"),
            new("iam:PassRole", before.Roles[0].Arn),
            new("s3:GetObject", "arn:aws:s3:::orders-bucket/report.csv"),
            new("iam:CreateUser", "arn:aws:iam::111122223333:user/new"),
        ];
        foreach (var question in questions)
        {
            var expected = Decisions(AccessQuery.Answer(before, question with { Context = context }, now, Ct));
            var actual = Decisions(AccessQuery.Answer(after, question with { Context = context }, now, Ct));
            Assert.Equal(expected, actual);
            Assert.Contains(expected, d => d.StartsWith("Allowed", StringComparison.Ordinal) && !d.Contains(":root ", StringComparison.Ordinal));
        }
    }

    private static List<string> Decisions(AccessAnswer answer) =>
        [.. answer.Allowed.Concat(answer.Denied)
            .Select(e => $"{e.Decision} {e.Principal.Arn} {e.Reason} {string.Join(">", e.Chain.Select(h => h.Role.Arn))}")
            .Order(StringComparer.Ordinal)];

    private static async Task<string> ExportAsync(TestStore store)
    {
        using var buffer = new MemoryStream();
        await AuthorizationDetailsExporter.ExportAsync(store.Store, TestStore.AccountId, buffer, Ct);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}

public sealed class SqliteAuthorizationDetailsRoundTripTests() : AuthorizationDetailsRoundTripTests(Backend.Sqlite);

public sealed class PostgresAuthorizationDetailsRoundTripTests() : AuthorizationDetailsRoundTripTests(Backend.Postgres);
