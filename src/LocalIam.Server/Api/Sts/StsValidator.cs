using System.Globalization;
using System.Text.RegularExpressions;
using LocalIam.Aws.Errors;

namespace LocalIam.Server.Api.Sts;

/// <summary>
/// STS's model constraints, reported as STS does: every violation together, each quoting the value,
/// <c>N validation errors detected: Value 'x' at 'roleSessionName' failed to satisfy constraint: ...</c>
/// (lists are reported without their value).
/// </summary>
internal sealed class StsValidator
{
    private readonly List<string> _violations = [];

    public StsValidator Required(string? value, string field)
    {
        if (value is null)
        {
            _violations.Add(AwsErrors.NullViolation(field));
        }

        return this;
    }

    /// <summary>A string's length and, when it has one, its pattern; each violated constraint is reported.</summary>
    public StsValidator Text(string? value, string field, int min, int max, StsPattern? pattern = null)
    {
        if (value is null)
        {
            return this;
        }

        if (value.Length < min)
        {
            Violation(value, field, AwsErrors.MinLengthConstraint(min));
        }
        else if (value.Length > max)
        {
            Violation(value, field, AwsErrors.MaxLengthConstraint(max));
        }

        if (pattern is not null && !pattern.Regex.IsMatch(value))
        {
            Violation(value, field, AwsErrors.PatternConstraint(pattern.Text));
        }

        return this;
    }

    public StsValidator Range(int? value, string field, int min, int max)
    {
        if (value is { } number && (number < min || number > max))
        {
            Violation(number.ToString(CultureInfo.InvariantCulture), field,
                number < min ? AwsErrors.MinValueConstraint(min) : AwsErrors.MaxValueConstraint(max));
        }

        return this;
    }

    public StsValidator Count(int count, string field, int max)
    {
        if (count > max)
        {
            _violations.Add(AwsErrors.Violation(field, AwsErrors.MaxLengthConstraint(max)));
        }

        return this;
    }

    /// <summary>Throws AWS's <c>ValidationError</c> when anything was found.</summary>
    public void ThrowIfInvalid()
    {
        if (_violations.Count > 0)
        {
            throw new AwsException(AwsErrors.ValidationErrors(_violations));
        }
    }

    private void Violation(string value, string field, string constraint) =>
        _violations.Add(AwsErrors.QuotedViolation(field, value, constraint));
}

/// <summary>A pattern of the STS model: the regular expression that checks it, and its text as AWS quotes it.</summary>
internal sealed partial record StsPattern(Regex Regex, string Text)
{
    // AWS's \w is ASCII only; .NET's would also take letters such as é.
    public static StsPattern Arn { get; } = new(ArnRegex(), @"[\u0009\u000A\u000D\u0020-\u007E\u0085\u00A0-\uD7FF\uE000-\uFFFD\u10000-\u10FFFF]+");

    public static StsPattern SessionName { get; } = new(NameRegex(), @"[\w+=,.@-]*");

    public static StsPattern SessionPolicy { get; } = new(PolicyRegex(), @"[\u0009\u000A\u000D\u0020-\u00FF]+");

    public static StsPattern TagKey { get; } = new(TagKeyRegex(), @"[\p{L}\p{Z}\p{N}_.:/=+\-@]+");

    public static StsPattern TagValue { get; } = new(TagValueRegex(), @"[\p{L}\p{Z}\p{N}_.:/=+\-@]*");

    public static StsPattern ExternalId { get; } = new(ExternalIdRegex(), @"[\w+=,.@:\/-]*");

    public static StsPattern SerialNumber { get; } = new(SerialRegex(), @"[\w+=/:,.@-]*");

    public static StsPattern TokenCode { get; } = new(TokenRegex(), @"[\d]*");

    public static StsPattern SourceIdentity { get; } = new(NameRegex(), @"[\w+=,.@-]*");

    [GeneratedRegex(@"^(?:[\u0009\u000A\u000D\u0020-\u007E\u0085\u00A0-\uD7FF\uE000-\uFFFD]|[\uD800-\uDBFF][\uDC00-\uDFFF])+\z")]
    private static partial Regex ArnRegex();

    [GeneratedRegex(@"^[A-Za-z0-9_+=,.@-]*\z")]
    private static partial Regex NameRegex();

    [GeneratedRegex(@"^[\u0009\u000A\u000D\u0020-\u00FF]+\z")]
    private static partial Regex PolicyRegex();

    [GeneratedRegex(@"^[\p{L}\p{Z}\p{N}_.:/=+\-@]+\z")]
    private static partial Regex TagKeyRegex();

    [GeneratedRegex(@"^[\p{L}\p{Z}\p{N}_.:/=+\-@]*\z")]
    private static partial Regex TagValueRegex();

    [GeneratedRegex(@"^[A-Za-z0-9_+=,.@:/-]*\z")]
    private static partial Regex ExternalIdRegex();

    [GeneratedRegex(@"^[A-Za-z0-9_+=/:,.@-]*\z")]
    private static partial Regex SerialRegex();

    [GeneratedRegex(@"^[0-9]*\z")]
    private static partial Regex TokenRegex();
}
