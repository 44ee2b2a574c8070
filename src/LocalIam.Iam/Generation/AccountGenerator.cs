using LocalIam.Iam.Identifiers;
using LocalIam.Storage;
using LocalIam.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace LocalIam.Iam.Generation;

/// <summary>
/// Fills an empty account with generated users, groups, roles, customer managed policies and their
/// versions, memberships, attachments of AWS and customer managed policies, inline policies, tags
/// and boundaries, as a real account of that size has them. Deterministic: the same seed and shape
/// give the same account, ids included. Written straight into the store, one transaction of
/// multi-row inserts per table (not one API call per entity), so an account at AWS's limits takes seconds.
/// Used by the tests, the benchmarks and (later) the CLI.
/// </summary>
public static class AccountGenerator
{
    private const string Base32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private static readonly string[] Projects = ["orders", "billing", "search", "payments", "analytics", "catalog", "identity", "media", "ml", "ops"];
    private static readonly string[] Departments = ["engineering", "finance", "sales", "support", "data", "security", "platform", "marketing"];
    private static readonly string[] FirstNames = ["alex", "sam", "kim", "lee", "maria", "omar", "priya", "chen", "ana", "john", "fatima", "yuki"];
    private static readonly string[] LastNames = ["smith", "garcia", "wong", "patel", "muller", "rossi", "kowalski", "silva", "tanaka", "okafor"];
    private static readonly string[] TagKeys = ["team", "cost-center", "env", "owner", "project", "data-classification"];
    private static readonly DateTime Epoch = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static async Task<GeneratedAccount> GenerateAsync(IamStore store, string accountId, AccountShape shape, int seed = 1, CancellationToken cancellationToken = default)
    {
        await store.ReadAsync(async db =>
        {
            if (!await db.Accounts.AnyAsync(a => a.Id == accountId, cancellationToken))
            {
                throw new InvalidOperationException($"The store has no account `{accountId}`: bootstrap it first");
            }

            if (await db.Users.AnyAsync(u => u.AccountId == accountId, cancellationToken) || await db.Roles.AnyAsync(r => r.AccountId == accountId, cancellationToken)
                || await db.Groups.AnyAsync(g => g.AccountId == accountId, cancellationToken))
            {
                throw new InvalidOperationException($"The account `{accountId}` is not empty: generate into a fresh store");
            }

            return 0;
        });

        var plan = new Plan(new Random(seed), accountId, shape, new GeneratedAwsPolicies());
        plan.Make();
        await store.WriteAsync(async db =>
        {
            (await db.Accounts.SingleAsync(a => a.Id == accountId, cancellationToken)).BillingAccessEnabled = shape.BillingAccessEnabled;
            return 0;
        }, cancellationToken);

        // Parents before children, so every foreign key holds.
        await store.InsertManyAsync(plan.Policies, cancellationToken);
        await store.InsertManyAsync(plan.Versions, cancellationToken);
        await store.InsertManyAsync(plan.Groups, cancellationToken);
        await store.InsertManyAsync(plan.Users, cancellationToken);
        await store.InsertManyAsync(plan.Roles, cancellationToken);
        await store.InsertManyAsync(plan.Memberships, cancellationToken);
        await store.InsertManyAsync(plan.Attachments, cancellationToken);
        await store.InsertManyAsync(plan.Inline, cancellationToken);
        await store.InsertManyAsync(plan.Tags, cancellationToken);

        return new GeneratedAccount(
            plan.Users.Count, plan.Groups.Count, plan.Roles.Count, plan.Policies.Count, plan.Versions.Count, plan.Memberships.Count,
            plan.Attachments.Count, plan.Inline.Count, plan.Tags.Count)
        {
            AdminUsers = plan.AdminUsers,
            BillingUsers = plan.BillingUsers,
        };
    }

    /// <summary>The account in memory, entity by entity, before it is written.</summary>
    private sealed class Plan(Random random, string accountId, AccountShape shape, GeneratedAwsPolicies awsPolicies)
    {
        private readonly GeneratedDocuments _documents = new(random, accountId);
        private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
        private readonly List<string> _boundaryArns = [];
        private readonly Dictionary<string, HashSet<string>> _attached = new(StringComparer.Ordinal);

        public List<ManagedPolicy> Policies { get; } = [];

        public List<PolicyVersion> Versions { get; } = [];

        public List<Group> Groups { get; } = [];

        public List<User> Users { get; } = [];

        public List<Role> Roles { get; } = [];

        public List<GroupMembership> Memberships { get; } = [];

        public List<PolicyAttachment> Attachments { get; } = [];

        public List<InlinePolicy> Inline { get; } = [];

        public List<Tag> Tags { get; } = [];

        public List<string> AdminUsers { get; } = [];

        public List<string> BillingUsers { get; } = [];

        public void Make()
        {
            MakePolicies();
            MakeGroups();
            MakeUsers();
            MakeRoles();
        }

        private void MakePolicies()
        {
            for (var i = 0; i < shape.CustomerPolicies; i++)
            {
                var project = Projects[random.Next(Projects.Length)];
                var isBoundary = i % 100 == 0;
                var isBilling = i % 75 == 10;
                var name = isBoundary ? $"boundary-{project}-{i:D5}" : isBilling ? $"billing-view-{i:D5}" : $"{project}-{(random.Next(2) == 0 ? "read" : "write")}-{i:D5}";
                var path = random.Next(4) == 0 ? $"/{project}/" : "/";
                var versions = isBoundary || isBilling ? 1 : 1 + (int)(Math.Pow(random.NextDouble(), 2) * Quotas.VersionsPerPolicy.Limit);
                var policy = new ManagedPolicy
                {
                    Id = NewId(IamIds.PolicyPrefix),
                    AccountId = accountId,
                    Name = name,
                    NameKey = name.ToUpperInvariant(),
                    Path = path,
                    Arn = $"arn:aws:iam::{accountId}:policy{path}{name}",
                    Description = $"Access for {project}",
                    DefaultVersionId = $"v{(random.Next(5) == 0 ? 1 + random.Next(versions) : versions)}",
                    NextVersionNumber = versions + 1,
                    CreatedAt = Time(),
                    UpdatedAt = Time(),
                };
                Policies.Add(policy);
                for (var v = 1; v <= versions; v++)
                {
                    Versions.Add(new PolicyVersion
                    {
                        PolicyId = policy.Id,
                        VersionId = $"v{v}",
                        Document = isBoundary ? GeneratedDocuments.Boundary() : isBilling ? GeneratedDocuments.Billing() : _documents.Managed(project, v),
                        CreatedAt = policy.CreatedAt.AddDays(v),
                    });
                }

                if (isBoundary)
                {
                    _boundaryArns.Add(policy.Arn);
                }
            }
        }

        private void MakeGroups()
        {
            string[] special = ["Admins", "BillingReadOnlyGroup", "ReadOnly", "Developers"];
            for (var i = 0; i < shape.Groups; i++)
            {
                var name = i < special.Length ? special[i] : $"{Departments[random.Next(Departments.Length)]}-{i:D4}";
                var group = new Group { Id = NewId(IamIds.GroupPrefix), AccountId = accountId, Name = name, NameKey = name.ToUpperInvariant(), Path = "/", CreatedAt = Time() };
                Groups.Add(group);
                switch (i)
                {
                    case 0:
                        AttachAws(OwnerKind.Group, group.Id, "AdministratorAccess");
                        break;
                    case 1:
                        AttachAws(OwnerKind.Group, group.Id, "job-function/Billing");
                        break;
                    case 2:
                        AttachAws(OwnerKind.Group, group.Id, "job-function/ViewOnlyAccess");
                        break;
                    case 3:
                        AttachAws(OwnerKind.Group, group.Id, "PowerUserAccess");
                        break;
                    default:
                        AttachSome(OwnerKind.Group, group.Id, 1 + random.Next(4));
                        if (random.Next(10) < 3)
                        {
                            AddInline(OwnerKind.Group, group.Id, "group-inline");
                        }

                        break;
                }
            }
        }

        private void MakeUsers()
        {
            for (var i = 0; i < shape.Users; i++)
            {
                var name = $"{FirstNames[random.Next(FirstNames.Length)]}.{LastNames[random.Next(LastNames.Length)]}{i}";
                var department = Departments[random.Next(Departments.Length)];
                var user = new User
                {
                    Id = NewId(IamIds.UserPrefix),
                    AccountId = accountId,
                    Name = name,
                    NameKey = name.ToUpperInvariant(),
                    Path = random.Next(3) == 0 ? "/" : $"/{department}/",
                    CreatedAt = Time(),
                    PermissionsBoundaryArn = random.Next(100) < 8 ? Boundary() : null,
                };
                Users.Add(user);

                // Most users in a few groups, some in none, a few in the most IAM allows.
                var groups = new HashSet<Group>();
                var count = Math.Min(Quotas.GroupsPerUser.Limit, (int)(Math.Pow(random.NextDouble(), 1.6) * (Quotas.GroupsPerUser.Limit + 1)));
                if (i % 100 == 0 && Groups.Count > 0)
                {
                    groups.Add(Groups[0]);
                    AdminUsers.Add(name);
                }
                else if (i % 50 == 1 && Groups.Count > 1)
                {
                    groups.Add(Groups[1]);
                    BillingUsers.Add(name);
                }

                while (groups.Count < Math.Min(count, Groups.Count))
                {
                    groups.Add(Groups[Math.Min(Groups.Count - 1, 2 + random.Next(Math.Max(1, Groups.Count - 2)))]);
                }

                Memberships.AddRange(groups.Select(g => new GroupMembership { GroupId = g.Id, UserId = user.Id }));
                if (random.Next(5) == 0)
                {
                    AttachSome(OwnerKind.User, user.Id, 1 + random.Next(3));
                }

                if (i % 250 == 3)
                {
                    // Against the lab's advice, and what the linter will point out.
                    AttachAws(OwnerKind.User, user.Id, "AdministratorAccess");
                    AdminUsers.Add(name);
                }

                if (random.Next(100) < 8)
                {
                    AddInline(OwnerKind.User, user.Id, "user-inline");
                }

                AddTags(OwnerKind.User, user.Id, random.Next(6), department);
            }
        }

        private void MakeRoles()
        {
            var userArns = Users.Where((_, i) => i % 97 == 0).Select(u => $"arn:aws:iam::{accountId}:user{u.Path}{u.Name}").ToList();
            var roleArns = new List<string>();
            string[] purposes = ["app", "deploy", "etl", "batch", "audit", "backup", "billing-report", "ci"];
            for (var i = 0; i < shape.Roles; i++)
            {
                var trust = _documents.Trust(userArns, roleArns);
                var isService = trust.Contains("\"Service\"", StringComparison.Ordinal);
                var name = $"{Projects[random.Next(Projects.Length)]}-{purposes[random.Next(purposes.Length)]}-{i:D5}";
                var role = new Role
                {
                    Id = NewId(IamIds.RolePrefix),
                    AccountId = accountId,
                    Name = name,
                    NameKey = name.ToUpperInvariant(),
                    Path = isService ? "/service-role/" : "/",
                    TrustPolicy = trust,
                    Description = isService ? "Service role" : null,
                    MaxSessionDuration = new[] { 3600, 3600, 7200, 14400, 43200 }[random.Next(5)],
                    PermissionsBoundaryArn = random.Next(100) < 5 ? Boundary() : null,
                    CreatedAt = Time(),
                };
                Roles.Add(role);
                roleArns.Add($"arn:aws:iam::{accountId}:role{role.Path}{role.Name}");
                if (i % 33 == 5)
                {
                    AttachAws(OwnerKind.Role, role.Id, "AdministratorAccess");
                }
                else if (i % 50 == 7)
                {
                    AttachAws(OwnerKind.Role, role.Id, "AWSBillingReadOnlyAccess");
                }

                if (isService && awsPolicies.ForServiceRole(random) is { } servicePolicy)
                {
                    Attach(OwnerKind.Role, role.Id, servicePolicy);
                }

                AttachSome(OwnerKind.Role, role.Id, 1 + random.Next(4));
                if (random.Next(10) < 4)
                {
                    AddInline(OwnerKind.Role, role.Id, "role-inline");
                }

                AddTags(OwnerKind.Role, role.Id, random.Next(5), Departments[random.Next(Departments.Length)]);
            }
        }

        /// <summary>Up to <paramref name="count"/> managed policies, customer managed mostly, each once, never past the per-entity quota.</summary>
        private void AttachSome(OwnerKind kind, string ownerId, int count)
        {
            for (var n = 0; n < count; n++)
            {
                var id = random.Next(10) < 6 && Policies.Count > 0
                    ? Policies[random.Next(Policies.Count)].Id
                    : awsPolicies.Everyday(random);
                if (id is not null)
                {
                    Attach(kind, ownerId, id);
                }
            }
        }

        private void AttachAws(OwnerKind kind, string ownerId, string name)
        {
            if (awsPolicies.IdOf(name) is { } id)
            {
                Attach(kind, ownerId, id);
            }
        }

        /// <summary>Each policy once per owner, never past the per-entity quota (10 for users, groups and roles alike).</summary>
        private void Attach(OwnerKind kind, string ownerId, string policyId)
        {
            if (!_attached.TryGetValue(ownerId, out var attached))
            {
                _attached[ownerId] = attached = new HashSet<string>(StringComparer.Ordinal);
            }

            if (attached.Count < Quotas.ManagedPoliciesPerUser.Limit && attached.Add(policyId))
            {
                Attachments.Add(new PolicyAttachment { AccountId = accountId, OwnerKind = kind, OwnerId = ownerId, PolicyId = policyId });
            }
        }

        private void AddInline(OwnerKind kind, string ownerId, string name) =>
            Inline.Add(new InlinePolicy
            {
                OwnerKind = kind,
                OwnerId = ownerId,
                Name = name,
                NameKey = name.ToUpperInvariant(),
                Document = _documents.Inline(Projects[random.Next(Projects.Length)]),
            });

        private void AddTags(OwnerKind kind, string ownerId, int count, string team)
        {
            foreach (var key in TagKeys.Take(count))
            {
                var value = key == "team" ? team : $"{key}-{random.Next(40)}";
                Tags.Add(new Tag { OwnerKind = kind, OwnerId = ownerId, Key = key, KeyKey = key.ToUpperInvariant(), Value = value });
            }
        }

        private string? Boundary() =>
            _boundaryArns.Count > 0 && random.Next(4) > 0 ? _boundaryArns[random.Next(_boundaryArns.Count)]
            : GeneratedAwsPolicies.Arn("PowerUserAccess");

        private DateTime Time() => Epoch.AddMinutes(random.Next(60 * 24 * 700));

        /// <summary>An AWS-shaped unique id from the seeded generator, so a generation is repeatable to the id.</summary>
        private string NewId(string prefix)
        {
            while (true)
            {
                var id = string.Create(21, (prefix, random), static (span, state) =>
                {
                    state.prefix.AsSpan().CopyTo(span);
                    for (var i = state.prefix.Length; i < span.Length; i++)
                    {
                        span[i] = Base32[state.random.Next(Base32.Length)];
                    }
                });
                if (_ids.Add(id))
                {
                    return id;
                }
            }
        }
    }
}
