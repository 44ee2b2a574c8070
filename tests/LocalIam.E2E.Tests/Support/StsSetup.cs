using System.Text.Json;

namespace LocalIam.E2E.Tests.Support;

/// <summary>Users, roles and sessions for the STS tests, made through the AWS CLI as root.</summary>
public sealed class StsSetup(AwsCli root)
{
    public const string Account = LocalIamServer.AccountId;

    public static string UserArn(string name) => $"arn:aws:iam::{Account}:user/{name}";

    public static string RoleArn(string name, string path = "/") => $"arn:aws:iam::{Account}:role{path}{name}";

    /// <summary>A policy document of the given statements (JSON objects).</summary>
    public static string Doc(params string[] statements) => $$"""{"Version":"2012-10-17","Statement":[{{string.Join(',', statements)}}]}""";

    /// <summary>A trust statement letting <paramref name="principalArn"/> perform <paramref name="actions"/> (comma-separated JSON strings).</summary>
    public static string Trusts(string principalArn, string actions = "\"sts:AssumeRole\"", string? condition = null) =>
        $$"""{"Effect":"Allow","Principal":{"AWS":"{{principalArn}}"},"Action":[{{actions}}]{{(condition is null ? "" : $",\"Condition\":{condition}")}}}""";

    public static string Allows(string actions, string? condition = null) =>
        $$"""{"Effect":"Allow","Action":[{{actions}}],"Resource":"*"{{(condition is null ? "" : $",\"Condition\":{condition}")}}}""";

    /// <summary>A user with an access key, and an inline policy when given; the CLI signed as that user.</summary>
    public async Task<AwsCli> UserAsync(string name, string? policy = null)
    {
        await root.OkAsync("iam", "create-user", "--user-name", name);
        if (policy is not null)
        {
            await root.OkAsync("iam", "put-user-policy", "--user-name", name, "--policy-name", "inline", "--policy-document", policy);
        }

        var key = (await root.OkAsync("iam", "create-access-key", "--user-name", name)).GetProperty("AccessKey");
        return root.As(key.GetProperty("AccessKeyId").GetString()!, key.GetProperty("SecretAccessKey").GetString()!);
    }

    /// <summary>A role with its trust policy, an inline permissions policy when given, and any further create-role options.</summary>
    public async Task RoleAsync(string name, string trust, string? policy = null, params string[] options)
    {
        await root.OkAsync(["iam", "create-role", "--role-name", name, "--assume-role-policy-document", trust, .. options]);
        if (policy is not null)
        {
            await root.OkAsync("iam", "put-role-policy", "--role-name", name, "--policy-name", "inline", "--policy-document", policy);
        }
    }

    /// <summary>The CLI signed with the temporary credentials an STS call returned.</summary>
    public AwsCli Session(JsonElement response)
    {
        var credentials = response.GetProperty("Credentials");
        return root.As(credentials.GetProperty("AccessKeyId").GetString()!, credentials.GetProperty("SecretAccessKey").GetString()!,
            credentials.GetProperty("SessionToken").GetString()!);
    }

    public static string[] AssumeRole(string roleArn, string sessionName, params string[] options) =>
        ["sts", "assume-role", "--role-arn", roleArn, "--role-session-name", sessionName, .. options];
}
