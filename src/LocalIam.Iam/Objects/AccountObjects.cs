using System.Text.Json;
using LocalIam.Storage;
using LocalIam.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace LocalIam.Iam.Objects;

/// <summary>
/// Typed access to one kind of <see cref="AccountObject"/>: each area keeps its records as its own
/// C# type, stored as JSON under a key unique in the account. Used inside a service's read or
/// write context, so AWS's rules and the audit trail stay in the service.
/// </summary>
public sealed class AccountObjects<TRecord>(string kind)
    where TRecord : class
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    public string Kind { get; } = kind;

    public async Task<TRecord?> FindAsync(IamDbContext db, string accountId, string key) =>
        await db.AccountObjects.SingleOrDefaultAsync(o => o.AccountId == accountId && o.Kind == Kind && o.Key == key) is { } row
            ? Read(row)
            : null;

    public async Task<IReadOnlyList<TRecord>> ListAsync(IamDbContext db, string accountId, string? ownerId = null)
    {
        var query = db.AccountObjects.Where(o => o.AccountId == accountId && o.Kind == Kind);
        if (ownerId is not null)
        {
            query = query.Where(o => o.OwnerId == ownerId);
        }

        return [.. (await query.OrderBy(o => o.Key).ToListAsync()).Select(Read)];
    }

    public Task<int> CountAsync(IamDbContext db, string accountId, string? ownerId = null) =>
        ownerId is null
            ? db.AccountObjects.CountAsync(o => o.AccountId == accountId && o.Kind == Kind)
            : db.AccountObjects.CountAsync(o => o.AccountId == accountId && o.Kind == Kind && o.OwnerId == ownerId);

    public void Add(IamDbContext db, string accountId, string key, TRecord record, DateTime createdAt, string? ownerId = null) =>
        db.AccountObjects.Add(Row(accountId, key, record, createdAt, ownerId));

    /// <summary>The row <see cref="Add"/> would add, for a bulk insert (the importer of authorization details).</summary>
    public AccountObject Row(string accountId, string key, TRecord record, DateTime createdAt, string? ownerId = null) =>
        new()
        {
            AccountId = accountId,
            Kind = Kind,
            Key = key,
            OwnerId = ownerId,
            Data = JsonSerializer.Serialize(record, Json),
            CreatedAt = createdAt,
        };

    /// <summary>Replaces the stored record; false when there is none under that key.</summary>
    public async Task<bool> UpdateAsync(IamDbContext db, string accountId, string key, TRecord record)
    {
        var row = await db.AccountObjects.SingleOrDefaultAsync(o => o.AccountId == accountId && o.Kind == Kind && o.Key == key);
        if (row is null)
        {
            return false;
        }

        row.Data = JsonSerializer.Serialize(record, Json);
        return true;
    }

    public async Task<bool> RemoveAsync(IamDbContext db, string accountId, string key) =>
        await db.AccountObjects.Where(o => o.AccountId == accountId && o.Kind == Kind && o.Key == key).ExecuteDeleteAsync() > 0;

    private static TRecord Read(AccountObject row) => JsonSerializer.Deserialize<TRecord>(row.Data, Json)!;
}
