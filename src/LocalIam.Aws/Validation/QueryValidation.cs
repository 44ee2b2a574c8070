using System.Globalization;
using LocalIam.Aws.Errors;
using LocalIam.Aws.Query;

namespace LocalIam.Aws.Validation;

/// <summary>
/// One pass of an operation's constraints over a Query request, in AWS's order: a value that is
/// not of its type (AWS reads before it validates), then every constraint the model gives, all
/// reported together as <c>N validation errors detected: ...; ...</c>, then IAM's own sentence
/// for a name or path.
/// </summary>
internal sealed class QueryValidation(QueryRequest query, ValidationStyle style)
{
    private readonly List<string> _violations = [];
    private AwsError? _malformed;
    private AwsError? _nameOrPathError;
    private string[]? _sortedNames;

    public AwsError? Run(IReadOnlyList<ParameterRule> input)
    {
        if (query.HasInvalidUtf8)
        {
            return AwsErrors.QueryNotUtf8();
        }

        Members(input, string.Empty, string.Empty);
        if (_malformed is not null)
        {
            return _malformed;
        }

        return _violations.Count > 0 ? AwsErrors.ValidationErrors(_violations) : _nameOrPathError;
    }

    private void Members(IReadOnlyList<ParameterRule> members, string wirePrefix, string pathPrefix)
    {
        foreach (var member in members)
        {
            Value(member, wirePrefix + member.Name, pathPrefix + member.MessageName);
        }
    }

    /// <summary>One member at its wire name (<c>Tags.member.2.Key</c>) and its name in messages (<c>tags.2.member.key</c>).</summary>
    private void Value(ParameterRule rule, string wire, string path)
    {
        switch (rule.Kind)
        {
            case ParameterKind.Structure:
                if (!IsPresent(wire))
                {
                    Absent(rule, path);
                    return;
                }

                Members(rule.Members, wire + ".", path + ".");
                return;
            case ParameterKind.List:
                List(rule, wire, path);
                return;
            case ParameterKind.Map:
                Map(rule, wire, path);
                return;
            default:
                if (query.Get(wire) is { } text)
                {
                    Scalar(rule, wire, path, text);
                }
                else
                {
                    Absent(rule, path);
                }

                return;
        }
    }

    private void Absent(ParameterRule rule, string path)
    {
        if (rule.Required)
        {
            _violations.Add(AwsErrors.NullViolation(path));
        }
    }

    private void Scalar(ParameterRule rule, string wire, string path, string text)
    {
        foreach (var constraint in Failed(rule, wire, text, inList: false))
        {
            _violations.Add(style.Violation(path, text, rule.Sensitive, constraint));
        }

        if (rule.Pattern is { } pattern && style.HasOwnSentence(pattern) && !pattern.IsMatch(text))
        {
            _nameOrPathError ??= ValidationStyle.OwnSentence(pattern, path);
        }
    }

    /// <summary>The constraints a scalar value breaks (outside lists, IAM's names and paths aside); records a value not of its type.</summary>
    private List<string> Failed(ParameterRule rule, string wire, string text, bool inList)
    {
        var failed = new List<string>(0);
        switch (rule.Kind)
        {
            case ParameterKind.String:
                if (rule.Min is { } min && text.Length < min)
                {
                    failed.Add(AwsErrors.MinLengthConstraint(min));
                }

                if (rule.Max is { } max && text.Length > max)
                {
                    failed.Add(AwsErrors.MaxLengthConstraint(max));
                }

                if (rule.Pattern is { } pattern && (inList || !style.HasOwnSentence(pattern)) && !pattern.IsMatch(text))
                {
                    failed.Add(style.Pattern(pattern));
                }

                if (rule.Enum is { } values && !values.Contains(text, StringComparer.Ordinal))
                {
                    failed.Add(style.Enum(values));
                }

                break;
            case ParameterKind.Integer or ParameterKind.Long:
                if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
                    || (rule.Kind == ParameterKind.Integer && number is < int.MinValue or > int.MaxValue))
                {
                    Malformed(wire, text, "integer");
                }
                else if (rule.Min is { } low && number < low)
                {
                    failed.Add(AwsErrors.MinValueConstraint(low));
                }
                else if (rule.Max is { } high && number > high)
                {
                    failed.Add(AwsErrors.MaxValueConstraint(high));
                }

                break;
            case ParameterKind.Boolean when !bool.TryParse(text, out _):
                Malformed(wire, text, "boolean");
                break;
            case ParameterKind.Timestamp when !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _):
                Malformed(wire, text, "timestamp");
                break;
        }

        return failed;
    }

    private void Malformed(string wire, string text, string type) =>
        _malformed ??= AwsErrors.ValueNotOfType(text, wire, type);

    private void List(ParameterRule rule, string wire, string path)
    {
        var member = rule.Member!;
        var count = Count($"{wire}.member.", member.IsScalar);
        if (count == 0 && query.Get(wire) is null)
        {
            Absent(rule, path);
            return;
        }

        var read = Math.Min(count, QueryRequest.MaxMembers);
        if (!member.IsScalar)
        {
            Length(rule, path, null, count);
            for (var i = 1; i <= read; i++)
            {
                Value(member, $"{wire}.member.{i}", $"{path}.{i}.member");
            }

            return;
        }

        // AWS reports a list of plain values once, naming every constraint of its member.
        var values = new List<string>(read);
        var anyFailed = false;
        for (var i = 1; i <= read; i++)
        {
            var item = $"{wire}.member.{i}";
            var value = query.Get(item)!;
            values.Add(value);
            anyFailed |= Failed(member, item, value, inList: true).Count > 0;
        }

        var shown = $"[{string.Join(", ", values)}]";
        Length(rule, path, shown, count);
        if (anyFailed)
        {
            _violations.Add(style.Violation(path, shown, member.Sensitive, AwsErrors.MembersConstraint("Member", style.ConstraintsOf(member))));
        }
    }

    private void Map(ParameterRule rule, string wire, string path)
    {
        var count = Count($"{wire}.entry.", scalar: false);
        if (count == 0 && query.Get(wire) is null)
        {
            Absent(rule, path);
            return;
        }

        Length(rule, path, null, count);
        foreach (var (part, noun) in (ReadOnlySpan<(ParameterRule Rule, string Noun)>)[(rule.Key!, "Map keys"), (rule.Value!, "Map value")])
        {
            var failed = false;
            for (var i = 1; i <= Math.Min(count, QueryRequest.MaxMembers); i++)
            {
                var entry = $"{wire}.entry.{i}.{part.Name}";
                failed |= query.Get(entry) is { } text && Failed(part, entry, text, inList: true).Count > 0;
            }

            if (failed)
            {
                _violations.Add(style.Violation(path, null, part.Sensitive, AwsErrors.MembersConstraint(noun, style.ConstraintsOf(part))));
            }
        }
    }

    /// <summary>A list or map holds at most its model's maximum, and never more than LocalIam reads (<see cref="QueryRequest.MaxMembers"/>).</summary>
    private void Length(ParameterRule rule, string path, string? shown, int count)
    {
        if (rule.Min is { } min && count < min)
        {
            _violations.Add(style.Violation(path, shown, rule.Sensitive, AwsErrors.MinLengthConstraint(min)));
        }

        var max = Math.Min(rule.Max ?? QueryRequest.MaxMembers, QueryRequest.MaxMembers);
        if (count > max)
        {
            _violations.Add(style.Violation(path, shown, rule.Sensitive, AwsErrors.MaxLengthConstraint(max)));
        }
    }

    /// <summary>Members numbered from 1 until one is missing, counted to one past what LocalIam reads.</summary>
    private int Count(string prefix, bool scalar)
    {
        var count = 0;
        while (count <= QueryRequest.MaxMembers)
        {
            var next = prefix + (count + 1).ToString(CultureInfo.InvariantCulture);
            if (scalar ? query.Get(next) is null : !IsPresent(next))
            {
                break;
            }

            count++;
        }

        return count;
    }

    /// <summary>Whether any parameter lies under <paramref name="wire"/> (<c>Tags.member.1</c> for <c>Tags.member.1.Key</c>).</summary>
    private bool IsPresent(string wire)
    {
        // Names sorted once: a prefix is found by binary search, whatever the number of parameters.
        _sortedNames ??= [.. query.Names.Order(StringComparer.Ordinal)];
        var prefix = wire + ".";
        var at = Array.BinarySearch(_sortedNames, prefix, StringComparer.Ordinal);
        at = at < 0 ? ~at : at;
        return at < _sortedNames.Length && _sortedNames[at].StartsWith(prefix, StringComparison.Ordinal);
    }
}
