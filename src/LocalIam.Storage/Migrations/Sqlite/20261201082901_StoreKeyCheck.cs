using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LocalIam.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StoreKeyCheck : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "key_check",
                table: "store_stamp",
                type: "BLOB",
                nullable: true);

            migrationBuilder.UpdateData(
                table: "store_stamp",
                keyColumn: "id",
                keyValue: 1,
                column: "key_check",
                value: null);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "key_check",
                table: "store_stamp");
        }
    }
}
