using LocalIam.Aws.Errors;
using LocalIam.Aws.Json;

namespace LocalIam.Server.Api.Billing;

/// <summary>
/// The model's constraints on a JSON request, checked as AWS's JSON services check them: every
/// violation collected, then one ValidationException naming them all (<c>Value 'X' at
/// 'granularity' failed to satisfy constraint: …</c>).
/// </summary>
internal sealed class JsonViolations
{
    private readonly List<string> _violations = [];

    /// <summary>A required string member; null (and a violation) when absent.</summary>
    public string? Required(JsonRequest request, string name)
    {
        var value = request.Get(name);
        if (value is null)
        {
            _violations.Add(AwsErrors.NullViolation(request.MessagePath(name)));
        }

        return value;
    }

    /// <summary>A required nested object; null (and a violation) when absent.</summary>
    public JsonRequest? RequiredObject(JsonRequest request, string name)
    {
        var value = request.GetObject(name);
        if (value is null)
        {
            _violations.Add(AwsErrors.NullViolation(request.MessagePath(name)));
        }

        return value;
    }

    public void Null(JsonRequest request, string name) => _violations.Add(AwsErrors.NullViolation(request.MessagePath(name)));

    /// <summary>A value of an enumeration: violation unless it is one of <paramref name="values"/>.</summary>
    public string? Enum(JsonRequest request, string name, string? value, IReadOnlyList<string> values)
    {
        if (value is not null && !values.Contains(value, StringComparer.Ordinal))
        {
            _violations.Add(AwsErrors.QuotedViolation(request.MessagePath(name), value, AwsErrors.EnumConstraint(values)));
        }

        return value;
    }

    public void Length(JsonRequest request, string name, string? value, int min, int max)
    {
        if (value is not null && value.Length < min)
        {
            _violations.Add(AwsErrors.QuotedViolation(request.MessagePath(name), value, AwsErrors.MinLengthConstraint(min)));
        }
        else if (value is not null && value.Length > max)
        {
            _violations.Add(AwsErrors.QuotedViolation(request.MessagePath(name), value, AwsErrors.MaxLengthConstraint(max)));
        }
    }

    /// <summary>A string that must match the model's pattern, given here as a regular expression and as the model prints it.</summary>
    public void Pattern(JsonRequest request, string name, string? value, System.Text.RegularExpressions.Regex regex, string pattern)
    {
        if (value is not null && !regex.IsMatch(value))
        {
            _violations.Add(AwsErrors.QuotedViolation(request.MessagePath(name), value, AwsErrors.PatternConstraint(pattern)));
        }
    }

    public void Range(JsonRequest request, string name, double? value, double min, double max)
    {
        if (value < min)
        {
            _violations.Add(AwsErrors.Violation(request.MessagePath(name), AwsErrors.MinValueConstraint((long)min)));
        }
        else if (value > max)
        {
            _violations.Add(AwsErrors.Violation(request.MessagePath(name), AwsErrors.MaxValueConstraint((long)max)));
        }
    }

    public void ListLength(JsonRequest request, string name, int count, int min, int max)
    {
        if (count < min)
        {
            _violations.Add(AwsErrors.Violation(request.MessagePath(name), AwsErrors.MinLengthConstraint(min)));
        }
        else if (count > max)
        {
            _violations.Add(AwsErrors.Violation(request.MessagePath(name), AwsErrors.MaxLengthConstraint(max)));
        }
    }

    /// <summary>Throws the collected violations as one ValidationException.</summary>
    public void ThrowIfAny()
    {
        if (_violations.Count > 0)
        {
            throw new AwsException(AwsErrors.JsonValidationErrors(_violations));
        }
    }
}
