using System.Text.Json;
using LocalIam.Iam.Errors;
using LocalIam.Storage;
using LocalIam.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace LocalIam.Iam.Policies;

/// <summary>One policy that grants access to a service: managed (with its ARN) or inline (with the entity that holds it).</summary>
public sealed record GrantingPolicy(string PolicyName, bool IsManaged, string? PolicyArn, OwnerKind? EntityKind, string? EntityName);

/// <summary>The policies granting access to one service namespace.</summary>
public sealed record ServiceGrants(string ServiceNamespace, IReadOnlyList<GrantingPolicy> Policies);

/// <summary>
/// ListPoliciesGrantingServiceAccess: for a user (its own policies and its groups'), a group or a
/// role (their own), which managed and inline permissions policies have an Allow statement whose
/// actions reach the service. As AWS documents, only permissions policies count: boundaries,
/// resource policies, SCPs and Deny statements do not.
/// </summary>
public sealed class ServiceAccessService(IamStore store)
{
    private sealed record Candidate(GrantingPolicy Policy, string Document);

    public Task<IReadOnlyList<ServiceGrants>> ListAsync(IamCaller caller, string entityArn, IReadOnlyList<string> namespaces)
    {
        var (kind, name) = ParseEntity(caller.AccountId, entityArn);
        return store.ReadAsync<IReadOnlyList<ServiceGrants>>(async db =>
        {
            var candidates = new List<Candidate>();
            switch (kind)
            {
                case OwnerKind.User:
                    var user = await db.UserAsync(caller.AccountId, name);
                    await AddOwnAsync(db, candidates, OwnerKind.User, user.Id, user.Name);
                    var groups = await db.GroupMemberships.Where(m => m.UserId == user.Id)
                        .Join(db.Groups, m => m.GroupId, g => g.Id, (_, g) => g).OrderBy(g => g.NameKey).ToListAsync();
                    foreach (var group in groups)
                    {
                        await AddOwnAsync(db, candidates, OwnerKind.Group, group.Id, group.Name);
                    }

                    break;
                case OwnerKind.Group:
                    var own = await db.GroupAsync(caller.AccountId, name);
                    await AddOwnAsync(db, candidates, OwnerKind.Group, own.Id, own.Name);
                    break;
                default:
                    var role = await db.RoleAsync(caller.AccountId, name);
                    await AddOwnAsync(db, candidates, OwnerKind.Role, role.Id, role.Name);
                    break;
            }

            // A managed policy attached to both the user and a group is one policy.
            var distinct = candidates.DistinctBy(c => c.Policy.IsManaged ? c.Policy.PolicyArn : $"{c.Policy.EntityKind}/{c.Policy.EntityName}/{c.Policy.PolicyName}").ToList();
            return [.. namespaces.Select(ns => new ServiceGrants(ns, [.. distinct.Where(c => Grants(c.Document, ns)).Select(c => c.Policy)]))];
        });
    }

    /// <summary>Whether an Allow statement of the document reaches any action of the service (<c>*</c>, <c>s3:*</c>, <c>s3:Get*</c>; NotAction unless it excludes the whole service).</summary>
    public static bool Grants(string document, string serviceNamespace)
    {
        using var parsed = JsonDocument.Parse(document);
        var statements = parsed.RootElement.TryGetProperty("Statement", out var s) ? s : default;
        var list = statements.ValueKind == JsonValueKind.Array ? statements.EnumerateArray().ToList() : statements.ValueKind == JsonValueKind.Object ? [statements] : [];
        foreach (var statement in list)
        {
            if (!statement.TryGetProperty("Effect", out var effect) || effect.GetString() != "Allow")
            {
                continue;
            }

            if (statement.TryGetProperty("Action", out var actions) && Patterns(actions).Any(p => ReachesService(p, serviceNamespace)))
            {
                return true;
            }

            if (statement.TryGetProperty("NotAction", out var notActions) && !Patterns(notActions).Any(p => CoversService(p, serviceNamespace)))
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<string> Patterns(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => [value.GetString()!],
        JsonValueKind.Array => value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!),
        _ => [],
    };

    /// <summary>An action pattern can name some action of the service: its service part matches the namespace (wildcards allowed).</summary>
    private static bool ReachesService(string pattern, string serviceNamespace)
    {
        var colon = pattern.IndexOf(':', StringComparison.Ordinal);
        var service = colon < 0 ? pattern : pattern[..colon];
        return colon < 0 ? pattern == "*" || Wildcard.Matches(pattern, serviceNamespace + ":x") : Wildcard.Matches(service, serviceNamespace);
    }

    /// <summary>A NotAction pattern excludes every action of the service: <c>*</c>, <c>s3:*</c>, or a service wildcard that matches it.</summary>
    private static bool CoversService(string pattern, string serviceNamespace)
    {
        var colon = pattern.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? pattern == "*" : pattern[(colon + 1)..] == "*" && Wildcard.Matches(pattern[..colon], serviceNamespace);
    }

    private static async Task AddOwnAsync(IamDbContext db, List<Candidate> candidates, OwnerKind kind, string ownerId, string ownerName)
    {
        foreach (var policy in (await db.AttachedByOwnerAsync(kind, [ownerId]))[ownerId].OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            candidates.Add(new(new(policy.Name, true, policy.Arn, null, null), await db.DefaultDocumentAsync(policy)));
        }

        var inline = await db.InlinePolicies.Where(p => p.OwnerKind == kind && p.OwnerId == ownerId).OrderBy(p => p.NameKey).ToListAsync();
        candidates.AddRange(inline.Select(p => new Candidate(new(p.Name, false, null, kind, ownerName), p.Document)));
    }

    /// <summary>A user, group or role ARN of the caller's account: its kind and name; InvalidInput for anything else.</summary>
    private static (OwnerKind Kind, string Name) ParseEntity(string accountId, string arn)
    {
        var parts = arn.Split(':', 6);
        if (parts is not ["arn", "aws", "iam", "", { } account, { } resource] || account != accountId)
        {
            throw IamErrors.InvalidArn(arn);
        }

        var slash = resource.IndexOf('/', StringComparison.Ordinal);
        var type = slash < 0 ? resource : resource[..slash];
        var name = resource[(resource.LastIndexOf('/') + 1)..];
        OwnerKind? kind = type switch
        {
            "user" => OwnerKind.User,
            "group" => OwnerKind.Group,
            "role" => OwnerKind.Role,
            _ => null,
        };
        return kind is { } known && slash >= 0 && name.Length > 0 ? (known, name) : throw IamErrors.InvalidArn(arn);
    }

    /// <summary>IAM's action wildcards, case-insensitive: <c>*</c> any run, <c>?</c> one character.</summary>
    private static class Wildcard
    {
        public static bool Matches(string pattern, string text) => Matches(pattern.AsSpan(), text.AsSpan());

        private static bool Matches(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
        {
            // Iterative with one backtrack point: linear in practice, never exponential.
            int p = 0, t = 0, star = -1, mark = 0;
            while (t < text.Length)
            {
                if (p < pattern.Length && (pattern[p] == '?' || char.ToUpperInvariant(pattern[p]) == char.ToUpperInvariant(text[t])))
                {
                    p++;
                    t++;
                }
                else if (p < pattern.Length && pattern[p] == '*')
                {
                    star = p++;
                    mark = t;
                }
                else if (star >= 0)
                {
                    p = star + 1;
                    t = ++mark;
                }
                else
                {
                    return false;
                }
            }

            while (p < pattern.Length && pattern[p] == '*')
            {
                p++;
            }

            return p == pattern.Length;
        }
    }
}
