using System.Text;

namespace LocalIam.Policy.Tests.Properties;

/// <summary>Builds random policy documents (mostly well-formed) and random mutations of them, from a seed.</summary>
internal sealed class PolicyGenerator(int seed)
{
    private static readonly string[] Actions = ["*", "iam:*", "iam:GetUser", "iam:*AccessKey*", "s3:Get?bject", "aws-portal:ViewBilling", "billing:*", "ec2:Describe*", "sts:AssumeRole"];
    private static readonly string[] BadActions = ["GetUser", "a:b:c", "a b:c"];
    private static readonly string[] Resources = ["*", "arn:aws:iam::111122223333:user/${aws:username}", "arn:aws:s3:::bucket/*", "arn:aws:iam::*:role/?dmin", "arn:aws:iam::111122223333:user/alice"];
    private static readonly string[] BadResources = ["bucket", "arn:aws", "arn:aws:s3::x", "arn:${aws:PrincipalTag/team, 'x'}:s3:::b"];
    private static readonly string[] Operators = ["StringEquals", "StringNotLike", "ForAnyValue:StringLike", "ForAllValues:StringEquals", "NumericLessThan", "Bool", "IpAddress", "NotIpAddress", "ArnLike", "Null", "BinaryEquals", "StringEqualsIfExists"];
    private static readonly string[] BadOperators = ["Bogus", "DateGreaterThan"];
    private static readonly string[] Keys = ["aws:username", "aws:TagKeys", "aws:CurrentTime", "aws:SourceIp", "aws:SecureTransport", "aws:PrincipalArn", "s3:prefix"];
    private static readonly string[] Values = ["alice", "a*", "10", "true", "10.0.0.0/8", "::1/128", "arn:aws:iam::*:user/*", "aGVsbG8=", "${aws:username}", ""];
    private static readonly string[] Tokens = ["{", "}", "[", "]", ",", ":", "\"", "null", "true", "1e999", "\"Effect\"", "\"Statement\"", "\\u0000", "\u00e9", "\ud83d\ude00"];

    private readonly Random _random = new(seed);

    public string Document()
    {
        var sb = new StringBuilder("{");
        if (_random.Next(5) > 0)
        {
            sb.Append(Pick(["\"Version\":\"2012-10-17\",", "\"Version\":\"2008-10-17\","], ["\"Version\":\"1999\","]));
        }

        sb.Append("\"Statement\":[");
        var count = _random.Next(1, 5);
        for (var i = 0; i < count; i++)
        {
            sb.Append(i > 0 ? "," : string.Empty).Append(Statement(i));
        }

        return sb.Append("]}").ToString();
    }

    public string Mutate(string text)
    {
        var chars = new StringBuilder(text);
        var edits = _random.Next(1, 4);
        for (var i = 0; i < edits && chars.Length > 0; i++)
        {
            var at = _random.Next(chars.Length);
            switch (_random.Next(5))
            {
                case 0: chars.Remove(at, 1); break;
                case 1: chars.Insert(at, Pick(Tokens)); break;
                case 2: chars[at] = (char)_random.Next(32, 127); break;
                case 3: chars.Length = at; break;
                default: chars.Insert(at, chars.ToString(at, Math.Min(chars.Length - at, _random.Next(1, 40)))); break;
            }
        }

        return chars.ToString();
    }

    private string Statement(int index)
    {
        var parts = new List<string>();
        if (_random.Next(2) == 0)
        {
            parts.Add($"\"Sid\":\"{Pick(["S" + index], ["S1", "with space"])}\"");
        }

        parts.Add($"\"Effect\":\"{Pick(["Allow", "Deny"], ["allow", "Maybe"])}\"");
        parts.Add($"\"{Pick(["Action", "Action", "NotAction"])}\":{List(Actions, BadActions)}");
        if (_random.Next(20) > 0)
        {
            parts.Add($"\"{Pick(["Resource", "Resource", "NotResource"])}\":{List(Resources, BadResources)}");
        }

        if (_random.Next(10) == 0)
        {
            parts.Add(Pick(["\"Principal\":\"*\"", "\"Principal\":{\"AWS\":\"111122223333\"}", "\"NotPrincipal\":{\"Service\":\"ec2.amazonaws.com\"}"]));
        }

        if (_random.Next(2) == 0)
        {
            parts.Add($"\"Condition\":{{\"{Pick(Operators, BadOperators)}\":{{\"{Pick(Keys)}\":{List(Values, [])}}}}}");
        }

        return "{" + string.Join(",", parts.OrderBy(_ => _random.Next())) + "}";
    }

    private string List(string[] good, string[] bad)
    {
        if (_random.Next(2) == 0)
        {
            return Json(Pick(good, bad));
        }

        return "[" + string.Join(",", Enumerable.Range(0, _random.Next(1, 4)).Select(_ => Json(Pick(good, bad)))) + "]";
    }

    /// <summary>Mostly a good value, now and then a bad one, so both valid and invalid documents come out.</summary>
    private string Pick(string[] good, string[] bad) => bad.Length > 0 && _random.Next(15) == 0 ? Pick(bad) : Pick(good);

    private static string Json(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private string Pick(string[] options) => options[_random.Next(options.Length)];
}
