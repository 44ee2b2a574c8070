namespace LocalIam.E2E.Tests.Support;

/// <summary>The checkout the tests were built from: the folder holding LocalIam.slnx above the test binaries.</summary>
public static class RepositoryRoot
{
    public static string Folder { get; } = Find();

    private static string Find()
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
