namespace LocalIam.Server.Console;

/// <summary>The console's one style sheet, embedded in the server: no asset comes from the network.</summary>
internal static class ConsoleStyle
{
    public const string Path = "/console/console.css";

    public static string Css { get; } = Read();

    private static string Read()
    {
        using var stream = typeof(ConsoleStyle).Assembly.GetManifestResourceStream("LocalIam.Server.Console.console.css")
            ?? throw new InvalidOperationException("the console style sheet is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
