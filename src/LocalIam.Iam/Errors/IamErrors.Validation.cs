namespace LocalIam.Iam.Errors;

/// <summary>
/// The grammar of IAM's <c>ValidationError</c>, as AWS words it (docs/api.md, "Validation"): every
/// violation together, <c>N validation errors detected: Value at 'userName' failed to satisfy
/// constraint: ...</c>, joined with <c>; </c>; names and paths with IAM's own sentence. The wire
/// layer's model validation writes the same words from LocalIam.Aws's <c>AwsErrors</c>, which this
/// layer cannot see; these serve the services' own checks (<see cref="RequestValidator"/>).
/// </summary>
public static partial class IamErrors
{
    public static IamException ValidationErrors(IReadOnlyList<string> violations)
    {
        var noun = violations.Count == 1 ? "validation error" : "validation errors";
        return new(IamErrorCode.ValidationError, $"{violations.Count} {noun} detected: {string.Join("; ", violations)}");
    }

    /// <summary>A required member that is absent, in AWS's form for a single error.</summary>
    public static IamException MemberNull(string field) => ValidationErrors([$"Value null at '{field}' failed to satisfy constraint: Member must not be null"]);

    /// <summary>An enum parameter: IAM names the member only, as its model validation does (LocalStack's recorded UpdateServiceSpecificCredential).</summary>
    public static IamException EnumValueInvalid(string field) => ValidationErrors([Violation(field, EnumConstraint())]);

    public static IamException NameInvalid(string field) => new(IamErrorCode.ValidationError,
        $"The specified value for {field} is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_-");

    public static IamException PathInvalid(string field) => new(IamErrorCode.ValidationError,
        $"The specified value for {field} is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.");

    /// <summary>
    /// An ARN parameter naming another partition than the one the request was signed in: AWS's
    /// answer to AttachRolePolicy with <c>arn:aws:iam::aws:policy/...</c> signed for cn-northwest-1.
    /// </summary>
    public static IamException InvalidArnPartition() => new(IamErrorCode.ValidationError, "Invalid ARN partition");

    /// <summary>A Marker no listing gave: ValidationError, as recorded answers show (moto's test_list_virtual_mfa_devices_errors).</summary>
    public static IamException InvalidMarker() => new(IamErrorCode.ValidationError, "Invalid Marker.");

    /// <summary><c>Value at 'userName' failed to satisfy constraint: ...</c></summary>
    public static string Violation(string field, string constraint) => $"Value at '{field}' failed to satisfy constraint: {constraint}";

    public static string NotNullConstraint() => "Member must not be null";

    public static string MinLengthConstraint(int min) => $"Member must have length greater than or equal to {min}";

    public static string MaxLengthConstraint(int max) => $"Member must have length less than or equal to {max}";

    public static string MinValueConstraint(int min) => $"Member must have value greater than or equal to {min}";

    public static string MaxValueConstraint(int max) => $"Member must have value less than or equal to {max}";

    public static string PatternConstraint(string pattern) => $"Member must satisfy regular expression pattern: {pattern}";

    public static string EnumConstraint() => "Member must satisfy enum value set";

    /// <summary>A list whose members must each satisfy these; AWS reports the list once.</summary>
    public static string MembersConstraint(params string[] constraints) => $"Member must satisfy constraint: [{string.Join(", ", constraints)}]";
}
