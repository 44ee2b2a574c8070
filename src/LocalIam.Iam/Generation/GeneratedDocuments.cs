using System.Text;

namespace LocalIam.Iam.Generation;

/// <summary>
/// Policy documents as people write them: a few statements per document over common services,
/// listed actions and wildcards, resource ARNs of the account, and some conditions (source
/// address, region, principal tags, MFA) and policy variables. Every document is valid and within
/// IAM's size quotas; the generator's test compiles each one.
/// </summary>
internal sealed class GeneratedDocuments(Random random, string accountId)
{
    private static readonly (string Service, string[] Actions, string ResourceFormat)[] Services =
    [
        ("s3", ["GetObject", "PutObject", "DeleteObject", "ListBucket", "GetBucketLocation", "GetObjectTagging"], "arn:aws:s3:::{0}-bucket/*"),
        ("dynamodb", ["GetItem", "PutItem", "Query", "Scan", "UpdateItem", "DescribeTable"], "arn:aws:dynamodb:{1}:{2}:table/{0}"),
        ("lambda", ["InvokeFunction", "GetFunction", "ListFunctions", "UpdateFunctionCode"], "arn:aws:lambda:{1}:{2}:function:{0}-*"),
        ("sqs", ["SendMessage", "ReceiveMessage", "DeleteMessage", "GetQueueAttributes"], "arn:aws:sqs:{1}:{2}:{0}-queue"),
        ("sns", ["Publish", "Subscribe", "ListTopics"], "arn:aws:sns:{1}:{2}:{0}-topic"),
        ("logs", ["CreateLogGroup", "CreateLogStream", "PutLogEvents", "DescribeLogStreams"], "arn:aws:logs:{1}:{2}:log-group:/app/{0}:*"),
        ("kms", ["Decrypt", "Encrypt", "GenerateDataKey", "DescribeKey"], "arn:aws:kms:{1}:{2}:key/*"),
        ("ec2", ["DescribeInstances", "StartInstances", "StopInstances", "DescribeVolumes"], "*"),
        ("cloudwatch", ["PutMetricData", "GetMetricData", "ListMetrics"], "*"),
        ("secretsmanager", ["GetSecretValue", "DescribeSecret"], "arn:aws:secretsmanager:{1}:{2}:secret:{0}/*"),
        ("iam", ["GetUser", "ListUsers", "GetRole", "ListRoles", "PassRole"], "arn:aws:iam::{2}:role/{0}-*"),
    ];

    private static readonly string[] Regions = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2"];

    /// <summary>A customer managed policy's document (version <paramref name="version"/> varies its statements).</summary>
    public string Managed(string project, int version) => Document(project, 1 + random.Next(4), version);

    /// <summary>An inline policy's document: smaller, as inline policies are (users' are at most 2,048 characters).</summary>
    public string Inline(string project) => Document(project, 1 + random.Next(2), 1);

    /// <summary>A customer managed policy for the people who read the bills (billing access is rare in a real account).</summary>
    public static string Billing() =>
        """{"Version":"2012-10-17","Statement":[{"Sid":"ViewBilling","Effect":"Allow","Action":["aws-portal:ViewBilling","aws-portal:ViewUsage","ce:GetCostAndUsage","ce:GetCostForecast"],"Resource":"*"}]}""";

    /// <summary>A permissions boundary that allows the common services and nothing of IAM's writes.</summary>
    public static string Boundary() =>
        """{"Version":"2012-10-17","Statement":[{"Sid":"Services","Effect":"Allow","Action":["s3:*","dynamodb:*","lambda:*","sqs:*","logs:*","cloudwatch:*"],"Resource":"*"},"""
        + """{"Sid":"NoIamWrites","Effect":"Deny","Action":["iam:Create*","iam:Delete*","iam:Put*","iam:Attach*"],"Resource":"*"}]}""";

    /// <summary>
    /// A role's trust policy, mostly as AWS accounts have them: an AWS service; another account;
    /// this account (often with an external id or MFA); or named users and roles of this account.
    /// </summary>
    public string Trust(IReadOnlyList<string> userArns, IReadOnlyList<string> roleArns)
    {
        var pick = random.Next(100);
        string principal;
        var condition = string.Empty;
        if (pick < 60)
        {
            string[] services = ["ec2.amazonaws.com", "lambda.amazonaws.com", "ecs-tasks.amazonaws.com", "glue.amazonaws.com", "states.amazonaws.com"];
            principal = $$"""{"Service":"{{services[random.Next(services.Length)]}}"}""";
        }
        else if (pick < 80)
        {
            principal = $$"""{"AWS":"arn:aws:iam::{{random.NextInt64(100_000_000_000, 999_999_999_999)}}:root"}""";
            condition = $$$""","Condition":{"StringEquals":{"sts:ExternalId":"ext-{{{random.Next(100_000)}}}"}}""";
        }
        else if (pick < 95 || (userArns.Count == 0 && roleArns.Count == 0))
        {
            principal = $$"""{"AWS":"arn:aws:iam::{{accountId}}:root"}""";
            if (random.Next(3) == 0)
            {
                condition = ""","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}""";
            }
        }
        else
        {
            var named = new List<string>();
            for (var i = 0; i < 1 + random.Next(3); i++)
            {
                named.Add(random.Next(3) > 0 && userArns.Count > 0 ? userArns[random.Next(userArns.Count)] : roleArns[random.Next(roleArns.Count)]);
            }

            principal = $$"""{"AWS":[{{string.Join(",", named.Distinct().Select(a => $"\"{a}\""))}}]}""";
        }

        return $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{{principal}},"Action":"sts:AssumeRole"{{condition}}}]}""";
    }

    private string Document(string project, int statements, int version)
    {
        var text = new StringBuilder("""{"Version":"2012-10-17","Statement":[""");
        for (var s = 0; s < statements; s++)
        {
            var (service, actions, format) = Services[random.Next(Services.Length)];
            var region = Regions[random.Next(Regions.Length)];
            var resource = string.Format(System.Globalization.CultureInfo.InvariantCulture, format, project, region, accountId);
            var chosen = random.Next(8) == 0
                ? [$"\"{service}:{actions[0][..3]}*\""]
                : actions.Where(_ => random.Next(2) == 0).DefaultIfEmpty(actions[0]).Select(a => $"\"{service}:{a}\"").ToList();
            if (s > 0)
            {
                text.Append(',');
            }

            var effect = random.Next(12) == 0 ? "Deny" : "Allow";
            text.Append($$"""{"Sid":"S{{s}}V{{version}}","Effect":"{{effect}}","Action":[{{string.Join(",", chosen)}}],"Resource":""");
            text.Append(service == "s3" && random.Next(3) == 0
                ? $"[\"arn:aws:s3:::{project}-bucket/home/${{aws:username}}/*\",\"{resource}\"]"
                : $"\"{resource}\"");
            text.Append(Condition());
            text.Append('}');
        }

        return text.Append("]}").ToString();
    }

    private string Condition() => random.Next(6) switch
    {
        0 => $$$""","Condition":{"IpAddress":{"aws:SourceIp":["10.{{{random.Next(256)}}}.0.0/16","192.0.2.0/24"]}}""",
        1 => $$$""","Condition":{"StringEquals":{"aws:RequestedRegion":"{{{Regions[random.Next(Regions.Length)]}}}"}}""",
        2 => ""","Condition":{"StringEquals":{"aws:ResourceTag/team":"${aws:PrincipalTag/team}"},"Bool":{"aws:SecureTransport":"true"}}""",
        _ => string.Empty,
    };
}
