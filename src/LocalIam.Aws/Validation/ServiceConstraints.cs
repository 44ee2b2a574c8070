using System.Text.Json;
using LocalIam.Aws.Errors;
using LocalIam.Aws.Query;

namespace LocalIam.Aws.Validation;

/// <summary>
/// The input constraints of one service's operations, read once from the table generated from
/// AWS's service model (<c>data/aws-models/*.constraints.json</c>, made by
/// <c>scripts/aws-model-constraints.py</c>). The one place that holds the model's constraints.
/// </summary>
public sealed class ServiceConstraints
{
    private static readonly Lazy<ServiceConstraints> IamTable = new(() => Load("iam-2010-05-08", ValidationStyle.Iam));
    private static readonly Lazy<ServiceConstraints> StsTable = new(() => Load("sts-2011-06-15", ValidationStyle.Sts));

    private static readonly (string Suffix, string Name)[] ListAndMapMembers = [(".member.N", "member"), (".entry.N.key", "key"), (".entry.N.value", "value")];

    private readonly Dictionary<string, IReadOnlyList<ParameterRule>> _operations;
    private readonly Dictionary<string, IReadOnlyList<string>> _outputEnums;
    private readonly Dictionary<string, string> _results;
    private readonly Dictionary<string, HashSet<string>> _arnInputs = new(StringComparer.Ordinal);

    private ServiceConstraints(
        string service, string version, string source, ValidationStyle style,
        Dictionary<string, IReadOnlyList<ParameterRule>> operations, Dictionary<string, IReadOnlyList<string>> outputEnums,
        Dictionary<string, string> results)
    {
        Service = service;
        Version = version;
        Source = source;
        Style = style;
        _operations = operations;
        _outputEnums = outputEnums;
        _results = results;
    }

    public static ServiceConstraints Iam => IamTable.Value;

    public static ServiceConstraints Sts => StsTable.Value;

    public string Service { get; }

    public string Version { get; }

    /// <summary>The model the table was generated from (repository, commit, file).</summary>
    public string Source { get; }

    public ValidationStyle Style { get; }

    public IReadOnlyCollection<string> Operations => _operations.Keys;

    /// <summary>The operation's top-level input members in the model's order; empty for an operation without input or unknown to the model.</summary>
    public IReadOnlyList<ParameterRule> Input(string operation) => _operations.GetValueOrDefault(operation) ?? [];

    /// <summary>The values of an enumeration the operations answer with (<c>summaryKeyType</c>: every SummaryMap key), in the model's order.</summary>
    public IReadOnlyList<string> OutputEnum(string shape) =>
        _outputEnums.TryGetValue(shape, out var values) ? values : throw new KeyNotFoundException($"The model of {Service} answers with no enumeration `{shape}`");

    /// <summary>The result element the operation's answer carries (its output's resultWrapper, present even when empty); null for an operation that answers with none.</summary>
    public string? ResultWrapper(string operation) => _results.GetValueOrDefault(operation);

    /// <summary>The output members the model types as ARNs, by element name (<c>Arn</c>, <c>PolicyArn</c>; <c>Parent/member</c> for a list of ARNs).</summary>
    public IReadOnlySet<string> OutputArns { get; private init; } = new HashSet<string>();

    /// <summary>
    /// Whether a request parameter, by its wire name (<c>PolicyArns.member.2.arn</c>), holds an ARN:
    /// its shape is the model's <c>arnType</c> or an MFA device's serial number (an ARN for a virtual device).
    /// </summary>
    public bool IsArnInput(string operation, string wireName) =>
        _arnInputs.TryGetValue(operation, out var paths) && paths.Contains(WithListIndexesAsN(wireName));

    private static readonly HashSet<string> ArnShapes = new(StringComparer.Ordinal) { "arnType", "serialNumberType" };

    private static string WithListIndexesAsN(string wireName) =>
        string.Join('.', wireName.Split('.').Select(part => part.Length > 0 && part.All(char.IsAsciiDigit) ? "N" : part));

    /// <summary>Throws AWS's error for the first thing the model refuses in the request, as AWS reports it.</summary>
    public void Validate(string operation, QueryRequest query)
    {
        if (new QueryValidation(query, Style).Run(Input(operation)) is { } error)
        {
            throw new AwsException(error);
        }
    }

    /// <summary>Reads a table in the generator's format; public for tests and tools that bring their own.</summary>
    public static ServiceConstraints Parse(Stream json, ValidationStyle style)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var patterns = new Dictionary<string, ModelPattern>(StringComparer.Ordinal);
        var operations = new Dictionary<string, IReadOnlyList<ParameterRule>>(StringComparer.Ordinal);
        var arnInputs = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var operation in root.GetProperty("operations").EnumerateObject())
        {
            var top = new List<ParameterRule>();
            var byPath = new Dictionary<string, ParameterRule>(StringComparer.Ordinal);
            foreach (var row in operation.Value.EnumerateArray())
            {
                var path = row.GetProperty("path").GetString()!;
                var (parentPath, name) = Split(path);
                var rule = Rule(row, name, patterns);
                byPath.Add(path, rule);
                if (ArnShapes.Contains(rule.Shape))
                {
                    arnInputs.TryAdd(operation.Name, new HashSet<string>(StringComparer.Ordinal));
                    arnInputs[operation.Name].Add(path);
                }

                if (parentPath is null)
                {
                    top.Add(rule);
                }
                else if (byPath.TryGetValue(parentPath, out var parent))
                {
                    parent.Attach(rule);
                }
                else
                {
                    throw new InvalidDataException($"The constraint table lists `{path}` of {operation.Name} before its parent");
                }
            }

            operations.Add(operation.Name, top);
        }

        var outputEnums = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (root.TryGetProperty("outputEnums", out var enums))
        {
            foreach (var shape in enums.EnumerateObject())
            {
                outputEnums.Add(shape.Name, [.. shape.Value.EnumerateArray().Select(v => v.GetString()!)]);
            }
        }

        var results = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.TryGetProperty("results", out var wrappers))
        {
            foreach (var operation in wrappers.EnumerateObject())
            {
                results.Add(operation.Name, operation.Value.GetString()!);
            }
        }

        var outputArns = root.TryGetProperty("outputArns", out var arns)
            ? arns.EnumerateArray().Select(a => a.GetString()!).ToHashSet(StringComparer.Ordinal)
            : [];
        var table = new ServiceConstraints(root.GetProperty("service").GetString()!, root.GetProperty("version").GetString()!,
            root.GetProperty("source").GetString()!, style, operations, outputEnums, results) { OutputArns = outputArns };
        foreach (var (operation, paths) in arnInputs)
        {
            table._arnInputs.Add(operation, paths);
        }

        return table;
    }

    /// <summary>
    /// Limits AWS documents that its service models leave out: STS's API reference allows "up to 10
    /// managed policy ARNs" in the PolicyArns of AssumeRole, AssumeRoleWithWebIdentity,
    /// AssumeRoleWithSAML and GetFederationToken, whose list shape has no maximum in the model.
    /// </summary>
    private static readonly Dictionary<string, long?> DocumentedMax = new(StringComparer.Ordinal) { ["policyDescriptorListType"] = 10 };

    private static ServiceConstraints Load(string name, ValidationStyle style)
    {
        using var stream = typeof(ServiceConstraints).Assembly.GetManifestResourceStream($"aws-models/{name}.constraints.json")
            ?? throw new InvalidOperationException($"The constraint table `{name}` is not embedded in LocalIam.Aws");
        return Parse(stream, style);
    }

    /// <summary><c>Tags.member.N.Key</c> is <c>Key</c> under <c>Tags.member.N</c>, which is <c>member</c> under <c>Tags</c>.</summary>
    private static (string? Parent, string Name) Split(string path)
    {
        foreach (var (suffix, name) in ListAndMapMembers)
        {
            if (path.EndsWith(suffix, StringComparison.Ordinal))
            {
                return (path[..^suffix.Length], name);
            }
        }

        var dot = path.LastIndexOf('.');
        return dot < 0 ? (null, path) : (path[..dot], path[(dot + 1)..]);
    }

    private static ParameterRule Rule(JsonElement row, string name, Dictionary<string, ModelPattern> patterns)
    {
        var kind = Enum.Parse<ParameterKind>(row.GetProperty("type").GetString()!, ignoreCase: true);
        return new ParameterRule(name, row.GetProperty("shape").GetString()!, kind)
        {
            Required = row.TryGetProperty("required", out var required) && required.GetBoolean(),
            Min = row.TryGetProperty("min", out var min) ? min.GetInt64() : null,
            Max = row.TryGetProperty("max", out var max) ? max.GetInt64() : DocumentedMax.GetValueOrDefault(row.GetProperty("shape").GetString()!),
            Pattern = row.TryGetProperty("pattern", out var pattern) ? Compiled(pattern.GetString()!, patterns) : null,
            Enum = row.TryGetProperty("enum", out var values) ? [.. values.EnumerateArray().Select(v => v.GetString()!)] : null,
            Sensitive = row.TryGetProperty("sensitive", out var sensitive) && sensitive.GetBoolean(),
        };
    }

    private static ModelPattern Compiled(string text, Dictionary<string, ModelPattern> patterns)
    {
        if (!patterns.TryGetValue(text, out var pattern))
        {
            patterns[text] = pattern = new ModelPattern(text);
        }

        return pattern;
    }
}
