using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LocalIam.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SessionContext : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "mfa_authenticated_at",
                table: "sessions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "session_policy_arns",
                table: "sessions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "session_tags",
                table: "sessions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "source_identity",
                table: "sessions",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "mfa_authenticated_at",
                table: "sessions");

            migrationBuilder.DropColumn(
                name: "session_policy_arns",
                table: "sessions");

            migrationBuilder.DropColumn(
                name: "session_tags",
                table: "sessions");

            migrationBuilder.DropColumn(
                name: "source_identity",
                table: "sessions");
        }
    }
}
