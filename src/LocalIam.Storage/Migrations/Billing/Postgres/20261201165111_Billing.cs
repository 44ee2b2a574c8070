using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace LocalIam.Storage.Migrations.Billing.Postgres
{
    /// <inheritdoc />
    public partial class Billing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "billing_accounts",
                columns: table => new
                {
                    account_id = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    revision = table.Column<long>(type: "bigint", nullable: false),
                    generated_through = table.Column<DateOnly>(type: "date", nullable: true),
                    uses_legacy_actions = table.Column<bool>(type: "boolean", nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    pdf_invoice_by_email = table.Column<bool>(type: "boolean", nullable: false),
                    free_tier_alerts = table.Column<bool>(type: "boolean", nullable: false),
                    cloud_watch_billing_alerts = table.Column<bool>(type: "boolean", nullable: false),
                    alert_email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_billing_accounts", x => x.account_id);
                });

            migrationBuilder.CreateTable(
                name: "billing_budgets",
                columns: table => new
                {
                    account_id = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    budget_type = table.Column<string>(type: "text", nullable: false),
                    limit_amount = table.Column<decimal>(type: "numeric(24,10)", precision: 24, scale: 10, nullable: false),
                    limit_unit = table.Column<string>(type: "text", nullable: false),
                    time_unit = table.Column<string>(type: "text", nullable: false),
                    period_start = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    period_end = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    cost_filters_json = table.Column<string>(type: "text", nullable: true),
                    cost_types_json = table.Column<string>(type: "text", nullable: true),
                    last_updated = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_billing_budgets", x => new { x.account_id, x.name });
                });

            migrationBuilder.CreateTable(
                name: "billing_cost_allocation_tags",
                columns: table => new
                {
                    account_id = table.Column<string>(type: "text", nullable: false),
                    tag_key = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    type = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<string>(type: "text", nullable: false),
                    last_updated = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    last_used = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_billing_cost_allocation_tags", x => new { x.account_id, x.tag_key });
                });

            migrationBuilder.CreateTable(
                name: "billing_cost_imports",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    account_id = table.Column<string>(type: "text", nullable: false),
                    file_name = table.Column<string>(type: "text", nullable: false),
                    format = table.Column<string>(type: "text", nullable: false),
                    lines_read = table.Column<long>(type: "bigint", nullable: false),
                    rows_stored = table.Column<long>(type: "bigint", nullable: false),
                    first_day = table.Column<DateOnly>(type: "date", nullable: false),
                    last_day = table.Column<DateOnly>(type: "date", nullable: false),
                    imported_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_billing_cost_imports", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "billing_cost_rows",
                columns: table => new
                {
                    account_id = table.Column<string>(type: "text", nullable: false),
                    id = table.Column<long>(type: "bigint", nullable: false),
                    usage_date = table.Column<DateOnly>(type: "date", nullable: false),
                    linked_account_id = table.Column<string>(type: "text", nullable: false),
                    service_code = table.Column<string>(type: "text", nullable: false),
                    service_name = table.Column<string>(type: "text", nullable: false),
                    region = table.Column<string>(type: "text", nullable: false),
                    usage_type = table.Column<string>(type: "text", nullable: false),
                    operation = table.Column<string>(type: "text", nullable: false),
                    line_item_type = table.Column<string>(type: "text", nullable: false),
                    resource_id = table.Column<string>(type: "text", nullable: false),
                    tags = table.Column<string>(type: "text", nullable: false),
                    usage_amount = table.Column<decimal>(type: "numeric(24,10)", precision: 24, scale: 10, nullable: false),
                    usage_unit = table.Column<string>(type: "text", nullable: false),
                    unblended_cost = table.Column<decimal>(type: "numeric(24,10)", precision: 24, scale: 10, nullable: false),
                    blended_cost = table.Column<decimal>(type: "numeric(24,10)", precision: 24, scale: 10, nullable: false),
                    amortized_cost = table.Column<decimal>(type: "numeric(24,10)", precision: 24, scale: 10, nullable: false),
                    net_unblended_cost = table.Column<decimal>(type: "numeric(24,10)", precision: 24, scale: 10, nullable: false),
                    net_amortized_cost = table.Column<decimal>(type: "numeric(24,10)", precision: 24, scale: 10, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_billing_cost_rows", x => new { x.account_id, x.id });
                });

            migrationBuilder.CreateTable(
                name: "billing_invoices",
                columns: table => new
                {
                    account_id = table.Column<string>(type: "text", nullable: false),
                    invoice_id = table.Column<string>(type: "text", nullable: false),
                    billing_period = table.Column<string>(type: "text", nullable: false),
                    issued_on = table.Column<DateOnly>(type: "date", nullable: false),
                    due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(24,10)", precision: 24, scale: 10, nullable: false),
                    currency = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<string>(type: "text", nullable: false),
                    paid_on = table.Column<DateOnly>(type: "date", nullable: true),
                    payment_method_id = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_billing_invoices", x => new { x.account_id, x.invoice_id });
                });

            migrationBuilder.CreateTable(
                name: "billing_payment_methods",
                columns: table => new
                {
                    account_id = table.Column<string>(type: "text", nullable: false),
                    method_id = table.Column<string>(type: "text", nullable: false),
                    kind = table.Column<string>(type: "text", nullable: false),
                    brand = table.Column<string>(type: "text", nullable: false),
                    last4 = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    holder_name = table.Column<string>(type: "text", nullable: false),
                    expiry_month = table.Column<int>(type: "integer", nullable: true),
                    expiry_year = table.Column<int>(type: "integer", nullable: true),
                    is_default = table.Column<bool>(type: "boolean", nullable: false),
                    added_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_billing_payment_methods", x => new { x.account_id, x.method_id });
                });

            migrationBuilder.CreateTable(
                name: "billing_tax_registrations",
                columns: table => new
                {
                    account_id = table.Column<string>(type: "text", nullable: false),
                    registration_id = table.Column<string>(type: "text", nullable: false),
                    country = table.Column<string>(type: "text", nullable: false),
                    registration_type = table.Column<string>(type: "text", nullable: false),
                    registration_number = table.Column<string>(type: "text", nullable: false),
                    legal_name = table.Column<string>(type: "text", nullable: false),
                    address = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_billing_tax_registrations", x => new { x.account_id, x.registration_id });
                });

            migrationBuilder.CreateTable(
                name: "billing_budget_notifications",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    account_id = table.Column<string>(type: "text", nullable: false),
                    budget_name = table.Column<string>(type: "character varying(100)", nullable: false),
                    notification_type = table.Column<string>(type: "text", nullable: false),
                    comparison_operator = table.Column<string>(type: "text", nullable: false),
                    threshold = table.Column<double>(type: "double precision", nullable: false),
                    threshold_type = table.Column<string>(type: "text", nullable: false),
                    notification_state = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_billing_budget_notifications", x => x.id);
                    table.ForeignKey(
                        name: "FK_billing_budget_notifications_billing_budgets_account_id_bud~",
                        columns: x => new { x.account_id, x.budget_name },
                        principalTable: "billing_budgets",
                        principalColumns: new[] { "account_id", "name" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "billing_budget_subscribers",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    notification_id = table.Column<long>(type: "bigint", nullable: false),
                    subscription_type = table.Column<string>(type: "text", nullable: false),
                    address = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_billing_budget_subscribers", x => x.id);
                    table.ForeignKey(
                        name: "FK_billing_budget_subscribers_billing_budget_notifications_not~",
                        column: x => x.notification_id,
                        principalTable: "billing_budget_notifications",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_billing_budget_notifications_account_id_budget_name",
                table: "billing_budget_notifications",
                columns: new[] { "account_id", "budget_name" });

            migrationBuilder.CreateIndex(
                name: "IX_billing_budget_subscribers_notification_id",
                table: "billing_budget_subscribers",
                column: "notification_id");

            migrationBuilder.CreateIndex(
                name: "IX_billing_cost_imports_account_id",
                table: "billing_cost_imports",
                column: "account_id");

            migrationBuilder.CreateIndex(
                name: "IX_billing_cost_rows_account_id_usage_date",
                table: "billing_cost_rows",
                columns: new[] { "account_id", "usage_date" });

            migrationBuilder.CreateIndex(
                name: "IX_billing_invoices_account_id_billing_period",
                table: "billing_invoices",
                columns: new[] { "account_id", "billing_period" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "billing_accounts");

            migrationBuilder.DropTable(
                name: "billing_budget_subscribers");

            migrationBuilder.DropTable(
                name: "billing_cost_allocation_tags");

            migrationBuilder.DropTable(
                name: "billing_cost_imports");

            migrationBuilder.DropTable(
                name: "billing_cost_rows");

            migrationBuilder.DropTable(
                name: "billing_invoices");

            migrationBuilder.DropTable(
                name: "billing_payment_methods");

            migrationBuilder.DropTable(
                name: "billing_tax_registrations");

            migrationBuilder.DropTable(
                name: "billing_budget_notifications");

            migrationBuilder.DropTable(
                name: "billing_budgets");
        }
    }
}
