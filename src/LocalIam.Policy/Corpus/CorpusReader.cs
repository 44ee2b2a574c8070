using System.Text.Json;
using LocalIam.Policy.Authorization;
using LocalIam.Policy.Evaluation;
using LocalIam.Policy.Validation;

namespace LocalIam.Policy.Corpus;

/// <summary>
/// Reads the evaluation corpus: every <c>*.json</c> under a folder, each with named policies and
/// cases (format in tests/corpus/README.md). AWS managed policies are named by ARN and read from
/// the managed-policy catalogue folder.
/// </summary>
public sealed class CorpusReader(string managedPoliciesFolder)
{
    private const string DefaultAccount = "111122223333";

    private readonly Dictionary<string, string> _managedFiles = ReadManagedIndex(managedPoliciesFolder);

    public IEnumerable<EvaluationCase> ReadFolder(string folder) =>
        Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .SelectMany(file => ReadFile(file, Path.GetRelativePath(folder, file)));

    public IReadOnlyList<EvaluationCase> ReadFile(string path, string name)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var root = json.RootElement;
        var documents = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.TryGetProperty("policies", out var policies))
        {
            foreach (var policy in policies.EnumerateObject())
            {
                documents[policy.Name] = policy.Value.GetRawText();
            }
        }

        var compiled = new Dictionary<(string, PolicyKind), CompiledPolicy>();
        CompiledPolicy Compile(string id, PolicyKind kind)
        {
            if (!compiled.TryGetValue((id, kind), out var policy))
            {
                var text = documents.TryGetValue(id, out var inline) ? inline
                    : _managedFiles.TryGetValue(id, out var file) ? File.ReadAllText(file)
                    : throw new InvalidDataException($"{name}: policy `{id}` is not defined");
                compiled[(id, kind)] = policy = CompiledPolicy.Parse(id, text, kind);
            }

            return policy;
        }

        PolicySet Set(JsonElement element, string property, PolicyKind kind) =>
            new(element.TryGetProperty(property, out var ids) ? ids.EnumerateArray().Select(id => Compile(id.GetString()!, kind)) : []);

        PolicySet? Optional(JsonElement element, string property, PolicyKind kind) =>
            element.TryGetProperty(property, out _) ? Set(element, property, kind) : null;

        var cases = new List<EvaluationCase>();
        foreach (var item in root.GetProperty("cases").EnumerateArray())
        {
            var account = Text(item, "account") ?? DefaultAccount;
            var principal = ParsePrincipal(Text(item, "principal") ?? "root", account, Text(item, "path") ?? "/");
            var context = ReadContext(item);
            if (!item.TryGetProperty("contextDefaults", out var defaults) || defaults.GetBoolean())
            {
                PrincipalContextKeys.AddTo(context, principal);
            }

            var request = new AuthorizationRequest(principal, Text(item, "action")!, Text(item, "resource") ?? "*", context);
            var applicable = new ApplicablePolicies
            {
                Identity = Set(item, "identity", PolicyKind.Identity),
                PermissionsBoundary = Optional(item, "boundary", PolicyKind.PermissionsBoundary),
                SessionPolicy = Optional(item, "session", PolicyKind.Session),
                ResourcePolicy = Optional(item, "trustPolicy", PolicyKind.Trust) ?? Optional(item, "resourcePolicy", PolicyKind.Resource),
                ResourcePolicyMustAllow = item.TryGetProperty("trustPolicy", out _),
                ServiceControlPolicies = item.TryGetProperty("scps", out var levels)
                    ? [.. levels.EnumerateArray().Select(level => new PolicySet(level.EnumerateArray().Select(id => Compile(id.GetString()!, PolicyKind.ServiceControl))))]
                    : [],
            };
            var settings = new AccountSettings(item.TryGetProperty("billingAccess", out var billing) && billing.GetBoolean());
            cases.Add(new EvaluationCase(name, Text(item, "name")!, request, applicable, settings, ReadExpectation(item)));
        }

        return cases;
    }

    private static CaseExpectation ReadExpectation(JsonElement item)
    {
        var decision = Enum.Parse<Decision>(Text(item, "expect")!);
        DecisionReason? reason = Text(item, "reason") is { } r ? Enum.Parse<DecisionReason>(r) : null;
        IReadOnlyList<string>? matched = item.TryGetProperty("matched", out var m) ? [.. m.EnumerateArray().Select(x => x.GetString()!)] : null;
        IReadOnlyList<string> contains = item.TryGetProperty("messageContains", out var c)
            ? c.ValueKind == JsonValueKind.Array ? [.. c.EnumerateArray().Select(x => x.GetString()!)] : [c.GetString()!]
            : [];
        return new CaseExpectation(decision, reason, matched, Text(item, "message"), contains);
    }

    private static RequestContext ReadContext(JsonElement item)
    {
        var context = new RequestContext();
        if (!item.TryGetProperty("context", out var keys))
        {
            return context;
        }

        foreach (var key in keys.EnumerateObject())
        {
            if (key.Value.ValueKind == JsonValueKind.Array)
            {
                context.SetList(key.Name, key.Value.EnumerateArray().Select(ScalarText));
            }
            else
            {
                context.Set(key.Name, ScalarText(key.Value));
            }
        }

        return context;
    }

    /// <summary><c>root</c>, <c>user:NAME</c>, <c>role:ROLE/SESSION</c>, <c>federated:NAME</c>, <c>service:NAME</c>, <c>anonymous</c>.</summary>
    public static Principal ParsePrincipal(string text, string account, string path = "/")
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var (kind, name) = colon < 0 ? (text, string.Empty) : (text[..colon], text[(colon + 1)..]);
        switch (kind)
        {
            case "root":
                return Principal.Root(account);
            case "user":
                return Principal.User(account, name, path);
            case "role":
                var slash = name.IndexOf('/', StringComparison.Ordinal);
                return Principal.RoleSession(account, name[..slash], name[(slash + 1)..], path);
            case "federated":
                return Principal.FederatedUser(account, name);
            case "service":
                return Principal.Service(name);
            case "anonymous":
                return Principal.Anonymous;
            default:
                throw new InvalidDataException($"unknown principal `{text}`");
        }
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) ? value.GetString() : null;

    private static string ScalarText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => value.GetRawText(),
    };

    private static Dictionary<string, string> ReadManagedIndex(string folder)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var index = Path.Combine(folder, "index.json");
        if (!File.Exists(index))
        {
            return files;
        }

        using var json = JsonDocument.Parse(File.ReadAllText(index));
        foreach (var policy in json.RootElement.GetProperty("policies").EnumerateArray())
        {
            files[policy.GetProperty("arn").GetString()!] = Path.Combine(folder, policy.GetProperty("file").GetString()!);
        }

        return files;
    }
}
