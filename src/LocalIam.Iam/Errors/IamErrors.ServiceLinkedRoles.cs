namespace LocalIam.Iam.Errors;

/// <summary>IAM's texts for service-linked roles (sources in docs/api.md, "Service-linked roles").</summary>
public static partial class IamErrors
{
    /// <summary>Every ordinary change to a service-linked role, as AWS words it.</summary>
    public static IamException ProtectedRole(string roleName) =>
        new(IamErrorCode.UnmodifiableEntity, $"Cannot perform the operation on the protected role '{roleName}' - this role is only modifiable by AWS");

    public static IamException CustomSuffixNotAllowed(string service) => new(IamErrorCode.InvalidInput, $"Custom suffix is not allowed for {service}");

    public static IamException ServiceRoleNameTaken(string roleName) =>
        new(IamErrorCode.InvalidInput, $"Service role name {roleName} has been taken in this account, please try a different suffix.");

    /// <summary>LocalIam's words: AWS's text for a service principal that has no service-linked role is not recorded.</summary>
    public static IamException UnknownLinkedService(string service) => new(IamErrorCode.InvalidInput, $"Invalid ServiceName: {service}");

    /// <summary>LocalIam's words: AWS's text for DeleteServiceLinkedRole on an ordinary role is not recorded.</summary>
    public static IamException NotServiceLinked(string roleName) =>
        new(IamErrorCode.InvalidInput, $"Role {roleName} is not a service-linked role.");

    /// <summary>LocalIam's words: a task id not of the form task/aws-service-role/SERVICE/ROLE/ID.</summary>
    public static IamException DeletionTaskIdInvalid(string taskId) => new(IamErrorCode.InvalidInput, $"Invalid deletion task id: {taskId}");

    /// <summary>LocalIam's words: a well-formed task id that no DeleteServiceLinkedRole of this account returned.</summary>
    public static IamException DeletionTaskNotFound(string taskId) => new(IamErrorCode.NoSuchEntity, $"The deletion task {taskId} cannot be found.");

    /// <summary>LocalIam's words: a failed deletion task's reason when an instance profile still holds the role.</summary>
    public const string ServiceLinkedRoleInUseReason = "The role is in use by an instance profile. Remove it from the instance profile, then delete the role again.";
}
