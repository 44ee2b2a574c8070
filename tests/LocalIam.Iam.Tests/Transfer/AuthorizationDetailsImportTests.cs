using System.Text.Json.Nodes;
using LocalIam.Iam.Accounts;
using LocalIam.Iam.Authorization;
using LocalIam.Iam.InstanceProfiles;
using LocalIam.Iam.Tests.Support;
using LocalIam.Iam.Transfer;
using LocalIam.Policy.Authorization;
using Microsoft.EntityFrameworkCore;

namespace LocalIam.Iam.Tests.Transfer;

/// <summary>
/// The importer of get-account-authorization-details: every entity and link of a CLI-printed file
/// arrives; every kind of bad element is refused with its JSON path and leaves the store as it was.
/// </summary>
public abstract class AuthorizationDetailsImportTests(Backend backend) : StoreTestBase(backend)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Import_CliOutput_EveryEntityAndLinkStored()
    {
        var progress = new List<AuthorizationDetailsProgress>();

        var result = await AuthorizationDetailsImporter.ImportAsync(S.Store, TestStore.AccountId, AuthorizationDetailsSamples.Stream(AuthorizationDetailsSamples.Cli), progress: new Collect(progress), cancellationToken: Ct);

        Assert.Equal((2, 2, 1, 1, 2, 1, 2, 5, 3, 1, 2, false, false),
            (result.Users, result.Groups, result.Roles, result.CustomerPolicies, result.PolicyVersions, result.AwsPoliciesUsed - 1, result.InlinePolicies, result.Attachments,
             result.Memberships, result.InstanceProfiles, result.Tags, result.BillingAccessEnabled, result.Replaced));
        Assert.Equal(AuthorizationDetailsStage.Done, progress[^1].Stage);
        var bob = await S.Users.GetAsync(S.Root, "bob");
        Assert.Equal(("/eng/", "AIDABOB00000000000001", "arn:aws:iam::111122223333:policy/ops/deploy"), (bob.Path, bob.Id, bob.PermissionsBoundaryArn));
        var role = await S.Roles.GetAsync(S.Root, "app");
        Assert.Equal(("The app's role", 7200, new DateTime(2024, 5, 1, 8, 0, 0, DateTimeKind.Utc)), (role.Description, role.MaxSessionDuration, role.LastUsedAt));
        var profile = await S.Get<InstanceProfileService>().GetAsync(S.Root, "app-profile");
        Assert.Equal(("AIPAAPP00000000000001", "app"), (profile.Profile.Id, Assert.Single(profile.Roles).Name));
        var deploy = await S.Policies.GetVersionAsync(S.Root, "arn:aws:iam::111122223333:policy/ops/deploy", "v1");
        Assert.Equal("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}]}""", deploy.Document);
        var inline = await S.InlinePolicies.GetAsync(S.Root, Storage.Entities.OwnerKind.Group, "Billing", "view");
        Assert.Equal("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"aws-portal:ViewBilling","Resource":"*"}]}""", inline.Document);

        // bob reaches AdministratorAccess twice (directly and through Admins) and is capped by his boundary.
        var snapshot = await new AccountSnapshots(S.Store).CurrentAsync(TestStore.AccountId, Ct);
        var answer = AccessQuery.Answer(snapshot, new AccessQuestion("iam:CreateUser"), DateTimeOffset.UtcNow, Ct);
        Assert.Equal(["arn:aws:iam::111122223333:root", "arn:aws:iam::111122223333:user/alice"], answer.Allowed.Where(e => e.Chain.Count == 0).Select(e => e.Principal.Arn).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Import_LocalIamMember_SetsBillingAccess()
    {
        var file = AuthorizationDetailsSamples.Parse();
        file["LocalIam"] = new JsonObject { ["BillingAccessEnabled"] = true };

        var result = await AuthorizationDetailsImporter.ImportAsync(S.Store, TestStore.AccountId, AuthorizationDetailsSamples.Stream(file), cancellationToken: Ct);

        Assert.True(result.BillingAccessEnabled);
        Assert.True((await S.Accounts.GetAsync(TestStore.AccountId)).BillingAccessEnabled);
    }

    [Fact]
    public async Task Import_AccountWithUsers_RefusedUnlessReplace()
    {
        await S.Users.CreateAsync(S.Root, "already-here");
        await S.AccessKeys.CreateAsync(S.Root, "already-here");

        var error = await Assert.ThrowsAsync<ImportTargetException>(() =>
            AuthorizationDetailsImporter.ImportAsync(S.Store, TestStore.AccountId, AuthorizationDetailsSamples.Stream(AuthorizationDetailsSamples.Cli), cancellationToken: Ct));
        Assert.Equal("the account `111122223333` already has users, groups, roles or customer managed policies: import into a new store, or replace them (`localiam import --replace`)", error.Message);

        var result = await AuthorizationDetailsImporter.ImportAsync(S.Store, TestStore.AccountId, AuthorizationDetailsSamples.Stream(AuthorizationDetailsSamples.Cli), new() { Replace = true }, cancellationToken: Ct);

        Assert.True(result.Replaced);
        Assert.Equal(["alice", "bob"], await S.Store.ReadAsync(db => db.Users.OrderBy(u => u.Name).Select(u => u.Name).ToListAsync(Ct)));
        Assert.Equal(1, await S.Store.ReadAsync(db => db.AccessKeys.CountAsync(Ct)));
    }

    [Fact]
    public async Task Import_UnknownAwsPolicyWithSkip_AttachmentLeftOutWithWarning()
    {
        var file = AuthorizationDetailsSamples.Parse();
        file["UserDetailList"]![0]!["AttachedManagedPolicies"]!.AsArray().Add(new JsonObject { ["PolicyName"] = "Newer", ["PolicyArn"] = "arn:aws:iam::aws:policy/NewerThanTheCatalogue" });

        var result = await AuthorizationDetailsImporter.ImportAsync(S.Store, TestStore.AccountId, AuthorizationDetailsSamples.Stream(file), new() { SkipUnknownAwsPolicies = true }, cancellationToken: Ct);

        Assert.Equal(5, result.Attachments);
        Assert.Equal(
            "$.UserDetailList[0].AttachedManagedPolicies[1].PolicyArn: LocalIam's catalogue of AWS managed policies (2026-08-22) has no `arn:aws:iam::aws:policy/NewerThanTheCatalogue`: the attachment was left out",
            Assert.Single(result.Warnings));
    }

    public static TheoryData<string, string> BadFiles => new()
    {
        { "UserDetailList[0].AttachedManagedPolicies[0].PolicyArn=5", "$.UserDetailList[0].AttachedManagedPolicies[0].PolicyArn: expected a string" },
        { "UserDetailList[1].UserName=bad\u0001name", "$.UserDetailList[1].UserName: `bad\\u0001name` is not a valid user name: AWS allows 1 to 64 letters, digits and the characters _+=,.@-" },
        { "UserDetailList[1].UserName=ALICE", "$.UserDetailList[1].UserName: the user `ALICE` is already in the file at `$.UserDetailList[0]` (IAM names are unique regardless of case)" },
        { "UserDetailList[1].UserId=AIDAALICE0000000000001", "$.UserDetailList[1].UserId: the id `AIDAALICE0000000000001` is already used at `$.UserDetailList[0]`" },
        { "UserDetailList[0].Path=eng", "$.UserDetailList[0].Path: `eng` is not a valid path: a path is `/` or starts and ends with `/`, in printable ASCII, up to 512 characters" },
        { "UserDetailList[0].Arn=arn:aws:iam::999988887777:user/alice", "$.UserDetailList[0].Arn: `arn:aws:iam::999988887777:user/alice` is in account `999988887777`, but the file's entities are in account `111122223333`: one file holds one account" },
        { "UserDetailList[0].Arn=arn:aws:iam::111122223333:user/eng/alice", "$.UserDetailList[0].Arn: `arn:aws:iam::111122223333:user/eng/alice` is not the ARN of user `alice` with path `/` (expected `arn:aws:iam::111122223333:user/alice`)" },
        { "UserDetailList[0].GroupList[0]=Nobody", "$.UserDetailList[0].GroupList[0]: the group `Nobody` is not in the file's GroupDetailList" },
        { "UserDetailList[0].CreateDate=yesterday", "$.UserDetailList[0].CreateDate: `yesterday` is not a date and time such as `2024-01-31T12:00:00+00:00`" },
        { "UserDetailList[0].Tags[0].Key=bad\u0007key", "$.UserDetailList[0].Tags[0].Key: `bad\\u0007key` is not a valid tag key: 1 to 128 letters, digits, spaces and the characters _.:/=+-@" },
        { "UserDetailList[0].UserPolicyList[0].PolicyDocument=not a policy", "$.UserDetailList[0].UserPolicyList[0].PolicyDocument: not a policy document IAM accepts: Syntax errors in policy." },
        { "UserDetailList[0].UserPolicyList[0].PolicyDocument=7", "$.UserDetailList[0].UserPolicyList[0].PolicyDocument: expected a policy document (a JSON object or a URL-encoded string)" },
        { "UserDetailList[0].AttachedManagedPolicies[0].PolicyArn=arn:aws:iam::aws:policy/NewerThanTheCatalogue", "$.UserDetailList[0].AttachedManagedPolicies[0].PolicyArn: LocalIam's catalogue of AWS managed policies (2026-08-22) has no `arn:aws:iam::aws:policy/NewerThanTheCatalogue`: give --skip-unknown-aws-policies to leave such attachments out" },
        { "UserDetailList[0].AttachedManagedPolicies[0].PolicyArn=arn:aws:iam::111122223333:policy/missing", "$.UserDetailList[0].AttachedManagedPolicies[0].PolicyArn: the policy `arn:aws:iam::111122223333:policy/missing` is not in the file's Policies list: save the account's details without `--filter`" },
        { "UserDetailList[1].PermissionsBoundary.PermissionsBoundaryArn=arn:aws:iam::aws:policy/NewerThanTheCatalogue", "$.UserDetailList[1].PermissionsBoundary.PermissionsBoundaryArn: LocalIam's catalogue of AWS managed policies (2026-08-22) has no `arn:aws:iam::aws:policy/NewerThanTheCatalogue`: a permissions boundary cannot be left out" },
        { "GroupDetailList[1].GroupName=admins", "$.GroupDetailList[1].GroupName: the group `admins` is already in the file at `$.GroupDetailList[0]` (IAM names are unique regardless of case)" },
        { "RoleDetailList[0].AssumeRolePolicyDocument=", "$.RoleDetailList[0].AssumeRolePolicyDocument: missing: expected a policy document" },
        { "Policies[0].PolicyVersionList[0].IsDefaultVersion=false", "$.Policies[0].PolicyVersionList: the default version `v2` is not in the list: every version of the policy is needed, the default one marked with IsDefaultVersion" },
        { "Policies[0].PolicyVersionList[1].VersionId=v2", "$.Policies[0].PolicyVersionList[1].VersionId: the version `v2` is listed twice" },
        { "UserDetailList=7", "$.UserDetailList: expected a list" },
        { "IsTruncated=true", "$.IsTruncated: the file is one page of a longer answer: save the whole answer, as `aws iam get-account-authorization-details` prints it without `--max-items`" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task Import_BadElement_RefusedWithItsPathAndNothingWritten(string change, string message)
    {
        var file = AuthorizationDetailsSamples.Parse();
        Change(file, change);

        await AssertRefusedAsync(AuthorizationDetailsSamples.Stream(file), message);
    }

    [Theory]
    [InlineData("", "$: the file is empty")]
    [InlineData("[]", "$: expected an object (the output of `aws iam get-account-authorization-details`)")]
    [InlineData("{\"UserDetailList\": [{\"UserName\": \"a\"", "$.UserDetailList[0]: the file ends early")]
    [InlineData("{\"UserDetailList\": [{\"UserName\": \"a\",, }]}", "$.UserDetailList[0]: the JSON is malformed near byte 37 (',' is an invalid start of a property name. Expected a '\"')")]
    public async Task Import_BrokenJson_RefusedWithWhere(string text, string message) =>
        await AssertRefusedAsync(AuthorizationDetailsSamples.Stream(text), message);

    [Fact]
    public async Task Import_ErrorAfterManyRowsWritten_NothingLeft()
    {
        // Far more rows than one batch, the bad element last: the earlier batches are rolled back too.
        var file = AuthorizationDetailsSamples.Parse();
        var users = file["UserDetailList"]!.AsArray();
        for (var i = 0; i < 2500; i++)
        {
            users.Add(new JsonObject { ["UserName"] = $"u{i}", ["Arn"] = $"arn:aws:iam::111122223333:user/u{i}", ["GroupList"] = new JsonArray("Admins") });
        }

        users.Add(new JsonObject { ["UserName"] = "last", ["Arn"] = "arn:aws:iam::111122223333:user/last", ["GroupList"] = new JsonArray("Ghosts") });

        await AssertRefusedAsync(AuthorizationDetailsSamples.Stream(file), "$.UserDetailList[2502].GroupList[0]: the group `Ghosts` is not in the file's GroupDetailList");
    }

    [Fact]
    public async Task PeekAccountId_FileWithEntities_AccountOfTheFirstArn()
    {
        Assert.Equal("111122223333", await AuthorizationDetailsImporter.PeekAccountIdAsync(AuthorizationDetailsSamples.Stream(AuthorizationDetailsSamples.Cli), Ct));
        Assert.Null(await AuthorizationDetailsImporter.PeekAccountIdAsync(AuthorizationDetailsSamples.Stream("{\"UserDetailList\": []}"), Ct));
    }

    private async Task AssertRefusedAsync(Stream file, string message)
    {
        var revision = await S.Store.ReadLatestRevisionAsync(Ct);

        var error = await Assert.ThrowsAsync<AuthorizationDetailsException>(() => AuthorizationDetailsImporter.ImportAsync(S.Store, TestStore.AccountId, file, cancellationToken: Ct));

        Assert.Equal(message, error.Message);
        Assert.Equal(revision, await S.Store.ReadLatestRevisionAsync(Ct));
        Assert.Equal((0, 0, 0, 0, 0, 0, 0, 0), await S.Store.ReadAsync(async db => (
            await db.Users.CountAsync(Ct), await db.Groups.CountAsync(Ct), await db.Roles.CountAsync(Ct), await db.ManagedPolicies.CountAsync(Ct),
            await db.PolicyVersions.CountAsync(Ct), await db.PolicyAttachments.CountAsync(Ct), await db.InlinePolicies.CountAsync(Ct), await db.AccountObjects.CountAsync(Ct))));
    }

    /// <summary>Applies <c>a.b[0].c=value</c> to the file: a number or true/false as such, an empty value removes the member.</summary>
    private static void Change(JsonObject file, string change)
    {
        var (path, value) = (change[..change.IndexOf('=')], change[(change.IndexOf('=') + 1)..]);
        var steps = path.Replace("]", string.Empty, StringComparison.Ordinal).Split('.').SelectMany(s => s.Split('[')).ToList();
        JsonNode node = file;
        foreach (var step in steps[..^1])
        {
            node = int.TryParse(step, out var index) ? node[index]! : node[step]!;
        }

        var last = steps[^1];
        JsonNode? replacement = value switch
        {
            "true" => true,
            "false" => false,
            _ when int.TryParse(value, out var number) => number,
            _ => value,
        };
        if (int.TryParse(last, out var at))
        {
            node[at] = replacement;
        }
        else if (value.Length == 0)
        {
            node.AsObject().Remove(last);
        }
        else
        {
            node[last] = replacement;
        }
    }

    private sealed class Collect(List<AuthorizationDetailsProgress> seen) : IProgress<AuthorizationDetailsProgress>
    {
        public void Report(AuthorizationDetailsProgress value) => seen.Add(value);
    }
}

public sealed class SqliteAuthorizationDetailsImportTests() : AuthorizationDetailsImportTests(Backend.Sqlite);

public sealed class PostgresAuthorizationDetailsImportTests() : AuthorizationDetailsImportTests(Backend.Postgres);
