namespace LocalIam.Storage;

/// <summary>
/// The data folder and the SQLite files are the owner's alone: the folder 0700, the database and
/// its -wal and -shm files 0600. Created that way, and tightened at start when an older version
/// left them readable by everyone.
/// </summary>
public static class StoreFiles
{
    public const UnixFileMode PrivateFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>The names LocalIam keeps in a data folder (SQLite with its WAL, the secret key, the bootstrap values).</summary>
    public static readonly IReadOnlySet<string> OwnNames = new HashSet<string>(StringComparer.Ordinal)
    {
        StoreLocation.SqliteFileName, StoreLocation.SqliteFileName + "-wal", StoreLocation.SqliteFileName + "-shm",
        StoreLocation.SqliteFileName + "-journal", "secret.key", "credentials.json",
        Billing.BillingStore.SqliteFileName, Billing.BillingStore.SqliteFileName + "-wal", Billing.BillingStore.SqliteFileName + "-shm",
        Billing.BillingStore.SqliteFileName + "-journal",
    };

    /// <summary>
    /// Creates <paramref name="folder"/> as 0700, or tightens it to 0700 when it holds nothing but
    /// LocalIam's files (a folder the user shares with other things, such as a home folder, keeps its mode).
    /// </summary>
    public static void SecureFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
            return;
        }

        if (!Directory.Exists(folder))
        {
            Directory.CreateDirectory(folder, PrivateFolder);
            return;
        }

        if (Directory.EnumerateFileSystemEntries(folder).All(entry => OwnNames.Contains(Path.GetFileName(entry))))
        {
            File.SetUnixFileMode(folder, PrivateFolder);
        }
    }

    /// <summary>Creates the SQLite file (empty, which SQLite takes as a new database) as 0600 and tightens it and its companions.</summary>
    public static void SecureDatabase(string file)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        if (!File.Exists(file))
        {
            // SQLite gives the -wal and -shm files the database file's mode, so this one decides all three.
            using var created = new FileStream(file, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = PrivateFile });
        }

        foreach (var path in new[] { file, file + "-wal", file + "-shm", file + "-journal" })
        {
            if (File.Exists(path) && (File.GetUnixFileMode(path) & ~PrivateFile) != 0)
            {
                File.SetUnixFileMode(path, PrivateFile);
            }
        }
    }
}
