using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace LocalIam.Storage;

/// <summary>Lets <c>dotnet ef migrations add</c> build each provider's context without a running server.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteIamDbContext>
{
    public SqliteIamDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteIamDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresIamDbContext>
{
    public PostgresIamDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresIamDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}

internal sealed class SqliteBillingDesignTimeFactory : IDesignTimeDbContextFactory<Billing.SqliteBillingDbContext>
{
    public Billing.SqliteBillingDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<Billing.SqliteBillingDbContext>()
            .UseSqlite("Data Source=design-billing.db", o => o.MigrationsHistoryTable(Billing.BillingDbContext.MigrationsHistoryTable)).Options);
}

internal sealed class PostgresBillingDesignTimeFactory : IDesignTimeDbContextFactory<Billing.PostgresBillingDbContext>
{
    public Billing.PostgresBillingDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<Billing.PostgresBillingDbContext>()
            .UseNpgsql("Host=localhost;Database=design", o => o.MigrationsHistoryTable(Billing.BillingDbContext.MigrationsHistoryTable)).Options);
}
