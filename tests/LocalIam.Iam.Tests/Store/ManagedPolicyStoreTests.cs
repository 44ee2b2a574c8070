using LocalIam.Iam.Errors;
using LocalIam.Iam.Policies;
using LocalIam.Iam.Tests.Support;
using LocalIam.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace LocalIam.Iam.Tests.Store;

public abstract class ManagedPolicyStoreTests(Backend backend) : StoreTestBase(backend)
{
    private const string AdminArn = "arn:aws:iam::aws:policy/AdministratorAccess";
    private const string BillingArn = "arn:aws:iam::aws:policy/job-function/Billing";
    private const string Account = TestStore.AccountId;

    private static string Arn(string name, string path = "/") => $"arn:aws:iam::{Account}:policy{path}{name}";

    [Fact]
    public async Task CreatePolicy_WithPath_ArnIdAndDefaultVersion()
    {
        var created = await S.Policies.CreateAsync(S.Root, "ReadBucket", PolicyDocs.ReadBucket, path: "/team/data/", description: "read it");

        Assert.Equal("arn:aws:iam::111122223333:policy/team/data/ReadBucket", created.Arn);
        var policy = await S.Policies.GetAsync(S.Root, created.Arn);
        Assert.StartsWith("ANPA", policy.Id, StringComparison.Ordinal);
        Assert.Equal(21, policy.Id.Length);
        Assert.Equal("ReadBucket", policy.Name);
        Assert.Equal("/team/data/", policy.Path);
        Assert.Equal("read it", policy.Description);
        Assert.Equal("v1", policy.DefaultVersionId);
        Assert.False(policy.IsAwsManaged);
        var version = await S.Policies.GetVersionAsync(S.Root, created.Arn, "v1");
        Assert.Equal(PolicyDocs.ReadBucket, version.Document);
        Assert.Equal("v1", Assert.Single(await S.Policies.ListVersionsAsync(S.Root, created.Arn)).VersionId);
        Assert.Equal(PolicyDocs.ReadBucket, await S.Policies.DefaultDocumentAsync(policy));
        Assert.Equal(0, await S.Policies.AttachmentCountAsync(S.Root, policy.Id));
    }

    [Fact]
    public async Task CreatePolicy_NoPath_ArnAtRoot()
    {
        var created = await S.Policies.CreateAsync(S.Root, "Plain", PolicyDocs.ReadBucket);

        Assert.Equal("arn:aws:iam::111122223333:policy/Plain", created.Arn);
        Assert.Equal("/", created.Path);
    }

    [Fact]
    public async Task CreatePolicy_DuplicateNameOtherCaseAndPath_EntityAlreadyExists()
    {
        await S.Policies.CreateAsync(S.Root, "ReadBucket", PolicyDocs.ReadBucket);

        await AssertIamError(IamErrorCode.EntityAlreadyExists, "A policy called readbucket already exists. Duplicate names are not allowed.",
            () => S.Policies.CreateAsync(S.Root, "readbucket", PolicyDocs.ListBuckets, path: "/other/"));
        Assert.Single((await S.Policies.ListAsync(S.Root, PolicyScope.Local)).Items);
    }

    [Fact]
    public async Task CreatePolicy_SameNameAsAwsManaged_Allowed()
    {
        var created = await S.Policies.CreateAsync(S.Root, "AdministratorAccess", PolicyDocs.ReadBucket);

        Assert.Equal("arn:aws:iam::111122223333:policy/AdministratorAccess", created.Arn);
        Assert.True((await S.Policies.GetAsync(S.Root, AdminArn)).IsAwsManaged);
    }

    [Theory]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:GetObject","Resource":"*"}]}""", "Policy document should not specify a principal.")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""", "Policy document must be version 2012-10-17 or greater.")]
    [InlineData("""{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""", "Policy document must be version 2012-10-17 or greater.")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}""", "Syntax errors in policy.")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Resource":"*"}]}""", "Policy statement must contain actions.")]
    public async Task CreatePolicy_MalformedDocument_MalformedPolicyDocument(string document, string message)
    {
        await AssertIamError(IamErrorCode.MalformedPolicyDocument, message, () => S.Policies.CreateAsync(S.Root, "Bad", document));

        Assert.Empty((await S.Policies.ListAsync(S.Root, PolicyScope.Local)).Items);
    }

    [Fact]
    public async Task CreatePolicy_Exactly6144_Accepted()
    {
        var document = PolicyDocs.IdentityOfSize(6144);

        var created = await S.Policies.CreateAsync(S.Root, "Big", document);

        Assert.Equal(document, (await S.Policies.GetVersionAsync(S.Root, created.Arn, "v1")).Document);
    }

    [Fact]
    public async Task CreatePolicy_Over6144_LimitExceeded()
    {
        await AssertIamError(IamErrorCode.LimitExceeded, "Cannot exceed quota for PolicySize: 6144",
            () => S.Policies.CreateAsync(S.Root, "Big", PolicyDocs.IdentityOfSize(6145)));

        Assert.Empty((await S.Policies.ListAsync(S.Root, PolicyScope.Local)).Items);
    }

    [Fact]
    public async Task CreatePolicy_PaddedWithWhitespace_WhitespaceNotCounted()
    {
        var document = PolicyDocs.Padded(PolicyDocs.IdentityOfSize(6100)) + new string(' ', 500);
        Assert.True(document.Length > 6144);

        var created = await S.Policies.CreateAsync(S.Root, "Padded", document);

        Assert.Equal(document, (await S.Policies.GetVersionAsync(S.Root, created.Arn, "v1")).Document);
    }

    [Fact]
    public async Task CreatePolicyVersion_Over6144_LimitExceeded()
    {
        var created = await S.Policies.CreateAsync(S.Root, "P", PolicyDocs.ReadBucket);

        await AssertIamError(IamErrorCode.LimitExceeded, "Cannot exceed quota for PolicySize: 6144",
            () => S.Policies.CreateVersionAsync(S.Root, created.Arn, PolicyDocs.IdentityOfSize(6145), setAsDefault: true));

        Assert.Single(await S.Policies.ListVersionsAsync(S.Root, created.Arn));
    }

    [Fact]
    public async Task CreatePolicyVersion_MalformedDocument_MalformedPolicyDocument()
    {
        var created = await S.Policies.CreateAsync(S.Root, "P", PolicyDocs.ReadBucket);

        await AssertIamError(IamErrorCode.MalformedPolicyDocument, "Policy document must be version 2012-10-17 or greater.",
            () => S.Policies.CreateVersionAsync(S.Root, created.Arn, """{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}""", setAsDefault: false));

        Assert.Single(await S.Policies.ListVersionsAsync(S.Root, created.Arn));
    }

    [Fact]
    public async Task CreatePolicyVersion_UpToFive_SixthLimitExceeded()
    {
        var arn = (await S.Policies.CreateAsync(S.Root, "P", PolicyDocs.ReadBucket)).Arn;
        for (var i = 2; i <= 5; i++)
        {
            var version = await S.Policies.CreateVersionAsync(S.Root, arn, PolicyDocs.ListBuckets, setAsDefault: false);
            Assert.Equal($"v{i}", version.VersionId);
        }

        await AssertIamError(IamErrorCode.LimitExceeded,
            "A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.",
            () => S.Policies.CreateVersionAsync(S.Root, arn, PolicyDocs.ListBuckets, setAsDefault: true));

        Assert.Equal(5, (await S.Policies.ListVersionsAsync(S.Root, arn)).Count);
        Assert.Equal("v1", (await S.Policies.GetAsync(S.Root, arn)).DefaultVersionId);
    }

    [Fact]
    public async Task CreatePolicyVersion_AfterDeletingOne_IdNeverReused()
    {
        var arn = (await S.Policies.CreateAsync(S.Root, "P", PolicyDocs.ReadBucket)).Arn;
        for (var i = 2; i <= 5; i++)
        {
            await S.Policies.CreateVersionAsync(S.Root, arn, PolicyDocs.ListBuckets, setAsDefault: false);
        }

        await S.Policies.DeleteVersionAsync(S.Root, arn, "v2");
        var next = await S.Policies.CreateVersionAsync(S.Root, arn, PolicyDocs.ListBuckets, setAsDefault: false);
        await S.Policies.DeleteVersionAsync(S.Root, arn, "v6");
        var after = await S.Policies.CreateVersionAsync(S.Root, arn, PolicyDocs.ListBuckets, setAsDefault: false);

        Assert.Equal("v6", next.VersionId);
        Assert.Equal("v7", after.VersionId);
        Assert.Equal(["v1", "v3", "v4", "v5", "v7"], (await S.Policies.ListVersionsAsync(S.Root, arn)).Select(v => v.VersionId).Order(StringComparer.Ordinal));
        await AssertIamError(IamErrorCode.NoSuchEntity, $"Policy {arn} version v2 does not exist or is not attachable.",
            () => S.Policies.GetVersionAsync(S.Root, arn, "v2"));
    }

    [Fact]
    public async Task CreatePolicyVersion_SetAsDefault_BecomesDefault()
    {
        var arn = (await S.Policies.CreateAsync(S.Root, "P", PolicyDocs.ReadBucket)).Arn;

        await S.Policies.CreateVersionAsync(S.Root, arn, PolicyDocs.ListBuckets, setAsDefault: false);
        Assert.Equal("v1", (await S.Policies.GetAsync(S.Root, arn)).DefaultVersionId);
        await S.Policies.CreateVersionAsync(S.Root, arn, PolicyDocs.ListBuckets, setAsDefault: true);

        var policy = await S.Policies.GetAsync(S.Root, arn);
        Assert.Equal("v3", policy.DefaultVersionId);
        Assert.Equal(PolicyDocs.ListBuckets, await S.Policies.DefaultDocumentAsync(policy));
    }

    [Fact]
    public async Task SetDefaultPolicyVersion_Existing_DefaultChanges()
    {
        var arn = (await S.Policies.CreateAsync(S.Root, "P", PolicyDocs.ReadBucket)).Arn;
        await S.Policies.CreateVersionAsync(S.Root, arn, PolicyDocs.ListBuckets, setAsDefault: true);

        await S.Policies.SetDefaultVersionAsync(S.Root, arn, "v1");

        var policy = await S.Policies.GetAsync(S.Root, arn);
        Assert.Equal("v1", policy.DefaultVersionId);
        Assert.Equal(PolicyDocs.ReadBucket, await S.Policies.DefaultDocumentAsync(policy));
        await S.Policies.DeleteVersionAsync(S.Root, arn, "v2");
        Assert.Equal("v1", Assert.Single(await S.Policies.ListVersionsAsync(S.Root, arn)).VersionId);
    }

    [Fact]
    public async Task SetDefaultPolicyVersion_Missing_NoSuchEntityAndUnchanged()
    {
        var arn = (await S.Policies.CreateAsync(S.Root, "P", PolicyDocs.ReadBucket)).Arn;

        await AssertIamError(IamErrorCode.NoSuchEntity, $"Policy {arn} version v9 does not exist or is not attachable.",
            () => S.Policies.SetDefaultVersionAsync(S.Root, arn, "v9"));

        Assert.Equal("v1", (await S.Policies.GetAsync(S.Root, arn)).DefaultVersionId);
    }

    [Fact]
    public async Task DeletePolicyVersion_Default_DeleteConflict()
    {
        var arn = (await S.Policies.CreateAsync(S.Root, "P", PolicyDocs.ReadBucket)).Arn;
        await S.Policies.CreateVersionAsync(S.Root, arn, PolicyDocs.ListBuckets, setAsDefault: true);

        await AssertIamError(IamErrorCode.DeleteConflict, "Cannot delete the default version of a policy.",
            () => S.Policies.DeleteVersionAsync(S.Root, arn, "v2"));

        Assert.Equal(2, (await S.Policies.ListVersionsAsync(S.Root, arn)).Count);
    }

    [Fact]
    public async Task DeletePolicyVersion_Missing_NoSuchEntity()
    {
        var arn = (await S.Policies.CreateAsync(S.Root, "P", PolicyDocs.ReadBucket)).Arn;

        await AssertIamError(IamErrorCode.NoSuchEntity, $"Policy {arn} version v4 does not exist or is not attachable.",
            () => S.Policies.DeleteVersionAsync(S.Root, arn, "v4"));
    }

    [Fact]
    public async Task GetPolicyVersion_Missing_NoSuchEntity()
    {
        var arn = (await S.Policies.CreateAsync(S.Root, "P", PolicyDocs.ReadBucket)).Arn;

        await AssertIamError(IamErrorCode.NoSuchEntity, $"Policy {arn} version v2 does not exist or is not attachable.",
            () => S.Policies.GetVersionAsync(S.Root, arn, "v2"));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("v0")]
    [InlineData("V1")]
    [InlineData("version1")]
    public async Task PolicyVersion_BadVersionId_ValidationError(string versionId)
    {
        var arn = (await S.Policies.CreateAsync(S.Root, "P", PolicyDocs.ReadBucket)).Arn;

        foreach (var call in new Func<Task>[]
        {
            () => S.Policies.GetVersionAsync(S.Root, arn, versionId),
            () => S.Policies.SetDefaultVersionAsync(S.Root, arn, versionId),
            () => S.Policies.DeleteVersionAsync(S.Root, arn, versionId),
        })
        {
            var error = await Assert.ThrowsAsync<IamException>(call);
            Assert.Equal(IamErrorCode.ValidationError, error.Code);
            Assert.Contains("'versionId'", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task DeletePolicy_OnlyDefaultVersion_PolicyAndVersionsGone()
    {
        var created = await S.Policies.CreateAsync(S.Root, "P", PolicyDocs.ReadBucket);

        await S.Policies.DeleteAsync(S.Root, created.Arn);

        await AssertIamError(IamErrorCode.NoSuchEntity, $"Policy {created.Arn} was not found.", () => S.Policies.GetAsync(S.Root, created.Arn));
        Assert.Equal(0, await S.Store.ReadAsync(db => db.PolicyVersions.CountAsync(v => v.PolicyId == created.Id)));
        var again = await S.Policies.CreateAsync(S.Root, "P", PolicyDocs.ListBuckets);
        Assert.Equal("v1", again.DefaultVersionId);
        Assert.NotEqual(created.Id, again.Id);
    }

    [Fact]
    public async Task DeletePolicy_MoreThanOneVersion_DeleteConflict()
    {
        var arn = (await S.Policies.CreateAsync(S.Root, "P", PolicyDocs.ReadBucket)).Arn;
        await S.Policies.CreateVersionAsync(S.Root, arn, PolicyDocs.ListBuckets, setAsDefault: false);

        await AssertIamError(IamErrorCode.DeleteConflict,
            "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.",
            () => S.Policies.DeleteAsync(S.Root, arn));

        Assert.Equal(2, (await S.Policies.ListVersionsAsync(S.Root, arn)).Count);
        await S.Policies.DeleteVersionAsync(S.Root, arn, "v2");
        await S.Policies.DeleteAsync(S.Root, arn);
        Assert.Empty((await S.Policies.ListAsync(S.Root, PolicyScope.Local)).Items);
    }

    [Fact]
    public async Task DeletePolicy_Attached_DeleteConflict()
    {
        var arn = (await S.Policies.CreateAsync(S.Root, "P", PolicyDocs.ReadBucket)).Arn;
        await S.Users.CreateAsync(S.Root, "alice");
        await S.Attachments.AttachAsync(S.Root, OwnerKind.User, "alice", arn);

        await AssertIamError(IamErrorCode.DeleteConflict, "Cannot delete a policy attached to entities.", () => S.Policies.DeleteAsync(S.Root, arn));

        Assert.Equal("P", (await S.Policies.GetAsync(S.Root, arn)).Name);
        await S.Attachments.DetachAsync(S.Root, OwnerKind.User, "alice", arn);
        await S.Policies.DeleteAsync(S.Root, arn);
        Assert.Empty((await S.Policies.ListAsync(S.Root, PolicyScope.Local)).Items);
    }

    [Fact]
    public async Task DeletePolicy_Missing_NoSuchEntity()
    {
        await AssertIamError(IamErrorCode.NoSuchEntity, $"Policy {Arn("Ghost")} was not found.", () => S.Policies.DeleteAsync(S.Root, Arn("Ghost")));
    }

    [Theory]
    [InlineData("arn:aws:s3:::my-bucket/policy/x")]
    [InlineData("arn:aws:iam::1234:policy/Short")]
    [InlineData("arn:aws:iam::111122223333:role/NotAPolicy")]
    [InlineData("arn:aws:iam::111122223333:policy/")]
    public async Task PolicyArn_NotAnArn_InvalidInput(string arn)
    {
        await AssertIamError(IamErrorCode.InvalidInput, $"ARN {arn} is not valid.", () => S.Policies.GetAsync(S.Root, arn));
        await AssertIamError(IamErrorCode.InvalidInput, $"ARN {arn} is not valid.", () => S.Policies.DeleteAsync(S.Root, arn));
        await AssertIamError(IamErrorCode.InvalidInput, $"ARN {arn} is not valid.",
            () => S.Policies.CreateVersionAsync(S.Root, arn, PolicyDocs.ReadBucket, setAsDefault: false));
    }

    [Fact]
    public async Task GetPolicy_OtherAccountsPolicy_NoSuchEntity()
    {
        var other = IamCaller.Root("999988887777");
        var created = await S.Policies.CreateAsync(other, "Theirs", PolicyDocs.ReadBucket);

        await AssertIamError(IamErrorCode.NoSuchEntity, $"Policy {created.Arn} was not found.", () => S.Policies.GetAsync(S.Root, created.Arn));
        await AssertIamError(IamErrorCode.NoSuchEntity, $"Policy {created.Arn} was not found.", () => S.Policies.DeleteAsync(S.Root, created.Arn));
    }

    [Fact]
    public async Task GetPolicy_AdministratorAccess_AwsManagedV1()
    {
        var policy = await S.Policies.GetAsync(S.Root, AdminArn);

        Assert.Equal("AdministratorAccess", policy.Name);
        Assert.Equal("ANPAIWMBCKSKIEE64ZLYK", policy.Id);
        Assert.Equal("/", policy.Path);
        Assert.Equal("v1", policy.DefaultVersionId);
        Assert.True(policy.IsAwsManaged);
        var document = (await S.Policies.GetVersionAsync(S.Root, AdminArn, "v1")).Document;
        Assert.Contains("\"*\"", document, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetPolicy_JobFunctionBilling_AwsManagedV30()
    {
        var policy = await S.Policies.GetAsync(S.Root, BillingArn);

        Assert.Equal("Billing", policy.Name);
        Assert.Equal("ANPAIFTHXT6FFMIRT7ZEA", policy.Id);
        Assert.Equal("/job-function/", policy.Path);
        Assert.Equal("v30", policy.DefaultVersionId);
        Assert.True(policy.IsAwsManaged);
        Assert.Equal("v30", Assert.Single(await S.Policies.ListVersionsAsync(S.Root, BillingArn)).VersionId);
    }

    [Fact]
    public async Task CreatePolicyVersion_AwsManaged_RefusedAndUnchanged()
    {
        await Assert.ThrowsAsync<IamException>(() => S.Policies.CreateVersionAsync(S.Root, AdminArn, PolicyDocs.ReadBucket, setAsDefault: true));

        var policy = await S.Policies.GetAsync(S.Root, AdminArn);
        Assert.Equal("v1", policy.DefaultVersionId);
        Assert.Equal("v1", Assert.Single(await S.Policies.ListVersionsAsync(S.Root, AdminArn)).VersionId);
    }

    [Fact]
    public async Task DeletePolicy_AwsManaged_RefusedAndStillThere()
    {
        await Assert.ThrowsAsync<IamException>(() => S.Policies.DeleteAsync(S.Root, BillingArn));

        Assert.Equal("v30", (await S.Policies.GetAsync(S.Root, BillingArn)).DefaultVersionId);
    }

    [Fact]
    public async Task SetDefaultAndDeleteVersion_AwsManaged_Refused()
    {
        await Assert.ThrowsAsync<IamException>(() => S.Policies.SetDefaultVersionAsync(S.Root, BillingArn, "v30"));
        await Assert.ThrowsAsync<IamException>(() => S.Policies.DeleteVersionAsync(S.Root, BillingArn, "v30"));

        Assert.Equal("v30", Assert.Single(await S.Policies.ListVersionsAsync(S.Root, BillingArn)).VersionId);
    }

    [Fact]
    public async Task ListPolicies_Scopes_SplitAwsAndLocal()
    {
        var mine = await S.Policies.CreateAsync(S.Root, "Mine", PolicyDocs.ReadBucket);
        await S.Policies.CreateAsync(IamCaller.Root("999988887777"), "Theirs", PolicyDocs.ReadBucket);

        var aws = await ListAllAsync(PolicyScope.Aws);
        var local = await ListAllAsync(PolicyScope.Local);
        var all = await ListAllAsync(PolicyScope.All);

        Assert.Equal(AwsManagedPolicyCatalog.Entries.Count, aws.Count);
        Assert.All(aws, p => Assert.True(p.IsAwsManaged));
        Assert.Contains(aws, p => p.Arn == AdminArn);
        Assert.Contains(aws, p => p.Arn == BillingArn);
        Assert.Equal(mine.Arn, Assert.Single(local).Arn);
        Assert.Equal(aws.Count + 1, all.Count);
        Assert.Contains(all, p => p.Arn == mine.Arn);
        Assert.DoesNotContain(all, p => p.Name == "Theirs");
    }

    [Fact]
    public async Task ListPolicies_OnlyAttached_OnlyThoseAttachedInThisAccount()
    {
        var attached = await S.Policies.CreateAsync(S.Root, "Attached", PolicyDocs.ReadBucket);
        await S.Policies.CreateAsync(S.Root, "Loose", PolicyDocs.ReadBucket);
        await S.Roles.CreateAsync(S.Root, "app", PolicyDocs.Trust);
        await S.Attachments.AttachAsync(S.Root, OwnerKind.Role, "app", attached.Arn);
        await S.Attachments.AttachAsync(S.Root, OwnerKind.Role, "app", BillingArn);

        var all = (await S.Policies.ListAsync(S.Root, PolicyScope.All, onlyAttached: true)).Items;
        var aws = (await S.Policies.ListAsync(S.Root, PolicyScope.Aws, onlyAttached: true)).Items;
        var local = (await S.Policies.ListAsync(S.Root, PolicyScope.Local, onlyAttached: true)).Items;

        Assert.Equal(new[] { BillingArn, attached.Arn }.Order(StringComparer.Ordinal), all.Select(p => p.Arn).Order(StringComparer.Ordinal));
        Assert.Equal(BillingArn, Assert.Single(aws).Arn);
        Assert.Equal(attached.Arn, Assert.Single(local).Arn);
    }

    [Fact]
    public async Task ListPolicies_OnlyAttached_AwsPolicyAttachedInAnotherAccountNotListed()
    {
        var other = IamCaller.Root("999988887777");
        await S.Users.CreateAsync(other, "bob");
        await S.Attachments.AttachAsync(other, OwnerKind.User, "bob", AdminArn);

        var mine = (await S.Policies.ListAsync(S.Root, PolicyScope.All, onlyAttached: true)).Items;
        var theirs = (await S.Policies.ListAsync(other, PolicyScope.All, onlyAttached: true)).Items;

        Assert.Empty(mine);
        Assert.Equal(AdminArn, Assert.Single(theirs).Arn);
    }

    [Fact]
    public async Task ListPolicies_Paginated_EveryPolicyOnceInArnOrder()
    {
        for (var i = 0; i < 4; i++)
        {
            await S.Policies.CreateAsync(S.Root, $"Policy{i}", PolicyDocs.ReadBucket);
        }

        var expected = (await ListAllAsync(PolicyScope.All)).Select(p => p.Arn).ToList();
        var seen = new List<string>();
        string? marker = null;
        var pages = 0;
        do
        {
            var page = await S.Policies.ListAsync(S.Root, marker: marker, maxItems: 3);
            Assert.True(page.Items.Count <= 3);
            Assert.Equal(page.IsTruncated, page.Marker is not null);
            seen.AddRange(page.Items.Select(p => p.Arn));
            marker = page.Marker;
            pages++;
        }
        while (marker is not null);

        Assert.Equal(AwsManagedPolicyCatalog.Entries.Count + 4, expected.Count);
        Assert.Equal(expected, seen);
        Assert.Equal(expected.Order(StringComparer.Ordinal), seen);
        Assert.Equal((expected.Count + 2) / 3, pages);
    }

    /// <summary>Every policy of a scope, through pages of the largest size IAM allows.</summary>
    private async Task<List<ManagedPolicy>> ListAllAsync(PolicyScope scope)
    {
        var all = new List<ManagedPolicy>();
        string? marker = null;
        do
        {
            var page = await S.Policies.ListAsync(S.Root, scope, marker: marker, maxItems: 1000);
            all.AddRange(page.Items);
            marker = page.Marker;
        }
        while (marker is not null);

        return all;
    }

    [Fact]
    public async Task ListPolicies_PathPrefix_OnlyMatching()
    {
        await S.Policies.CreateAsync(S.Root, "Team", PolicyDocs.ReadBucket, path: "/team/");
        await S.Policies.CreateAsync(S.Root, "Root", PolicyDocs.ReadBucket);

        var jobFunctions = (await S.Policies.ListAsync(S.Root, PolicyScope.All, pathPrefix: "/job-function/")).Items;
        var team = (await S.Policies.ListAsync(S.Root, PolicyScope.Local, pathPrefix: "/team/")).Items;

        Assert.Contains(jobFunctions, p => p.Arn == BillingArn);
        Assert.All(jobFunctions, p => Assert.Equal("/job-function/", p.Path));
        Assert.Equal("Team", Assert.Single(team).Name);
    }
}

public sealed class SqliteManagedPolicyStoreTests() : ManagedPolicyStoreTests(Backend.Sqlite);

public sealed class PostgresManagedPolicyStoreTests() : ManagedPolicyStoreTests(Backend.Postgres);
