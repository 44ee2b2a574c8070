namespace LocalIam.Policy.Tests.Support;

/// <summary>Finds folders of the repository from the test binaries' location.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Corpus => Path.Combine(Root, "tests", "corpus");

    public static string ManagedPolicies => Path.Combine(Root, "data", "managed-policies");

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
