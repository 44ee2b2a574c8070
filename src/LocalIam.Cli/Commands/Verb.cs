using LocalIam.Cli.Accounts;
using LocalIam.Cli.Output;

namespace LocalIam.Cli.Commands;

/// <summary>
/// Runs a verb's body with the exit codes and one-line failures every verb shares: the input
/// refused is 2, a failure of the store, the network or the server is 1, never a stack trace.
/// </summary>
internal static class Verb
{
    /// <summary>
    /// Runs <paramref name="body"/>; <paramref name="untouched"/>, when given, ends every failure's
    /// line with what was left as it was (import: "nothing was imported"), so the person knows
    /// there is nothing to clean up.
    /// </summary>
    public static async Task<int> RunAsync(string name, Func<Task<int>> body, string? untouched = null)
    {
        var after = untouched is null ? string.Empty : $"; {untouched}";
        try
        {
            return await body();
        }
        catch (CommandInputException ex)
        {
            return CliOutput.Refuse(name, ex.Message + after);
        }
        catch (RemoteCallException ex)
        {
            await Console.Error.WriteLineAsync($"localiam {name}: {ex.Message}{after}");
            return ex.IsInputError ? ExitCodes.InputError : ExitCodes.DeniedOrFailed;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"localiam {name}: cancelled{after}");
            return ExitCodes.DeniedOrFailed;
        }
        catch (Exception ex)
        {
            // The store, the file system, the network or LocalIam itself failed: one line, never a
            // stack trace (writes roll back, so there is nothing half done to report).
            await Console.Error.WriteLineAsync($"localiam {name}: {ex.Message}{after}");
            return ExitCodes.DeniedOrFailed;
        }
    }

    /// <summary>An action as the engine reads it: <c>service:Action</c>, wildcards allowed.</summary>
    public static string CheckAction(string action)
    {
        var colon = action.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && colon < action.Length - 1 && !action.Any(char.IsWhiteSpace) && !action.Any(char.IsControl)
            ? action
            : throw new CommandInputException($"`{Printable(action)}` is not an action: give it as service:Action, e.g. aws-portal:ViewBilling");
    }

    /// <summary>User input shown back in a message: control characters as \uXXXX, so a terminal is never driven by it.</summary>
    public static string Printable(string text) =>
        text.Any(char.IsControl) ? string.Concat(text.Select(c => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString())) : text;
}
