using LocalIam.Iam.Errors;
using LocalIam.Storage;
using LocalIam.Storage.Entities;

namespace LocalIam.Iam;

/// <summary>
/// What every service shares: the store, the clock, and <see cref="ChangeAsync{T}"/>, which runs a
/// change in one serialized transaction and appends its audit event (also when AWS's rules refuse it).
/// </summary>
public abstract class IamService(IamStore store, TimeProvider clock)
{
    protected IamStore Store => store;

    protected DateTime Now => clock.GetUtcNow().UtcDateTime;

    protected async Task<T> ChangeAsync<T>(IamCaller caller, string action, string target, Func<IamDbContext, Task<T>> work)
    {
        try
        {
            return await store.WriteAsync(async db =>
            {
                var result = await work(db);
                db.AuditEvents.Add(Event(caller, action, target, "Success"));
                return result;
            });
        }
        catch (IamException ex)
        {
            // A refused change changes nothing: record it without moving the change stamp, or
            // every node would drop its caches for each refusal.
            await store.TouchAsync(async db =>
            {
                db.AuditEvents.Add(Event(caller, action, target, ex.Code.ToString()));
                await db.SaveChangesAsync();
            });
            throw;
        }
    }

    protected Task ChangeAsync(IamCaller caller, string action, string target, Func<IamDbContext, Task> work) =>
        ChangeAsync(caller, action, target, async db =>
        {
            await work(db);
            return 0;
        });

    protected static string Key(string name) => name.ToUpperInvariant();

    private AuditEvent Event(IamCaller caller, string action, string target, string outcome) => new()
    {
        Time = Now,
        AccountId = caller.AccountId,
        PrincipalArn = caller.PrincipalArn,
        Action = action,
        Target = target,
        Outcome = outcome,
    };
}
