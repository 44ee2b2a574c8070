namespace LocalIam.Iam.Errors;

/// <summary>IAM's texts for the account: its alias, password policy and billing-access setting, authorization details, and the policy simulator.</summary>
public static partial class IamErrors
{
    /// <summary>LocalIam's words: a bootstrap account id that is not an AWS account id.</summary>
    public static IamException AccountIdInvalid(string accountId) => new(IamErrorCode.ValidationError, $"The account id {accountId} must be 12 digits.");

    /// <summary>LocalIam's words: AWS never names an account that is not there.</summary>
    public static IamException AccountNotFound(string accountId) => new(IamErrorCode.NoSuchEntity, $"The account {accountId} cannot be found.");

    public static IamException AliasExists(string alias) =>
        new(IamErrorCode.EntityAlreadyExists, $"The account alias {alias} already exists.");

    public static IamException AliasNotFound(string alias) => new(IamErrorCode.NoSuchEntity, $"The account alias {alias} cannot be found.");

    /// <summary>An alias that breaks the model's pattern, or that is an account id.</summary>
    public static IamException AliasInvalid() =>
        ValidationErrors([Violation("accountAlias", PatternConstraint("^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$"))]);

    public static IamException PasswordPolicyNotFound(string accountId) =>
        new(IamErrorCode.NoSuchEntity, $"The Password Policy with domain name {accountId} cannot be found.");

    public static IamException AccountPasswordPolicyNotFound() =>
        new(IamErrorCode.NoSuchEntity, "The account policy with name PasswordPolicy cannot be found.");

    /// <summary>"IAM user and role access to Billing information" is root's alone to change.</summary>
    public static IamException BillingAccessRootOnly() =>
        new(IamErrorCode.AccessDenied, "Only the AWS account root user can change IAM user and role access to Billing information.");

    /// <summary>GetAccountAuthorizationDetails' Filter, a list of entity types: named, never quoted, as IAM's model validation answers.</summary>
    public static IamException AuthorizationDetailsFilterInvalid() => ValidationErrors([Violation("filter", MembersConstraint(EnumConstraint()))]);

    /// <summary>LocalIam's words: AWS's text for a PolicySourceArn that names no user, group or role of the account is not recorded.</summary>
    public static IamException PolicySourceArnInvalid(string arn) =>
        new(IamErrorCode.InvalidInput, $"Invalid ARN: {arn}. PolicySourceArn must be the ARN of a user, group or role of this account.");

    /// <summary>LocalIam's words: the simulator's bound on the work of one result (docs/api.md); AWS's answer to such input is not known.</summary>
    public static IamException SimulationTooCostly() => new(IamErrorCode.InvalidInput,
        "The policies and context entries given need more work to evaluate for one action and resource than the simulator allows.");
}
