using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using LocalIam.E2E.Tests.Support;
using LocalIam.Hostile.Tests.Support;

namespace LocalIam.Hostile.Tests.Catalogue;

/// <summary>
/// Runs the whole catalogue once against one real server: builds the account fixture
/// (tests/e2e/js/hostile/fixture.mjs), sends every JS and raw case in one node process and every CLI
/// case through /usr/bin/aws, moves the server's clock forward, sends the "late" cases, and keeps
/// each case's answers for <see cref="HostileCatalogueTests"/> to judge one by one.
/// </summary>
public sealed class HostileRun : IAsyncLifetime
{
    /// <summary>Longer than every session the fixture makes (900 s) and every signature's window (15 min).</summary>
    public static readonly TimeSpan LateShift = TimeSpan.FromMinutes(75);

    private readonly LocalIamServer _server = new();
    private readonly string _work = Path.Combine(Path.GetTempPath(), "localiam-hostile-" + Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, JsonObject> _results = new(StringComparer.Ordinal);

    /// <summary>How long each stage took, for the figures in docs/reliability.md.</summary>
    public string Timings { get; private set; } = string.Empty;

    /// <summary>Why no case could run (the server or the fixture failed), or null.</summary>
    public string? RunError { get; private set; }

    public JsonObject? ResultOf(string name) => _results.GetValueOrDefault(name);

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_work);
        await _server.InitializeAsync();
        var watch = Stopwatch.StartNew();
        var stages = new List<string>();
        void Stage(string name)
        {
            stages.Add($"{name} {watch.Elapsed.TotalSeconds:F1} s");
            watch.Restart();
        }

        try
        {
            var fixture = await BuildFixtureAsync();
            Stage("fixture");
            var cases = HostileCatalogue.All;
            await RunNodeBatchAsync("early", [.. cases.Where(c => c.Client != "cli" && !c.IsLate)], TimeSpan.Zero);
            Stage("JS and raw cases");
            await RunCliCasesAsync(fixture, [.. cases.Where(c => c.Client == "cli")]);
            Stage("CLI cases");
            _server.Clock.Advance(LateShift);
            await RunNodeBatchAsync("late", [.. cases.Where(c => c.IsLate)], LateShift);
            Stage("late cases");
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or JsonException)
        {
            RunError = ex.Message;
        }

        Timings = string.Join(", ", stages);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        if (Directory.Exists(_work))
        {
            Directory.Delete(_work, recursive: true);
        }
    }

    private async Task<JsonObject> BuildFixtureAsync()
    {
        var (certificate, key) = SelfSigned("hostile.example.com");
        var input = Path.Combine(_work, "fixture-input.json");
        var output = Path.Combine(_work, "fixture.json");
        // The OIDC and SAML providers trust this identity provider, so the federation cases reach every check.
        using var federation = new FederationArtifacts();
        await File.WriteAllTextAsync(input, JsonSerializer.Serialize(new
        {
            serverCertificate = certificate, serverKey = key, samlMetadata = federation.SamlMetadata, oidcThumbprint = federation.Thumbprint,
            federationVars = federation.Make(_server.Clock.GetUtcNow()),
        }));
        var (exit, stdout, stderr) = await Node.RunAsync("fixture.mjs", _server.Endpoint, TimeSpan.FromMinutes(3), input, output);
        if (exit != 0)
        {
            throw new InvalidOperationException($"the account fixture could not be built: {stdout}\n{stderr}");
        }

        return JsonNode.Parse(await File.ReadAllTextAsync(output))!.AsObject();
    }

    private async Task RunNodeBatchAsync(string label, IReadOnlyList<HostileCase> cases, TimeSpan offset)
    {
        if (cases.Count == 0)
        {
            return;
        }

        var casesFile = Path.Combine(_work, $"cases-{label}.json");
        var resultsFile = Path.Combine(_work, $"results-{label}.json");
        await File.WriteAllTextAsync(casesFile, new JsonArray([.. cases.Select(c => c.Json.DeepClone())]).ToJsonString());
        var (exit, stdout, stderr) = await Node.RunAsync("run-cases.mjs", _server.Endpoint, TimeSpan.FromMinutes(5),
            Path.Combine(_work, "fixture.json"), casesFile, resultsFile, ((long)offset.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (exit != 0 || !File.Exists(resultsFile))
        {
            throw new InvalidOperationException($"the {label} batch did not finish: {stdout}\n{stderr}");
        }

        foreach (var result in JsonNode.Parse(await File.ReadAllTextAsync(resultsFile))!.AsArray())
        {
            _results[(string)result!["name"]!] = result.AsObject();
        }
    }

    /// <summary>
    /// Three CLI processes at a time: no CLI case depends on another, and the CLI's start-up is most
    /// of its cost. The commands are prepared first, so the fixture's JSON is read by one thread only.
    /// </summary>
    private async Task RunCliCasesAsync(JsonObject fixture, IReadOnlyList<HostileCase> cases)
    {
        var prepared = cases.Select(c => (c.Name, Command: PrepareCli(fixture, c))).ToList();
        var answers = new System.Collections.Concurrent.ConcurrentDictionary<string, JsonObject>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(prepared, new ParallelOptions { MaxDegreeOfParallelism = 3 }, async (p, _) =>
            answers[p.Name] = p.Command.Error is { } error
                ? new JsonObject { ["name"] = p.Name, ["error"] = error }
                : new JsonObject { ["name"] = p.Name, ["answers"] = new JsonArray(await RunCliAsync(p.Command.Cli!, p.Command.Arguments)) });
        foreach (var (name, answer) in answers)
        {
            _results[name] = answer;
        }
    }

    /// <summary>One CLI case as `aws SERVICE COMMAND --cli-input-json PARAMS --debug`, with the attacker's credentials.</summary>
    private (AwsCli? Cli, string[] Arguments, string? Error) PrepareCli(JsonObject fixture, HostileCase c)
    {
        var attacker = (string)c.Json["attacker"]!;
        if (fixture["principals"]![attacker] is not JsonObject credentials)
        {
            return (null, [], $"no attacker {attacker} in the fixture: {fixture["missing"]?[attacker]}");
        }

        var request = c.Json["request"]!.AsObject();
        var service = (string?)request["service"] ?? "iam";
        var parameters = Fill(request["params"]?.ToJsonString() ?? "{}", fixture["vars"]!.AsObject());
        var cli = new AwsCli(_server.Endpoint, (string)credentials["accessKeyId"]!, (string)credentials["secretAccessKey"]!, (string?)credentials["sessionToken"]);
        return (cli, ["--debug", service, (string?)request["cliCommand"] ?? CliCommand((string)request["operation"]!), "--cli-input-json", parameters], null);
    }

    /// <summary>Runs it; the status and request id come from the debug log.</summary>
    private static async Task<JsonObject> RunCliAsync(AwsCli cli, string[] arguments)
    {
        var watch = Stopwatch.StartNew();
        var result = await cli.RunAsync(arguments);
        return CliAnswer.Read(result, watch.ElapsedMilliseconds);
    }

    /// <summary>${name} replaced by the fixture's values, as run-cases.mjs does for JS cases.</summary>
    private static string Fill(string text, JsonObject vars) =>
        System.Text.RegularExpressions.Regex.Replace(text, @"\$\{([A-Za-z0-9_.-]+)\}", m =>
            vars[m.Groups[1].Value] is { } value ? JsonEncodedText.Encode((string)value!).ToString() : m.Value);

    /// <summary>The CLI's name for an operation, as botocore derives it: CreateOpenIDConnectProvider -> create-open-id-connect-provider.</summary>
    public static string CliCommand(string operation)
    {
        var first = System.Text.RegularExpressions.Regex.Replace(operation, "(.)([A-Z][a-z]+)", "$1-$2");
        return System.Text.RegularExpressions.Regex.Replace(first, "([a-z0-9])([A-Z])", "$1-$2").ToLowerInvariant();
    }

    private static (string Certificate, string Key) SelfSigned(string host)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={host}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(90));
        return (certificate.ExportCertificatePem() + "\n", rsa.ExportRSAPrivateKeyPem() + "\n");
    }
}
