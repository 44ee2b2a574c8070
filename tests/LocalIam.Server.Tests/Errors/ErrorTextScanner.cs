using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LocalIam.Server.Tests.Errors;

/// <summary>A place where an AWS error text is written outside the catalogue.</summary>
public sealed record CatalogueFinding(string File, int Line, string What)
{
    public override string ToString() => $"{File}:{Line}: {What}";
}

/// <summary>A C# source file: its path as reported, and its text.</summary>
public sealed record SourceFile(string Path, string Text);

/// <summary>
/// Reads C# sources as syntax (Roslyn's parser, no compilation) and finds AWS error texts written
/// outside the catalogue files:
/// <list type="number">
/// <item>an error made outside the catalogue: <c>new IamException(…)</c>, <c>new AwsError(…)</c>, a
/// target-typed <c>new(…)</c> of either, or <c>error with { Message = … }</c>;</item>
/// <item>text handed to an error or to a catalogue factory (<c>IamErrors.X("…")</c>,
/// <c>new AwsException(…)</c>): a literal with words in it, or a constant outside the catalogue
/// that holds one;</item>
/// <item>a literal anywhere outside the catalogue that repeats one of its texts, or a piece of
/// one (four words or more), such as <c>"Member must not be null"</c> added to a list.</item>
/// </list>
/// </summary>
public sealed class ErrorTextScanner
{
    /// <summary>Types whose instances carry AWS's texts; only the catalogue constructs the first two.</summary>
    private static readonly string[] ErrorTypes = ["IamException", "AwsError"];

    private static readonly string[] CarrierTypes = ["IamException", "AwsError", "AwsException"];

    private static readonly string[] CatalogueClasses = ["IamErrors", "StsErrors", "AwsErrors"];

    private static readonly CSharpParseOptions Options = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Preview);

    private readonly List<(SourceFile File, SyntaxNode Root)> _outside;
    private readonly List<string> _catalogueTexts;
    private readonly Dictionary<string, (SourceFile File, int Line)> _textConstants = new(StringComparer.Ordinal);

    public ErrorTextScanner(IEnumerable<SourceFile> catalogue, IEnumerable<SourceFile> outside)
    {
        _catalogueTexts = [.. catalogue.SelectMany(f => Strings(Parse(f))).SelectMany(Pieces).Select(p => p.Trim()).Where(IsSentencePiece).Distinct(StringComparer.Ordinal)];
        _outside = [.. outside.Select(f => (f, Parse(f)))];
        foreach (var (file, root) in _outside)
        {
            foreach (var declarator in root.DescendantNodes().OfType<VariableDeclaratorSyntax>())
            {
                if (IsConstantText(declarator))
                {
                    _textConstants.TryAdd(declarator.Identifier.ValueText, (file, LineOf(declarator)));
                }
            }
        }
    }

    /// <summary>How many pieces of catalogue text rule 3 looks for; zero would mean the catalogue was not read.</summary>
    public int CatalogueTextCount => _catalogueTexts.Count;

    public IReadOnlyList<CatalogueFinding> Findings()
    {
        var findings = new List<CatalogueFinding>();
        foreach (var (file, root) in _outside)
        {
            foreach (var node in root.DescendantNodes())
            {
                var what = node switch
                {
                    BaseObjectCreationExpressionSyntax creation => Creation(creation),
                    InvocationExpressionSyntax call when IsCatalogueCall(call) => TextIn(call.ArgumentList, $"`{call.Expression}` is given"),
                    WithExpressionSyntax with when SetsMessage(with) => "sets an error's Message outside the catalogue",
                    LiteralExpressionSyntax or InterpolatedStringExpressionSyntax => RepeatedText(node),
                    _ => null,
                };
                if (what is not null)
                {
                    findings.Add(new CatalogueFinding(file.Path, LineOf(node), what));
                }
            }
        }

        return findings;
    }

    private static SyntaxNode Parse(SourceFile file) => CSharpSyntaxTree.ParseText(file.Text, Options, file.Path).GetRoot();

    private static int LineOf(SyntaxNode node) => node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;

    private string? Creation(BaseObjectCreationExpressionSyntax creation)
    {
        var type = CreatedType(creation);
        if (type is null || !CarrierTypes.Contains(type, StringComparer.Ordinal))
        {
            return null;
        }

        return ErrorTypes.Contains(type, StringComparer.Ordinal)
            ? $"constructs {type} outside the catalogue: name the error in IamErrors, StsErrors or AwsErrors"
            : TextIn(creation.ArgumentList, $"new {type} is given");
    }

    /// <summary>The created type's name: written out, or for a target-typed <c>new(…)</c> the type the target declares.</summary>
    private static string? CreatedType(BaseObjectCreationExpressionSyntax creation)
    {
        if (creation is ObjectCreationExpressionSyntax explicitly)
        {
            return TypeName(explicitly.Type);
        }

        if (creation.ArgumentList?.Arguments.FirstOrDefault()?.Expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "IamErrorCode" } })
        {
            return "IamException";
        }

        SyntaxNode node = creation;
        var parent = node.Parent;
        while (parent is ParenthesizedExpressionSyntax or ConditionalExpressionSyntax or SwitchExpressionArmSyntax or SwitchExpressionSyntax
            || parent.IsKind(SyntaxKind.CoalesceExpression))
        {
            node = parent;
            parent = parent.Parent;
        }

        var declared = parent switch
        {
            ArrowExpressionClauseSyntax arrow => ReturnTypeOf(arrow.Parent),
            ReturnStatementSyntax ret => ReturnTypeOf(ret.Ancestors().FirstOrDefault(a => a is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or PropertyDeclarationSyntax)),
            EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax declaration } } => declaration.Type,
            EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax property } => property.Type,
            _ => null,
        };
        return declared is null ? null : TypeName(declared);
    }

    private static TypeSyntax? ReturnTypeOf(SyntaxNode? member) => member switch
    {
        MethodDeclarationSyntax method => method.ReturnType,
        LocalFunctionStatementSyntax function => function.ReturnType,
        PropertyDeclarationSyntax property => property.Type,
        _ => null,
    };

    private static string? TypeName(TypeSyntax type) => type switch
    {
        NullableTypeSyntax nullable => TypeName(nullable.ElementType),
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        _ => null,
    };

    private static bool IsCatalogueCall(InvocationExpressionSyntax call) =>
        call.Expression is MemberAccessExpressionSyntax access && access.Expression switch
        {
            IdentifierNameSyntax name => CatalogueClasses.Contains(name.Identifier.ValueText, StringComparer.Ordinal),
            MemberAccessExpressionSyntax qualified => CatalogueClasses.Contains(qualified.Name.Identifier.ValueText, StringComparer.Ordinal),
            _ => false,
        };

    private static bool SetsMessage(WithExpressionSyntax with) =>
        with.Initializer.Expressions.Any(e => e is AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "Message" } });

    /// <summary>Rule 2: words in a literal, or a text constant declared outside the catalogue, among the arguments.</summary>
    private string? TextIn(BaseArgumentListSyntax? arguments, string context)
    {
        if (arguments is null)
        {
            return null;
        }

        foreach (var node in arguments.DescendantNodes())
        {
            if (node is LiteralExpressionSyntax or InterpolatedStringExpressionSyntax && Pieces(node).Any(HasWords))
            {
                return $"{context} text: {Shorten(node.ToString())}; write it in the catalogue";
            }

            if (node is IdentifierNameSyntax name && _textConstants.TryGetValue(name.Identifier.ValueText, out var constant))
            {
                return $"{context} {name.Identifier.ValueText}, text declared at {constant.File.Path}:{constant.Line}; write it in the catalogue";
            }
        }

        return null;
    }

    /// <summary>Rule 3: a literal outside the catalogue holding one of its texts.</summary>
    private string? RepeatedText(SyntaxNode literal)
    {
        foreach (var piece in Pieces(literal))
        {
            if (_catalogueTexts.FirstOrDefault(text => piece.Contains(text, StringComparison.Ordinal)) is { } text)
            {
                return $"repeats the catalogue's text \"{Shorten(text)}\": use the catalogue's factory";
            }
        }

        return null;
    }

    private static bool IsConstantText(VariableDeclaratorSyntax declarator)
    {
        var isConstant = declarator.Parent?.Parent switch
        {
            FieldDeclarationSyntax field => field.Modifiers.Any(SyntaxKind.ConstKeyword)
                || (field.Modifiers.Any(SyntaxKind.StaticKeyword) && field.Modifiers.Any(SyntaxKind.ReadOnlyKeyword)),
            LocalDeclarationStatementSyntax local => local.IsConst,
            _ => false,
        };
        return isConstant && declarator.Initializer?.Value is LiteralExpressionSyntax or InterpolatedStringExpressionSyntax
            && Pieces(declarator.Initializer.Value).Any(HasWords);
    }

    private static IEnumerable<SyntaxNode> Strings(SyntaxNode root) =>
        root.DescendantNodes().Where(n => n is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } or InterpolatedStringExpressionSyntax);

    /// <summary>A string's text between its holes (<c>$"Policy {arn} was not found."</c> has two pieces); none for a literal that is not a string.</summary>
    private static IEnumerable<string> Pieces(SyntaxNode node) => node switch
    {
        LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression) => [literal.Token.ValueText],
        InterpolatedStringExpressionSyntax interpolated => interpolated.Contents.OfType<InterpolatedStringTextSyntax>().Select(t => t.TextToken.ValueText),
        _ => [],
    };

    /// <summary>Words, as a message has them: two or more, with letters.</summary>
    private static bool HasWords(string text) => text.Trim().Contains(' ', StringComparison.Ordinal) && text.Any(char.IsLetter);

    /// <summary>A (trimmed) piece long enough to be a message's and nothing else's: four words or more, 16 characters or more.</summary>
    private static bool IsSentencePiece(string text)
    {
        return text.Length >= 16 && text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 4;
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";
}
