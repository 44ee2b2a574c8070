using LocalIam.Aws.Errors;

namespace LocalIam.Aws.Validation;

/// <summary>
/// How a service words its <c>ValidationError</c>s, as recorded from AWS (docs/api.md, "Validation").
/// IAM names the member but never quotes the value, prints patterns with their <c>\uXXXX</c>
/// escapes as the characters, leaves the enum's values out, and answers names and paths that break
/// their pattern with its own sentence. STS quotes the value and prints the pattern as modelled.
/// </summary>
public sealed record ValidationStyle(bool QuotesValues, bool UnescapesPatterns, bool ListsEnumValues, bool OwnNameAndPathSentences)
{
    public static readonly ValidationStyle Iam = new(QuotesValues: false, UnescapesPatterns: true, ListsEnumValues: false, OwnNameAndPathSentences: true);

    public static readonly ValidationStyle Sts = new(QuotesValues: true, UnescapesPatterns: false, ListsEnumValues: true, OwnNameAndPathSentences: false);

    // The model's name and path patterns, which IAM answers with a sentence of its own.
    private const string NamePattern = @"[\w+=,.@-]+";
    private const string PathPattern = @"(\u002F)|(\u002F[\u0021-\u007E]+\u002F)";

    /// <summary><c>Value at 'userName' failed to satisfy constraint: ...</c>, or with the value quoted where the service quotes it.</summary>
    public string Violation(string path, string? value, bool sensitive, string constraint) =>
        QuotesValues && value is not null && !sensitive
            ? AwsErrors.QuotedViolation(path, value, constraint)
            : AwsErrors.Violation(path, constraint);

    public string Pattern(ModelPattern pattern) => AwsErrors.PatternConstraint(UnescapesPatterns ? pattern.Unescaped : pattern.Text);

    public string Enum(IReadOnlyList<string> values) => AwsErrors.EnumConstraint(ListsEnumValues ? values : null);

    /// <summary>Whether the service answers a value that breaks this pattern with a sentence of its own (IAM, for names and paths).</summary>
    public bool HasOwnSentence(ModelPattern pattern) => OwnNameAndPathSentences && pattern.Text is NamePattern or PathPattern;

    /// <summary>IAM's own sentence for a name or path that breaks its pattern.</summary>
    public static AwsError OwnSentence(ModelPattern pattern, string path) => AwsErrors.NameOrPathInvalid(path, isPath: pattern.Text == PathPattern);

    /// <summary>Every constraint of a scalar member, in AWS's order: length (longest first), value, pattern, enum.</summary>
    public IEnumerable<string> ConstraintsOf(ParameterRule rule)
    {
        var isText = rule.Kind == ParameterKind.String;
        if (rule.Max is { } max)
        {
            yield return isText ? AwsErrors.MaxLengthConstraint(max) : AwsErrors.MaxValueConstraint(max);
        }

        if (rule.Min is { } min)
        {
            yield return isText ? AwsErrors.MinLengthConstraint(min) : AwsErrors.MinValueConstraint(min);
        }

        if (rule.Pattern is { } pattern)
        {
            yield return Pattern(pattern);
        }

        if (rule.Enum is { } values)
        {
            yield return Enum(values);
        }
    }
}
