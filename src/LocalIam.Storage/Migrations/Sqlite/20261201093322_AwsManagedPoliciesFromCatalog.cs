using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LocalIam.Storage.Migrations.Sqlite
{
    /// <summary>
    /// AWS managed policies leave the store for the embedded catalogue: attachments keep naming them
    /// by id (the ids are AWS's own, the same in the catalogue), so the foreign key from attachments
    /// to policy rows goes; <see cref="AwsManagedPolicyRowsRemoved"/> then deletes the seeded rows
    /// (a migration of its own, because SQLite rebuilds the table at the end of a migration, after
    /// any SQL in it). Down restores the key, which fails on a store with AWS attachments.
    /// </summary>
    public partial class AwsManagedPoliciesFromCatalog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_policy_attachments_managed_policies_policy_id",
                table: "policy_attachments");
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
