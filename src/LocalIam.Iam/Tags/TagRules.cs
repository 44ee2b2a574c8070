using System.Text.RegularExpressions;
using LocalIam.Iam.Errors;
using LocalIam.Storage;
using LocalIam.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace LocalIam.Iam.Tags;

/// <summary>A tag as callers pass it.</summary>
public sealed record TagInput(string Key, string Value);

/// <summary>IAM's tag rules and the shared code that applies tags to any taggable entity.</summary>
public static partial class TagRules
{
    private const string KeyPattern = @"[\p{L}\p{Z}\p{N}_.:/=+\-@]+";
    private const string ValuePattern = @"[\p{L}\p{Z}\p{N}_.:/=+\-@]*";

    public static void Validate(IReadOnlyList<TagInput> tags)
    {
        var validator = new RequestValidator();
        if (tags.Count > Quotas.TagsPerEntity.Limit)
        {
            validator.Length(new string('x', tags.Count), "tags", 0, Quotas.TagsPerEntity.Limit);
        }

        for (var i = 0; i < tags.Count; i++)
        {
            var field = $"tags.{i + 1}.member";
            validator.Length(tags[i].Key, $"{field}.key", 1, 128).Pattern(tags[i].Key, $"{field}.key", KeyRegex(), KeyPattern);
            validator.Length(tags[i].Value, $"{field}.value", 0, 256).Pattern(tags[i].Value, $"{field}.value", ValueRegex(), ValuePattern);
        }

        validator.ThrowIfInvalid();
        if (tags.Any(t => t.Key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase)))
        {
            throw IamErrors.TagKeyReserved();
        }

        if (tags.Select(t => t.Key.ToUpperInvariant()).Distinct().Count() != tags.Count)
        {
            throw IamErrors.DuplicateTagKeys();
        }
    }

    /// <summary>An Untag operation's TagKeys as the model constrains them: at most 50, each 1 to 128 characters of the key pattern.</summary>
    public static void ValidateKeys(IReadOnlyList<string> keys)
    {
        var validator = new RequestValidator();
        if (keys.Count > Quotas.TagsPerEntity.Limit)
        {
            validator.Length(new string('x', keys.Count), "tagKeys", 0, Quotas.TagsPerEntity.Limit);
        }

        for (var i = 0; i < keys.Count; i++)
        {
            validator.Length(keys[i], $"tagKeys.{i + 1}.member", 1, 128).Pattern(keys[i], $"tagKeys.{i + 1}.member", KeyRegex(), KeyPattern);
        }

        validator.ThrowIfInvalid();
    }

    /// <summary>Adds or overwrites tags; the entity may end with at most 50.</summary>
    public static async Task ApplyAsync(IamDbContext db, OwnerKind kind, string ownerId, IReadOnlyList<TagInput> tags)
    {
        Validate(tags);
        var existing = await db.Tags.Where(t => t.OwnerKind == kind && t.OwnerId == ownerId).ToListAsync();
        foreach (var tag in tags)
        {
            var key = tag.Key.ToUpperInvariant();
            if (existing.Find(t => t.KeyKey == key) is { } current)
            {
                current.Key = tag.Key;
                current.Value = tag.Value;
            }
            else
            {
                var added = new Tag { OwnerKind = kind, OwnerId = ownerId, Key = tag.Key, KeyKey = key, Value = tag.Value };
                existing.Add(added);
                db.Tags.Add(added);
            }
        }

        if (existing.Count > Quotas.TagsPerEntity.Limit)
        {
            throw IamErrors.TooManyTags();
        }
    }

    public static async Task RemoveAsync(IamDbContext db, OwnerKind kind, string ownerId, IReadOnlyList<string> keys)
    {
        ValidateKeys(keys);
        var upper = keys.Select(k => k.ToUpperInvariant()).ToList();
        await db.Tags.Where(t => t.OwnerKind == kind && t.OwnerId == ownerId && upper.Contains(t.KeyKey)).ExecuteDeleteAsync();
    }

    /// <summary>An entity's tags in IAM's order: by key, ordinal and case-sensitive (sorted here, as a database's collation may not be ordinal).</summary>
    public static async Task<IReadOnlyList<TagInput>> ListAsync(IamDbContext db, OwnerKind kind, string ownerId) =>
        [.. (await db.Tags.Where(t => t.OwnerKind == kind && t.OwnerId == ownerId).Select(t => new TagInput(t.Key, t.Value)).ToListAsync())
            .OrderBy(t => t.Key, StringComparer.Ordinal)];

    [GeneratedRegex(@"^[\p{L}\p{Z}\p{N}_.:/=+\-@]+\z")]
    private static partial Regex KeyRegex();

    [GeneratedRegex(@"^[\p{L}\p{Z}\p{N}_.:/=+\-@]*\z")]
    private static partial Regex ValueRegex();
}
