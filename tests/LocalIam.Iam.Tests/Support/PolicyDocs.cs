namespace LocalIam.Iam.Tests.Support;

/// <summary>Policy documents for the store suites, including ones of an exact size as IAM counts it (whitespace excluded).</summary>
public static class PolicyDocs
{
    public const string Trust =
        """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";

    public const string TrustForAccount =
        """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sts:AssumeRole"}]}""";

    public const string ReadBucket =
        """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/*"}]}""";

    public const string ListBuckets =
        """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"}]}""";

    private const string IdentityPrefix = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/""";
    private const string IdentitySuffix = "\"}]}";
    private const string TrustPrefix =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},"
        + "\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringEquals\":{\"sts:ExternalId\":\"";
    private const string TrustSuffix = "\"}}}]}";

    /// <summary>A valid identity policy with exactly <paramref name="size"/> non-whitespace characters.</summary>
    public static string IdentityOfSize(int size) => Sized(IdentityPrefix, IdentitySuffix, size);

    /// <summary>A valid trust policy with exactly <paramref name="size"/> non-whitespace characters.</summary>
    public static string TrustOfSize(int size) => Sized(TrustPrefix, TrustSuffix, size);

    /// <summary>The document with a newline and 100 spaces after every comma: the same policy, much longer.</summary>
    public static string Padded(string document) => document.Replace(",", ",\n" + new string(' ', 100), StringComparison.Ordinal);

    /// <summary>Non-whitespace characters, counted independently of the service's own counter.</summary>
    public static int CountNonWhitespace(string text) => text.Count(c => !char.IsWhiteSpace(c));

    private static string Sized(string prefix, string suffix, int size)
    {
        var fill = size - prefix.Length - suffix.Length;
        if (fill < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(size), $"at least {prefix.Length + suffix.Length + 1}");
        }

        var text = prefix + new string('a', fill) + suffix;
        return CountNonWhitespace(text) == size ? text : throw new InvalidOperationException("size helper is wrong");
    }
}
