using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LocalIam.Storage.Migrations.Postgres
{
    /// <summary>
    /// The AWS managed policies that earlier versions seeded as rows of the pseudo-account <c>aws</c>
    /// go: the embedded catalogue serves them now, under the same ids, so attachments stay as they
    /// are. Down has nothing to restore: the earlier version seeds its rows again at start.
    /// </summary>
    public partial class AwsManagedPolicyRowsRemoved : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DELETE FROM policy_versions WHERE policy_id IN (SELECT id FROM managed_policies WHERE account_id = 'aws')");
            migrationBuilder.Sql("DELETE FROM managed_policies WHERE account_id = 'aws'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
