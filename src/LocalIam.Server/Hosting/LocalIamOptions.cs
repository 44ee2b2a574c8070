namespace LocalIam.Server.Hosting;

/// <summary>How `localiam serve` was started.</summary>
public sealed record LocalIamOptions
{
    public const string DefaultUrls = "http://127.0.0.1:4599";

    public string Urls { get; init; } = DefaultUrls;

    /// <summary>The data folder: SQLite file, secret key, generated credentials.</summary>
    public string DataFolder { get; init; } = DefaultDataFolder();

    /// <summary>A PostgreSQL connection string; when set, the store is there instead of SQLite.</summary>
    public string? Database { get; init; }

    /// <summary>Base64 key for access-key secrets, for stores shared by several nodes (LOCALIAM_SECRET_KEY).</summary>
    public string? SecretKey { get; init; }

    public bool EnableReset { get; init; }

    /// <summary>Adds EC2's "Encoded authorization failure message" to every AccessDenied message (STS DecodeAuthorizationMessage reads it).</summary>
    public bool EncodeDenials { get; init; }

    /// <summary>$XDG_DATA_HOME/localiam, or ~/.local/share/localiam.</summary>
    public static string DefaultDataFolder() =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "localiam");
}
