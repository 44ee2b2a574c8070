using System.Reflection;
using LocalIam.Cli.Commands;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace LocalIam.Cli.Labs;

/// <summary>
/// Reads lab files: the ones shipped inside the tool (by name) and any YAML file (by path). A
/// malformed lab is refused with its file, line and column and what is wrong, before any step runs.
/// </summary>
internal static class LabReader
{
    private const string ResourcePrefix = "labs/";

    private static readonly HashSet<string> StepKeys = ["title", "note", "as", "call", "with", "save-as", "console", "who-can", "explain", "resource", "principal", "context", "form", "handler", "expect"];
    private static readonly HashSet<string> ExpectKeys = ["allowed", "error", "message", "principals", "decision", "reason"];

    /// <summary>The labs shipped with LocalIam, by name.</summary>
    public static IReadOnlyList<string> ShippedNames() =>
        [.. typeof(LabReader).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".yaml", StringComparison.Ordinal))
            .Select(n => n[ResourcePrefix.Length..^".yaml".Length])
            .Order(StringComparer.Ordinal)];

    /// <summary>A shipped lab by name, or a file by path.</summary>
    public static Lab Load(string nameOrPath)
    {
        if (File.Exists(nameOrPath))
        {
            return Parse(LabYamlLimits.Read(nameOrPath), nameOrPath);
        }

        using var stream = typeof(LabReader).Assembly.GetManifestResourceStream($"{ResourcePrefix}{nameOrPath}.yaml");
        if (stream is null)
        {
            throw new CommandInputException($"no lab `{Verb.Printable(nameOrPath)}`: give a file, or one of {string.Join(", ", ShippedNames())} (see `localiam lab list`)");
        }

        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), $"{nameOrPath}.yaml");
    }

    /// <summary>The commented template `localiam lab new` writes.</summary>
    public static string Template()
    {
        using var stream = typeof(LabReader).Assembly.GetManifestResourceStream("lab-template.yaml")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static Lab Parse(string text, string source)
    {
        LabYamlLimits.Check(text, source);
        var yaml = new YamlStream();
        try
        {
            yaml.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            throw new CommandInputException($"{source}:{ex.Start.Line}:{ex.Start.Column}: not valid YAML: {ex.Message}");
        }

        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new CommandInputException($"{source}: a lab is a mapping with `name`, `title` and `steps`");
        }

        var file = new Reading(source);
        var steps = file.Sequence(root, "steps") ?? throw file.Error(root, "a lab needs `steps`, a list");
        if (steps.Children.Count > LabYamlLimits.MaxSteps)
        {
            throw file.Error(steps, $"a lab has at most {LabYamlLimits.MaxSteps.ToString(System.Globalization.CultureInfo.InvariantCulture)} steps");
        }

        var parsed = new List<LabStep>();
        foreach (var node in steps.Children)
        {
            parsed.Add(file.Step(node, parsed.Count + 1));
        }

        if (parsed.Count == 0)
        {
            throw file.Error(steps, "a lab needs at least one step");
        }

        return new Lab(
            file.Scalar(root, "name") ?? Path.GetFileNameWithoutExtension(source),
            file.Scalar(root, "title") ?? throw file.Error(root, "a lab needs a `title`"),
            file.Scalar(root, "description") ?? string.Empty,
            source,
            parsed);
    }

    private sealed class Reading(string source)
    {
        public LabStep Step(YamlNode node, int number)
        {
            if (node is not YamlMappingNode step)
            {
                throw Error(node, $"step {number} must be a mapping (title, as, call/console/who-can/explain, expect)");
            }

            foreach (var key in step.Children.Keys)
            {
                if (key is not YamlScalarNode { Value: { } name } || !StepKeys.Contains(name))
                {
                    throw Error(key, $"step {number}: unknown key `{(key as YamlScalarNode)?.Value}` (a step has {string.Join(", ", StepKeys)})");
                }
            }

            var kinds = new[] { ("call", LabStepKind.Call), ("console", LabStepKind.Console), ("who-can", LabStepKind.WhoCan), ("explain", LabStepKind.Explain) }
                .Where(k => step.Children.ContainsKey(new YamlScalarNode(k.Item1))).ToList();
            if (kinds.Count != 1)
            {
                throw Error(step, $"step {number}: give exactly one of `call`, `console`, `who-can` and `explain`");
            }

            var (keyName, kind) = kinds[0];
            var what = Scalar(step, keyName) ?? throw Error(step, $"step {number}: `{keyName}` needs a value");
            var expect = Expectation(step, number, kind);
            var line = (int)step.Start.Line;
            var result = new LabStep(number, line, Scalar(step, "title") ?? what, Scalar(step, "note"), Scalar(step, "as") ?? "root", kind, expect)
            {
                Resource = Scalar(step, "resource") ?? "*",
                Principal = Scalar(step, "principal"),
                Context = Map(step, "context"),
            };
            return kind switch
            {
                LabStepKind.Call => result with
                {
                    Operation = what.Contains(':', StringComparison.Ordinal) ? what : throw Error(step, $"step {number}: `call: {what}` must name service:Operation, e.g. iam:CreateUser"),
                    Parameters = step.Children.TryGetValue(new YamlScalarNode("with"), out var with)
                        ? with as YamlMappingNode is { } map ? Values(map) : throw Error(with, $"step {number}: `with` must be a mapping of parameters")
                        : new Dictionary<string, object?>(),
                    SaveAs = Scalar(step, "save-as"),
                },
                LabStepKind.Console => result with
                {
                    Page = what.StartsWith('/') ? what : throw Error(step, $"step {number}: `console: {what}` must be a path such as /console/billing/bills"),
                    Form = step.Children.ContainsKey(new YamlScalarNode("form")) ? Map(step, "form") : null,
                    Handler = Scalar(step, "handler"),
                },
                LabStepKind.WhoCan => result with { Action = what },
                _ => result with
                {
                    Action = what,
                    Principal = result.Principal ?? throw Error(step, $"step {number}: `explain` needs a `principal`"),
                },
            };
        }

        private LabExpectation Expectation(YamlMappingNode step, int number, LabStepKind kind)
        {
            if (!step.Children.TryGetValue(new YamlScalarNode("expect"), out var node))
            {
                return kind == LabStepKind.WhoCan ? throw Error(step, $"step {number}: a who-can step needs `expect: {{principals: [...]}}`") : new LabExpectation();
            }

            if (node is YamlScalarNode { Value: "allowed" or "denied" } word)
            {
                return new LabExpectation { Allowed = word.Value == "allowed" };
            }

            if (node is not YamlMappingNode map)
            {
                throw Error(node, $"step {number}: `expect` is `allowed`, `denied`, or a mapping of {string.Join(", ", ExpectKeys)}");
            }

            foreach (var key in map.Children.Keys)
            {
                if (key is not YamlScalarNode { Value: { } name } || !ExpectKeys.Contains(name))
                {
                    throw Error(key, $"step {number}: unknown expectation `{(key as YamlScalarNode)?.Value}` (one of {string.Join(", ", ExpectKeys)})");
                }
            }

            var error = Scalar(map, "error");
            var allowed = Scalar(map, "allowed") switch
            {
                null => error is null && Scalar(map, "decision") is not ({ } d and not "Allowed"),
                "true" => true,
                "false" => false,
                var other => throw Error(map, $"step {number}: `allowed: {other}` must be true or false"),
            };
            var principals = Sequence(map, "principals");
            return new LabExpectation
            {
                Allowed = allowed,
                Error = error,
                Message = Scalar(map, "message"),
                Principals = principals is null ? null : [.. principals.Children.Select(p => (p as YamlScalarNode)?.Value ?? throw Error(p, $"step {number}: each principal is a name"))],
                Decision = Scalar(map, "decision"),
                Reason = Scalar(map, "reason"),
            };
        }

        public string? Scalar(YamlMappingNode map, string key) =>
            map.Children.TryGetValue(new YamlScalarNode(key), out var node)
                ? node is YamlScalarNode scalar ? scalar.Value : throw Error(node, $"`{key}` must be a single value")
                : null;

        public YamlSequenceNode? Sequence(YamlMappingNode map, string key) =>
            map.Children.TryGetValue(new YamlScalarNode(key), out var node)
                ? node as YamlSequenceNode ?? throw Error(node, $"`{key}` must be a list")
                : null;

        private Dictionary<string, string> Map(YamlMappingNode map, string key)
        {
            if (!map.Children.TryGetValue(new YamlScalarNode(key), out var node))
            {
                return [];
            }

            return node is YamlMappingNode entries
                ? Entries(entries, key, StringComparer.Ordinal, e => (e as YamlScalarNode)?.Value ?? throw Error(e, $"`{key}` values are single values"))
                : throw Error(node, $"`{key}` must be a mapping of condition keys to values");
        }

        /// <summary>A mapping's entries by name; a name given twice (YAML tells `!a k` from `!b k`) is refused, not a crash.</summary>
        private Dictionary<string, T> Entries<T>(YamlMappingNode map, string mapping, StringComparer comparer, Func<YamlNode, T> value)
        {
            var entries = new Dictionary<string, T>(comparer);
            foreach (var (key, node) in map.Children)
            {
                if (!entries.TryAdd(KeyOf(key, mapping), value(node)))
                {
                    throw Error(key, $"`{mapping}` gives `{KeyOf(key, mapping)}` twice");
                }
            }

            return entries;
        }

        /// <summary>A mapping's key, which a lab always writes as a name (YAML also allows a list or a mapping there).</summary>
        private string KeyOf(YamlNode key, string mapping) =>
            key is YamlScalarNode scalar ? scalar.Value ?? string.Empty : throw Error(key, $"the keys of `{mapping}` are names, not lists or mappings");

        /// <summary>A YAML mapping as plain values: strings, lists and nested mappings.</summary>
        private Dictionary<string, object?> Values(YamlMappingNode map) => Entries(map, "with", StringComparer.Ordinal, Value);

        private object? Value(YamlNode node) => node switch
        {
            // Unquoted true/false and whole numbers are JSON's booleans and numbers (Enabled: true); quoted, text.
            YamlScalarNode { Style: ScalarStyle.Plain, Value: "true" or "false" } flag => flag.Value == "true",
            YamlScalarNode { Style: ScalarStyle.Plain, Value: { } digits } when long.TryParse(digits, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var number) => number,
            YamlScalarNode scalar => scalar.Value,
            YamlSequenceNode list => list.Children.Select(Value).ToList(),
            YamlMappingNode map => Values(map),
            _ => null,
        };

        public CommandInputException Error(YamlNode node, string message) =>
            new($"{source}:{node.Start.Line}:{node.Start.Column}: {message}");
    }
}
