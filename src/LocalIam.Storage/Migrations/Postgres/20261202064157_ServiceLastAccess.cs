using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LocalIam.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ServiceLastAccess : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "service_last_access",
                columns: table => new
                {
                    principal_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    action = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    account_id = table.Column<string>(type: "text", nullable: false),
                    service_namespace = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    accessed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    region = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_last_access", x => new { x.principal_id, x.action });
                });

            migrationBuilder.CreateIndex(
                name: "IX_service_last_access_accessed_at",
                table: "service_last_access",
                column: "accessed_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "service_last_access");
        }
    }
}
