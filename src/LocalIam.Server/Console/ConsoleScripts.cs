namespace LocalIam.Server.Console;

/// <summary>
/// The console's scripts, embedded in the server like its style sheet. Each only enhances a page
/// that works without it: the policy editor's live diagnostics.
/// </summary>
internal static class ConsoleScripts
{
    public const string PolicyEditorPath = "/console/policy-editor.js";

    public static string PolicyEditor { get; } = Read("LocalIam.Server.Console.policy-editor.js");

    private static string Read(string name)
    {
        using var stream = typeof(ConsoleScripts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"the console script `{name}` is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
