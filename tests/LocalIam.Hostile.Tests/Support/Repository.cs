namespace LocalIam.Hostile.Tests.Support;

/// <summary>Paths in the repository the tests run from, found by walking up to LocalIam.slnx.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string JsFolder => Path.Combine(Root, "tests", "e2e", "js");

    public static string HostileFolder => Path.Combine(Root, "tests", "hostile");

    public static string CorpusFolder => Path.Combine(Root, "tests", "corpus");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LocalIam.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("LocalIam.slnx not found above the test binaries");
    }
}
