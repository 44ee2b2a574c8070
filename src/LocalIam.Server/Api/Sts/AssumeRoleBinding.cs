using LocalIam.Aws;
using LocalIam.Iam.Credentials;
using LocalIam.Iam.Tags;

namespace LocalIam.Server.Api.Sts;

/// <summary>AssumeRole's parameters, bound from the Query request and checked against the STS model's constraints, in STS's words.</summary>
internal static class AssumeRoleBinding
{
    public static AssumeRoleInput Bind(IRequestParameters query)
    {
        var roleArn = query.Get("RoleArn");
        var sessionName = query.Get("RoleSessionName");
        var duration = query.GetInt("DurationSeconds");
        var policy = query.Get("Policy");
        var policyArns = query.GetStructures("PolicyArns");
        var tags = query.GetStructures("Tags");
        var transitiveKeys = query.GetList("TransitiveTagKeys");
        var externalId = query.Get("ExternalId");
        var serialNumber = query.Get("SerialNumber");
        var tokenCode = query.Get("TokenCode");
        var sourceIdentity = query.Get("SourceIdentity");

        // In the order of the model's members, as STS lists its violations.
        var validator = new StsValidator()
            .Required(roleArn, "roleArn").Text(roleArn, "roleArn", 20, 2048, StsPattern.Arn)
            .Required(sessionName, "roleSessionName").Text(sessionName, "roleSessionName", 2, 64, StsPattern.SessionName)
            .Count(policyArns.Count, "policyArns", AssumeRoleInput.MaxPolicyArns);
        for (var i = 0; i < policyArns.Count; i++)
        {
            var arn = policyArns[i].GetValueOrDefault("arn");
            validator.Required(arn, $"policyArns.{i + 1}.member.arn").Text(arn, $"policyArns.{i + 1}.member.arn", 20, 2048, StsPattern.Arn);
        }

        validator.Text(policy, "policy", 1, AssumeRoleInput.MaxPolicyLength, StsPattern.SessionPolicy)
            .Range(duration, "durationSeconds", 900, 43_200)
            .Count(tags.Count, "tags", AssumeRoleInput.MaxTags);
        for (var i = 0; i < tags.Count; i++)
        {
            var (key, value, field) = (tags[i].GetValueOrDefault("Key"), tags[i].GetValueOrDefault("Value"), $"tags.{i + 1}.member");
            validator.Required(key, $"{field}.key").Text(key, $"{field}.key", 1, 128, StsPattern.TagKey)
                .Required(value, $"{field}.value").Text(value, $"{field}.value", 0, 256, StsPattern.TagValue);
        }

        validator.Count(transitiveKeys.Count, "transitiveTagKeys", AssumeRoleInput.MaxTags);
        for (var i = 0; i < transitiveKeys.Count; i++)
        {
            validator.Text(transitiveKeys[i], $"transitiveTagKeys.{i + 1}.member", 1, 128, StsPattern.TagKey);
        }

        validator.Text(externalId, "externalId", 2, 1224, StsPattern.ExternalId)
            .Text(serialNumber, "serialNumber", 9, 256, StsPattern.SerialNumber)
            .Text(tokenCode, "tokenCode", 6, 6, StsPattern.TokenCode)
            .Text(sourceIdentity, "sourceIdentity", 2, 64, StsPattern.SourceIdentity)
            .ThrowIfInvalid();

        return new AssumeRoleInput(
            roleArn!, sessionName!, duration ?? AssumeRoleInput.DefaultDuration, policy,
            [.. policyArns.Select(p => p["arn"])],
            [.. tags.Select(t => new TagInput(t["Key"], t["Value"]))],
            transitiveKeys, externalId, serialNumber, tokenCode, sourceIdentity);
    }
}
