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
