using System.Text.Json;
using LocalIam.Iam.Accounts;

namespace LocalIam.Server.Hosting;

/// <summary>
/// The bootstrap values of a data folder: taken from the environment, generated where missing, and
/// kept in <c>credentials.json</c> (owner-only) so a restart or a reset finds the same account.
/// </summary>
internal static class BootstrapValues
{
    public const string FileName = "credentials.json";

    private static readonly string[] Variables =
        ["LOCALIAM_ACCOUNT_ID", "LOCALIAM_ROOT_EMAIL", "LOCALIAM_ROOT_PASSWORD", "LOCALIAM_ROOT_ACCESS_KEY_ID", "LOCALIAM_ROOT_SECRET_ACCESS_KEY"];

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The values and the names of those that were generated now (to print once).</summary>
    public static (AccountBootstrap Values, IReadOnlyList<string> Generated) Load(string dataFolder, Func<string, string?> environment)
    {
        var path = Path.Combine(dataFolder, FileName);
        if (File.Exists(path))
        {
            var saved = JsonSerializer.Deserialize<AccountBootstrap>(File.ReadAllText(path))!;
            return (saved, []);
        }

        var generated = Variables.Where(name => string.IsNullOrEmpty(environment(name))).ToList();
        var values = AccountBootstrap.FromEnvironment(environment);
        Directory.CreateDirectory(dataFolder);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var file = new FileStream(path, options))
        {
            JsonSerializer.Serialize(file, values, Indented);
        }

        return (values, generated);
    }
}
