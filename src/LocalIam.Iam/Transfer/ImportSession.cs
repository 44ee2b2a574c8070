using LocalIam.Iam.Identifiers;
using LocalIam.Iam.InstanceProfiles;
using LocalIam.Iam.Policies;
using LocalIam.Policy.Validation;
using LocalIam.Storage;
using LocalIam.Storage.Entities;

namespace LocalIam.Iam.Transfer;

/// <summary>
/// One import inside one write transaction: each element of the file becomes rows as it is read
/// (written in batches, parents first), while the references between elements — group names,
/// policy ARNs, boundaries — are kept as small records and resolved when the whole file is read.
/// </summary>
internal sealed class ImportSession(IamStore store, IamDbContext db, string accountId, AuthorizationDetailsImportOptions options)
{
    private const int BatchRows = 2000;

    private readonly DateTime _now = options.Clock.GetUtcNow().UtcDateTime;

    // Names regardless of case, ids and ARNs already seen, with the path that holds them.
    private readonly Dictionary<string, (string Id, string Path)> _groups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _roles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _policyNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _policyIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _customerPolicies = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _awsPolicies = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _instanceProfiles = new(StringComparer.Ordinal);

    private readonly List<(string UserId, string GroupName, string Path)> _pendingMemberships = [];
    private readonly List<(OwnerKind Kind, string OwnerId, string Arn, string Path)> _pendingAttachments = [];
    private readonly List<(string Arn, string Path)> _pendingBoundaries = [];
    private readonly HashSet<string> _awsUsed = new(StringComparer.Ordinal);
    private readonly List<string> _warnings = [];

    private readonly List<ManagedPolicy> _policies = [];
    private readonly List<PolicyVersion> _versions = [];
    private readonly List<Group> _groupRows = [];
    private readonly List<User> _userRows = [];
    private readonly List<Role> _roleRows = [];
    private readonly List<InlinePolicy> _inline = [];
    private readonly List<Tag> _tags = [];
    private readonly List<AccountObject> _objects = [];

    private int _pending;
    private int _versionCount;
    private int _inlineCount;
    private int _tagCount;
    private int _memberships;
    private int _attachments;

    public bool? BillingAccessEnabled { get; private set; }

    public int Entities => _users.Count + _groups.Count + _roles.Count + _customerPolicies.Count + _awsPolicies.Count;

    public async Task AddAsync(JsonMemberValue value, CancellationToken cancellationToken)
    {
        var node = new DetailNode(value.Document.RootElement, value.Path);
        switch (value.Member)
        {
            case "UserDetailList" when value.Index >= 0:
                AddUser(node.Object());
                break;
            case "GroupDetailList" when value.Index >= 0:
                AddGroup(node.Object());
                break;
            case "RoleDetailList" when value.Index >= 0:
                AddRole(node.Object());
                break;
            case "Policies" when value.Index >= 0:
                AddPolicy(node.Object());
                break;
            case "UserDetailList" or "GroupDetailList" or "RoleDetailList" or "Policies":
                throw DetailNode.Bad(value.Path, "expected a list");
            case "IsTruncated" when node.Element.ValueKind == System.Text.Json.JsonValueKind.True:
                throw DetailNode.Bad(value.Path, "the file is one page of a longer answer: save the whole answer, as `aws iam get-account-authorization-details` prints it without `--max-items`");
            case "Marker" or "NextToken":
                throw DetailNode.Bad(value.Path, "the file is one page of a longer answer: save the whole answer, as `aws iam get-account-authorization-details` prints it without `--max-items`");
            case "LocalIam":
                BillingAccessEnabled = node.Object().OptionalBool("BillingAccessEnabled");
                break;
        }

        if (_pending >= BatchRows)
        {
            await FlushAsync(cancellationToken);
        }
    }

    /// <summary>Resolves the references between elements and writes what is left.</summary>
    public async Task<AuthorizationDetailsImportResult> FinishAsync(bool replaced, bool billingAccessEnabled, CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken);
        foreach (var (arn, path) in _pendingBoundaries)
        {
            if (PolicyId(arn, path, boundary: true) is null)
            {
                throw DetailNode.Bad(path, $"the permissions boundary `{DetailNode.Shown(arn)}` is not in the file's Policies list");
            }
        }

        var memberships = new List<GroupMembership>();
        var seen = new HashSet<(string, string)>();
        foreach (var (userId, groupName, path) in _pendingMemberships)
        {
            if (!_groups.TryGetValue(groupName.ToUpperInvariant(), out var group))
            {
                throw DetailNode.Bad(path, $"the group `{DetailNode.Shown(groupName)}` is not in the file's GroupDetailList");
            }

            if (!seen.Add((group.Id, userId)))
            {
                throw DetailNode.Bad(path, $"the group `{DetailNode.Shown(groupName)}` is listed twice for this user");
            }

            memberships.Add(new GroupMembership { GroupId = group.Id, UserId = userId });
        }

        var attachments = new List<PolicyAttachment>();
        var attached = new HashSet<(OwnerKind, string, string)>();
        foreach (var (kind, ownerId, arn, path) in _pendingAttachments)
        {
            if (PolicyId(arn, path, boundary: false) is not { } policyId)
            {
                continue;
            }

            if (!attached.Add((kind, ownerId, policyId)))
            {
                throw DetailNode.Bad(path, $"the policy `{DetailNode.Shown(arn)}` is attached twice to this {kind.ToString().ToLowerInvariant()}");
            }

            attachments.Add(new PolicyAttachment { AccountId = accountId, OwnerKind = kind, OwnerId = ownerId, PolicyId = policyId });
        }

        await store.InsertManyAsync(db, memberships, cancellationToken);
        await store.InsertManyAsync(db, attachments, cancellationToken);
        _memberships = memberships.Count;
        _attachments = attachments.Count;
        return new AuthorizationDetailsImportResult(
            accountId, _users.Count, _groups.Count, _roles.Count, _customerPolicies.Count, _versionCount, _awsUsed.Count, _inlineCount,
            _attachments, _memberships, _instanceProfiles.Count, _tagCount, billingAccessEnabled, replaced)
        {
            Warnings = _warnings,
        };
    }

    private void AddUser(DetailNode node)
    {
        var name = DetailRules.Name(node, "UserName", "user", 64);
        var path = DetailRules.Path(node);
        Unique(_users, name, node, "UserName", "user");
        DetailRules.OwnArn(node, accountId, "user", path, name);
        var id = Id(node, "UserId", IamIds.UserPrefix);
        var boundary = DetailRules.Boundary(node);
        if (boundary is { } b)
        {
            _pendingBoundaries.Add(b);
        }

        _userRows.Add(new User
        {
            Id = id,
            AccountId = accountId,
            Name = name,
            NameKey = name.ToUpperInvariant(),
            Path = path,
            CreatedAt = node.OptionalDate("CreateDate") ?? _now,
            PermissionsBoundaryArn = boundary?.Arn,
        });
        _pending++;
        Inline(node, "UserPolicyList", OwnerKind.User, id);
        Attached(node, OwnerKind.User, id);
        Tags(node, OwnerKind.User, id);
        foreach (var group in node.Array("GroupList"))
        {
            _pendingMemberships.Add((id, group.AsString(), group.Path));
        }
    }

    private void AddGroup(DetailNode node)
    {
        var name = DetailRules.Name(node, "GroupName", "group", 128);
        var path = DetailRules.Path(node);
        if (_groups.TryGetValue(name.ToUpperInvariant(), out var earlier))
        {
            throw Twice(node, "GroupName", "group", name, earlier.Path);
        }

        DetailRules.OwnArn(node, accountId, "group", path, name);

        var id = Id(node, "GroupId", IamIds.GroupPrefix);
        _groups[name.ToUpperInvariant()] = (id, node.Path);
        _groupRows.Add(new Group { Id = id, AccountId = accountId, Name = name, NameKey = name.ToUpperInvariant(), Path = path, CreatedAt = node.OptionalDate("CreateDate") ?? _now });
        _pending++;
        Inline(node, "GroupPolicyList", OwnerKind.Group, id);
        Attached(node, OwnerKind.Group, id);
    }

    private void AddRole(DetailNode node)
    {
        var name = DetailRules.Name(node, "RoleName", "role", 64);
        var path = DetailRules.Path(node);
        Unique(_roles, name, node, "RoleName", "role");
        DetailRules.OwnArn(node, accountId, "role", path, name);
        var id = Id(node, "RoleId", IamIds.RolePrefix);
        var trust = DetailRules.Document(node, "AssumeRolePolicyDocument", PolicyKind.Trust);
        var boundary = DetailRules.Boundary(node);
        if (boundary is { } b)
        {
            _pendingBoundaries.Add(b);
        }

        // RoleDetail has no Description or MaxSessionDuration; the role inside an instance profile has them.
        string? description = null;
        int? maxSession = null;
        foreach (var profile in node.Array("InstanceProfileList"))
        {
            foreach (var inner in InstanceProfile(profile.Object()))
            {
                if (inner.OptionalString("RoleId") == id)
                {
                    description = inner.OptionalString("Description");
                    maxSession = inner.OptionalInt("MaxSessionDuration");
                }
            }
        }

        if (maxSession is < 3600 or > 43200)
        {
            throw DetailNode.Bad(node.Path + ".InstanceProfileList", $"the role's MaxSessionDuration {maxSession} is not 3600 to 43200 seconds");
        }

        var lastUsed = node.Member("RoleLastUsed") is { } used ? used.Object().OptionalDate("LastUsedDate") : null;
        _roleRows.Add(new Role
        {
            Id = id,
            AccountId = accountId,
            Name = name,
            NameKey = name.ToUpperInvariant(),
            Path = path,
            TrustPolicy = trust,
            Description = description,
            MaxSessionDuration = maxSession ?? 3600,
            PermissionsBoundaryArn = boundary?.Arn,
            LastUsedAt = lastUsed,
            CreatedAt = node.OptionalDate("CreateDate") ?? _now,
        });
        _pending++;
        Inline(node, "RolePolicyList", OwnerKind.Role, id);
        Attached(node, OwnerKind.Role, id);
        Tags(node, OwnerKind.Role, id);
    }

    /// <summary>An instance profile, stored once however many of its roles list it; returns its roles as listed.</summary>
    private List<DetailNode> InstanceProfile(DetailNode node)
    {
        var name = DetailRules.Name(node, "InstanceProfileName", "instance profile", 128);
        var path = DetailRules.Path(node);
        DetailRules.OwnArn(node, accountId, "instance-profile", path, name);
        var roles = node.Array("Roles").Select(r => r.Object()).ToList();
        var id = node.OptionalString("InstanceProfileId");
        var key = name.ToUpperInvariant();
        if (_instanceProfiles.TryGetValue(key, out var knownId))
        {
            if (id is not null && id != knownId)
            {
                throw DetailNode.Bad(node.Path + ".InstanceProfileId", $"the instance profile `{name}` appears with two ids, `{knownId}` and `{DetailNode.Shown(id)}`");
            }

            return roles;
        }

        id ??= IamIds.NewUniqueId(IamIds.InstanceProfilePrefix);
        _instanceProfiles[key] = id;
        var roleIds = roles.Select(r => r.String("RoleId")).ToList();
        var created = node.OptionalDate("CreateDate") ?? _now;
        _objects.Add(InstanceProfileService.Profiles.Row(accountId, key, new InstanceProfile(id, name, path, created, roleIds, DetailRules.Tags(node)), created));
        _pending++;
        return roles;
    }

    private void AddPolicy(DetailNode node)
    {
        var arn = node.String("Arn");
        if (AwsManagedPolicyCatalog.IsAwsArn(arn))
        {
            if (_awsPolicies.TryGetValue(arn, out var earlier))
            {
                throw DetailNode.Bad(node.Path + ".Arn", $"the policy `{DetailNode.Shown(arn)}` is listed twice, also at `{earlier}`");
            }

            _awsPolicies[arn] = node.Path;
            return;
        }

        var name = DetailRules.Name(node, "PolicyName", "policy", 128);
        var path = DetailRules.Path(node);
        DetailRules.OwnArn(node, accountId, "policy", path, name);
        if (_customerPolicies.TryGetValue(arn, out var before))
        {
            throw DetailNode.Bad(node.Path + ".Arn", $"the policy `{DetailNode.Shown(arn)}` is listed twice, also at `{before}`");
        }

        Unique(_policyNames, name, node, "PolicyName", "policy");
        var id = Id(node, "PolicyId", IamIds.PolicyPrefix);
        _customerPolicies[arn] = node.Path;
        _policyIds[arn] = id;
        var defaultVersion = node.String("DefaultVersionId");
        var versions = new List<PolicyVersion>();
        var highest = 0;
        string? defaultSeen = null;
        foreach (var version in node.Array("PolicyVersionList"))
        {
            version.Object();
            var versionId = version.String("VersionId");
            if (versionId.Length < 2 || versionId[0] != 'v' || !int.TryParse(versionId.AsSpan(1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) || number < 1)
            {
                throw DetailNode.Bad(version.Path + ".VersionId", $"`{DetailNode.Shown(versionId)}` is not a policy version id such as `v1`");
            }

            if (versions.Any(v => v.VersionId == versionId))
            {
                throw DetailNode.Bad(version.Path + ".VersionId", $"the version `{versionId}` is listed twice");
            }

            if (version.OptionalBool("IsDefaultVersion") == true)
            {
                if (versionId != defaultVersion)
                {
                    throw DetailNode.Bad(version.Path + ".IsDefaultVersion", $"`{versionId}` is marked as the default version, but the policy's DefaultVersionId is `{DetailNode.Shown(defaultVersion)}`");
                }

                defaultSeen = versionId;
            }

            highest = Math.Max(highest, number);
            versions.Add(new PolicyVersion
            {
                PolicyId = id,
                VersionId = versionId,
                Document = DetailRules.Document(version, "Document", PolicyKind.Identity, managed: true),
                CreatedAt = version.OptionalDate("CreateDate") ?? _now,
            });
        }

        if (defaultSeen is null)
        {
            throw DetailNode.Bad(node.Path + ".PolicyVersionList", $"the default version `{DetailNode.Shown(defaultVersion)}` is not in the list: every version of the policy is needed, the default one marked with IsDefaultVersion");
        }

        _policies.Add(new ManagedPolicy
        {
            Id = id,
            AccountId = accountId,
            Name = name,
            NameKey = name.ToUpperInvariant(),
            Path = path,
            Arn = arn,
            Description = node.OptionalString("Description"),
            DefaultVersionId = defaultVersion,
            NextVersionNumber = highest + 1,
            CreatedAt = node.OptionalDate("CreateDate") ?? _now,
            UpdatedAt = node.OptionalDate("UpdateDate") ?? node.OptionalDate("CreateDate") ?? _now,
        });
        _versions.AddRange(versions);
        _versionCount += versions.Count;
        _pending += 1 + versions.Count;
    }

    private void Inline(DetailNode owner, string member, OwnerKind kind, string ownerId)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var policy in owner.Array(member))
        {
            policy.Object();
            var name = DetailRules.Name(policy, "PolicyName", "policy", 128);
            if (!names.Add(name.ToUpperInvariant()))
            {
                throw DetailNode.Bad(policy.Path + ".PolicyName", $"the inline policy `{name}` is listed twice (names are unique regardless of case)");
            }

            _inline.Add(new InlinePolicy { OwnerKind = kind, OwnerId = ownerId, Name = name, NameKey = name.ToUpperInvariant(), Document = DetailRules.Document(policy, "PolicyDocument", PolicyKind.Identity) });
            _inlineCount++;
            _pending++;
        }
    }

    private void Attached(DetailNode owner, OwnerKind kind, string ownerId)
    {
        foreach (var attachment in owner.Array("AttachedManagedPolicies"))
        {
            attachment.Object();
            _pendingAttachments.Add((kind, ownerId, attachment.String("PolicyArn"), attachment.Path + ".PolicyArn"));
        }
    }

    private void Tags(DetailNode owner, OwnerKind kind, string ownerId)
    {
        foreach (var tag in DetailRules.Tags(owner))
        {
            _tags.Add(new Tag { OwnerKind = kind, OwnerId = ownerId, Key = tag.Key, KeyKey = tag.Key.ToUpperInvariant(), Value = tag.Value });
            _tagCount++;
            _pending++;
        }
    }

    /// <summary>A policy ARN's id: the catalogue's for an AWS managed policy, the file's for a customer managed one; null when skipped.</summary>
    private string? PolicyId(string arn, string path, bool boundary)
    {
        if (AwsManagedPolicyCatalog.IsAwsArn(arn))
        {
            if (AwsManagedPolicyCatalog.Current.FindByArn(arn) is { } aws)
            {
                _awsUsed.Add(arn);
                return aws.PolicyId;
            }

            var problem = $"LocalIam's catalogue of AWS managed policies ({AwsManagedPolicyCatalog.Current.Source.ListingDate:yyyy-MM-dd}) has no `{DetailNode.Shown(arn)}`";
            if (options.SkipUnknownAwsPolicies && !boundary)
            {
                _warnings.Add($"{path}: {problem}: the attachment was left out");
                return null;
            }

            throw DetailNode.Bad(path, boundary ? problem + ": a permissions boundary cannot be left out" : problem + ": give --skip-unknown-aws-policies to leave such attachments out");
        }

        if (_policyIds.TryGetValue(arn, out var id))
        {
            return id;
        }

        if (boundary)
        {
            return null;
        }

        throw DetailNode.Bad(path, DetailRules.ArnAccount(arn) is { } other && other != accountId
            ? $"`{DetailNode.Shown(arn)}` is a policy of account `{other}`: an identity can only have managed policies of its own account or AWS's"
            : $"the policy `{DetailNode.Shown(arn)}` is not in the file's Policies list: save the account's details without `--filter`");
    }

    private static void Unique(Dictionary<string, string> seen, string name, DetailNode node, string member, string kind)
    {
        var key = name.ToUpperInvariant();
        if (seen.TryGetValue(key, out var earlier))
        {
            throw Twice(node, member, kind, name, earlier);
        }

        seen[key] = node.Path;
    }

    private static AuthorizationDetailsException Twice(DetailNode node, string member, string kind, string name, string earlierPath) =>
        DetailNode.Bad($"{node.Path}.{member}", $"the {kind} `{name}` is already in the file at `{earlierPath}` (IAM names are unique regardless of case)");

    /// <summary>The entity's id from the file, unique in it; a new one when the file has none.</summary>
    private string Id(DetailNode node, string member, string prefix)
    {
        var id = node.OptionalString(member) ?? IamIds.NewUniqueId(prefix);
        if (id.Length is < 16 or > 32 || !id.All(char.IsAsciiLetterOrDigit))
        {
            throw DetailNode.Bad($"{node.Path}.{member}", $"`{DetailNode.Shown(id)}` is not an IAM id (16 to 32 letters and digits)");
        }

        if (_ids.TryGetValue(id, out var earlier))
        {
            throw DetailNode.Bad($"{node.Path}.{member}", $"the id `{id}` is already used at `{earlier}`");
        }

        _ids[id] = node.Path;
        return id;
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        // Parents before children: a version needs its policy.
        await Write(_policies);
        await Write(_versions);
        await Write(_groupRows);
        await Write(_userRows);
        await Write(_roleRows);
        await Write(_inline);
        await Write(_tags);
        await Write(_objects);
        _pending = 0;

        async Task Write<T>(List<T> rows)
            where T : class
        {
            await store.InsertManyAsync(db, rows, cancellationToken);
            rows.Clear();
        }
    }
}
