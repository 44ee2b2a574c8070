using LocalIam.E2E.Tests.Support;

namespace LocalIam.E2E.Tests;

/// <summary>Service-linked roles through the AWS CLI: AWS's names, paths, policies, errors and texts (LocalStack's recordings of AWS).</summary>
public sealed class CliServiceLinkedRoleTests(LocalIamServer server) : IClassFixture<LocalIamServer>, IAsyncLifetime
{
    private const string Account = LocalIamServer.AccountId;
    private const string Protected = "Cannot perform the operation on the protected role 'AWSServiceRoleForElasticBeanstalk' - this role is only modifiable by AWS";

    private readonly AwsCli _root = new(server.Endpoint, LocalIamServer.RootAccessKeyId, LocalIamServer.RootSecret);

    public async ValueTask InitializeAsync() => await server.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task CreateServiceLinkedRole_ElasticBeanstalk_AwsNamePathTrustAndServicePolicy()
    {
        var role = (await _root.OkAsync("iam", "create-service-linked-role", "--aws-service-name", "elasticbeanstalk.amazonaws.com")).GetProperty("Role");

        Assert.Equal("AWSServiceRoleForElasticBeanstalk", role.GetProperty("RoleName").GetString());
        Assert.Equal("/aws-service-role/elasticbeanstalk.amazonaws.com/", role.GetProperty("Path").GetString());
        Assert.Equal($"arn:aws:iam::{Account}:role/aws-service-role/elasticbeanstalk.amazonaws.com/AWSServiceRoleForElasticBeanstalk", role.GetProperty("Arn").GetString());
        var statement = role.GetProperty("AssumeRolePolicyDocument").GetProperty("Statement")[0];
        Assert.Equal("elasticbeanstalk.amazonaws.com", statement.GetProperty("Principal").GetProperty("Service").GetString());
        Assert.Equal("sts:AssumeRole", statement.GetProperty("Action").GetString());
        var attached = await _root.OkAsync("iam", "list-attached-role-policies", "--role-name", "AWSServiceRoleForElasticBeanstalk");
        Assert.Equal("arn:aws:iam::aws:policy/aws-service-role/AWSElasticBeanstalkServiceRolePolicy",
            attached.GetProperty("AttachedPolicies")[0].GetProperty("PolicyArn").GetString());
        var got = (await _root.OkAsync("iam", "get-role", "--role-name", "AWSServiceRoleForElasticBeanstalk")).GetProperty("Role");
        Assert.Equal(3600, got.GetProperty("MaxSessionDuration").GetInt32());
    }

    [Fact]
    public async Task CreateServiceLinkedRole_SuffixWhereAllowedAndNot_NameOrInvalidInput()
    {
        var role = (await _root.OkAsync("iam", "create-service-linked-role", "--aws-service-name", "autoscaling.amazonaws.com", "--custom-suffix", "web")).GetProperty("Role");
        var error = await _root.FailsAsync("InvalidInput", "iam", "create-service-linked-role", "--aws-service-name", "batch.amazonaws.com", "--custom-suffix", "web");

        Assert.Equal("AWSServiceRoleForAutoScaling_web", role.GetProperty("RoleName").GetString());
        Assert.Contains("Custom suffix is not allowed for batch.amazonaws.com", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateServiceLinkedRole_Twice_InvalidInputNameTaken()
    {
        await _root.OkAsync("iam", "create-service-linked-role", "--aws-service-name", "batch.amazonaws.com");

        var error = await _root.FailsAsync("InvalidInput", "iam", "create-service-linked-role", "--aws-service-name", "batch.amazonaws.com");

        Assert.Contains("Service role name AWSServiceRoleForBatch has been taken in this account, please try a different suffix.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OrdinaryCalls_ServiceLinkedRole_UnmodifiableEntity()
    {
        const string name = "AWSServiceRoleForElasticBeanstalk";
        await _root.OkAsync("iam", "create-service-linked-role", "--aws-service-name", "elasticbeanstalk.amazonaws.com");
        const string trust = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}""";
        const string inline = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""";

        string[][] calls =
        [
            ["delete-role", "--role-name", name],
            ["update-assume-role-policy", "--role-name", name, "--policy-document", trust],
            ["put-role-policy", "--role-name", name, "--policy-name", "extra", "--policy-document", inline],
            ["attach-role-policy", "--role-name", name, "--policy-arn", "arn:aws:iam::aws:policy/AdministratorAccess"],
            ["detach-role-policy", "--role-name", name, "--policy-arn", "arn:aws:iam::aws:policy/aws-service-role/AWSElasticBeanstalkServiceRolePolicy"],
            ["put-role-permissions-boundary", "--role-name", name, "--permissions-boundary", "arn:aws:iam::aws:policy/ReadOnlyAccess"],
            ["update-role", "--role-name", name, "--max-session-duration", "7200"],
        ];
        foreach (var call in calls)
        {
            var error = await _root.FailsAsync("UnmodifiableEntity", ["iam", .. call]);
            Assert.Contains(Protected, error, StringComparison.Ordinal);
        }

        // Its description is the one thing IAM lets an account edit.
        await _root.OkAsync("iam", "update-role-description", "--role-name", name, "--description", "edited");
        var role = (await _root.OkAsync("iam", "get-role", "--role-name", name)).GetProperty("Role");
        Assert.Equal("edited", role.GetProperty("Description").GetString());
        Assert.Equal(3600, role.GetProperty("MaxSessionDuration").GetInt32());
    }

    [Fact]
    public async Task DeleteServiceLinkedRole_ThenStatus_TaskIdInAwsFormAndSucceeded()
    {
        await _root.OkAsync("iam", "create-service-linked-role", "--aws-service-name", "batch.amazonaws.com");

        var taskId = (await _root.OkAsync("iam", "delete-service-linked-role", "--role-name", "AWSServiceRoleForBatch")).GetProperty("DeletionTaskId").GetString()!;
        var status = await _root.OkAsync("iam", "get-service-linked-role-deletion-status", "--deletion-task-id", taskId);

        Assert.Matches("^task/aws-service-role/batch.amazonaws.com/AWSServiceRoleForBatch/[0-9a-f-]{36}$", taskId);
        Assert.Equal("SUCCEEDED", status.GetProperty("Status").GetString());
        await _root.FailsAsync("NoSuchEntity", "iam", "get-role", "--role-name", "AWSServiceRoleForBatch");
    }

    [Fact]
    public async Task DeleteServiceLinkedRole_RoleInInstanceProfile_StatusFailedWithReason()
    {
        await _root.OkAsync("iam", "create-service-linked-role", "--aws-service-name", "batch.amazonaws.com");
        await _root.OkAsync("iam", "create-instance-profile", "--instance-profile-name", "web");
        await _root.OkAsync("iam", "add-role-to-instance-profile", "--instance-profile-name", "web", "--role-name", "AWSServiceRoleForBatch");

        var taskId = (await _root.OkAsync("iam", "delete-service-linked-role", "--role-name", "AWSServiceRoleForBatch")).GetProperty("DeletionTaskId").GetString()!;
        var status = await _root.OkAsync("iam", "get-service-linked-role-deletion-status", "--deletion-task-id", taskId);

        Assert.Equal("FAILED", status.GetProperty("Status").GetString());
        Assert.Contains("instance profile", status.GetProperty("Reason").GetProperty("Reason").GetString(), StringComparison.Ordinal);
        await _root.OkAsync("iam", "get-role", "--role-name", "AWSServiceRoleForBatch");
    }

    [Fact]
    public async Task CreateServiceLinkedRole_PolicyLimitedByAwsServiceName_OtherServiceDenied()
    {
        await _root.OkAsync("iam", "create-user", "--user-name", "ops");
        const string policy = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:CreateServiceLinkedRole","Resource":"*",
              "Condition":{"StringEquals":{"iam:AWSServiceName":"batch.amazonaws.com"}}}]}
            """;
        await _root.OkAsync("iam", "put-user-policy", "--user-name", "ops", "--policy-name", "slr", "--policy-document", policy);
        var key = (await _root.OkAsync("iam", "create-access-key", "--user-name", "ops")).GetProperty("AccessKey");
        var ops = _root.As(key.GetProperty("AccessKeyId").GetString()!, key.GetProperty("SecretAccessKey").GetString()!);

        await ops.OkAsync("iam", "create-service-linked-role", "--aws-service-name", "batch.amazonaws.com");
        var error = await ops.FailsAsync("AccessDenied", "iam", "create-service-linked-role", "--aws-service-name", "ecs.amazonaws.com");

        Assert.Contains($"iam:CreateServiceLinkedRole on resource: arn:aws:iam::{Account}:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS", error, StringComparison.Ordinal);
    }
}
