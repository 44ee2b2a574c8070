using LocalIam.Storage;

namespace LocalIam.Iam.Areas;

/// <summary>
/// One area of IAM, declared once in <see cref="IamAreas"/>: the service of the application core
/// that answers its operations, the quotas it enforces, the GetAccountSummary entries it counts,
/// and what must be gone before one of its entities can be deleted. The composition root, the
/// account summary and the delete operations are derived from these declarations, so a new area
/// is one declaration, not an edit in eight lists.
/// </summary>
public sealed record IamArea(string Name, Type? Service)
{
    public IReadOnlyList<Quota> Quotas { get; init; } = [];

    /// <summary>The SummaryMap counts this area reports; entries of several areas under one key add up (Providers).</summary>
    public IReadOnlyList<SummaryCount> Counts { get; init; } = [];

    /// <summary>What blocks deleting one of this area's entities, in the order AWS checks it (its Delete operation's API reference).</summary>
    public IReadOnlyList<DeleteConflict> DeleteConflicts { get; init; } = [];

    /// <summary>AWS's DeleteConflict for the first thing, in AWS's order, that the entity still has.</summary>
    public async Task ThrowIfDeleteConflictAsync(IamDbContext db, string accountId, string entityId)
    {
        foreach (var conflict in DeleteConflicts)
        {
            if (await conflict.IsPresent(db, accountId, entityId))
            {
                throw Errors.IamErrors.DeleteConflict(conflict.Message);
            }
        }
    }
}

/// <summary>A GetAccountSummary entry: its SummaryMap key and its value in the account's counts.</summary>
public sealed record SummaryCount(string Key, Func<AccountCounts, int> Value);

/// <summary>Something that blocks a delete: AWS's DeleteConflict text, and whether the entity (by id) still has it.</summary>
public sealed record DeleteConflict(string Message, Func<IamDbContext, string, string, Task<bool>> IsPresent);
