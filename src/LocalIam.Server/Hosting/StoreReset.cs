using LocalIam.Iam.Accounts;
using LocalIam.Storage;
using Microsoft.EntityFrameworkCore;

namespace LocalIam.Server.Hosting;

/// <summary>Wipes the store back to its bootstrap state (POST /_localiam/reset, for test suites).</summary>
internal static class StoreReset
{
    // Children before parents, so foreign keys hold at every step.
    private static readonly string[] Tables =
    [
        "sessions", "service_last_access", "account_objects", "group_memberships", "policy_attachments", "inline_policies", "tags", "login_profiles", "access_keys",
        "policy_versions", "managed_policies", "users", "groups", "roles", "password_policies", "audit_events", "accounts",
    ];

    public static async Task ResetAsync(IamStore store, AccountService accounts, AccountBootstrap bootstrap)
    {
        await store.WriteAsync(async db =>
        {
            foreach (var table in Tables)
            {
#pragma warning disable EF1002 // Table names come from the constant list above, never from input.
                await db.Database.ExecuteSqlRawAsync($"DELETE FROM {table}");
#pragma warning restore EF1002
            }

            return 0;
        });
        await accounts.BootstrapAsync(bootstrap);
    }
}
