using LocalIam.Aws.Errors;
using LocalIam.Aws.Query;
using LocalIam.Aws.Validation;
using LocalIam.Server.Api;

namespace LocalIam.Server.Tests.Api;

/// <summary>
/// Errors of a request signed in aws-cn: the ARNs the core quotes are shown in aws-cn, what the
/// caller wrote is quoted as written.
/// </summary>
public sealed class PartitionEdgeTests
{
    private const string China = "aws-cn";

    private static QueryRequest Query(params (string Name, string Value)[] parameters) =>
        new(parameters.Select(p => new KeyValuePair<string, string>(p.Name, p.Value)));

    private static AwsError Shown(AwsError error, QueryRequest sent) =>
        PartitionEdge.Show(error, China, sent, PartitionEdge.ToStored(sent, ServiceConstraints.Sts, "AssumeRole", China));

    [Fact]
    public void Show_ValueTheCallerWroteQuoted_KeptAsWritten()
    {
        var sent = Query(("RoleArn", "arn:aws-cn:iam::111122223333:role/r"), ("RoleSessionName", "arn:aws:x"));
        var error = new AwsError("ValidationError", 400, "1 validation error detected: Value 'arn:aws:x' at 'roleSessionName' failed to satisfy constraint");

        Assert.Equal(error.Message, Shown(error, sent).Message);
    }

    [Fact]
    public void Show_ArnTheCoreQuoted_InTheRequestsPartition()
    {
        var sent = Query(("RoleArn", "arn:aws-cn:iam::111122223333:role/r"), ("RoleSessionName", "ses"));
        var error = new AwsError("AccessDenied", 403, "User: arn:aws:iam::111122223333:user/bob is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::111122223333:role/r");

        Assert.Equal("User: arn:aws-cn:iam::111122223333:user/bob is not authorized to perform: sts:AssumeRole on resource: arn:aws-cn:iam::111122223333:role/r",
            Shown(error, sent).Message);
    }

    [Fact]
    public void Show_MalformedPolicyNamingAPolicyArnSent_ThatArnAsSent()
    {
        var sent = Query(("RoleArn", "arn:aws-cn:iam::111122223333:role/r"), ("RoleSessionName", "ses"), ("PolicyArns.member.1.arn", "arn:aws-cn:iam::111122223333:policy/nope"));
        var error = new AwsError("MalformedPolicyDocument", 400, "Policy arn:aws:iam::111122223333:policy/nope does not exist or is not attachable.");

        Assert.Equal("Policy arn:aws-cn:iam::111122223333:policy/nope does not exist or is not attachable.", Shown(error, sent).Message);
    }

    [Fact]
    public void Show_MalformedPolicyQuotingTheDocument_DocumentAsWritten()
    {
        var sent = Query(("RoleArn", "arn:aws-cn:iam::111122223333:role/r"), ("RoleSessionName", "ses"), ("Policy", "{\"Resource\":\"arn:aws:logs:*:*:*\"}"));
        var error = new AwsError("MalformedPolicyDocument", 400, "Partition \"aws\" is not valid for resource \"arn:aws:logs:*:*:*\".");

        Assert.Equal(error.Message, Shown(error, sent).Message);
    }
}
