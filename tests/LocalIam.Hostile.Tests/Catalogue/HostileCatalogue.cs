using System.Text.Json;
using System.Text.Json.Nodes;
using LocalIam.Hostile.Tests.Support;

namespace LocalIam.Hostile.Tests.Catalogue;

/// <summary>One hostile request of the catalogue, as its topic file (tests/hostile/cases/*.json) writes it.</summary>
public sealed record HostileCase(string Topic, string Name, JsonObject Json)
{
    /// <summary>"js" (AWS SDK for JavaScript v3), "raw" (signed by the SDK's signer, sent as built) or "cli" (AWS CLI v2).</summary>
    public string Client => (string?)Json["client"] ?? "js";

    /// <summary>"late" cases run after the server's clock has moved <see cref="HostileRun.LateShift"/> forward.</summary>
    public bool IsLate => (string?)Json["phase"] == "late";

    public JsonObject Expect => Json["expect"]?.AsObject() ?? throw new InvalidOperationException($"case {Name} has no expect");
}

/// <summary>Reads every topic file of the catalogue once; names are unique across files.</summary>
public static class HostileCatalogue
{
    private static readonly string[] Clients = ["js", "raw", "cli"];

    public static string Folder => Path.Combine(Repository.HostileFolder, "cases");

    public static IReadOnlyList<HostileCase> All { get; } = Load();

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var c in All)
        {
            data.Add(c.Name);
        }

        return data;
    }

    public static HostileCase Get(string name) => All.Single(c => c.Name == name);

    private static List<HostileCase> Load()
    {
        var cases = new List<HostileCase>();
        foreach (var file in Directory.GetFiles(Folder, "*.json").Order(StringComparer.Ordinal))
        {
            var topic = JsonNode.Parse(File.ReadAllText(file), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!.AsObject();
            foreach (var node in topic["cases"]!.AsArray())
            {
                var json = node!.AsObject();
                var name = (string?)json["name"] ?? throw new InvalidOperationException($"{file}: a case without a name");
                var c = new HostileCase(Path.GetFileNameWithoutExtension(file), name, json);
                if (!Clients.Contains(c.Client))
                {
                    throw new InvalidOperationException($"{name}: unknown client `{c.Client}`");
                }

                if (c.Client == "cli" && (json["attacker"] is not JsonValue || json["after"] is not null || json["race"] is not null || c.IsLate))
                {
                    throw new InvalidOperationException($"{name}: a CLI case names one fixture attacker and has no after, race or late phase");
                }

                _ = c.Expect;
                cases.Add(c);
            }
        }

        var duplicate = cases.GroupBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null ? cases : throw new InvalidOperationException($"case name `{duplicate.Key}` is used twice");
    }
}
