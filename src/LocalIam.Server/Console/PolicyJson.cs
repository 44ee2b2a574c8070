using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Html;
using LocalIam.Policy.Validation;

namespace LocalIam.Server.Console;

/// <summary>One line of a policy document as the console shows it, numbered, and whether it belongs to the statement shown.</summary>
public sealed record PolicyLine(int Number, string Text, bool Highlighted);

/// <summary>Policy documents as the console shows them: pretty-printed (four spaces, as AWS's console), lines numbered.</summary>
public static class PolicyJson
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true, IndentSize = 4, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The document indented; the text as stored when it is not JSON the reader takes.</summary>
    public static string Pretty(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 64 });
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, Indented))
            {
                document.WriteTo(writer);
            }

            return Encoding.UTF8.GetString(buffer.ToArray());
        }
        catch (JsonException)
        {
            return text;
        }
    }

    /// <summary>
    /// The pretty-printed document by line, with the lines of statement <paramref name="statementIndex"/>
    /// (0-based, as the policy engine numbers them) marked. The statement is found by reading the
    /// pretty text with the engine's own parser, so the marked lines are the statement's, whatever
    /// the stored layout was.
    /// </summary>
    public static IReadOnlyList<PolicyLine> Lines(string text, int? statementIndex = null)
    {
        var pretty = Pretty(text);
        var (first, last) = (0, -1);
        if (statementIndex is { } index
            && PolicyParser.Parse(pretty, PolicyKind.Identity).Document is { } parsed
            && parsed.Statements.FirstOrDefault(s => s.Index == index) is { Span.IsNone: false } statement)
        {
            var utf8 = Encoding.UTF8.GetBytes(pretty);
            var end = Math.Min(utf8.Length, statement.Span.Offset + Math.Max(0, statement.Span.Length - 1));
            first = statement.Span.Line;
            last = first + utf8.AsSpan(statement.Span.Offset, Math.Max(0, end - statement.Span.Offset)).Count((byte)'\n');
        }

        var lines = pretty.ReplaceLineEndings("\n").Split('\n');
        return [.. lines.Select((line, i) => new PolicyLine(i + 1, line, i + 1 >= first && i + 1 <= last))];
    }

    /// <summary>The lines as HTML for a <c>pre</c>: each encoded, numbered for the eye only, the marked ones in <c>mark</c>.</summary>
    public static IHtmlContent Render(IReadOnlyList<PolicyLine> lines)
    {
        var html = new HtmlContentBuilder();
        foreach (var line in lines)
        {
            html.AppendHtml(line.Highlighted ? "<span class=\"line highlighted\">" : "<span class=\"line\">");
            html.AppendHtml("<span class=\"line-number\" aria-hidden=\"true\">").Append(line.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)).AppendHtml("</span>");
            if (line.Highlighted)
            {
                html.AppendHtml("<mark>").Append(line.Text).AppendHtml("</mark>");
            }
            else
            {
                html.Append(line.Text);
            }

            html.AppendHtml("</span>\n");
        }

        return html;
    }
}
