using LocalIam.Iam.Identifiers;
using LocalIam.Storage;
using LocalIam.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace LocalIam.Iam.Audit;

/// <summary>
/// Console sign-ins in the audit trail, as AWS's CloudTrail records them (event <c>ConsoleLogin</c>
/// from signin.amazonaws.com, outcome <c>Success</c> or <c>Failure</c>), and an IAM user's
/// PasswordLastUsed. Never the password; a user name that names no user is hidden, as CloudTrail
/// hides it, because people type passwords into the user name field.
/// </summary>
public sealed class ConsoleLogins(IamStore store, TimeProvider clock)
{
    public const string Action = "signin:ConsoleLogin";
    public const string Success = "Success";
    public const string Failure = "Failure";

    /// <summary>CloudTrail's stand-in for a user name that names no user of the account.</summary>
    public const string HiddenUserName = "HIDDEN_DUE_TO_SECURITY_REASONS";

    /// <summary>Root's target in the trail: the credential report's name for the root user.</summary>
    public const string RootTarget = "<root_account>";

    /// <summary>
    /// An IAM user's session started: PasswordLastUsed and the event in one write. The write moves
    /// the change stamp, so GetUser's cache on every node shows the new time; sign-ins are few.
    /// </summary>
    public Task UserSucceededAsync(string accountId, string userId) =>
        store.WriteAsync(async db =>
        {
            var user = await db.Users.SingleOrDefaultAsync(u => u.AccountId == accountId && u.Id == userId);
            if (user is null)
            {
                // Deleted between the password check and now: nothing signed in.
                return 0;
            }

            user.PasswordLastUsed = Now;
            db.AuditEvents.Add(Event(accountId, IamArns.User(accountId, user.Path, user.Name), user.Name, Success));
            return 0;
        });

    /// <summary>A failed IAM user sign-in (password, MFA code or lockout); the same work whether or not the user exists.</summary>
    public Task UserFailedAsync(string accountId, string userName) =>
        store.TouchAsync(async db =>
        {
            var key = userName.ToUpperInvariant();
            var user = await db.Users.Where(u => u.AccountId == accountId && u.NameKey == key).Select(u => new { u.Name, u.Path }).SingleOrDefaultAsync();
            db.AuditEvents.Add(user is null
                ? Event(accountId, HiddenUserName, HiddenUserName, Failure)
                : Event(accountId, IamArns.User(accountId, user.Path, user.Name), user.Name, Failure));
            await db.SaveChangesAsync();
        });

    public Task RootSucceededAsync(string accountId) => store.TouchAsync(async db =>
    {
        db.AuditEvents.Add(Event(accountId, IamArns.Root(accountId), RootTarget, Success));
        await db.SaveChangesAsync();
    });

    /// <summary>A failed root sign-in is recorded in the account whose root email was typed; an unknown email has no account to record it in.</summary>
    public Task RootFailedAsync(string email) => store.TouchAsync(async db =>
    {
        if (await db.Accounts.Where(a => a.RootEmail == email).Select(a => a.Id).SingleOrDefaultAsync() is { } accountId)
        {
            db.AuditEvents.Add(Event(accountId, IamArns.Root(accountId), RootTarget, Failure));
            await db.SaveChangesAsync();
        }
    });

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private AuditEvent Event(string accountId, string principalArn, string target, string outcome) => new()
    {
        Time = Now,
        AccountId = accountId,
        PrincipalArn = principalArn,
        Action = Action,
        Target = target,
        Outcome = outcome,
    };
}
