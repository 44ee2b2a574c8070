using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LocalIam.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "account_objects",
                columns: table => new
                {
                    account_id = table.Column<string>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    key = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    owner_id = table.Column<string>(type: "TEXT", nullable: true),
                    data = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_account_objects", x => new { x.account_id, x.kind, x.key });
                });

            migrationBuilder.CreateTable(
                name: "accounts",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", nullable: false),
                    alias = table.Column<string>(type: "TEXT", nullable: true),
                    root_email = table.Column<string>(type: "TEXT", nullable: false),
                    root_password_hash = table.Column<string>(type: "TEXT", nullable: false),
                    billing_access_enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_accounts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "audit_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    time = table.Column<DateTime>(type: "TEXT", nullable: false),
                    account_id = table.Column<string>(type: "TEXT", nullable: false),
                    principal_arn = table.Column<string>(type: "TEXT", nullable: false),
                    action = table.Column<string>(type: "TEXT", nullable: false),
                    target = table.Column<string>(type: "TEXT", nullable: false),
                    outcome = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "groups",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    account_id = table.Column<string>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    name_key = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    path = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_groups", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "inline_policies",
                columns: table => new
                {
                    owner_kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    owner_id = table.Column<string>(type: "TEXT", nullable: false),
                    name_key = table.Column<string>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", nullable: false),
                    document = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inline_policies", x => new { x.owner_kind, x.owner_id, x.name_key });
                });

            migrationBuilder.CreateTable(
                name: "managed_policies",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    arn = table.Column<string>(type: "TEXT", nullable: false),
                    description = table.Column<string>(type: "TEXT", nullable: true),
                    default_version_id = table.Column<string>(type: "TEXT", nullable: false),
                    next_version_number = table.Column<int>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    account_id = table.Column<string>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    name_key = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    path = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_managed_policies", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "roles",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    trust_policy = table.Column<string>(type: "TEXT", nullable: false),
                    description = table.Column<string>(type: "TEXT", nullable: true),
                    max_session_duration = table.Column<int>(type: "INTEGER", nullable: false),
                    permissions_boundary_arn = table.Column<string>(type: "TEXT", nullable: true),
                    last_used_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    account_id = table.Column<string>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    name_key = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    path = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_roles", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "sessions",
                columns: table => new
                {
                    access_key_id = table.Column<string>(type: "TEXT", nullable: false),
                    account_id = table.Column<string>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    user_id = table.Column<string>(type: "TEXT", nullable: true),
                    role_id = table.Column<string>(type: "TEXT", nullable: true),
                    session_name = table.Column<string>(type: "TEXT", nullable: true),
                    session_policy = table.Column<string>(type: "TEXT", nullable: true),
                    secret_ciphertext = table.Column<byte[]>(type: "BLOB", nullable: false),
                    token_hash = table.Column<byte[]>(type: "BLOB", nullable: false),
                    issued_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    expires_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sessions", x => x.access_key_id);
                });

            migrationBuilder.CreateTable(
                name: "store_stamp",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    revision = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_store_stamp", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "tags",
                columns: table => new
                {
                    owner_kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    owner_id = table.Column<string>(type: "TEXT", nullable: false),
                    key_key = table.Column<string>(type: "TEXT", nullable: false),
                    key = table.Column<string>(type: "TEXT", nullable: false),
                    value = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tags", x => new { x.owner_kind, x.owner_id, x.key_key });
                });

            migrationBuilder.CreateTable(
                name: "users",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    permissions_boundary_arn = table.Column<string>(type: "TEXT", nullable: true),
                    password_last_used = table.Column<DateTime>(type: "TEXT", nullable: true),
                    account_id = table.Column<string>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    name_key = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    path = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_users", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "password_policies",
                columns: table => new
                {
                    account_id = table.Column<string>(type: "TEXT", nullable: false),
                    minimum_password_length = table.Column<int>(type: "INTEGER", nullable: false),
                    require_symbols = table.Column<bool>(type: "INTEGER", nullable: false),
                    require_numbers = table.Column<bool>(type: "INTEGER", nullable: false),
                    require_uppercase_characters = table.Column<bool>(type: "INTEGER", nullable: false),
                    require_lowercase_characters = table.Column<bool>(type: "INTEGER", nullable: false),
                    allow_users_to_change_password = table.Column<bool>(type: "INTEGER", nullable: false),
                    max_password_age = table.Column<int>(type: "INTEGER", nullable: true),
                    password_reuse_prevention = table.Column<int>(type: "INTEGER", nullable: true),
                    hard_expiry = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_password_policies", x => x.account_id);
                    table.ForeignKey(
                        name: "FK_password_policies_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "policy_attachments",
                columns: table => new
                {
                    owner_kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    owner_id = table.Column<string>(type: "TEXT", nullable: false),
                    policy_id = table.Column<string>(type: "TEXT", nullable: false),
                    account_id = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_policy_attachments", x => new { x.owner_kind, x.owner_id, x.policy_id });
                    table.ForeignKey(
                        name: "FK_policy_attachments_managed_policies_policy_id",
                        column: x => x.policy_id,
                        principalTable: "managed_policies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "policy_versions",
                columns: table => new
                {
                    policy_id = table.Column<string>(type: "TEXT", nullable: false),
                    version_id = table.Column<string>(type: "TEXT", nullable: false),
                    document = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_policy_versions", x => new { x.policy_id, x.version_id });
                    table.ForeignKey(
                        name: "FK_policy_versions_managed_policies_policy_id",
                        column: x => x.policy_id,
                        principalTable: "managed_policies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "access_keys",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", nullable: false),
                    account_id = table.Column<string>(type: "TEXT", nullable: false),
                    user_id = table.Column<string>(type: "TEXT", nullable: true),
                    secret_ciphertext = table.Column<byte[]>(type: "BLOB", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    last_used_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_used_service = table.Column<string>(type: "TEXT", nullable: true),
                    last_used_region = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_access_keys", x => x.id);
                    table.ForeignKey(
                        name: "FK_access_keys_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "group_memberships",
                columns: table => new
                {
                    group_id = table.Column<string>(type: "TEXT", nullable: false),
                    user_id = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_group_memberships", x => new { x.group_id, x.user_id });
                    table.ForeignKey(
                        name: "FK_group_memberships_groups_group_id",
                        column: x => x.group_id,
                        principalTable: "groups",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_group_memberships_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "login_profiles",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "TEXT", nullable: false),
                    password_hash = table.Column<string>(type: "TEXT", nullable: false),
                    password_reset_required = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_login_profiles", x => x.user_id);
                    table.ForeignKey(
                        name: "FK_login_profiles_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "store_stamp",
                columns: new[] { "id", "revision" },
                values: new object[] { 1, 0L });

            migrationBuilder.CreateIndex(
                name: "IX_access_keys_account_id_user_id",
                table: "access_keys",
                columns: new[] { "account_id", "user_id" });

            migrationBuilder.CreateIndex(
                name: "IX_access_keys_user_id",
                table: "access_keys",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "IX_account_objects_account_id_kind_owner_id",
                table: "account_objects",
                columns: new[] { "account_id", "kind", "owner_id" });

            migrationBuilder.CreateIndex(
                name: "IX_accounts_alias",
                table: "accounts",
                column: "alias",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_audit_events_account_id_time",
                table: "audit_events",
                columns: new[] { "account_id", "time" });

            migrationBuilder.CreateIndex(
                name: "IX_audit_events_principal_arn_time",
                table: "audit_events",
                columns: new[] { "principal_arn", "time" });

            migrationBuilder.CreateIndex(
                name: "IX_group_memberships_user_id",
                table: "group_memberships",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "IX_groups_account_id_name_key",
                table: "groups",
                columns: new[] { "account_id", "name_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_managed_policies_account_id_name_key",
                table: "managed_policies",
                columns: new[] { "account_id", "name_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_managed_policies_arn",
                table: "managed_policies",
                column: "arn",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_policy_attachments_account_id_policy_id",
                table: "policy_attachments",
                columns: new[] { "account_id", "policy_id" });

            migrationBuilder.CreateIndex(
                name: "IX_policy_attachments_policy_id",
                table: "policy_attachments",
                column: "policy_id");

            migrationBuilder.CreateIndex(
                name: "IX_roles_account_id_name_key",
                table: "roles",
                columns: new[] { "account_id", "name_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_sessions_expires_at",
                table: "sessions",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "IX_users_account_id_name_key",
                table: "users",
                columns: new[] { "account_id", "name_key" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "access_keys");

            migrationBuilder.DropTable(
                name: "account_objects");

            migrationBuilder.DropTable(
                name: "audit_events");

            migrationBuilder.DropTable(
                name: "group_memberships");

            migrationBuilder.DropTable(
                name: "inline_policies");

            migrationBuilder.DropTable(
                name: "login_profiles");

            migrationBuilder.DropTable(
                name: "password_policies");

            migrationBuilder.DropTable(
                name: "policy_attachments");

            migrationBuilder.DropTable(
                name: "policy_versions");

            migrationBuilder.DropTable(
                name: "roles");

            migrationBuilder.DropTable(
                name: "sessions");

            migrationBuilder.DropTable(
                name: "store_stamp");

            migrationBuilder.DropTable(
                name: "tags");

            migrationBuilder.DropTable(
                name: "groups");

            migrationBuilder.DropTable(
                name: "users");

            migrationBuilder.DropTable(
                name: "accounts");

            migrationBuilder.DropTable(
                name: "managed_policies");
        }
    }
}
