namespace LocalIam.Cli.Output;

/// <summary>
/// The exit codes every verb uses, so scripts can rely on them: 0 allowed or passed, 1 denied or
/// failed, 2 the command line or its input was refused (usage, a missing or malformed file, no store).
/// </summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int DeniedOrFailed = 1;
    public const int InputError = 2;
}
