using System.Text;
using LocalIam.E2E.Tests.Support;

namespace LocalIam.Hostile.Tests.Files;

/// <summary>
/// `localiam lab run FILE` on hostile lab files, as a real process: each is refused before any step
/// runs, with exit code 2 and one line naming file:line:col, never a stack trace, a crash or a hang.
/// </summary>
public sealed class LabFileHostileTests : IDisposable
{
    private const string Head = "name: hostile\ntitle: Hostile\nsteps:\n";

    private readonly string _folder = Directory.CreateTempSubdirectory("localiam-hostile-labs-").FullName;

    public static TheoryData<string, string, string> Cases => new()
    {
        { "deep", Head + "  - call: iam:ListUsers\n    with: {a: " + new string('[', 100_000) + new string(']', 100_000) + "}\n", ":5:43: the lab nests deeper than 32 levels" },
        { "recursive", Head + "  - call: iam:ListUsers\n    with: &r {a: *r}\n", ":5:18: the alias `*r` refers to a value that holds it" },
        { "laughs", Head + "  - call: iam:ListUsers\n    with:\n      a0: &a0 [x,x,x,x,x,x,x,x,x,x]\n"
            + string.Concat(Enumerable.Range(1, 11).Select(i => $"      a{i}: &a{i} [{string.Join(',', Enumerable.Repeat($"*a{i - 1}", 10))}]\n")),
            ":10:44: the lab stands for more than 100,000 values once its aliases are expanded" },
        { "list-key", Head + "  - call: iam:ListUsers\n    context: {[a]: b}\n", ":5:15: the keys of `context` are names, not lists or mappings" },
        { "mapping-key", Head + "  - call: iam:ListUsers\n    with: {{a: 1}: b}\n", ":5:12: the keys of `with` are names, not lists or mappings" },
        { "tagged-twice", Head + "  - call: iam:ListUsers\n    with: {!a k: 1, !b k: 2}\n", ":5:21: `with` gives `k` twice" },
        { "escape", Head + "  - call: \"\\e[2Jiam:ListUsers\"\n", ":4:11: `\\u001B[2Jiam:ListUsers` holds a control character" },
        { "steps", Head + string.Concat(Enumerable.Repeat("  - call: iam:ListUsers\n", 1001)), ":4:3: a lab has at most 1000 steps" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task LabRun_HostileFile_RefusedWithPosition(string name, string text, string message)
    {
        var file = Write(name, Encoding.UTF8.GetBytes(text));

        var result = await LocalIamCli.RunAsync("lab", "run", file);

        AssertRefused(result, $"localiam lab run: {file}{message}");
    }

    [Fact]
    public async Task LabRun_NotUtf8_RefusedWithPosition()
    {
        var file = Write("latin1", [.. Encoding.UTF8.GetBytes(Head + "  - call: iam:"), 0xFF, 0xFE, .. "Users\n"u8]);

        var result = await LocalIamCli.RunAsync("lab", "run", file);

        AssertRefused(result, $"localiam lab run: {file}:4:15: the file is not UTF-8 text");
    }

    [Fact]
    public async Task LabRun_OverOneMebibyte_RefusedUnread()
    {
        var file = Write("huge", Encoding.UTF8.GetBytes(Head + "  - call: iam:ListUsers\n    title: '" + new string('x', 1024 * 1024) + "'\n"));

        var result = await LocalIamCli.RunAsync("lab", "run", file);

        AssertRefused(result, $"localiam lab run: {file}: a lab file is at most 1 MiB; this one has {new FileInfo(file).Length} bytes");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, byte[] bytes)
    {
        var file = Path.Combine(_folder, name + ".yaml");
        File.WriteAllBytes(file, bytes);
        return file;
    }

    private static void AssertRefused(CliResult result, string line)
    {
        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.Output}\n{result.Error[..Math.Min(2000, result.Error.Length)]}");
        Assert.Equal(line, result.Error.TrimEnd('\n'));
        Assert.Equal(string.Empty, result.Output);
    }
}
