using System.Text.RegularExpressions;
using LocalIam.Iam.Errors;

namespace LocalIam.Iam.Credentials;

/// <summary>The model's rules shared by SSH public keys, signing certificates and service-specific credentials.</summary>
public static partial class CredentialFields
{
    /// <summary>The model's <c>statusType</c>.</summary>
    public static readonly string[] Statuses = ["Active", "Inactive", "Expired"];

    public const string IdPattern = @"[\w]+";
    public const string BodyPattern = @"[\u0009\u000A\u000D\u0020-\u00FF]+";

    /// <summary>An id parameter: the model's length range and <c>[\w]+</c>.</summary>
    public static RequestValidator Id(this RequestValidator validator, string id, string field, int minLength) =>
        validator.Length(id, field, minLength, 128).Pattern(id, field, IdRegex(), IdPattern);

    /// <summary>A key or certificate body: 1 to 16384 characters of TAB, LF, CR and U+0020 to U+00FF.</summary>
    public static RequestValidator Body(this RequestValidator validator, string body, string field) =>
        validator.Length(body, field, 1, 16384).Pattern(body, field, BodyRegex(), BodyPattern);

    // AWS's \w is ASCII only.
    [GeneratedRegex(@"^[A-Za-z0-9_]+\z")]
    private static partial Regex IdRegex();

    [GeneratedRegex(@"^[\u0009\u000A\u000D\u0020-\u00FF]+\z")]
    private static partial Regex BodyRegex();
}
