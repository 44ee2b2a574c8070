using Microsoft.EntityFrameworkCore;

namespace LocalIam.Storage.Billing;

/// <summary>
/// The billing data's own model, apart from IAM's: its own tables, migrations and history table, so
/// that loading a year of costs never takes IAM's write lock nor moves IAM's change stamp. On SQLite
/// it lives in its own file beside the IAM store (<see cref="BillingStore.SqliteFileName"/>).
/// </summary>
public abstract class BillingDbContext(DbContextOptions options) : DbContext(options)
{
    public const string MigrationsHistoryTable = "__billing_migrations_history";

    /// <summary>Money keeps the report's ten decimal places.</summary>
    private const int MoneyPrecision = 24, MoneyScale = 10;

    private static readonly string[] CostColumns = ["UnblendedCost", "BlendedCost", "AmortizedCost", "NetUnblendedCost", "NetAmortizedCost", "UsageAmount"];

    public DbSet<BillingAccount> Accounts => Set<BillingAccount>();

    public DbSet<CostRow> CostRows => Set<CostRow>();

    public DbSet<Invoice> Invoices => Set<Invoice>();

    public DbSet<PaymentMethod> PaymentMethods => Set<PaymentMethod>();

    public DbSet<Budget> Budgets => Set<Budget>();

    public DbSet<BudgetNotification> BudgetNotifications => Set<BudgetNotification>();

    public DbSet<BudgetSubscriber> BudgetSubscribers => Set<BudgetSubscriber>();

    public DbSet<TaxRegistration> TaxRegistrations => Set<TaxRegistration>();

    public DbSet<CostAllocationTag> CostAllocationTags => Set<CostAllocationTag>();

    public DbSet<CostImport> CostImports => Set<CostImport>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<BillingAccount>(e =>
        {
            e.ToTable("billing_accounts");
            e.HasKey(a => a.AccountId);
            e.Property(a => a.AccountId).HasMaxLength(12);
            e.Property(a => a.Currency).HasMaxLength(3);
            e.Property(a => a.AlertEmail).HasMaxLength(254);
        });
        modelBuilder.Entity<CostRow>(e =>
        {
            e.ToTable("billing_cost_rows");
            e.HasKey(r => new { r.AccountId, r.Id });
            e.Property(r => r.Id).ValueGeneratedNever();
            e.HasIndex(r => new { r.AccountId, r.UsageDate });
            foreach (var money in CostColumns)
            {
                e.Property(money).HasPrecision(MoneyPrecision, MoneyScale);
            }
        });
        modelBuilder.Entity<Invoice>(e =>
        {
            e.ToTable("billing_invoices");
            e.HasKey(i => new { i.AccountId, i.InvoiceId });
            e.HasIndex(i => new { i.AccountId, i.BillingPeriod });
            e.Property(i => i.Amount).HasPrecision(MoneyPrecision, MoneyScale);
        });
        modelBuilder.Entity<PaymentMethod>(e =>
        {
            e.ToTable("billing_payment_methods");
            e.HasKey(m => new { m.AccountId, m.MethodId });
            e.Property(m => m.Last4).HasMaxLength(4);
        });
        modelBuilder.Entity<Budget>(e =>
        {
            e.ToTable("billing_budgets");
            e.HasKey(b => new { b.AccountId, b.Name });
            e.Property(b => b.Name).HasMaxLength(100);
            e.Property(b => b.LimitAmount).HasPrecision(MoneyPrecision, MoneyScale);
            e.HasMany(b => b.Notifications).WithOne().HasForeignKey(n => new { n.AccountId, n.BudgetName }).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<BudgetNotification>(e =>
        {
            e.ToTable("billing_budget_notifications");
            e.HasKey(n => n.Id);
            e.HasMany(n => n.Subscribers).WithOne().HasForeignKey(s => s.NotificationId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<BudgetSubscriber>(e =>
        {
            e.ToTable("billing_budget_subscribers");
            e.HasKey(s => s.Id);
        });
        modelBuilder.Entity<TaxRegistration>(e =>
        {
            e.ToTable("billing_tax_registrations");
            e.HasKey(t => new { t.AccountId, t.RegistrationId });
        });
        modelBuilder.Entity<CostAllocationTag>(e =>
        {
            e.ToTable("billing_cost_allocation_tags");
            e.HasKey(t => new { t.AccountId, t.TagKey });
            e.Property(t => t.TagKey).HasMaxLength(128);
        });
        modelBuilder.Entity<CostImport>(e =>
        {
            e.ToTable("billing_cost_imports");
            e.HasKey(i => i.Id);
            e.HasIndex(i => i.AccountId);
        });

        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(StoreNaming.SnakeCase(property.Name));
            }
        }
    }
}

/// <summary>The SQLite flavour: <c>billing.db</c> beside <c>localiam.db</c>.</summary>
public sealed class SqliteBillingDbContext(DbContextOptions<SqliteBillingDbContext> options) : BillingDbContext(options);

/// <summary>The PostgreSQL flavour: the IAM store's database, in tables of its own.</summary>
public sealed class PostgresBillingDbContext(DbContextOptions<PostgresBillingDbContext> options) : BillingDbContext(options);
