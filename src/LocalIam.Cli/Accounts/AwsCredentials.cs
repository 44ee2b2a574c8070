using LocalIam.Cli.Commands;

namespace LocalIam.Cli.Accounts;

/// <summary>
/// The credentials that sign calls to a running server, found as the AWS CLI finds static ones:
/// AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (/ AWS_SESSION_TOKEN), else the profile (<c>--profile</c>,
/// AWS_PROFILE, or <c>default</c>) in the shared credentials file and then the config file
/// (AWS_SHARED_CREDENTIALS_FILE, AWS_CONFIG_FILE, or ~/.aws/). Only static keys: SSO and
/// credential processes belong to AWS accounts, not to a local server.
/// </summary>
internal sealed record AwsCredentials(string AccessKeyId, string SecretAccessKey, string? SessionToken)
{
    public static AwsCredentials Resolve(string? profileOption)
    {
        Func<string, string?> env = Environment.GetEnvironmentVariable;
        if (profileOption is null && env("AWS_ACCESS_KEY_ID") is { Length: > 0 } id && env("AWS_SECRET_ACCESS_KEY") is { Length: > 0 } secret)
        {
            return new AwsCredentials(id, secret, env("AWS_SESSION_TOKEN") is { Length: > 0 } token ? token : null);
        }

        var profile = profileOption ?? (env("AWS_PROFILE") is { Length: > 0 } named ? named : "default");
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var credentialsFile = env("AWS_SHARED_CREDENTIALS_FILE") is { Length: > 0 } c ? c : Path.Combine(home, ".aws", "credentials");
        var configFile = env("AWS_CONFIG_FILE") is { Length: > 0 } f ? f : Path.Combine(home, ".aws", "config");
        var found = Section(credentialsFile, profile) ?? Section(configFile, profile == "default" ? "default" : $"profile {profile}");
        return found is not null && found.TryGetValue("aws_access_key_id", out var key) && found.TryGetValue("aws_secret_access_key", out var value)
            ? new AwsCredentials(key, value, found.GetValueOrDefault("aws_session_token"))
            : throw new CommandInputException(
                $"no credentials to sign with: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or give a profile of {credentialsFile} with --profile (looked for `{profile}`)");
    }

    /// <summary>The keys of one <c>[section]</c> of an INI file, or null when the file or the section is not there.</summary>
    private static Dictionary<string, string>? Section(string path, string name)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        Dictionary<string, string>? section = null;
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.Trim();
            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                if (section is not null)
                {
                    break;
                }

                section = line[1..^1].Trim() == name ? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) : null;
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (section is not null && equals > 0 && !line.StartsWith('#') && !line.StartsWith(';'))
            {
                section[line[..equals].Trim()] = line[(equals + 1)..].Trim();
            }
        }

        return section;
    }
}
