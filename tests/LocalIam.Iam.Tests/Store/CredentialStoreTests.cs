using LocalIam.Iam.Errors;
using LocalIam.Iam.Tests.Support;
using LocalIam.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace LocalIam.Iam.Tests.Store;

public abstract class CredentialStoreTests(Backend backend) : StoreTestBase(backend)
{
    private const string Password = "Str0ng-Passw0rd!";
    private const string RootKeyId = "AKIAROOTKEY000000001";

    private static readonly IamCaller Alice = new(TestStore.AccountId, $"arn:aws:iam::{TestStore.AccountId}:user/alice");

    // ---- access keys ----

    [Fact]
    public async Task AccessKey_CreateForUser_AkiaIdFortyCharacterSecretActive()
    {
        await S.Users.CreateAsync(S.Root, "alice");

        var created = await S.AccessKeys.CreateAsync(S.Root, "alice");

        Assert.Matches("^AKIA[A-Z2-7]{16}$", created.Key.Id);
        Assert.Equal(20, created.Key.Id.Length);
        Assert.Equal(40, created.SecretAccessKey.Length);
        Assert.Matches("^[A-Za-z0-9+/]{40}$", created.SecretAccessKey);
        Assert.Equal("alice", created.UserName);
        Assert.Equal(AccessKeyStatus.Active, created.Key.Status);
        var listed = Assert.Single(await S.AccessKeys.ListAsync(S.Root, "alice"));
        Assert.Equal(created.Key.Id, listed.Id);
        Assert.Equal(AccessKeyStatus.Active, listed.Status);
        var signing = await S.AccessKeys.FindForSigningAsync(created.Key.Id);
        Assert.NotNull(signing);
        Assert.Equal(created.SecretAccessKey, signing.Secret);
        Assert.Equal("alice", signing.UserName);
        Assert.Equal(TestStore.AccountId, signing.AccountId);
    }

    [Fact]
    public async Task AccessKey_TwoKeys_DifferentIdsAndSecrets()
    {
        await S.Users.CreateAsync(S.Root, "alice");

        var first = await S.AccessKeys.CreateAsync(S.Root, "alice");
        var second = await S.AccessKeys.CreateAsync(S.Root, "alice");

        Assert.NotEqual(first.Key.Id, second.Key.Id);
        Assert.NotEqual(first.SecretAccessKey, second.SecretAccessKey);
        Assert.Equal(2, (await S.AccessKeys.ListAsync(S.Root, "alice")).Count);
    }

    [Fact]
    public async Task AccessKey_CreateForRoot_NoUserAndListedWithRootKeys()
    {
        var created = await S.AccessKeys.CreateAsync(S.Root, null);

        Assert.Null(created.UserName);
        Assert.Null(created.Key.UserId);
        Assert.Matches("^AKIA[A-Z2-7]{16}$", created.Key.Id);
        Assert.Equal(40, created.SecretAccessKey.Length);
        var rootKeys = await S.AccessKeys.ListAsync(S.Root, null);
        Assert.Contains(rootKeys, k => k.Id == RootKeyId);
        Assert.Contains(rootKeys, k => k.Id == created.Key.Id);
        Assert.Equal(2, rootKeys.Count);
        var signing = await S.AccessKeys.FindForSigningAsync(created.Key.Id);
        Assert.NotNull(signing);
        Assert.Null(signing.UserId);
        Assert.Null(signing.UserName);
    }

    [Fact]
    public async Task AccessKey_RootQuota_BootstrapKeyCountsAndThirdRefused()
    {
        await S.AccessKeys.CreateAsync(S.Root, null);

        await AssertIamError(IamErrorCode.LimitExceeded, "Cannot exceed quota for AccessKeysPerUser: 2", () => S.AccessKeys.CreateAsync(S.Root, null));

        Assert.Equal(2, (await S.AccessKeys.ListAsync(S.Root, null)).Count);
    }

    [Fact]
    public async Task AccessKey_UserQuota_ThirdRefusedOthersUnaffected()
    {
        await S.Users.CreateAsync(S.Root, "alice");
        await S.Users.CreateAsync(S.Root, "bob");
        var first = await S.AccessKeys.CreateAsync(S.Root, "alice");
        await S.AccessKeys.CreateAsync(S.Root, "alice");

        await AssertIamError(IamErrorCode.LimitExceeded, "Cannot exceed quota for AccessKeysPerUser: 2", () => S.AccessKeys.CreateAsync(S.Root, "alice"));

        Assert.Equal(2, (await S.AccessKeys.ListAsync(S.Root, "alice")).Count);
        await S.AccessKeys.CreateAsync(S.Root, "bob");
        await S.AccessKeys.CreateAsync(S.Root, "bob");
        await S.AccessKeys.DeleteAsync(S.Root, "alice", first.Key.Id);
        await S.AccessKeys.CreateAsync(S.Root, "alice");
        Assert.Equal(2, (await S.AccessKeys.ListAsync(S.Root, "alice")).Count);
    }

    [Fact]
    public async Task AccessKey_InactiveKeysStillCountTowardsQuota()
    {
        await S.Users.CreateAsync(S.Root, "alice");
        var first = await S.AccessKeys.CreateAsync(S.Root, "alice");
        var second = await S.AccessKeys.CreateAsync(S.Root, "alice");
        await S.AccessKeys.UpdateStatusAsync(S.Root, "alice", first.Key.Id, AccessKeyStatus.Inactive);
        await S.AccessKeys.UpdateStatusAsync(S.Root, "alice", second.Key.Id, AccessKeyStatus.Inactive);

        await AssertIamError(IamErrorCode.LimitExceeded, "Cannot exceed quota for AccessKeysPerUser: 2", () => S.AccessKeys.CreateAsync(S.Root, "alice"));
    }

    [Fact]
    public async Task AccessKey_MissingUser_NoSuchEntity()
    {
        await AssertIamError(IamErrorCode.NoSuchEntity, "The user with name ghost cannot be found.", () => S.AccessKeys.CreateAsync(S.Root, "ghost"));
        await AssertIamError(IamErrorCode.NoSuchEntity, "The user with name ghost cannot be found.", () => S.AccessKeys.ListAsync(S.Root, "ghost"));
    }

    [Fact]
    public async Task AccessKey_UpdateStatus_InactiveThenActive()
    {
        await S.Users.CreateAsync(S.Root, "alice");
        var created = await S.AccessKeys.CreateAsync(S.Root, "alice");

        await S.AccessKeys.UpdateStatusAsync(S.Root, "alice", created.Key.Id, AccessKeyStatus.Inactive);

        Assert.Equal(AccessKeyStatus.Inactive, Assert.Single(await S.AccessKeys.ListAsync(S.Root, "alice")).Status);
        Assert.Equal(AccessKeyStatus.Inactive, (await S.AccessKeys.FindForSigningAsync(created.Key.Id))!.Status);

        await S.AccessKeys.UpdateStatusAsync(S.Root, "ALICE", created.Key.Id, AccessKeyStatus.Active);

        Assert.Equal(AccessKeyStatus.Active, (await S.AccessKeys.FindForSigningAsync(created.Key.Id))!.Status);
    }

    [Fact]
    public async Task AccessKey_UpdateRootKeyStatus_WithNullUser()
    {
        await S.AccessKeys.UpdateStatusAsync(S.Root, null, RootKeyId, AccessKeyStatus.Inactive);

        Assert.Equal(AccessKeyStatus.Inactive, (await S.AccessKeys.FindForSigningAsync(RootKeyId))!.Status);
    }

    [Fact]
    public async Task AccessKey_Delete_GoneForListingAndSigning()
    {
        await S.Users.CreateAsync(S.Root, "alice");
        var kept = await S.AccessKeys.CreateAsync(S.Root, "alice");
        var deleted = await S.AccessKeys.CreateAsync(S.Root, "alice");

        await S.AccessKeys.DeleteAsync(S.Root, "alice", deleted.Key.Id);

        Assert.Equal(kept.Key.Id, Assert.Single(await S.AccessKeys.ListAsync(S.Root, "alice")).Id);
        Assert.Null(await S.AccessKeys.FindForSigningAsync(deleted.Key.Id));
        Assert.NotNull(await S.AccessKeys.FindForSigningAsync(kept.Key.Id));
        await AssertIamError(IamErrorCode.NoSuchEntity, $"The Access Key with id {deleted.Key.Id} cannot be found.",
            () => S.AccessKeys.DeleteAsync(S.Root, "alice", deleted.Key.Id));
    }

    [Fact]
    public async Task AccessKey_UnknownId_NotFoundMessage()
    {
        await S.Users.CreateAsync(S.Root, "alice");
        const string unknown = "AKIAUNKNOWN000000000";

        await AssertIamError(IamErrorCode.NoSuchEntity, $"The Access Key with id {unknown} cannot be found.",
            () => S.AccessKeys.UpdateStatusAsync(S.Root, "alice", unknown, AccessKeyStatus.Inactive));
        await AssertIamError(IamErrorCode.NoSuchEntity, $"The Access Key with id {unknown} cannot be found.",
            () => S.AccessKeys.DeleteAsync(S.Root, "alice", unknown));
        await AssertIamError(IamErrorCode.NoSuchEntity, $"The Access Key with id {unknown} cannot be found.",
            () => S.AccessKeys.GetLastUsedAsync(S.Root, unknown));
        Assert.Null(await S.AccessKeys.FindForSigningAsync(unknown));
    }

    [Fact]
    public async Task AccessKey_AnotherUsersKey_NotFoundThroughThisUserAndUntouched()
    {
        await S.Users.CreateAsync(S.Root, "alice");
        await S.Users.CreateAsync(S.Root, "bob");
        var bobs = await S.AccessKeys.CreateAsync(S.Root, "bob");

        await AssertIamError(IamErrorCode.NoSuchEntity, $"The Access Key with id {bobs.Key.Id} cannot be found.",
            () => S.AccessKeys.UpdateStatusAsync(S.Root, "alice", bobs.Key.Id, AccessKeyStatus.Inactive));
        await AssertIamError(IamErrorCode.NoSuchEntity, $"The Access Key with id {bobs.Key.Id} cannot be found.",
            () => S.AccessKeys.DeleteAsync(S.Root, "alice", bobs.Key.Id));
        await AssertIamError(IamErrorCode.NoSuchEntity, $"The Access Key with id {bobs.Key.Id} cannot be found.",
            () => S.AccessKeys.DeleteAsync(S.Root, null, bobs.Key.Id));

        var signing = await S.AccessKeys.FindForSigningAsync(bobs.Key.Id);
        Assert.NotNull(signing);
        Assert.Equal(AccessKeyStatus.Active, signing.Status);
        Assert.Empty(await S.AccessKeys.ListAsync(S.Root, "alice"));
    }

    [Fact]
    public async Task AccessKey_RootKeyThroughAUser_NotFound()
    {
        await S.Users.CreateAsync(S.Root, "alice");

        await AssertIamError(IamErrorCode.NoSuchEntity, $"The Access Key with id {RootKeyId} cannot be found.",
            () => S.AccessKeys.DeleteAsync(S.Root, "alice", RootKeyId));

        Assert.NotNull(await S.AccessKeys.FindForSigningAsync(RootKeyId));
    }

    [Fact]
    public async Task AccessKey_OtherAccount_NotFound()
    {
        var stranger = IamCaller.Root("999988887777");

        await AssertIamError(IamErrorCode.NoSuchEntity, $"The Access Key with id {RootKeyId} cannot be found.", () => S.AccessKeys.GetLastUsedAsync(stranger, RootKeyId));
        await AssertIamError(IamErrorCode.NoSuchEntity, $"The Access Key with id {RootKeyId} cannot be found.",
            () => S.AccessKeys.UpdateStatusAsync(stranger, null, RootKeyId, AccessKeyStatus.Inactive));
        Assert.Equal(AccessKeyStatus.Active, (await S.AccessKeys.FindForSigningAsync(RootKeyId))!.Status);
    }

    [Fact]
    public async Task GetLastUsed_NeverUsed_OwnerAndNoDate()
    {
        await S.Users.CreateAsync(S.Root, "Alice");
        var created = await S.AccessKeys.CreateAsync(S.Root, "alice");

        var (userName, key) = await S.AccessKeys.GetLastUsedAsync(S.Root, created.Key.Id);

        Assert.Equal("Alice", userName);
        Assert.Null(key.LastUsedAt);
        Assert.Null(key.LastUsedService);
        Assert.Null(key.LastUsedRegion);
        var (rootName, rootKey) = await S.AccessKeys.GetLastUsedAsync(S.Root, RootKeyId);
        Assert.Null(rootName);
        Assert.Null(rootKey.UserId);
    }

    [Fact]
    public async Task RecordUse_SetsDateServiceRegion_WithoutMovingTheStampOrAuditing()
    {
        var token = TestContext.Current.CancellationToken;
        await S.Users.CreateAsync(S.Root, "alice");
        var created = await S.AccessKeys.CreateAsync(S.Root, "alice");
        var other = await S.AccessKeys.CreateAsync(S.Root, "alice");
        var revision = await S.Store.ReadRevisionAsync(token);
        var eventsBefore = (await S.Audit.QueryAsync(TestStore.AccountId)).Count;
        var before = DateTime.UtcNow.AddSeconds(-5);

        await S.AccessKeys.RecordUseAsync(created.Key.Id, "s3", "eu-west-1");

        var (_, key) = await S.AccessKeys.GetLastUsedAsync(S.Root, created.Key.Id);
        Assert.NotNull(key.LastUsedAt);
        Assert.InRange(key.LastUsedAt.Value, before, DateTime.UtcNow.AddMinutes(1));
        Assert.Equal("s3", key.LastUsedService);
        Assert.Equal("eu-west-1", key.LastUsedRegion);
        Assert.Null((await S.AccessKeys.GetLastUsedAsync(S.Root, other.Key.Id)).Key.LastUsedAt);
        Assert.Equal(revision, await S.Store.ReadRevisionAsync(token));
        Assert.Equal(eventsBefore, (await S.Audit.QueryAsync(TestStore.AccountId)).Count);
    }

    [Fact]
    public async Task RecordUse_Again_LatestUseWins()
    {
        await S.AccessKeys.RecordUseAsync(RootKeyId, "s3", "eu-west-1");
        var first = (await S.AccessKeys.GetLastUsedAsync(S.Root, RootKeyId)).Key.LastUsedAt!.Value;

        await S.AccessKeys.RecordUseAsync(RootKeyId, "iam", "us-east-1");

        var (_, key) = await S.AccessKeys.GetLastUsedAsync(S.Root, RootKeyId);
        Assert.Equal("iam", key.LastUsedService);
        Assert.Equal("us-east-1", key.LastUsedRegion);
        Assert.True(key.LastUsedAt >= first);
    }

    [Fact]
    public async Task AccessKey_Secret_NotStoredInClear()
    {
        await S.Users.CreateAsync(S.Root, "alice");
        var created = await S.AccessKeys.CreateAsync(S.Root, "alice");

        var stored = await S.Store.ReadAsync(db => db.AccessKeys.SingleAsync(k => k.Id == created.Key.Id));

        Assert.DoesNotContain(created.SecretAccessKey, System.Text.Encoding.UTF8.GetString(stored.SecretCiphertext), StringComparison.Ordinal);
        Assert.DoesNotContain(created.SecretAccessKey, System.Text.Encoding.Latin1.GetString(stored.SecretCiphertext), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_KeyLifecycle_RecordedWithKeyIdAsTarget()
    {
        await S.Users.CreateAsync(S.Root, "alice");
        var created = await S.AccessKeys.CreateAsync(S.Admin, "alice");
        await S.AccessKeys.UpdateStatusAsync(S.Admin, "alice", created.Key.Id, AccessKeyStatus.Inactive);
        await S.AccessKeys.DeleteAsync(S.Admin, "alice", created.Key.Id);
        await Assert.ThrowsAsync<IamException>(() => S.AccessKeys.DeleteAsync(S.Admin, "alice", created.Key.Id));

        var events = await S.Audit.QueryAsync(TestStore.AccountId, principalArn: S.Admin.PrincipalArn);

        Assert.Equal(
            [("iam:DeleteAccessKey", created.Key.Id, "NoSuchEntity"), ("iam:DeleteAccessKey", created.Key.Id, "Success"),
             ("iam:UpdateAccessKey", created.Key.Id, "Success"), ("iam:CreateAccessKey", "alice", "Success")],
            events.Select(e => (e.Action, e.Target, e.Outcome)));
        Assert.DoesNotContain(events, e => e.Target.Contains(created.SecretAccessKey, StringComparison.Ordinal));
    }

    // ---- login profiles ----

    [Fact]
    public async Task LoginProfile_Create_GetReturnsItAndPasswordVerifies()
    {
        await S.Users.CreateAsync(S.Root, "alice");

        await S.LoginProfiles.CreateAsync(S.Root, "alice", Password, passwordResetRequired: true);

        var profile = await S.LoginProfiles.GetAsync(S.Root, "alice");
        Assert.True(profile.PasswordResetRequired);
        Assert.InRange(profile.CreatedAt, DateTime.UtcNow.AddMinutes(-5), DateTime.UtcNow.AddMinutes(1));
        Assert.Equal("alice", (await S.LoginProfiles.VerifyAsync(TestStore.AccountId, "alice", Password))?.Name);
        Assert.Null(await S.LoginProfiles.VerifyAsync(TestStore.AccountId, "alice", Password + "x"));
        Assert.Null(await S.LoginProfiles.VerifyAsync(TestStore.AccountId, "alice", Password.ToUpperInvariant()));
    }

    [Fact]
    public async Task LoginProfile_Verify_UnknownUserOrNoProfileOrOtherAccount_Null()
    {
        await S.Users.CreateAsync(S.Root, "alice");
        await S.Users.CreateAsync(S.Root, "bob");
        await S.LoginProfiles.CreateAsync(S.Root, "alice", Password, passwordResetRequired: false);

        Assert.Null(await S.LoginProfiles.VerifyAsync(TestStore.AccountId, "ghost", Password));
        Assert.Null(await S.LoginProfiles.VerifyAsync(TestStore.AccountId, "bob", Password));
        Assert.Null(await S.LoginProfiles.VerifyAsync("999988887777", "alice", Password));
    }

    [Fact]
    public async Task LoginProfile_CreateTwice_EntityAlreadyExistsAndFirstPasswordKept()
    {
        await S.Users.CreateAsync(S.Root, "alice");
        await S.LoginProfiles.CreateAsync(S.Root, "alice", Password, passwordResetRequired: false);

        await AssertIamError(IamErrorCode.EntityAlreadyExists, "Login Profile for user alice already exists.",
            () => S.LoginProfiles.CreateAsync(S.Root, "alice", "Other-Passw0rd!", passwordResetRequired: true));

        Assert.NotNull(await S.LoginProfiles.VerifyAsync(TestStore.AccountId, "alice", Password));
        Assert.Null(await S.LoginProfiles.VerifyAsync(TestStore.AccountId, "alice", "Other-Passw0rd!"));
        Assert.False((await S.LoginProfiles.GetAsync(S.Root, "alice")).PasswordResetRequired);
    }

    [Fact]
    public async Task LoginProfile_Missing_NoSuchEntityForGetUpdateDelete()
    {
        await S.Users.CreateAsync(S.Root, "alice");

        await AssertIamError(IamErrorCode.NoSuchEntity, "Login Profile for User alice cannot be found.", () => S.LoginProfiles.GetAsync(S.Root, "alice"));
        await AssertIamError(IamErrorCode.NoSuchEntity, "Login Profile for User alice cannot be found.", () => S.LoginProfiles.UpdateAsync(S.Root, "alice", Password, null));
        await AssertIamError(IamErrorCode.NoSuchEntity, "Login Profile for User alice cannot be found.", () => S.LoginProfiles.DeleteAsync(S.Root, "alice"));
        await AssertIamError(IamErrorCode.NoSuchEntity, "Login Profile for User alice cannot be found.",
            () => S.LoginProfiles.ChangePasswordAsync(Alice, "alice", Password, "New-Passw0rd!"));
    }

    [Fact]
    public async Task LoginProfile_MissingUser_UserNotFound()
    {
        await AssertIamError(IamErrorCode.NoSuchEntity, "The user with name ghost cannot be found.",
            () => S.LoginProfiles.CreateAsync(S.Root, "ghost", Password, passwordResetRequired: false));
        await AssertIamError(IamErrorCode.NoSuchEntity, "The user with name ghost cannot be found.", () => S.LoginProfiles.GetAsync(S.Root, "ghost"));
    }

    [Fact]
    public async Task LoginProfile_UpdatePassword_OldStopsWorkingNewWorks()
    {
        await S.Users.CreateAsync(S.Root, "alice");
        await S.LoginProfiles.CreateAsync(S.Root, "alice", Password, passwordResetRequired: false);

        await S.LoginProfiles.UpdateAsync(S.Root, "alice", "New-Passw0rd!", passwordResetRequired: true);

        Assert.Null(await S.LoginProfiles.VerifyAsync(TestStore.AccountId, "alice", Password));
        Assert.NotNull(await S.LoginProfiles.VerifyAsync(TestStore.AccountId, "alice", "New-Passw0rd!"));
        Assert.True((await S.LoginProfiles.GetAsync(S.Root, "alice")).PasswordResetRequired);
    }

    [Fact]
    public async Task LoginProfile_UpdateResetFlagOnly_PasswordKept()
    {
        await S.Users.CreateAsync(S.Root, "alice");
        await S.LoginProfiles.CreateAsync(S.Root, "alice", Password, passwordResetRequired: true);

        await S.LoginProfiles.UpdateAsync(S.Root, "alice", null, passwordResetRequired: false);

        Assert.False((await S.LoginProfiles.GetAsync(S.Root, "alice")).PasswordResetRequired);
        Assert.NotNull(await S.LoginProfiles.VerifyAsync(TestStore.AccountId, "alice", Password));
    }

    [Fact]
    public async Task LoginProfile_Delete_GoneAndSignInRefused()
    {
        await S.Users.CreateAsync(S.Root, "alice");
        await S.LoginProfiles.CreateAsync(S.Root, "alice", Password, passwordResetRequired: false);

        await S.LoginProfiles.DeleteAsync(S.Root, "alice");

        await AssertIamError(IamErrorCode.NoSuchEntity, "Login Profile for User alice cannot be found.", () => S.LoginProfiles.GetAsync(S.Root, "alice"));
        Assert.Null(await S.LoginProfiles.VerifyAsync(TestStore.AccountId, "alice", Password));
        await S.LoginProfiles.CreateAsync(S.Root, "alice", "Again-Passw0rd!", passwordResetRequired: false);
        Assert.NotNull(await S.LoginProfiles.VerifyAsync(TestStore.AccountId, "alice", "Again-Passw0rd!"));
    }

    [Theory]
    [InlineData("Sh0rt-pw-1")]
    [InlineData("No-Digits-In-Here!")]
    [InlineData("NO-LOWER-CASE-123!")]
    [InlineData("no-upper-case-123!")]
    [InlineData("NoSymbolsAtAll1234")]
    public async Task LoginProfile_CustomPolicyViolated_PasswordPolicyViolationAndNoProfile(string password)
    {
        await S.Users.CreateAsync(S.Root, "alice");
        await S.Accounts.UpdatePasswordPolicyAsync(S.Root, new PasswordPolicy
        {
            AccountId = "",
            MinimumPasswordLength = 12,
            RequireNumbers = true,
            RequireSymbols = true,
            RequireUppercaseCharacters = true,
            RequireLowercaseCharacters = true,
        });

        await AssertIamError(IamErrorCode.PasswordPolicyViolation, "Password does not conform to the account password policy.",
            () => S.LoginProfiles.CreateAsync(S.Root, "alice", password, passwordResetRequired: false));

        await AssertIamError(IamErrorCode.NoSuchEntity, "Login Profile for User alice cannot be found.", () => S.LoginProfiles.GetAsync(S.Root, "alice"));
        await S.LoginProfiles.CreateAsync(S.Root, "alice", "Good-Passw0rd!", passwordResetRequired: false);
    }

    [Fact]
    public async Task LoginProfile_CustomPolicyWithoutRequirements_OverridesTheDefault()
    {
        await S.Users.CreateAsync(S.Root, "alice");
        await S.Accounts.UpdatePasswordPolicyAsync(S.Root, new PasswordPolicy { AccountId = "", MinimumPasswordLength = 6 });

        await S.LoginProfiles.CreateAsync(S.Root, "alice", "abcdef", passwordResetRequired: false);

        Assert.NotNull(await S.LoginProfiles.VerifyAsync(TestStore.AccountId, "alice", "abcdef"));
    }

    [Fact]
    public async Task LoginProfile_UpdateViolatingPolicy_PasswordPolicyViolationAndOldKept()
    {
        await S.Users.CreateAsync(S.Root, "alice");
        await S.LoginProfiles.CreateAsync(S.Root, "alice", Password, passwordResetRequired: false);
        await S.Accounts.UpdatePasswordPolicyAsync(S.Root, new PasswordPolicy { AccountId = "", MinimumPasswordLength = 20 });

        await AssertIamError(IamErrorCode.PasswordPolicyViolation, "Password does not conform to the account password policy.",
            () => S.LoginProfiles.UpdateAsync(S.Root, "alice", "Sh0rter-Than-20!", passwordResetRequired: null));

        Assert.NotNull(await S.LoginProfiles.VerifyAsync(TestStore.AccountId, "alice", Password));
    }

    [Fact]
    public async Task LoginProfile_NoPolicyShortPassword_PasswordPolicyViolation()
    {
        await S.Users.CreateAsync(S.Root, "alice");

        await AssertIamError(IamErrorCode.PasswordPolicyViolation, "Password does not conform to the account password policy.",
            () => S.LoginProfiles.CreateAsync(S.Root, "alice", "Ab1!xyz", passwordResetRequired: false));
    }

    /// <summary>
    /// Without a custom policy AWS applies its default one: at least 8 characters and at least three of
    /// upper case, lower case, numbers and symbols (IAM User Guide, "Default password policy").
    /// </summary>
    [Theory]
    [InlineData("abcdefghij")]
    [InlineData("abcdef1234")]
    [InlineData("ABCDEFGHIJ")]
    public async Task LoginProfile_NoPolicyFewerThanThreeCharacterTypes_PasswordPolicyViolation(string password)
    {
        await S.Users.CreateAsync(S.Root, "alice");

        await AssertIamError(IamErrorCode.PasswordPolicyViolation, "Password does not conform to the account password policy.",
            () => S.LoginProfiles.CreateAsync(S.Root, "alice", password, passwordResetRequired: false));
    }

    [Fact]
    public async Task LoginProfile_NoPolicyThreeCharacterTypes_Accepted()
    {
        await S.Users.CreateAsync(S.Root, "alice");

        await S.LoginProfiles.CreateAsync(S.Root, "alice", "abcdEF1234", passwordResetRequired: false);

        Assert.NotNull(await S.LoginProfiles.VerifyAsync(TestStore.AccountId, "alice", "abcdEF1234"));
    }

    [Fact]
    public async Task LoginProfile_PasswordOf129_ValidationError()
    {
        await S.Users.CreateAsync(S.Root, "alice");

        await AssertIamError(IamErrorCode.ValidationError,
            "1 validation error detected: Value at 'password' failed to satisfy constraint: Member must have length less than or equal to 128",
            () => S.LoginProfiles.CreateAsync(S.Root, "alice", "Aa1!" + new string('x', 125), passwordResetRequired: false));
    }

    [Fact]
    public async Task ChangePassword_RightOldPassword_NewOneWorksAndResetCleared()
    {
        await S.Users.CreateAsync(S.Root, "alice");
        await S.LoginProfiles.CreateAsync(S.Root, "alice", Password, passwordResetRequired: true);

        await S.LoginProfiles.ChangePasswordAsync(Alice, "alice", Password, "Brand-New-Passw0rd!");

        Assert.Null(await S.LoginProfiles.VerifyAsync(TestStore.AccountId, "alice", Password));
        Assert.NotNull(await S.LoginProfiles.VerifyAsync(TestStore.AccountId, "alice", "Brand-New-Passw0rd!"));
        Assert.False((await S.LoginProfiles.GetAsync(S.Root, "alice")).PasswordResetRequired);
    }

    [Fact]
    public async Task ChangePassword_WrongOldPassword_RefusedAndNothingChanged()
    {
        await S.Users.CreateAsync(S.Root, "alice");
        await S.LoginProfiles.CreateAsync(S.Root, "alice", Password, passwordResetRequired: true);

        await AssertIamError(IamErrorCode.InvalidInput, "The old password is incorrect.",
            () => S.LoginProfiles.ChangePasswordAsync(Alice, "alice", "not-the-password", "Brand-New-Passw0rd!"));

        Assert.NotNull(await S.LoginProfiles.VerifyAsync(TestStore.AccountId, "alice", Password));
        Assert.Null(await S.LoginProfiles.VerifyAsync(TestStore.AccountId, "alice", "Brand-New-Passw0rd!"));
        Assert.True((await S.LoginProfiles.GetAsync(S.Root, "alice")).PasswordResetRequired);
    }

    [Fact]
    public async Task ChangePassword_NewViolatesPolicy_PasswordPolicyViolationAndOldKept()
    {
        await S.Users.CreateAsync(S.Root, "alice");
        await S.LoginProfiles.CreateAsync(S.Root, "alice", Password, passwordResetRequired: false);
        await S.Accounts.UpdatePasswordPolicyAsync(S.Root, new PasswordPolicy { AccountId = "", MinimumPasswordLength = 8, RequireSymbols = true });

        await AssertIamError(IamErrorCode.PasswordPolicyViolation, "Password does not conform to the account password policy.",
            () => S.LoginProfiles.ChangePasswordAsync(Alice, "alice", Password, "NoSymbols123"));

        Assert.NotNull(await S.LoginProfiles.VerifyAsync(TestStore.AccountId, "alice", Password));
    }

    [Fact]
    public async Task LoginProfile_Passwords_NeverStoredInClearAndSalted()
    {
        await S.Users.CreateAsync(S.Root, "alice");
        await S.Users.CreateAsync(S.Root, "bob");
        await S.LoginProfiles.CreateAsync(S.Root, "alice", Password, passwordResetRequired: false);
        await S.LoginProfiles.CreateAsync(S.Root, "bob", Password, passwordResetRequired: false);
        await S.LoginProfiles.ChangePasswordAsync(Alice, "alice", Password, "Changed-Passw0rd!");

        var hashes = await S.Store.ReadAsync(db => db.LoginProfiles.Select(p => p.PasswordHash).ToListAsync());
        var audit = await S.Audit.QueryAsync(TestStore.AccountId);

        Assert.Equal(2, hashes.Count);
        Assert.NotEqual(hashes[0], hashes[1]);
        foreach (var hash in hashes)
        {
            Assert.DoesNotContain(Password, hash, StringComparison.Ordinal);
            Assert.DoesNotContain("Changed-Passw0rd!", hash, StringComparison.Ordinal);
            Assert.NotEmpty(hash);
        }

        Assert.DoesNotContain(audit, e => e.Target.Contains("Passw0rd", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Audit_LoginProfileChanges_RecordedWithUserAsTarget()
    {
        await S.Users.CreateAsync(S.Root, "alice");
        await S.LoginProfiles.CreateAsync(S.Admin, "alice", Password, passwordResetRequired: false);
        await Assert.ThrowsAsync<IamException>(() => S.LoginProfiles.ChangePasswordAsync(Alice, "alice", "wrong-old-password", "Brand-New-Passw0rd!"));
        await S.LoginProfiles.DeleteAsync(S.Admin, "alice");

        var admin = await S.Audit.QueryAsync(TestStore.AccountId, principalArn: S.Admin.PrincipalArn);
        var self = await S.Audit.QueryAsync(TestStore.AccountId, principalArn: Alice.PrincipalArn);

        Assert.Equal(
            [("iam:DeleteLoginProfile", "alice", "Success"), ("iam:CreateLoginProfile", "alice", "Success")],
            admin.Select(e => (e.Action, e.Target, e.Outcome)));
        var change = Assert.Single(self);
        Assert.Equal(("iam:ChangePassword", "alice", "InvalidInput"), (change.Action, change.Target, change.Outcome));
    }
}

public sealed class SqliteCredentialStoreTests() : CredentialStoreTests(Backend.Sqlite);

public sealed class PostgresCredentialStoreTests() : CredentialStoreTests(Backend.Postgres);
