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
    private readonly List<string> _invalidValues = [];

    public RequestValidator Name(string? value, string field, int maxLength)
    {
        if (value is null)
        {
            return Required(field);
        }

        Length(value, field, 1, maxLength);
        if (value.Length > 0 && !NameRegex().IsMatch(value))
        {
            _invalidValues.Add($"The specified value for {field} is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_-");
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
            _invalidValues.Add($"The specified value for {field} is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.");
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
            Violation(field, $"Member must have length greater than or equal to {min}");
        }
        else if (value.Length > max)
        {
            Violation(field, $"Member must have length less than or equal to {max}");
        }

        return this;
    }

    public RequestValidator Range(int? value, string field, int min, int max)
    {
        if (value is { } number && (number < min || number > max))
        {
            Violation(field, number < min ? $"Member must have value greater than or equal to {min}" : $"Member must have value less than or equal to {max}");
        }

        return this;
    }

    public RequestValidator Pattern(string? value, string field, Regex pattern, string patternText)
    {
        if (value is not null && !pattern.IsMatch(value))
        {
            Violation(field, $"Member must satisfy regular expression pattern: {patternText}");
        }

        return this;
    }

    /// <summary>A list whose members must each have a length in range; AWS reports the list once.</summary>
    public RequestValidator MemberLengths(IEnumerable<string>? values, string field, int min, int max)
    {
        if (values is not null && values.Any(v => v.Length < min || v.Length > max))
        {
            Violation(field, $"Member must satisfy constraint: [Member must have length less than or equal to {max}, Member must have length greater than or equal to {min}]");
        }

        return this;
    }

    /// <summary>An enum parameter; AWS quotes the rejected value.</summary>
    public RequestValidator OneOf(string? value, string field, params string[] allowed)
    {
        if (value is not null && !allowed.Contains(value, StringComparer.Ordinal))
        {
            _violations.Add($"Value '{value}' at '{field}' failed to satisfy constraint: Member must satisfy enum value set: [{string.Join(", ", allowed)}]");
        }

        return this;
    }

    public RequestValidator Required(string field)
    {
        Violation(field, "Member must not be null");
        return this;
    }

    /// <summary>Throws <c>ValidationError</c> when anything was found.</summary>
    public void ThrowIfInvalid()
    {
        if (_violations.Count > 0)
        {
            var noun = _violations.Count == 1 ? "validation error" : "validation errors";
            throw new IamException(IamErrorCode.ValidationError, $"{_violations.Count} {noun} detected: {string.Join("; ", _violations)}");
        }

        if (_invalidValues.Count > 0)
        {
            throw new IamException(IamErrorCode.ValidationError, _invalidValues[0]);
        }
    }

    private void Violation(string field, string constraint) =>
        _violations.Add($"Value at '{field}' failed to satisfy constraint: {constraint}");

    // AWS's \w is ASCII only; .NET's would also take letters such as é or и.
    [GeneratedRegex(@"^[A-Za-z0-9_+=,.@-]+\z")]
    private static partial Regex NameRegex();

    [GeneratedRegex(@"^((/)|(/[\u0021-\u007E]+/))\z")]
    private static partial Regex PathRegex();
}
