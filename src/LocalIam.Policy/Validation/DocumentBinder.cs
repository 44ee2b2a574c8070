using LocalIam.Policy.Model;
using LocalIam.Policy.Syntax;
using LocalIam.Policy.Text;

namespace LocalIam.Policy.Validation;

/// <summary>Second reading stage: JSON syntax to the policy model, checking the document and statement grammar.</summary>
internal sealed class DocumentBinder(PolicyKind kind, PolicyParseOptions options, List<Diagnostic> diagnostics)
{
    private const string Syntax = AwsPolicyMessages.SyntaxErrors;

    public PolicyDocument? Bind(JsonSyntax root)
    {
        if (root is not JsonObjectSyntax document)
        {
            diagnostics.Add(PolicyDiagnostics.UnexpectedShape(Syntax, root.Span, "policy", "a JSON object", root.KindName));
            return null;
        }

        var version = PolicyLanguageVersion.Unspecified;
        string? id = null;
        JsonPropertySyntax? statementProperty = null;
        var sawVersion = false;
        foreach (var property in document.Properties)
        {
            switch (property.Name)
            {
                case "Version":
                    sawVersion = true;
                    version = BindVersion(property);
                    break;
                case "Id":
                    id = ReadString(property);
                    break;
                case "Statement":
                    statementProperty = property;
                    break;
                default:
                    diagnostics.Add(PolicyDiagnostics.UnknownElement(Syntax, property.NameSpan, property.Name, "a policy"));
                    break;
            }
        }

        if (!sawVersion && options.RequireVersion2012)
        {
            diagnostics.Add(PolicyDiagnostics.InvalidVersion(AwsPolicyMessages.VersionTooOld, document.Span with { Length = 1 }, null));
        }

        var statements = BindStatements(statementProperty, document.Span, version);
        return new PolicyDocument(version, id, statements, document.Span);
    }

    private PolicyLanguageVersion BindVersion(JsonPropertySyntax property)
    {
        if (ReadString(property) is not { } text)
        {
            return PolicyLanguageVersion.Unspecified;
        }

        var version = text switch
        {
            "2012-10-17" => PolicyLanguageVersion.V20121017,
            "2008-10-17" => PolicyLanguageVersion.V20081017,
            _ => (PolicyLanguageVersion?)null,
        };
        if (version is null)
        {
            diagnostics.Add(PolicyDiagnostics.InvalidVersion(Syntax, property.Value.Span, text));
            return PolicyLanguageVersion.Unspecified;
        }

        if (version == PolicyLanguageVersion.V20081017 && options.RequireVersion2012)
        {
            diagnostics.Add(PolicyDiagnostics.InvalidVersion(AwsPolicyMessages.VersionTooOld, property.Value.Span, text));
        }

        return version.Value;
    }

    private List<Statement> BindStatements(JsonPropertySyntax? property, SourceSpan documentSpan, PolicyLanguageVersion version)
    {
        var statements = new List<Statement>();
        IReadOnlyList<JsonSyntax> items = property?.Value switch
        {
            null => [],
            JsonObjectSyntax single => [single],
            JsonArraySyntax array => array.Items,
            var other => Unexpected(other),
        };

        if (items.Count == 0 && property?.Value is null or JsonArraySyntax)
        {
            diagnostics.Add(PolicyDiagnostics.MissingStatement(Syntax, property?.Value.Span ?? documentSpan with { Length = 1 }));
        }

        if (items.Count == 0)
        {
            return statements;
        }

        var binder = new StatementBinder(kind, version, options.Partition, diagnostics);
        var sids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (item is not JsonObjectSyntax statementObject)
            {
                diagnostics.Add(PolicyDiagnostics.UnexpectedShape(Syntax, item.Span, "Statement", "an object or an array of objects", item.KindName));
                continue;
            }

            var statement = binder.Bind(statementObject, statements.Count);
            if (statement.Sid is { Value.Length: > 0 } sid && !sids.Add(sid.Value))
            {
                diagnostics.Add(PolicyDiagnostics.DuplicateSid(sid.Span, sid.Value));
            }

            statements.Add(statement);
        }

        return statements;

        IReadOnlyList<JsonSyntax> Unexpected(JsonSyntax other)
        {
            diagnostics.Add(PolicyDiagnostics.UnexpectedShape(Syntax, other.Span, "Statement", "an object or an array of objects", other.KindName));
            return [];
        }
    }

    private string? ReadString(JsonPropertySyntax property)
    {
        if (property.Value is JsonStringSyntax text)
        {
            return text.Value;
        }

        diagnostics.Add(PolicyDiagnostics.UnexpectedShape(Syntax, property.Value.Span, property.Name, "a string", property.Value.KindName));
        return null;
    }
}
