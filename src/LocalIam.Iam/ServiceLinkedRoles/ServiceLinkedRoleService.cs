using System.Text.Json;
using LocalIam.Iam.Errors;
using LocalIam.Iam.Identifiers;
using LocalIam.Iam.Objects;
using LocalIam.Storage;
using LocalIam.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace LocalIam.Iam.ServiceLinkedRoles;

/// <summary>What marks a role as service-linked: the service that owns it (stored beside the role, keyed by its id).</summary>
public sealed record ServiceLinkedRoleRecord(string Service);

/// <summary>A DeleteServiceLinkedRole task, kept so GetServiceLinkedRoleDeletionStatus can answer for it; a failed one says why.</summary>
public sealed record DeletionTaskRecord(string Status, string Service, string RoleName, string? Reason = null);

/// <summary>
/// Service-linked roles: made for an AWS service with its name, path, trust policy and managed
/// policy (<see cref="ServiceLinkedRoleCatalog"/>), changed by no ordinary IAM call
/// (<see cref="ThrowIfProtectedAsync"/>), deleted by a deletion task.
/// </summary>
public sealed class ServiceLinkedRoleService(IamStore store, TimeProvider clock) : IamService(store, clock)
{
    public const string Path = "/aws-service-role/";

    private static readonly AccountObjects<ServiceLinkedRoleRecord> Linked = new("service-linked-role");
    private static readonly AccountObjects<DeletionTaskRecord> Tasks = new("service-linked-role-deletion");

    /// <summary>The role's name: the service's own, with <c>_SUFFIX</c> when one is given; the heuristic name for a service the catalogue lacks (its resource ARN only).</summary>
    public static string RoleName(string service, string? customSuffix)
    {
        var name = ServiceLinkedRoleCatalog.Current.Find(service)?.RoleName ?? "AWSServiceRoleFor" + service.Split('.')[0];
        return customSuffix is null ? name : $"{name}_{customSuffix}";
    }

    public static string RolePath(string service) => $"{Path}{service}/";

    public Task<Role> CreateAsync(IamCaller caller, string service, string? description = null, string? customSuffix = null)
    {
        var linked = ServiceLinkedRoleCatalog.Current.Find(service) ?? throw IamErrors.UnknownLinkedService(service);
        if (customSuffix is not null && !linked.SuffixAllowed)
        {
            throw IamErrors.CustomSuffixNotAllowed(service);
        }

        var roleName = RoleName(service, customSuffix);
        new RequestValidator().Name(roleName, "roleName", 64).Length(description, "description", 0, 1000).ThrowIfInvalid();
        return ChangeAsync(caller, "iam:CreateServiceLinkedRole", roleName, async db =>
        {
            var key = Key(roleName);
            if (await db.Roles.AnyAsync(r => r.AccountId == caller.AccountId && r.NameKey == key))
            {
                throw IamErrors.ServiceRoleNameTaken(roleName);
            }

            await db.Roles.EnsureRoomAsync(caller.AccountId, Quotas.RolesPerAccount);
            var role = new Role
            {
                Id = IamIds.NewUniqueId(IamIds.RolePrefix),
                AccountId = caller.AccountId,
                Name = roleName,
                NameKey = key,
                Path = RolePath(service),
                CreatedAt = Now,
                TrustPolicy = TrustPolicy(service),
                Description = description,
                MaxSessionDuration = 3600,
            };
            db.Roles.Add(role);
            Linked.Add(db, caller.AccountId, role.Id, new(service), Now, role.Id);

            // The service's own policy, where the AWS managed catalogue has it.
            if (linked.PolicyArn is not null && await db.AttachablePolicyOrNullAsync(caller.AccountId, linked.PolicyArn) is { } policy)
            {
                db.PolicyAttachments.Add(new PolicyAttachment { AccountId = caller.AccountId, OwnerKind = OwnerKind.Role, OwnerId = role.Id, PolicyId = policy.Id });
            }

            return role;
        });
    }

    /// <summary>
    /// Deletes the role with its policies at once: LocalIam's services hold no resources that use
    /// it, so the task has nothing to wait for and succeeds, unless an instance profile still holds
    /// the role (the one use of a role IAM itself keeps): then the role stays and the task FAILED.
    /// Returns the task id AWS's form has.
    /// </summary>
    public Task<string> DeleteAsync(IamCaller caller, string roleName)
    {
        new RequestValidator().Name(roleName, "roleName", 64).ThrowIfInvalid();
        return ChangeAsync(caller, "iam:DeleteServiceLinkedRole", roleName, async db =>
        {
            var role = await db.RoleAsync(caller.AccountId, roleName);
            var linked = await Linked.FindAsync(db, caller.AccountId, role.Id) ?? throw IamErrors.NotServiceLinked(role.Name);
            var taskId = $"task{role.Path}{role.Name}/{Guid.NewGuid()}";
            if (await InstanceProfiles.InstanceProfileService.HoldsRoleAsync(db, caller.AccountId, role.Id))
            {
                Tasks.Add(db, caller.AccountId, taskId, new("FAILED", linked.Service, role.Name, IamErrors.ServiceLinkedRoleInUseReason), Now);
                return taskId;
            }

            await db.PolicyAttachments.Where(a => a.OwnerKind == OwnerKind.Role && a.OwnerId == role.Id).ExecuteDeleteAsync();
            await db.InlinePolicies.Where(p => p.OwnerKind == OwnerKind.Role && p.OwnerId == role.Id).ExecuteDeleteAsync();
            await db.Tags.Where(t => t.OwnerKind == OwnerKind.Role && t.OwnerId == role.Id).ExecuteDeleteAsync();
            await Linked.RemoveAsync(db, caller.AccountId, role.Id);
            await ServiceLastAccessRows.ForgetAsync(db, role.Id);
            db.Roles.Remove(role);
            Tasks.Add(db, caller.AccountId, taskId, new("SUCCEEDED", linked.Service, role.Name), Now);
            return taskId;
        });
    }

    public Task<DeletionTaskRecord> GetDeletionStatusAsync(IamCaller caller, string taskId)
    {
        if (ParseTaskId(taskId) is null)
        {
            throw IamErrors.DeletionTaskIdInvalid(taskId);
        }

        return Store.ReadAsync(async db => await Tasks.FindAsync(db, caller.AccountId, taskId) ?? throw IamErrors.DeletionTaskNotFound(taskId));
    }

    /// <summary>The service and role a task id names (<c>task/aws-service-role/SERVICE/ROLE/ID</c>), or null when it is not of that form.</summary>
    public static (string Service, string RoleName)? ParseTaskId(string taskId)
    {
        var parts = taskId.Split('/');
        return parts is ["task", "aws-service-role", { Length: > 0 } service, { Length: > 0 } role, { Length: > 0 }] ? (service, role) : null;
    }

    /// <summary>Refuses an ordinary change to a service-linked role with AWS's UnmodifiableEntity; called in the changing service's transaction.</summary>
    public static Task ThrowIfProtectedAsync(IamDbContext db, Role role) => ThrowIfProtectedAsync(db, role.AccountId, OwnerKind.Role, role.Id, role.Name);

    /// <summary>The same for an owner of policies: only a role can be service-linked.</summary>
    public static async Task ThrowIfProtectedAsync(IamDbContext db, string accountId, OwnerKind kind, string ownerId, string name)
    {
        if (kind == OwnerKind.Role && await Linked.FindAsync(db, accountId, ownerId) is not null)
        {
            throw IamErrors.ProtectedRole(name);
        }
    }

    /// <summary>Whether a role is service-linked (GetRole shows no difference; the console and the linter may).</summary>
    public Task<bool> IsServiceLinkedAsync(IamCaller caller, string roleId) =>
        Store.ReadAsync(async db => await Linked.FindAsync(db, caller.AccountId, roleId) is not null);

    private static string TrustPolicy(string service) => JsonSerializer.Serialize(new
    {
        Version = "2012-10-17",
        Statement = new[] { new { Effect = "Allow", Principal = new { Service = service }, Action = "sts:AssumeRole" } },
    });
}
