using LocalIam.Iam.Errors;
using LocalIam.Iam.ServiceLinkedRoles;
using LocalIam.Iam.Tests.Support;
using LocalIam.Storage.Entities;

namespace LocalIam.Iam.Tests.ServiceLinkedRoles;

public abstract class ServiceLinkedRoleStoreTests(Backend backend) : StoreTestBase(backend)
{
    private const string Batch = "batch.amazonaws.com";
    private const string BatchPolicy = "arn:aws:iam::aws:policy/aws-service-role/BatchServiceRolePolicy";
    private const string Protected = "Cannot perform the operation on the protected role 'AWSServiceRoleForBatch' - this role is only modifiable by AWS";

    private ServiceLinkedRoleService Linked => S.Get<ServiceLinkedRoleService>();

    [Fact]
    public async Task Create_KnownService_NamePathTrustAndPolicyAsAws()
    {
        var role = await Linked.CreateAsync(S.Root, Batch, "for batch");

        Assert.Equal("AWSServiceRoleForBatch", role.Name);
        Assert.Equal("/aws-service-role/batch.amazonaws.com/", role.Path);
        Assert.Equal("for batch", role.Description);
        Assert.Equal("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"batch.amazonaws.com"},"Action":"sts:AssumeRole"}]}""", role.TrustPolicy);
        var attached = await S.Attachments.ListAttachedAsync(S.Root, OwnerKind.Role, role.Name);
        Assert.Equal([BatchPolicy], attached.Select(p => p.Arn));
    }

    [Fact]
    public async Task Create_Twice_InvalidInputNameTaken()
    {
        await Linked.CreateAsync(S.Root, Batch);

        await AssertIamError(IamErrorCode.InvalidInput,
            "Service role name AWSServiceRoleForBatch has been taken in this account, please try a different suffix.", () => Linked.CreateAsync(S.Root, Batch));
    }

    [Fact]
    public async Task Create_SuffixForServiceWithout_InvalidInputAndNothingStored()
    {
        await AssertIamError(IamErrorCode.InvalidInput, "Custom suffix is not allowed for batch.amazonaws.com", () => Linked.CreateAsync(S.Root, Batch, customSuffix: "x"));

        Assert.Empty((await S.Roles.ListAsync(S.Root)).Items);
    }

    [Fact]
    public async Task Create_SuffixForAutoScaling_NameWithSuffix()
    {
        var role = await Linked.CreateAsync(S.Root, "autoscaling.amazonaws.com", customSuffix: "web");

        Assert.Equal("AWSServiceRoleForAutoScaling_web", role.Name);
    }

    [Fact]
    public async Task Create_UnknownService_InvalidInput()
    {
        await AssertIamError(IamErrorCode.InvalidInput, "Invalid ServiceName: nothing.amazonaws.com", () => Linked.CreateAsync(S.Root, "nothing.amazonaws.com"));
    }

    [Fact]
    public async Task OrdinaryChanges_ServiceLinkedRole_UnmodifiableEntityAndRoleUnchanged()
    {
        var role = await Linked.CreateAsync(S.Root, Batch);
        var name = role.Name;

        await AssertIamError(IamErrorCode.UnmodifiableEntity, Protected, () => S.Roles.DeleteAsync(S.Root, name));
        await AssertIamError(IamErrorCode.UnmodifiableEntity, Protected, () => S.Roles.UpdateTrustPolicyAsync(S.Root, name, PolicyDocs.Trust));
        await AssertIamError(IamErrorCode.UnmodifiableEntity, Protected, () => S.Roles.UpdateAsync(S.Root, name, null, 7200));
        await AssertIamError(IamErrorCode.UnmodifiableEntity, Protected,
            () => S.Roles.PutPermissionsBoundaryAsync(S.Root, name, "arn:aws:iam::aws:policy/ReadOnlyAccess"));
        await AssertIamError(IamErrorCode.UnmodifiableEntity, Protected, () => S.Roles.DeletePermissionsBoundaryAsync(S.Root, name));
        await AssertIamError(IamErrorCode.UnmodifiableEntity, Protected, () => S.InlinePolicies.PutAsync(S.Root, OwnerKind.Role, name, "extra", PolicyDocs.ReadBucket));
        await AssertIamError(IamErrorCode.UnmodifiableEntity, Protected, () => S.InlinePolicies.DeleteAsync(S.Root, OwnerKind.Role, name, "extra"));
        await AssertIamError(IamErrorCode.UnmodifiableEntity, Protected,
            () => S.Attachments.AttachAsync(S.Root, OwnerKind.Role, name, "arn:aws:iam::aws:policy/AdministratorAccess"));
        await AssertIamError(IamErrorCode.UnmodifiableEntity, Protected, () => S.Attachments.DetachAsync(S.Root, OwnerKind.Role, name, BatchPolicy));

        var stored = await S.Roles.GetAsync(S.Root, name);
        Assert.Equal(3600, stored.MaxSessionDuration);
        Assert.Equal(role.TrustPolicy, stored.TrustPolicy);
        Assert.Single(await S.Attachments.ListAttachedAsync(S.Root, OwnerKind.Role, name));
    }

    [Fact]
    public async Task UpdateDescription_ServiceLinkedRole_Allowed()
    {
        await Linked.CreateAsync(S.Root, Batch);

        var updated = await S.Roles.UpdateAsync(S.Root, "AWSServiceRoleForBatch", "edited", null);

        Assert.Equal("edited", updated.Description);
    }

    [Fact]
    public async Task Delete_ServiceLinkedRole_RoleGoneAndTaskSucceeded()
    {
        await Linked.CreateAsync(S.Root, Batch);

        var taskId = await Linked.DeleteAsync(S.Root, "AWSServiceRoleForBatch");

        Assert.Matches("^task/aws-service-role/batch.amazonaws.com/AWSServiceRoleForBatch/[0-9a-f-]{36}$", taskId);
        await AssertIamError(IamErrorCode.NoSuchEntity, "The role with name AWSServiceRoleForBatch cannot be found.", () => S.Roles.GetAsync(S.Root, "AWSServiceRoleForBatch"));
        Assert.Equal("SUCCEEDED", (await Linked.GetDeletionStatusAsync(S.Root, taskId)).Status);

        // The name is free again, and the new role is protected as the first was.
        await Linked.CreateAsync(S.Root, Batch);
        await AssertIamError(IamErrorCode.UnmodifiableEntity, Protected, () => S.Roles.DeleteAsync(S.Root, "AWSServiceRoleForBatch"));
    }

    [Fact]
    public async Task Delete_RoleInAnInstanceProfile_TaskFailedWithReasonAndRoleKept()
    {
        await Linked.CreateAsync(S.Root, Batch);
        var profiles = S.Get<InstanceProfiles.InstanceProfileService>();
        await profiles.CreateAsync(S.Root, "web");
        await profiles.AddRoleAsync(S.Root, "web", "AWSServiceRoleForBatch");

        var taskId = await Linked.DeleteAsync(S.Root, "AWSServiceRoleForBatch");

        var task = await Linked.GetDeletionStatusAsync(S.Root, taskId);
        Assert.Equal(("FAILED", IamErrors.ServiceLinkedRoleInUseReason), (task.Status, task.Reason));
        Assert.Equal("AWSServiceRoleForBatch", (await S.Roles.GetAsync(S.Root, "AWSServiceRoleForBatch")).Name);
    }

    [Fact]
    public async Task Delete_OrdinaryRole_InvalidInputAndRoleKept()
    {
        await S.Roles.CreateAsync(S.Root, "app", PolicyDocs.Trust);

        await AssertIamError(IamErrorCode.InvalidInput, "Role app is not a service-linked role.", () => Linked.DeleteAsync(S.Root, "app"));

        Assert.Equal("app", (await S.Roles.GetAsync(S.Root, "app")).Name);
    }

    [Fact]
    public async Task DeletionStatus_UnknownOrMalformedTask_NoSuchEntityOrInvalidInput()
    {
        const string unknown = "task/aws-service-role/batch.amazonaws.com/AWSServiceRoleForBatch/0b7c6f1e-8a53-4a9c-9d1e-3f1f6c1d2e3a";

        await AssertIamError(IamErrorCode.NoSuchEntity, $"The deletion task {unknown} cannot be found.", () => Linked.GetDeletionStatusAsync(S.Root, unknown));
        await AssertIamError(IamErrorCode.InvalidInput, "Invalid deletion task id: nonsense", () => Linked.GetDeletionStatusAsync(S.Root, "nonsense"));
    }
}

public sealed class SqliteServiceLinkedRoleStoreTests() : ServiceLinkedRoleStoreTests(Backend.Sqlite);

public sealed class PostgresServiceLinkedRoleStoreTests() : ServiceLinkedRoleStoreTests(Backend.Postgres);
