using LocalIam.Cli.Commands;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace LocalIam.Cli.Labs;

/// <summary>
/// What a lab file may hold, checked on YAML's events before any node is built: YamlDotNet builds
/// nodes recursively (a deep file overflows the stack and kills the process) and the reader expands
/// aliases (a few lines of anchors stand for billions of values). Refused with file:line:col.
/// </summary>
internal static class LabYamlLimits
{
    /// <summary>A lab is a page of steps; the shipped ones are a few kilobytes.</summary>
    public const long MaxFileBytes = 1024 * 1024;

    /// <summary>A step nests a mapping of parameters a few levels deep.</summary>
    public const int MaxDepth = 32;

    /// <summary>Values the file stands for once its aliases are expanded (the message says 100,000).</summary>
    public const long MaxValues = 100_000;

    /// <summary>Far more than any lesson; each step runs a request.</summary>
    public const int MaxSteps = 1_000;

    /// <summary>The file's text: at most <see cref="MaxFileBytes"/> of UTF-8, refused at the first byte that is not.</summary>
    public static string Read(string path)
    {
        var info = new FileInfo(path);
        if (info.Length > MaxFileBytes)
        {
            throw new CommandInputException($"{path}: a lab file is at most 1 MiB; this one has {info.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)} bytes");
        }

        var bytes = File.ReadAllBytes(path);
        var chars = new char[bytes.Length];
        if (System.Text.Unicode.Utf8.ToUtf16(bytes, chars, out var read, out var written, replaceInvalidSequences: false) != System.Buffers.OperationStatus.Done)
        {
            var before = System.Text.Encoding.UTF8.GetString(bytes, 0, read);
            var line = before.Count(c => c == '\n') + 1;
            var column = before.Length - (before.LastIndexOf('\n') + 1) + 1;
            throw new CommandInputException($"{path}:{line}:{column}: the file is not UTF-8 text");
        }

        var text = new string(chars, 0, written);
        return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
    }

    public static void Check(string text, string source)
    {
        var parser = new Parser(new StringReader(text));
        var depth = 0;
        long values = 0;
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        var open = new Stack<(string? Anchor, long Start)>();
        try
        {
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case NodeEvent { } node and (MappingStart or SequenceStart):
                        if (++depth > MaxDepth)
                        {
                            throw Refused(source, node.Start, $"the lab nests deeper than {MaxDepth} levels");
                        }

                        open.Push((node.Anchor.IsEmpty ? null : node.Anchor.Value, values));
                        values++;
                        break;
                    case MappingEnd or SequenceEnd:
                        depth--;
                        var (anchor, start) = open.Pop();
                        if (anchor is not null)
                        {
                            sizes[anchor] = values - start;
                        }

                        break;
                    case Scalar scalar:
                        CheckText(source, scalar);
                        values++;
                        if (!scalar.Anchor.IsEmpty)
                        {
                            sizes[scalar.Anchor.Value] = 1;
                        }

                        break;
                    case AnchorAlias alias:
                        if (open.Any(o => o.Anchor == alias.Value.Value))
                        {
                            throw Refused(source, alias.Start, $"the alias `*{Verb.Printable(alias.Value.Value)}` refers to a value that holds it");
                        }

                        values += sizes.GetValueOrDefault(alias.Value.Value, 1);
                        break;
                }

                if (values > MaxValues)
                {
                    throw Refused(source, parser.Current!.Start, "the lab stands for more than 100,000 values once its aliases are expanded");
                }
            }
        }
        catch (YamlException ex)
        {
            throw new CommandInputException($"{source}:{ex.Start.Line}:{ex.Start.Column}: not valid YAML: {Verb.Printable(ex.Message)}");
        }
    }

    /// <summary>Text a lab prints (titles, notes, calls) must not drive the terminal: no control characters but tab and line breaks.</summary>
    private static void CheckText(string source, Scalar scalar)
    {
        if (scalar.Value.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r')))
        {
            throw Refused(source, scalar.Start, $"`{Verb.Printable(scalar.Value.Length > 64 ? scalar.Value[..64] + "…" : scalar.Value)}` holds a control character");
        }
    }

    private static CommandInputException Refused(string source, Mark at, string message) => new($"{source}:{at.Line}:{at.Column}: {message}");
}
