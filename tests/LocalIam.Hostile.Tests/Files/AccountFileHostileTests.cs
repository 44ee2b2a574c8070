using System.Text;
using LocalIam.E2E.Tests.Support;

namespace LocalIam.Hostile.Tests.Files;

/// <summary>
/// Account files (`localiam import FILE`, `localiam who-can ... --account FILE`) whose strings are
/// not text: refused with the JSON path of the bad string and exit 2, and nothing imported.
/// </summary>
public sealed class AccountFileHostileTests : IDisposable
{
    private const string User = """{"Path":"/","UserName":"alice","UserId":"AIDAALICEXXXXXXXXXXXX","Arn":"arn:aws:iam::111122223333:user/alice","CreateDate":"2026-12-02T00:05:48Z","UserPolicyList":[],"GroupList":[],"AttachedManagedPolicies":[]""";

    private readonly string _folder = Directory.CreateTempSubdirectory("localiam-hostile-accounts-").FullName;

    public static TheoryData<string, byte[], string> Cases => new()
    {
        { "surrogate-name", Account(User.Replace("\"alice\"", "\"\\ud800\"", StringComparison.Ordinal) + "}"), "$.UserDetailList[0].UserName: not valid text (invalid UTF-8 or an unpaired surrogate)" },
        { "surrogate-tag", Account(User + ""","Tags":[{"Key":"a","Value":"\udc00"}]}"""), "$.UserDetailList[0].Tags[0].Value: not valid text (invalid UTF-8 or an unpaired surrogate)" },
        { "surrogate-key", Account(User.Replace("\"Path\"", "\"P\\ud800\"", StringComparison.Ordinal) + "}"), "$.UserDetailList[0]: a member name is not valid text (invalid UTF-8 or an unpaired surrogate)" },
        { "latin1-name", [.. Account(User.Replace("\"alice\"", "\"al\u0001ice\"", StringComparison.Ordinal) + "}").Select(b => b == 1 ? (byte)0xFF : b)],
            "$.UserDetailList[0].UserName: not valid text (invalid UTF-8 or an unpaired surrogate)" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Import_StringNotText_RefusedWithPathNothingImported(string name, byte[] json, string problem)
    {
        var file = Path.Combine(_folder, name + ".json");
        File.WriteAllBytes(file, json);
        var data = Path.Combine(_folder, name + "-store");

        var imported = await LocalIamCli.RunAsync("import", file, "--data", data);
        var asked = await LocalIamCli.RunAsync("who-can", "s3:GetObject", "--account", file);

        Assert.True(imported.ExitCode == 2, $"exit {imported.ExitCode}: {imported.Error}");
        Assert.Equal($"localiam import: `{name}.json` {problem}; nothing was imported", imported.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);
        Assert.False(Directory.Exists(data) && Directory.EnumerateFiles(data, "*.db").Any(), "a store was made for a file that was refused");
        Assert.True(asked.ExitCode == 2, $"exit {asked.ExitCode}: {asked.Error}");
        Assert.Equal($"localiam who-can: `{file}`: {problem}", asked.Error.Trim());
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static byte[] Account(string user) => Encoding.UTF8.GetBytes("""{"UserDetailList":[""" + user + "]}");
}
