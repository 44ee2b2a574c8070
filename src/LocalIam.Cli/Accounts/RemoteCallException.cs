namespace LocalIam.Cli.Accounts;

/// <summary>
/// A running server refused or failed a call: AWS's error code and message as it sent them.
/// <see cref="IsInputError"/> when the request itself was at fault (a name that does not exist, a
/// bad value), so the verb exits 2 as for any refused input.
/// </summary>
internal sealed class RemoteCallException(string message, bool isInputError) : Exception(message)
{
    public bool IsInputError { get; } = isInputError;
}
