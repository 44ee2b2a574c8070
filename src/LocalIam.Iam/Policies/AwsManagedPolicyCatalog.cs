using System.Globalization;
using System.Reflection;
using System.Text.Json;
using LocalIam.Storage;
using LocalIam.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace LocalIam.Iam.Policies;

/// <summary>
/// The AWS managed policies that ship with LocalIam (data/managed-policies, embedded), with their
/// real ARNs, paths, ids and default versions. Loaded into the store once; shared by every account.
/// </summary>
public static class AwsManagedPolicyCatalog
{
    public sealed record Entry(string Name, string Arn, string Path, string PolicyId, string DefaultVersionId, DateTime CreatedAt, string? Description, string Document);

    public static IReadOnlyList<Entry> Entries { get; } = Load();

    /// <summary>Adds the catalogue's policies that the store lacks; runs inside a write transaction.</summary>
    public static async Task SeedAsync(IamDbContext db)
    {
        var present = await db.ManagedPolicies.Where(p => p.AccountId == ManagedPolicy.AwsAccount).Select(p => p.Arn).ToListAsync();
        foreach (var entry in Entries.Where(e => !present.Contains(e.Arn)))
        {
            db.ManagedPolicies.Add(new ManagedPolicy
            {
                Id = entry.PolicyId,
                AccountId = ManagedPolicy.AwsAccount,
                Name = entry.Name,
                NameKey = entry.Name.ToUpperInvariant(),
                Path = entry.Path,
                Arn = entry.Arn,
                Description = entry.Description,
                DefaultVersionId = entry.DefaultVersionId,
                NextVersionNumber = int.Parse(entry.DefaultVersionId[1..], CultureInfo.InvariantCulture) + 1,
                CreatedAt = entry.CreatedAt,
                UpdatedAt = entry.CreatedAt,
            });
            db.PolicyVersions.Add(new PolicyVersion { PolicyId = entry.PolicyId, VersionId = entry.DefaultVersionId, Document = entry.Document, CreatedAt = entry.CreatedAt });
        }
    }

    private static List<Entry> Load()
    {
        var assembly = typeof(AwsManagedPolicyCatalog).Assembly;
        using var index = JsonDocument.Parse(Read(assembly, "index.json"));
        return [.. index.RootElement.GetProperty("policies").EnumerateArray().Select(p => new Entry(
            p.GetProperty("name").GetString()!,
            p.GetProperty("arn").GetString()!,
            p.GetProperty("path").GetString()!,
            p.GetProperty("policy_id").GetString()!,
            p.GetProperty("default_version_id").GetString()!,
            DateTimeOffset.Parse(p.GetProperty("create_date").GetString()!, CultureInfo.InvariantCulture).UtcDateTime,
            p.TryGetProperty("description", out var d) ? d.GetString() : null,
            Read(assembly, p.GetProperty("file").GetString()!)))];
    }

    private static string Read(Assembly assembly, string file)
    {
        using var stream = assembly.GetManifestResourceStream($"managed-policies/{file}")
            ?? throw new InvalidOperationException($"managed policy `{file}` is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
