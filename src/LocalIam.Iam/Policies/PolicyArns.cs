using System.Text.RegularExpressions;
using LocalIam.Iam.Errors;
using LocalIam.Iam.Identifiers;

namespace LocalIam.Iam.Policies;

/// <summary>Reads managed-policy ARNs: <c>arn:aws:iam::ACCOUNT:policy/PATH/NAME</c> or AWS's <c>arn:aws:iam::aws:policy/...</c>.</summary>
public static partial class PolicyArns
{
    public static void Check(string? arn, string field = "policyArn")
    {
        new RequestValidator().Length(arn ?? string.Empty, field, 20, 2048).ThrowIfInvalid();
        if (!PolicyArn().IsMatch(arn!))
        {
            throw IamErrors.InvalidArn(arn!);
        }
    }

    /// <summary>
    /// The policy an Attach call names: a value without an ARN's form is ValidationError
    /// <c>Invalid ARN:  Could not be parsed!</c> (recorded for AttachUserPolicy and AttachRolePolicy),
    /// an ARN that is not a managed policy's InvalidInput as for <see cref="Check"/>.
    /// </summary>
    public static void CheckAttachable(string? arn)
    {
        new RequestValidator().Length(arn ?? string.Empty, "policyArn", 20, 2048).ThrowIfInvalid();
        if (!ArnSyntax.IsWellFormed(arn!))
        {
            throw IamErrors.ArnNotParsed();
        }

        Check(arn);
    }

    /// <summary>A permissions boundary names a managed policy: anything else is InvalidInput <c>ARN … is not valid.</c>, before any lookup.</summary>
    public static void CheckBoundary(string arn)
    {
        if (!PolicyArn().IsMatch(arn))
        {
            throw IamErrors.InvalidArn(arn);
        }
    }

    [GeneratedRegex(@"^arn:aws:iam::([0-9]{12}|aws):policy/([\u0021-\u007E]+/)*[\w+=,.@-]+\z")]
    private static partial Regex PolicyArn();
}
