using System.IO.Compression;
using System.Text.Json;

namespace LocalIam.Policy.Catalog;

/// <summary>
/// Reads the catalogue's format (scripts/iam-catalog.mjs writes it): Brotli-compressed JSON
/// <c>{"source": {...}, "services": {prefix: {"name", "actions": {Name: [level, [type or type*...], [key...]]},
/// "resourceTypes": {key: [arn, [key...]]}, "conditionKeys": {Key: type}}}, "global": {Key: type}}</c>.
/// </summary>
internal static class IamCatalogData
{
    public const string ResourceName = "iam-catalog.json.br";

    public static IamCatalog ReadEmbedded()
    {
        using var stream = typeof(IamCatalogData).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the IAM action catalogue `{ResourceName}` is not embedded");
        return Read(stream);
    }

    public static IamCatalog Read(Stream compressed)
    {
        using var brotli = new BrotliStream(compressed, CompressionMode.Decompress);
        using var document = JsonDocument.Parse(brotli);
        var root = document.RootElement;
        var source = root.GetProperty("source");
        var services = new List<IamService>(500);
        foreach (var service in root.GetProperty("services").EnumerateObject())
        {
            services.Add(ReadService(service.Name, service.Value));
        }

        var global = root.GetProperty("global").EnumerateObject().Select(k => new IamConditionKey(k.Name, KeyType(k.Value.GetString()!)));
        return new IamCatalog(
            new IamCatalogSource(source.GetProperty("package").GetString()!, source.GetProperty("version").GetString()!, source.GetProperty("updated").GetString()!),
            services,
            global);
    }

    private static IamService ReadService(string prefix, JsonElement service)
    {
        var actions = new Dictionary<string, IamAction>(StringComparer.OrdinalIgnoreCase);
        foreach (var action in service.GetProperty("actions").EnumerateObject())
        {
            var row = action.Value;
            var resources = row[1].EnumerateArray().Select(r => r.GetString()!)
                .Select(r => r.EndsWith('*') ? new IamActionResource(r[..^1], true) : new IamActionResource(r, false))
                .ToArray();
            var keys = row[2].EnumerateArray().Select(k => k.GetString()!).ToArray();
            actions.TryAdd(action.Name, new IamAction(prefix, action.Name, Level(row[0].GetString()!), resources, keys));
        }

        var resourceTypes = new Dictionary<string, IamResourceType>(StringComparer.Ordinal);
        foreach (var type in service.GetProperty("resourceTypes").EnumerateObject())
        {
            resourceTypes[type.Name] = new IamResourceType(type.Name, type.Value[0].GetString()!, [.. type.Value[1].EnumerateArray().Select(k => k.GetString()!)]);
        }

        var conditionKeys = service.GetProperty("conditionKeys").EnumerateObject()
            .Select(k => new IamConditionKey(k.Name, KeyType(k.Value.GetString()!)))
            .ToArray();
        return new IamService(prefix, service.GetProperty("name").GetString()!, actions, resourceTypes, conditionKeys);
    }

    private static AccessLevel Level(string code) => code switch
    {
        "L" => AccessLevel.List,
        "R" => AccessLevel.Read,
        "W" => AccessLevel.Write,
        "P" => AccessLevel.PermissionsManagement,
        "T" => AccessLevel.Tagging,
        _ => throw new InvalidDataException($"unknown access level `{code}` in the IAM action catalogue"),
    };

    private static ConditionKeyType KeyType(string type) => type switch
    {
        "String" => ConditionKeyType.String,
        "Numeric" => ConditionKeyType.Numeric,
        "Date" => ConditionKeyType.Date,
        "Bool" => ConditionKeyType.Bool,
        "Binary" => ConditionKeyType.Binary,
        "IPAddress" => ConditionKeyType.IpAddress,
        "ARN" => ConditionKeyType.Arn,
        "ArrayOfString" => ConditionKeyType.ArrayOfString,
        "ArrayOfARN" => ConditionKeyType.ArrayOfArn,
        "ArrayOfBool" => ConditionKeyType.ArrayOfBool,
        _ => throw new InvalidDataException($"unknown condition key type `{type}` in the IAM action catalogue"),
    };
}
