using LocalIam.Iam.Errors;
using LocalIam.Iam.Tags;
using LocalIam.Iam.Tests.Support;
using LocalIam.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace LocalIam.Iam.Tests.Store;

public abstract class RoleStoreTests(Backend backend) : StoreTestBase(backend)
{
    private const string AdminArn = "arn:aws:iam::aws:policy/AdministratorAccess";

    [Fact]
    public async Task Create_ValidTrustPolicy_StoredWithAwsDefaults()
    {
        var created = await S.Roles.CreateAsync(S.Root, "app-role", PolicyDocs.Trust, path: "/service/", description: "for the app");

        var role = await S.Roles.GetAsync(S.Root, "app-role");
        Assert.Equal(created.Id, role.Id);
        Assert.StartsWith("AROA", role.Id, StringComparison.Ordinal);
        Assert.Equal(21, role.Id.Length);
        Assert.Equal("app-role", role.Name);
        Assert.Equal("/service/", role.Path);
        Assert.Equal(TestStore.AccountId, role.AccountId);
        Assert.Equal(PolicyDocs.Trust, role.TrustPolicy);
        Assert.Equal("for the app", role.Description);
        Assert.Equal(3600, role.MaxSessionDuration);
        Assert.Null(role.PermissionsBoundaryArn);
    }

    [Fact]
    public async Task Get_Missing_NoSuchEntity()
    {
        await AssertIamError(IamErrorCode.NoSuchEntity, "The role with name ghost cannot be found.", () => S.Roles.GetAsync(S.Root, "ghost"));
    }

    [Fact]
    public async Task Create_SameNameOtherCase_EntityAlreadyExists()
    {
        await S.Roles.CreateAsync(S.Root, "AppRole", PolicyDocs.Trust);

        await AssertIamError(IamErrorCode.EntityAlreadyExists, "Role with name approle already exists.",
            () => S.Roles.CreateAsync(S.Root, "approle", PolicyDocs.Trust));
        Assert.Single((await S.Roles.ListAsync(S.Root)).Items);
    }

    [Fact]
    public async Task Create_Name64Chars_Accepted()
    {
        var name = new string('r', 64);

        await S.Roles.CreateAsync(S.Root, name, PolicyDocs.Trust);

        Assert.Equal(name, (await S.Roles.GetAsync(S.Root, name)).Name);
    }

    [Fact]
    public async Task Create_Name65Chars_ValidationError()
    {
        await AssertIamError(IamErrorCode.ValidationError,
            "1 validation error detected: Value at 'roleName' failed to satisfy constraint: Member must have length less than or equal to 64",
            () => S.Roles.CreateAsync(S.Root, new string('r', 65), PolicyDocs.Trust));
        Assert.Empty((await S.Roles.ListAsync(S.Root)).Items);
    }

    [Fact]
    public async Task Create_MaxSessionDurationAtBounds_Accepted()
    {
        await S.Roles.CreateAsync(S.Root, "short", PolicyDocs.Trust, maxSessionDuration: 3600);
        await S.Roles.CreateAsync(S.Root, "long", PolicyDocs.Trust, maxSessionDuration: 43200);

        Assert.Equal(3600, (await S.Roles.GetAsync(S.Root, "short")).MaxSessionDuration);
        Assert.Equal(43200, (await S.Roles.GetAsync(S.Root, "long")).MaxSessionDuration);
    }

    [Theory]
    [InlineData(3599, "greater than or equal to 3600")]
    [InlineData(43201, "less than or equal to 43200")]
    public async Task Create_MaxSessionDurationOutOfRange_ValidationError(int seconds, string constraint)
    {
        var error = await Assert.ThrowsAsync<IamException>(() => S.Roles.CreateAsync(S.Root, "app", PolicyDocs.Trust, maxSessionDuration: seconds));

        Assert.Equal(IamErrorCode.ValidationError, error.Code);
        Assert.Contains("'maxSessionDuration'", error.Message, StringComparison.Ordinal);
        Assert.Contains(constraint, error.Message, StringComparison.Ordinal);
        Assert.Empty((await S.Roles.ListAsync(S.Root)).Items);
    }

    [Fact]
    public async Task Update_DescriptionAndMaxSessionDuration_Changed()
    {
        await S.Roles.CreateAsync(S.Root, "app", PolicyDocs.Trust, description: "old");

        await S.Roles.UpdateAsync(S.Root, "app", "new description", 7200);

        var role = await S.Roles.GetAsync(S.Root, "app");
        Assert.Equal("new description", role.Description);
        Assert.Equal(7200, role.MaxSessionDuration);
    }

    [Fact]
    public async Task Update_OnlyDuration_KeepsDescription()
    {
        await S.Roles.CreateAsync(S.Root, "app", PolicyDocs.Trust, description: "kept");

        await S.Roles.UpdateAsync(S.Root, "app", null, 43200);

        var role = await S.Roles.GetAsync(S.Root, "app");
        Assert.Equal("kept", role.Description);
        Assert.Equal(43200, role.MaxSessionDuration);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3599)]
    [InlineData(43201)]
    public async Task Update_MaxSessionDurationOutOfRange_ValidationErrorAndUnchanged(int seconds)
    {
        await S.Roles.CreateAsync(S.Root, "app", PolicyDocs.Trust, maxSessionDuration: 7200);

        var error = await Assert.ThrowsAsync<IamException>(() => S.Roles.UpdateAsync(S.Root, "app", "changed", seconds));

        Assert.Equal(IamErrorCode.ValidationError, error.Code);
        Assert.Contains("'maxSessionDuration'", error.Message, StringComparison.Ordinal);
        var role = await S.Roles.GetAsync(S.Root, "app");
        Assert.Equal(7200, role.MaxSessionDuration);
        Assert.Null(role.Description);
    }

    [Fact]
    public async Task Update_Missing_NoSuchEntity()
    {
        await AssertIamError(IamErrorCode.NoSuchEntity, "The role with name ghost cannot be found.", () => S.Roles.UpdateAsync(S.Root, "ghost", "x", null));
    }

    [Fact]
    public async Task UpdateAssumeRolePolicy_Valid_Replaced()
    {
        await S.Roles.CreateAsync(S.Root, "app", PolicyDocs.Trust);

        await S.Roles.UpdateTrustPolicyAsync(S.Root, "app", PolicyDocs.TrustForAccount);

        Assert.Equal(PolicyDocs.TrustForAccount, (await S.Roles.GetAsync(S.Root, "app")).TrustPolicy);
    }

    [Fact]
    public async Task UpdateAssumeRolePolicy_Invalid_MalformedAndUnchanged()
    {
        await S.Roles.CreateAsync(S.Root, "app", PolicyDocs.Trust);

        await AssertIamError(IamErrorCode.MalformedPolicyDocument, "AssumeRole policy may only specify STS AssumeRole actions.",
            () => S.Roles.UpdateTrustPolicyAsync(S.Root, "app",
                """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"s3:GetObject"}]}"""));

        Assert.Equal(PolicyDocs.Trust, (await S.Roles.GetAsync(S.Root, "app")).TrustPolicy);
    }

    [Fact]
    public async Task UpdateAssumeRolePolicy_MissingRole_NoSuchEntity()
    {
        await AssertIamError(IamErrorCode.NoSuchEntity, "The role with name ghost cannot be found.",
            () => S.Roles.UpdateTrustPolicyAsync(S.Root, "ghost", PolicyDocs.Trust));
    }

    [Theory]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}""", "This policy contains invalid Json")]
    [InlineData("not json", "This policy contains invalid Json")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole","Resource":"*"}]}""", "Has prohibited field Resource")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"iam:PassRole"}]}""", "AssumeRole policy may only specify STS AssumeRole actions.")]
    public async Task Create_InvalidTrustPolicy_MalformedPolicyDocument(string trust, string message)
    {
        await AssertIamError(IamErrorCode.MalformedPolicyDocument, message, () => S.Roles.CreateAsync(S.Root, "app", trust));

        Assert.Empty((await S.Roles.ListAsync(S.Root)).Items);
    }

    [Fact]
    public async Task Create_TrustPolicyExactly2048_Accepted()
    {
        var trust = PolicyDocs.TrustOfSize(2048);

        await S.Roles.CreateAsync(S.Root, "app", trust);

        Assert.Equal(trust, (await S.Roles.GetAsync(S.Root, "app")).TrustPolicy);
    }

    [Fact]
    public async Task Create_TrustPolicyOver2048_LimitExceeded()
    {
        await AssertIamError(IamErrorCode.LimitExceeded, "Cannot exceed quota for ACLSizePerRole: 2048",
            () => S.Roles.CreateAsync(S.Root, "app", PolicyDocs.TrustOfSize(2049)));

        Assert.Empty((await S.Roles.ListAsync(S.Root)).Items);
    }

    [Fact]
    public async Task Create_TrustPolicyPaddedWithWhitespace_WhitespaceNotCounted()
    {
        var trust = PolicyDocs.Padded(PolicyDocs.TrustOfSize(2000));
        Assert.True(trust.Length > 2048);

        await S.Roles.CreateAsync(S.Root, "app", trust);

        Assert.Equal(trust, (await S.Roles.GetAsync(S.Root, "app")).TrustPolicy);
    }

    [Fact]
    public async Task UpdateAssumeRolePolicy_Over2048_LimitExceededAndUnchanged()
    {
        await S.Roles.CreateAsync(S.Root, "app", PolicyDocs.Trust);

        await AssertIamError(IamErrorCode.LimitExceeded, "Cannot exceed quota for ACLSizePerRole: 2048",
            () => S.Roles.UpdateTrustPolicyAsync(S.Root, "app", PolicyDocs.TrustOfSize(2049)));

        Assert.Equal(PolicyDocs.Trust, (await S.Roles.GetAsync(S.Root, "app")).TrustPolicy);
    }

    [Fact]
    public async Task Delete_NoPolicies_RoleAndTagsGone()
    {
        var role = await S.Roles.CreateAsync(S.Root, "app", PolicyDocs.Trust, tags: [new TagInput("team", "blue")]);

        await S.Roles.DeleteAsync(S.Root, "app");

        await AssertIamError(IamErrorCode.NoSuchEntity, "The role with name app cannot be found.", () => S.Roles.GetAsync(S.Root, "app"));
        var tags = await S.Store.ReadAsync(db => db.Tags.CountAsync(t => t.OwnerKind == OwnerKind.Role && t.OwnerId == role.Id));
        Assert.Equal(0, tags);
    }

    [Fact]
    public async Task Delete_Missing_NoSuchEntity()
    {
        await AssertIamError(IamErrorCode.NoSuchEntity, "The role with name ghost cannot be found.", () => S.Roles.DeleteAsync(S.Root, "ghost"));
    }

    [Fact]
    public async Task Delete_AttachedPolicy_DeleteConflictUntilDetached()
    {
        await S.Roles.CreateAsync(S.Root, "app", PolicyDocs.Trust);
        await S.Attachments.AttachAsync(S.Root, OwnerKind.Role, "app", AdminArn);

        await AssertIamError(IamErrorCode.DeleteConflict, "Cannot delete entity, must detach all policies first.", () => S.Roles.DeleteAsync(S.Root, "app"));
        Assert.Equal("app", (await S.Roles.GetAsync(S.Root, "app")).Name);

        await S.Attachments.DetachAsync(S.Root, OwnerKind.Role, "app", AdminArn);
        await S.Roles.DeleteAsync(S.Root, "app");
        Assert.Empty((await S.Roles.ListAsync(S.Root)).Items);
    }

    [Fact]
    public async Task Delete_InlinePolicy_DeleteConflictUntilDeleted()
    {
        await S.Roles.CreateAsync(S.Root, "app", PolicyDocs.Trust);
        await S.InlinePolicies.PutAsync(S.Root, OwnerKind.Role, "app", "read", PolicyDocs.ReadBucket);

        await AssertIamError(IamErrorCode.DeleteConflict, "Cannot delete entity, must delete policies first.", () => S.Roles.DeleteAsync(S.Root, "app"));
        Assert.Equal("app", (await S.Roles.GetAsync(S.Root, "app")).Name);

        await S.InlinePolicies.DeleteAsync(S.Root, OwnerKind.Role, "app", "read");
        await S.Roles.DeleteAsync(S.Root, "app");
        Assert.Empty((await S.Roles.ListAsync(S.Root)).Items);
    }

    [Fact]
    public async Task List_Paginated_AllRolesInNameOrderOnce()
    {
        foreach (var name in new[] { "echo", "Alpha", "delta", "bravo", "Charlie" })
        {
            await S.Roles.CreateAsync(S.Root, name, PolicyDocs.Trust);
        }

        var first = await S.Roles.ListAsync(S.Root, maxItems: 2);
        Assert.True(first.IsTruncated);
        Assert.NotNull(first.Marker);
        var second = await S.Roles.ListAsync(S.Root, marker: first.Marker, maxItems: 2);
        Assert.True(second.IsTruncated);
        var third = await S.Roles.ListAsync(S.Root, marker: second.Marker, maxItems: 2);
        Assert.False(third.IsTruncated);
        Assert.Null(third.Marker);

        Assert.Equal(["Alpha", "bravo"], first.Items.Select(r => r.Name));
        Assert.Equal(["Charlie", "delta"], second.Items.Select(r => r.Name));
        Assert.Equal(["echo"], third.Items.Select(r => r.Name));
    }

    [Fact]
    public async Task List_PathPrefix_OnlyMatchingRoles()
    {
        await S.Roles.CreateAsync(S.Root, "svc", PolicyDocs.Trust, path: "/service/");
        await S.Roles.CreateAsync(S.Root, "plain", PolicyDocs.Trust);

        var page = await S.Roles.ListAsync(S.Root, pathPrefix: "/service/");

        Assert.Equal("svc", Assert.Single(page.Items).Name);
        Assert.Equal(2, (await S.Roles.ListAsync(S.Root)).Items.Count);
    }

    [Fact]
    public async Task List_OtherAccount_NotVisible()
    {
        await S.Roles.CreateAsync(S.Root, "mine", PolicyDocs.Trust);

        var other = await S.Roles.ListAsync(IamCaller.Root("999988887777"));

        Assert.Empty(other.Items);
    }

    [Fact]
    public async Task Tags_CreateTagUntag_ListedAsStored()
    {
        await S.Roles.CreateAsync(S.Root, "app", PolicyDocs.Trust, tags: [new TagInput("team", "blue"), new TagInput("env", "dev")]);

        await S.Roles.TagAsync(S.Root, "app", [new TagInput("Team", "red"), new TagInput("owner", "ops")]);
        await S.Roles.UntagAsync(S.Root, "app", ["ENV"]);

        var tags = await S.Roles.ListTagsAsync(S.Root, "app");
        // Ordinal, case-sensitive key order: upper case first.
        Assert.Equal([new TagInput("Team", "red"), new TagInput("owner", "ops")], tags);
    }

    [Fact]
    public async Task Tags_ReservedAwsPrefix_InvalidInputAndRoleNotCreated()
    {
        await AssertIamError(IamErrorCode.InvalidInput, "Tag keys beginning with aws: are reserved for system use.",
            () => S.Roles.CreateAsync(S.Root, "app", PolicyDocs.Trust, tags: [new TagInput("aws:team", "blue")]));

        Assert.Empty((await S.Roles.ListAsync(S.Root)).Items);
    }

    [Fact]
    public async Task Tags_MissingRole_NoSuchEntity()
    {
        await AssertIamError(IamErrorCode.NoSuchEntity, "The role with name ghost cannot be found.",
            () => S.Roles.TagAsync(S.Root, "ghost", [new TagInput("team", "blue")]));
    }
}

public sealed class SqliteRoleStoreTests() : RoleStoreTests(Backend.Sqlite);

public sealed class PostgresRoleStoreTests() : RoleStoreTests(Backend.Postgres);
