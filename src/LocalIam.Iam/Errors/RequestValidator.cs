using System.Text.RegularExpressions;

namespace LocalIam.Iam.Errors;

/// <summary>
/// Checks request parameters as AWS does. Model constraints (null, length, range) are collected
/// and reported together: <c>N validation errors detected: Value at 'userName' failed to satisfy
/// constraint: ...</c>, joined with <c>; </c>. Only when those hold are names and paths checked
/// for their characters, each with AWS's own sentence. Both are <c>ValidationError</c> (400).
/// </summary>
public sealed partial class RequestValidator
{
    private readonly List<string> _violations = [];
    private IamException? _invalidValue;

    public RequestValidator Name(string? value, string field, int maxLength)
    {
        if (value is null)
        {
            return Required(field);
        }

        Length(value, field, 1, maxLength);
        if (value.Length > 0 && !NameRegex().IsMatch(value))
        {
            _invalidValue ??= IamErrors.NameInvalid(field);
        }

        return this;
    }

    public RequestValidator Path(string? value, string field = "path")
    {
        if (value is null)
        {
            return this;
        }

        Length(value, field, 1, 512);
        if (value.Length > 0 && !PathRegex().IsMatch(value))
        {
            _invalidValue ??= IamErrors.PathInvalid(field);
        }

        return this;
    }

    public RequestValidator Length(string? value, string field, int min, int max)
    {
        if (value is null)
        {
            return this;
        }

        if (value.Length < min)
        {
            Violation(field, IamErrors.MinLengthConstraint(min));
        }
        else if (value.Length > max)
        {
            Violation(field, IamErrors.MaxLengthConstraint(max));
        }

        return this;
    }

    public RequestValidator Range(int? value, string field, int min, int max)
    {
        if (value is { } number && (number < min || number > max))
        {
            Violation(field, number < min ? IamErrors.MinValueConstraint(min) : IamErrors.MaxValueConstraint(max));
        }

        return this;
    }

    public RequestValidator Pattern(string? value, string field, Regex pattern, string patternText)
    {
        if (value is not null && !pattern.IsMatch(value))
        {
            Violation(field, IamErrors.PatternConstraint(patternText));
        }

        return this;
    }

    /// <summary>A list whose members must each have a length in range; AWS reports the list once.</summary>
    public RequestValidator MemberLengths(IEnumerable<string>? values, string field, int min, int max)
    {
        if (values is not null && values.Any(v => v.Length < min || v.Length > max))
        {
            Violation(field, IamErrors.MembersConstraint(IamErrors.MaxLengthConstraint(max), IamErrors.MinLengthConstraint(min)));
        }

        return this;
    }

    /// <summary>An enum parameter; IAM quotes neither the rejected value nor the allowed ones (STS does).</summary>
    public RequestValidator OneOf(string? value, string field, params string[] allowed)
    {
        if (value is not null && !allowed.Contains(value, StringComparer.Ordinal))
        {
            Violation(field, IamErrors.EnumConstraint());
        }

        return this;
    }

    public RequestValidator Required(string field)
    {
        Violation(field, IamErrors.NotNullConstraint());
        return this;
    }

    /// <summary>Throws <c>ValidationError</c> when anything was found.</summary>
    public void ThrowIfInvalid()
    {
        if (_violations.Count > 0)
        {
            throw IamErrors.ValidationErrors(_violations);
        }

        if (_invalidValue is not null)
        {
            throw _invalidValue;
        }
    }

    private void Violation(string field, string constraint) => _violations.Add(IamErrors.Violation(field, constraint));

    // AWS's \w is ASCII only; .NET's would also take letters such as é or и.
    [GeneratedRegex(@"^[A-Za-z0-9_+=,.@-]+\z")]
    private static partial Regex NameRegex();

    [GeneratedRegex(@"^((/)|(/[\u0021-\u007E]+/))\z")]
    private static partial Regex PathRegex();
}
