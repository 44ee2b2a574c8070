using LocalIam.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace LocalIam.Storage;

/// <summary>
/// The one EF Core model of the store. Provider-specific subclasses exist only so that each
/// provider keeps its own migrations.
/// </summary>
public abstract class IamDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Account> Accounts => Set<Account>();

    public DbSet<PasswordPolicy> PasswordPolicies => Set<PasswordPolicy>();

    public DbSet<User> Users => Set<User>();

    public DbSet<Group> Groups => Set<Group>();

    public DbSet<GroupMembership> GroupMemberships => Set<GroupMembership>();

    public DbSet<Role> Roles => Set<Role>();

    public DbSet<ManagedPolicy> ManagedPolicies => Set<ManagedPolicy>();

    public DbSet<PolicyVersion> PolicyVersions => Set<PolicyVersion>();

    public DbSet<PolicyAttachment> PolicyAttachments => Set<PolicyAttachment>();

    public DbSet<InlinePolicy> InlinePolicies => Set<InlinePolicy>();

    public DbSet<Tag> Tags => Set<Tag>();

    public DbSet<AccessKey> AccessKeys => Set<AccessKey>();

    public DbSet<LoginProfile> LoginProfiles => Set<LoginProfile>();

    public DbSet<Session> Sessions => Set<Session>();

    public DbSet<AccountObject> AccountObjects => Set<AccountObject>();

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    public DbSet<ServiceLastAccess> ServiceLastAccesses => Set<ServiceLastAccess>();

    public DbSet<StoreStamp> StoreStamps => Set<StoreStamp>();

    /// <summary>Rows written by commands the change tracker does not see, since the write began (see <see cref="IamStore.WriteAsync{T}"/>).</summary>
    internal int RowsWrittenByCommands { get; set; }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Account>(e =>
        {
            e.ToTable("accounts");
            e.HasIndex(a => a.Alias).IsUnique();
        });
        modelBuilder.Entity<PasswordPolicy>(e =>
        {
            e.ToTable("password_policies");
            e.HasKey(p => p.AccountId);
            e.HasOne<Account>().WithOne().HasForeignKey<PasswordPolicy>(p => p.AccountId).OnDelete(DeleteBehavior.Cascade);
        });
        Named<User>(modelBuilder, "users");
        Named<Group>(modelBuilder, "groups");
        Named<Role>(modelBuilder, "roles");
        Named<ManagedPolicy>(modelBuilder, "managed_policies").HasIndex(p => p.Arn).IsUnique();
        modelBuilder.Entity<ManagedPolicy>().Ignore(p => p.IsAwsManaged).Ignore(p => p.IsAttachable);
        modelBuilder.Entity<PolicyVersion>(e =>
        {
            e.ToTable("policy_versions");
            e.HasKey(v => new { v.PolicyId, v.VersionId });
            e.HasOne<ManagedPolicy>().WithMany().HasForeignKey(v => v.PolicyId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<GroupMembership>(e =>
        {
            e.ToTable("group_memberships");
            e.HasKey(m => new { m.GroupId, m.UserId });
            e.HasIndex(m => m.UserId);
            e.HasOne<Group>().WithMany().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<User>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<PolicyAttachment>(e =>
        {
            e.ToTable("policy_attachments");
            e.HasKey(a => new { a.OwnerKind, a.OwnerId, a.PolicyId });
            e.HasIndex(a => new { a.AccountId, a.PolicyId });
            e.HasIndex(a => a.PolicyId);
            e.Property(a => a.OwnerKind).HasConversion<string>().HasMaxLength(16);
            e.Property(a => a.PolicyId).HasMaxLength(32);

            // No foreign key to managed_policies: an AWS managed policy is not a row (it lives in
            // the embedded catalogue); DeletePolicy refuses while a customer policy is attached.
        });
        modelBuilder.Entity<InlinePolicy>(e =>
        {
            e.ToTable("inline_policies");
            e.HasKey(p => new { p.OwnerKind, p.OwnerId, p.NameKey });
            e.Property(p => p.OwnerKind).HasConversion<string>().HasMaxLength(16);
        });
        modelBuilder.Entity<Tag>(e =>
        {
            e.ToTable("tags");
            e.HasKey(t => new { t.OwnerKind, t.OwnerId, t.KeyKey });
            e.Property(t => t.OwnerKind).HasConversion<string>().HasMaxLength(16);
        });
        modelBuilder.Entity<AccessKey>(e =>
        {
            e.ToTable("access_keys");
            e.HasIndex(k => new { k.AccountId, k.UserId });
            e.Property(k => k.Status).HasConversion<string>().HasMaxLength(16);
            e.HasOne<User>().WithMany().HasForeignKey(k => k.UserId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<LoginProfile>(e =>
        {
            e.ToTable("login_profiles");
            e.HasKey(p => p.UserId);
            e.HasOne<User>().WithOne().HasForeignKey<LoginProfile>(p => p.UserId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<Session>(e =>
        {
            e.ToTable("sessions");
            e.HasKey(s => s.AccessKeyId);
            e.HasIndex(s => s.ExpiresAt);
            e.Property(s => s.Kind).HasConversion<string>().HasMaxLength(16);
        });
        modelBuilder.Entity<AccountObject>(e =>
        {
            e.ToTable("account_objects");
            e.HasKey(o => new { o.AccountId, o.Kind, o.Key });
            e.HasIndex(o => new { o.AccountId, o.Kind, o.OwnerId });
            e.Property(o => o.Kind).HasMaxLength(32);
            e.Property(o => o.Key).HasMaxLength(512);
        });
        modelBuilder.Entity<AuditEvent>(e =>
        {
            e.ToTable("audit_events");
            e.HasIndex(a => new { a.AccountId, a.Time });
            e.HasIndex(a => new { a.PrincipalArn, a.Time });
        });
        modelBuilder.Entity<ServiceLastAccess>(e =>
        {
            // No foreign key: a row names a user or a role; deleting either removes its rows.
            e.ToTable("service_last_access");
            e.HasKey(a => new { a.PrincipalId, a.Action });
            e.HasIndex(a => a.AccessedAt);
            e.Property(a => a.PrincipalId).HasMaxLength(32);
            e.Property(a => a.Action).HasMaxLength(128);
            e.Property(a => a.ServiceNamespace).HasMaxLength(64);
            e.Property(a => a.Region).HasMaxLength(32);
        });
        modelBuilder.Entity<StoreStamp>(e =>
        {
            e.ToTable("store_stamp");
            e.Property(s => s.Id).ValueGeneratedNever();
            e.HasData(new StoreStamp { Id = StoreStamp.SingletonId, Revision = 0 });
        });

        // snake_case columns, so raw SQL reads the same on SQLite and PostgreSQL.
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(StoreNaming.SnakeCase(property.Name));
            }
        }
    }

    private static Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<T> Named<T>(ModelBuilder modelBuilder, string table)
        where T : NamedEntity
    {
        var e = modelBuilder.Entity<T>();
        e.ToTable(table);
        e.HasKey(x => x.Id);
        e.HasIndex(x => new { x.AccountId, x.NameKey }).IsUnique();
        e.Property(x => x.Id).HasMaxLength(32);
        e.Property(x => x.Name).HasMaxLength(128);
        e.Property(x => x.NameKey).HasMaxLength(128);
        e.Property(x => x.Path).HasMaxLength(512);
        return e;
    }
}

/// <summary>The SQLite flavour (embedded, one file in the data folder, WAL mode).</summary>
public sealed class SqliteIamDbContext(DbContextOptions<SqliteIamDbContext> options) : IamDbContext(options);

/// <summary>The PostgreSQL flavour (shared by several <c>serve</c> processes).</summary>
public sealed class PostgresIamDbContext(DbContextOptions<PostgresIamDbContext> options) : IamDbContext(options);
