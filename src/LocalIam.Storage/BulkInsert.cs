using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace LocalIam.Storage;

/// <summary>
/// Plain INSERT commands for many new rows of one entity type, in the write transaction of
/// <paramref name="db"/>: the table, columns and value conversions come from the EF model, names
/// quoted by the provider's own rules, values only through parameters.
/// </summary>
internal static class BulkInsert
{
    /// <summary>PostgreSQL accepts up to 65,535 parameters in one statement; far fewer already make one round trip cheap.</summary>
    private const int PostgresParametersPerStatement = 4000;

    /// <param name="onConflict">A constant clause both providers read alike (<c>ON CONFLICT (...) DO ...</c>), appended to each statement.</param>
    public static async Task<int> RunAsync<T>(DbContext db, StoreProvider provider, IReadOnlyList<T> rows, CancellationToken cancellationToken, string? onConflict = null)
        where T : class
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new ArgumentException($"`{typeof(T).Name}` is not an entity of the store", nameof(rows));
        var columns = entity.GetProperties().ToArray();
        if (columns.Any(c => c.PropertyInfo is null || (c.ValueGenerated != ValueGenerated.Never && c.ClrType.IsValueType)))
        {
            throw new ArgumentException($"`{typeof(T).Name}` has a shadow or store-generated column: insert it through the change tracker", nameof(rows));
        }

        // SQLite: one prepared single-row statement run again for each row (it finds parameters by
        // name one by one, so a long statement costs the square of its length). PostgreSQL:
        // multi-row statements, one round trip for hundreds of rows.
        var perStatement = provider == StoreProvider.Sqlite ? 1 : Math.Max(1, PostgresParametersPerStatement / columns.Length);
        var mappings = columns.Select(c => (RelationalTypeMapping)c.GetRelationalTypeMapping()).ToArray();
        var sql = db.GetService<ISqlGenerationHelper>();
        var table = sql.DelimitIdentifier(entity.GetTableName()!, entity.GetSchema());
        var names = string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.GetColumnName())));
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction() ?? throw new InvalidOperationException("A bulk insert runs inside a write transaction");

        DbCommand? command = null;
        try
        {
            for (var start = 0; start < rows.Count; start += perStatement)
            {
                var count = Math.Min(perStatement, rows.Count - start);
                if (command is null || command.Parameters.Count != count * columns.Length)
                {
                    if (command is not null)
                    {
                        await command.DisposeAsync();
                    }

                    command = Command(connection, transaction, table, names, columns, mappings, count, onConflict);
                }

                for (var r = 0; r < count; r++)
                {
                    for (var c = 0; c < columns.Length; c++)
                    {
                        // As EF Core stores it: an enum kept as text goes through the mapping's converter.
                        var value = columns[c].PropertyInfo!.GetValue(rows[start + r]);
                        command.Parameters[(r * columns.Length) + c].Value = value is null ? DBNull.Value
                            : mappings[c].Converter is { } converter ? converter.ConvertToProvider(value) : value;
                    }
                }

                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        finally
        {
            if (command is not null)
            {
                await command.DisposeAsync();
            }
        }

        return rows.Count;
    }

    private static DbCommand Command(
        DbConnection connection, DbTransaction transaction, string table, string names, IProperty[] columns, RelationalTypeMapping[] mappings, int rows, string? onConflict)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var text = new StringBuilder($"INSERT INTO {table} ({names}) VALUES ");
        for (var r = 0; r < rows; r++)
        {
            text.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns.Length; c++)
            {
                // The mapping sets the provider's type for the column (text, timestamptz, integer).
                var parameter = mappings[c].CreateParameter(command, $"@p{(r * columns.Length) + c}", null, columns[c].IsNullable);
                command.Parameters.Add(parameter);
                text.Append(c == 0 ? string.Empty : ", ").Append(parameter.ParameterName);
            }

            text.Append(')');
        }

        if (onConflict is not null)
        {
            text.Append(' ').Append(onConflict);
        }

#pragma warning disable CA2100 // Table and column names come from the EF model, quoted by the provider; the conflict clause is a constant; values only through parameters.
        command.CommandText = text.ToString();
#pragma warning restore CA2100
        return command;
    }
}
