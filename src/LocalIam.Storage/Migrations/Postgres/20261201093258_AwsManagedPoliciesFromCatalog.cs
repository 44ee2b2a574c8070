using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LocalIam.Storage.Migrations.Postgres
{
    /// <summary>
    /// AWS managed policies leave the store for the embedded catalogue. Attachments keep naming them
    /// by id (AWS's own ids, the same in the catalogue), so the foreign key from attachments to
    /// policy rows goes, and so do the rows earlier versions seeded for the pseudo-account
    /// <c>aws</c>, with their versions. Down restores the key only (the earlier version seeds its
    /// rows again at start, after its migrations, so a store with AWS attachments cannot go back).
    /// </summary>
    public partial class AwsManagedPoliciesFromCatalog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_policy_attachments_managed_policies_policy_id",
                table: "policy_attachments");

            migrationBuilder.Sql("DELETE FROM policy_versions WHERE policy_id IN (SELECT id FROM managed_policies WHERE account_id = 'aws');");
            migrationBuilder.Sql("DELETE FROM managed_policies WHERE account_id = 'aws';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddForeignKey(
                name: "FK_policy_attachments_managed_policies_policy_id",
                table: "policy_attachments",
                column: "policy_id",
                principalTable: "managed_policies",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }
    }
}
