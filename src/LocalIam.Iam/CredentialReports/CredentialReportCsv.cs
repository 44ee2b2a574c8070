using System.Globalization;
using LocalIam.Iam.Identifiers;
using LocalIam.Iam.SigningCertificates;
using LocalIam.Storage.Entities;

namespace LocalIam.Iam.CredentialReports;

/// <summary>The rows of AWS's credential report: AWS's columns, AWS's <c>N/A</c>, <c>not_supported</c> and <c>no_information</c>.</summary>
internal static class CredentialReportCsv
{
    public const string Header =
        "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active," +
        "access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service," +
        "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service," +
        "cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated";

    private const string NotApplicable = "N/A";
    private const string NotSupported = "not_supported";
    private const string NoInformation = "no_information";

    /// <summary>Root's row comes first; its password columns are not_supported, its last sign-in is not recorded.</summary>
    public static string Root(Account account, IReadOnlyList<AccessKey> keys, IReadOnlyList<SigningCertificate> certificates) => Row(
        ["<root_account>", IamArns.Root(account.Id), Time(account.CreatedAt), NotSupported, NoInformation, NotSupported, NotSupported, Bool(false)],
        keys, certificates);

    /// <summary>A user without a password has N/A in the password columns; one whose password was never used has no_information.</summary>
    public static string User(User user, LoginProfile? profile, int? maxPasswordAge, IReadOnlyList<AccessKey> keys, IReadOnlyList<SigningCertificate> certificates) => Row(
        [
            user.Name, IamArns.User(user.AccountId, user.Path, user.Name), Time(user.CreatedAt), Bool(profile is not null),
            profile is null ? NotApplicable : user.PasswordLastUsed is { } used ? Time(used) : NoInformation,
            Time(profile?.CreatedAt),
            Time(profile is not null && maxPasswordAge is { } days ? profile.CreatedAt.AddDays(days) : null),
            Bool(false),
        ],
        keys, certificates);

    private static string Row(IEnumerable<string> fields, IReadOnlyList<AccessKey> keys, IReadOnlyList<SigningCertificate> certificates) =>
        string.Join(',', fields.Concat(KeyColumns(keys)).Concat(CertificateColumns(certificates)).Select(Escape));

    /// <summary>Two keys, oldest first; an absent one is false and N/A.</summary>
    private static IEnumerable<string> KeyColumns(IReadOnlyList<AccessKey> keys)
    {
        for (var i = 0; i < 2; i++)
        {
            var key = i < keys.Count ? keys[i] : null;
            yield return Bool(key?.Status == AccessKeyStatus.Active);
            yield return Time(key?.CreatedAt);
            yield return Time(key?.LastUsedAt);
            yield return key?.LastUsedRegion ?? NotApplicable;
            yield return key?.LastUsedService ?? NotApplicable;
        }
    }

    private static IEnumerable<string> CertificateColumns(IReadOnlyList<SigningCertificate> certificates)
    {
        for (var i = 0; i < 2; i++)
        {
            var certificate = i < certificates.Count ? certificates[i] : null;
            yield return Bool(certificate?.Status == "Active");
            yield return Time(certificate?.UploadedAt);
        }
    }

    private static string Bool(bool value) => value ? "true" : "false";

    /// <summary>ISO 8601 with an explicit offset, as the report writes times.</summary>
    private static string Time(DateTime? time) =>
        time is { } t ? DateTime.SpecifyKind(t, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture) : NotApplicable;

    // Names may contain commas.
    private static string Escape(string field) =>
        field.AsSpan().IndexOfAny(",\"\n") >= 0 ? $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : field;
}
