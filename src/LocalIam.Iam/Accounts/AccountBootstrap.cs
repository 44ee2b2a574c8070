namespace LocalIam.Iam.Accounts;

/// <summary>
/// The values a new store's account starts with: from LOCALIAM_ACCOUNT_ID, LOCALIAM_ROOT_EMAIL,
/// LOCALIAM_ROOT_PASSWORD, LOCALIAM_ROOT_ACCESS_KEY_ID and LOCALIAM_ROOT_SECRET_ACCESS_KEY, or
/// generated where missing.
/// </summary>
public sealed record AccountBootstrap(string AccountId, string RootEmail, string RootPassword, string RootAccessKeyId, string RootSecretAccessKey)
{
    public static AccountBootstrap FromEnvironment(Func<string, string?> read)
    {
        string Or(string name, Func<string> generate) => read(name) is { Length: > 0 } value ? value : generate();

        return new AccountBootstrap(
            Or("LOCALIAM_ACCOUNT_ID", Identifiers.IamIds.NewAccountId),
            Or("LOCALIAM_ROOT_EMAIL", () => "root@localiam.invalid"),
            Or("LOCALIAM_ROOT_PASSWORD", () => Identifiers.IamIds.NewSecretAccessKey()[..24]),
            Or("LOCALIAM_ROOT_ACCESS_KEY_ID", () => Identifiers.IamIds.NewAccessKeyId()),
            Or("LOCALIAM_ROOT_SECRET_ACCESS_KEY", Identifiers.IamIds.NewSecretAccessKey));
    }
}
