using System.IO.Compression;
using System.Text.Json;

namespace LocalIam.Iam.Policies;

/// <summary>
/// Reads the catalogue's format: Brotli-compressed JSON <c>{"source": {...}, "policies": [{"name",
/// "path", "id", "defaultVersion", "created", "updated", "attachable"?, "description"?, "document"}]}</c>
/// in ARN order. Each document stays where it is in the decompressed buffer, as raw JSON.
/// </summary>
internal static class AwsManagedPolicyData
{
    public const string ResourceName = "aws-managed-policies.json.br";

    public static AwsManagedPolicyCatalog ReadEmbedded()
    {
        using var stream = typeof(AwsManagedPolicyData).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the AWS managed policy catalogue `{ResourceName}` is not embedded");
        return Read(stream);
    }

    public static AwsManagedPolicyCatalog Read(Stream compressed)
    {
        using var brotli = new BrotliStream(compressed, CompressionMode.Decompress);
        var buffer = new MemoryStream();
        brotli.CopyTo(buffer);
        var json = new ReadOnlyMemory<byte>(buffer.GetBuffer(), 0, (int)buffer.Length);
        return Parse(json);
    }

    private static AwsManagedPolicyCatalog Parse(ReadOnlyMemory<byte> json)
    {
        var reader = new Utf8JsonReader(json.Span);
        Expect(ref reader, JsonTokenType.StartObject);
        AwsManagedPolicySource? source = null;
        var policies = new List<AwsManagedPolicy>(1700);
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            var property = reader.GetString();
            reader.Read();
            if (property == "source")
            {
                source = ReadSource(ref reader);
            }
            else if (property == "policies")
            {
                while (Next(ref reader) == JsonTokenType.StartObject)
                {
                    policies.Add(ReadPolicy(ref reader, json));
                }
            }
            else
            {
                reader.Skip();
            }
        }

        return new AwsManagedPolicyCatalog(source ?? throw Malformed("no source"), policies);
    }

    private static AwsManagedPolicySource ReadSource(ref Utf8JsonReader reader)
    {
        string? package = null, version = null, repository = null, commit = null;
        DateTime published = default, listingDate = default;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            var property = reader.GetString();
            reader.Read();
            switch (property)
            {
                case "package": package = reader.GetString(); break;
                case "version": version = reader.GetString(); break;
                case "published": published = Date(ref reader); break;
                case "listing":
                    while (Next(ref reader) == JsonTokenType.PropertyName)
                    {
                        var key = reader.GetString();
                        reader.Read();
                        switch (key)
                        {
                            case "repository": repository = reader.GetString(); break;
                            case "commit": commit = reader.GetString(); break;
                            case "date": listingDate = Date(ref reader); break;
                            default: reader.Skip(); break;
                        }
                    }

                    break;
                default: reader.Skip(); break;
            }
        }

        return new AwsManagedPolicySource(
            package ?? throw Malformed("no package"), version ?? throw Malformed("no version"), published,
            repository ?? throw Malformed("no listing"), commit ?? throw Malformed("no listing commit"), listingDate);
    }

    private static AwsManagedPolicy ReadPolicy(ref Utf8JsonReader reader, ReadOnlyMemory<byte> json)
    {
        string? name = null, path = null, id = null, version = null, description = null;
        DateTime created = default, updated = default;
        var attachable = true;
        ReadOnlyMemory<byte> document = default;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            var property = reader.GetString();
            reader.Read();
            switch (property)
            {
                case "name": name = reader.GetString(); break;
                case "path": path = reader.GetString(); break;
                case "id": id = reader.GetString(); break;
                case "defaultVersion": version = reader.GetString(); break;
                case "created": created = Date(ref reader); break;
                case "updated": updated = Date(ref reader); break;
                case "attachable": attachable = reader.GetBoolean(); break;
                case "description": description = reader.GetString(); break;
                case "document":
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    document = json[start..(int)reader.BytesConsumed];
                    break;
                default: reader.Skip(); break;
            }
        }

        if (name is null || path is null || id is null || version is null || document.IsEmpty)
        {
            throw Malformed($"an incomplete entry `{name}`");
        }

        return new AwsManagedPolicy(name, path, id, version, created, updated, description, attachable, document);
    }

    private static DateTime Date(ref Utf8JsonReader reader) => reader.GetDateTimeOffset().UtcDateTime;

    private static JsonTokenType Next(ref Utf8JsonReader reader) =>
        reader.Read() ? reader.TokenType : throw Malformed("it ends early");

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (Next(ref reader) != type)
        {
            throw Malformed($"{type} expected");
        }
    }

    private static InvalidOperationException Malformed(string why) => new($"the AWS managed policy catalogue is malformed: {why}");
}
