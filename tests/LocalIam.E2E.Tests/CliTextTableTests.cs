using LocalIam.Cli.Output;

namespace LocalIam.E2E.Tests;

/// <summary>The plain table who-can prints thousands of rows with: Spectre's rounded look, fitted to the width.</summary>
public sealed class CliTextTableTests
{
    [Fact]
    public void Write_NarrowEnough_DrawsEveryCellInItsColumn()
    {
        var table = new TextTable("Principal", "Type");
        table.AddRow("root", "root");
        table.AddRow("Gexter1", "user");

        Assert.Equal(
            """
            ╭───────────┬──────╮
            │ Principal │ Type │
            ├───────────┼──────┤
            │ root      │ root │
            │ Gexter1   │ user │
            ╰───────────┴──────╯

            """.ReplaceLineEndings("\n"),
            Written(table, 160));
    }

    [Fact]
    public void Write_TooWide_WrapsTheWidestColumnAtSpacesAndKeepsTheWidth()
    {
        var why = "Allowed by statement `AdministratorAccess` of policy `arn:aws:iam::aws:policy/AdministratorAccess` (line 3)";
        var table = new TextTable("Principal", "Why");
        table.AddRow("admin", why);

        var lines = Written(table, 40).TrimEnd('\n').Split('\n');

        Assert.All(lines, line => Assert.Equal(40, line.Length));
        Assert.Equal("│ admin     │ Allowed by statement     │", lines[3]);
        Assert.Equal("│           │ `AdministratorAccess` of │", lines[4]);
        var pieces = lines[3..^1].Select(l => l.Split('│')[2].Trim());
        Assert.Equal(why.Replace(" ", string.Empty, StringComparison.Ordinal), string.Concat(pieces).Replace(" ", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public void Wrap_WordLongerThanTheColumn_IsSplit()
    {
        Assert.Equal(["arn:aws:i", "am::aws:p", "olicy/X"], TextTable.Wrap("arn:aws:iam::aws:policy/X", 9));
        Assert.Equal(["through group Admins", "attached to user a"], TextTable.Wrap("through group Admins\nattached to user a", 40));
    }

    [Fact]
    public void AddRow_WrongNumberOfCells_IsRefused()
    {
        var table = new TextTable("Principal", "Type");

        Assert.Throws<ArgumentException>(() => table.AddRow("root"));
    }

    private static string Written(TextTable table, int width)
    {
        using var writer = new StringWriter();
        table.Write(writer, width);
        return writer.ToString();
    }
}
