using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LocalIam.Storage;

/// <summary>
/// Counts the rows written by commands that bypass the change tracker (ExecuteDelete, ExecuteUpdate,
/// raw SQL), so a write transaction knows whether it changed anything besides what it tracks.
/// </summary>
internal sealed class CommandWriteCounter : DbCommandInterceptor
{
    public static CommandWriteCounter Instance { get; } = new();

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Count(eventData, result);
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Count(eventData, result);
        return ValueTask.FromResult(result);
    }

    private static void Count(CommandExecutedEventData eventData, int rows)
    {
        if (eventData.Context is IamDbContext db && rows > 0)
        {
            db.RowsWrittenByCommands += rows;
        }
    }
}
