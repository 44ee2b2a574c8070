using System.Data.Common;

namespace LocalIam.Storage;

/// <summary>
/// Sees every command a store sends without EF Core (its plain reads), as a
/// <c>DbCommandInterceptor</c> sees EF Core's: pass it to <see cref="IamStore"/> among the
/// interceptors, so a test that counts a load's commands counts all of them.
/// </summary>
public interface IPlainCommandObserver
{
    void Executing(DbCommand command);
}

/// <summary>
/// Plain parameterized reads inside one read transaction (<see cref="IamStore.ReadConsistentAsync{T}"/>):
/// every command sees the same committed state. The SQL is the same text for SQLite and PostgreSQL
/// (the model's snake_case names, <c>@name</c> parameters); values only through parameters.
/// </summary>
public sealed class ConsistentRead
{
    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly IReadOnlyList<IPlainCommandObserver> _observers;
    private readonly CancellationToken _cancellationToken;

    internal ConsistentRead(DbConnection connection, DbTransaction transaction, IReadOnlyList<IPlainCommandObserver> observers, CancellationToken cancellationToken)
    {
        _connection = connection;
        _transaction = transaction;
        _observers = observers;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Every row of one query, each read by <paramref name="row"/>.</summary>
    public async Task<List<T>> ListAsync<T>(string sql, Func<DbDataReader, T> row, params (string Name, object Value)[] parameters)
    {
        await using var command = _connection.CreateCommand();
        command.Transaction = _transaction;
#pragma warning disable CA2100 // The callers' SQL is constant text; values come only through parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        foreach (var observer in _observers)
        {
            observer.Executing(command);
        }

        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(_cancellationToken);
        while (await reader.ReadAsync(_cancellationToken))
        {
            rows.Add(row(reader));
        }

        return rows;
    }
}
