namespace LocalIam.Policy.Linting;

/// <summary>Access Analyzer's finding types, in its own order of impact.</summary>
public enum FindingType
{
    Error,
    SecurityWarning,
    Warning,
    Suggestion,
}

/// <summary>What ValidatePolicy calls the policy type; a role's trust policy is a resource policy of type AWS::IAM::AssumeRolePolicyDocument.</summary>
public enum LintPolicyType
{
    Identity,
    Resource,
    ServiceControl,
    ResourceControl,
}

/// <summary>One finding as ValidatePolicy returns it: details, type, issue code, link and where in the document.</summary>
public sealed record LintFinding(FindingType FindingType, string IssueCode, string FindingDetails, string LearnMoreLink, IReadOnlyList<LintLocation> Locations)
{
    public bool IsBlocking => FindingType is FindingType.Error or FindingType.SecurityWarning;

    public override string ToString() => $"{FindingType.ToWire()} {IssueCode}: {FindingDetails}";
}

/// <summary>A path through the document's JSON and the span it names.</summary>
public sealed record LintLocation(IReadOnlyList<PathElement> Path, LintSpan Span);

/// <summary>One step of a path: exactly one of an array index, an object key, a key's value or a substring.</summary>
public sealed record PathElement(int? Index = null, string? Key = null, string? Value = null, (int Start, int Length)? Substring = null)
{
    public static PathElement AtIndex(int index) => new(Index: index);

    public static PathElement AtKey(string key) => new(Key: key);

    public static PathElement AtValue(string key) => new(Value: key);

    public override string ToString() => Index is { } i ? $"[{i}]" : Key is { } k ? $"key {k}" : Value is { } v ? v : $"substring {Substring}";
}

/// <summary>Start inclusive, end exclusive, as Access Analyzer's Span.</summary>
public readonly record struct LintSpan(LintPosition Start, LintPosition End);

/// <summary>Access Analyzer's Position: line from 1, column from 0, offset in characters from 0.</summary>
public readonly record struct LintPosition(int Line, int Column, int Offset);

public static class FindingTypeNames
{
    public static string ToWire(this FindingType type) => type switch
    {
        FindingType.Error => "ERROR",
        FindingType.SecurityWarning => "SECURITY_WARNING",
        FindingType.Warning => "WARNING",
        _ => "SUGGESTION",
    };
}
