namespace LocalIam.Server.Tests.Errors;

/// <summary>
/// Every AWS error text lives in the catalogue (docs/iam-errors.md, "Where the texts live"): IAM's
/// and STS's in LocalIam.Iam's <c>IamErrors*.cs</c> and <c>StsErrors.cs</c>, the protocol's in
/// LocalIam.Aws's <c>AwsErrors.cs</c> (that layer cannot see LocalIam.Iam), the policy language's
/// in LocalIam.Policy's <c>AwsPolicyMessages.cs</c> and <c>DecisionMessages.cs</c> (below both).
/// Every other file under src/ names the error it raises.
/// </summary>
public sealed class ErrorCatalogueTests
{
    private static readonly string[] CatalogueFiles =
    [
        "src/LocalIam.Iam/Errors/StsErrors.cs",
        "src/LocalIam.Iam/Errors/FederationErrors.cs",
        "src/LocalIam.Aws/Errors/AwsErrors.cs",
        "src/LocalIam.Policy/Validation/AwsPolicyMessages.cs",
        "src/LocalIam.Policy/Authorization/DecisionMessages.cs",
    ];

    private static readonly Lazy<(List<SourceFile> Catalogue, List<SourceFile> Outside)> Sources = new(ReadSources);

    [Fact]
    public void Sources_OutsideTheCatalogue_WriteNoAwsErrorText()
    {
        var (catalogue, outside) = Sources.Value;
        var scanner = new ErrorTextScanner(catalogue, outside);

        var findings = scanner.Findings();

        Assert.True(outside.Count > 100, $"only {outside.Count} source files read under src/");
        Assert.True(scanner.CatalogueTextCount > 150, $"only {scanner.CatalogueTextCount} catalogue texts read");
        Assert.True(findings.Count == 0, "AWS error texts outside the catalogue:\n" + string.Join("\n", findings));
    }

    [Fact]
    public void Catalogue_EveryFile_ExistsAndIsRead()
    {
        var (catalogue, _) = Sources.Value;
        var read = catalogue.Select(f => f.Path).ToList();

        Assert.All(CatalogueFiles, file => Assert.Contains(file, read));
        Assert.Contains("src/LocalIam.Iam/Errors/IamErrors.cs", read);
        Assert.True(read.Count(f => f.StartsWith("src/LocalIam.Iam/Errors/IamErrors.", StringComparison.Ordinal)) >= 2, "IamErrors' area files were not read");
    }

    [Theory]
    [InlineData("void M() { throw new IamException(IamErrorCode.InvalidInput, \"Invalid Marker.\"); }", "constructs IamException outside the catalogue")]
    [InlineData("void M() { var error = new LocalIam.Aws.Errors.AwsError(\"Throttling\", 400, \"Rate exceeded\"); }", "constructs AwsError outside the catalogue")]
    [InlineData("static IamException Invalid(string message) => new(IamErrorCode.InvalidParameterValue, message);", "constructs IamException outside the catalogue")]
    [InlineData("static AwsError Refused(string message) => new(\"AuthorizationQueryParametersError\", 400, message);", "constructs AwsError outside the catalogue")]
    [InlineData("AwsError? Refused(bool b) { return b ? new(\"X\", 400, \"m\") : null; }", "constructs AwsError outside the catalogue")]
    [InlineData("static readonly AwsError Busy = new(\"Throttling\", 400, \"Rate exceeded\");", "constructs AwsError outside the catalogue")]
    [InlineData("AwsError M() => AwsErrors.MissingAction() with { Message = \"Other words\" };", "sets an error's Message outside the catalogue")]
    [InlineData("void M() { throw IamErrors.DeleteConflict(\"Cannot remove it now.\"); }", "`IamErrors.DeleteConflict` is given text")]
    [InlineData("void M(string v) { throw new AwsException(AwsErrors.OfService(\"X\", 400, $\"Value {v} is bad.\")); }", "`AwsErrors.OfService` is given text")]
    [InlineData("void M() { throw Errors.StsErrors.NotAuthorized(\"arn\", \"sts:AssumeRole\", \"a role\"); }", "`Errors.StsErrors.NotAuthorized` is given text")]
    [InlineData("void M() { const string Gone = \"The thing is gone.\"; throw IamErrors.MalformedPolicy(Gone); }", "`IamErrors.MalformedPolicy` is given Gone, text declared at")]
    [InlineData("void M(List<string> v, string f) { v.Add($\"Value at '{f}' failed to satisfy constraint: Member must not be null\"); }", "repeats the catalogue's text")]
    [InlineData("const string Text = \"Request is missing Authentication Token\";", "repeats the catalogue's text \"Request is missing Authentication Token\"")]
    public void Scanner_AViolation_FoundOnItsLine(string member, string expected)
    {
        var findings = Scan(member);

        Assert.NotEmpty(findings);
        Assert.All(findings, f => Assert.Equal(("src/Example.cs", 5), (f.File, f.Line)));
        Assert.Contains(findings, f => f.What.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("void M(OwnerKind kind, string name) { throw IamErrors.NoSuchEntity(kind, name); }")]
    [InlineData("void M() { throw IamErrors.Quota(\"AccessKeysPerUser\", 2); }")]
    [InlineData("void M(string kind) { throw IamErrors.Quota($\"PoliciesPer{kind}\", 10); }")]
    [InlineData("void M(string other) { throw IamErrors.EnumValueInvalid(\"status\", other, \"Active\", \"Inactive\"); }")]
    [InlineData("void M() { throw new AwsException(AwsErrors.MissingMember(\"Enabled\")); }")]
    [InlineData("static AwsException WrongType(string name) => new(AwsErrors.MemberNotOfType(name));")]
    [InlineData("void M(Decision decision) { throw IamErrors.AccessDenied(decision.Message); }")]
    [InlineData("AwsError M(IamException iam) => AwsErrors.OfService(iam.Code.ToString(), iam.HttpStatus, iam.Message);")]
    [InlineData("const string SettingName = \"IAM user and role access to Billing information\";")]
    [InlineData("void M(ILogger logger) { logger.LogInformation(\"Listening on every address\"); }")]
    public void Scanner_CodeThatNamesItsErrors_FindsNothing(string member) => Assert.Empty(Scan(member));

    [Fact]
    public void Scanner_TheCatalogueReadAsOutside_FindsTextInEveryFile()
    {
        var (catalogue, _) = Sources.Value;

        var findings = new ErrorTextScanner(catalogue, catalogue).Findings();

        Assert.All(catalogue, file => Assert.Contains(findings, f => f.File == file.Path));
        Assert.Contains(findings, f => f.File == "src/LocalIam.Iam/Errors/IamErrors.cs" && f.What.StartsWith("constructs IamException", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.File == "src/LocalIam.Aws/Errors/AwsErrors.cs" && f.What.StartsWith("constructs AwsError", StringComparison.Ordinal));
    }

    /// <summary>The member in a class of its own, on line 5 of <c>src/Example.cs</c>, against the real catalogue.</summary>
    private static IReadOnlyList<CatalogueFinding> Scan(string member)
    {
        var source = new SourceFile("src/Example.cs", $"namespace Example;\n\ninternal sealed class C\n{{\n    {member}\n}}\n");
        return new ErrorTextScanner(Sources.Value.Catalogue, [source]).Findings();
    }

    private static (List<SourceFile>, List<SourceFile>) ReadSources()
    {
        var root = RepositoryRoot();
        var files = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(root, path).Replace('\\', '/'))
            .Where(path => !path.Contains("/bin/", StringComparison.Ordinal) && !path.Contains("/obj/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(path => new SourceFile(path, File.ReadAllText(Path.Combine(root, path))))
            .ToList();
        return ([.. files.Where(f => IsCatalogue(f.Path))], [.. files.Where(f => !IsCatalogue(f.Path))]);
    }

    private static bool IsCatalogue(string path) =>
        CatalogueFiles.Contains(path, StringComparer.Ordinal)
        || (path.StartsWith("src/LocalIam.Iam/Errors/IamErrors.", StringComparison.Ordinal) && path.EndsWith(".cs", StringComparison.Ordinal));

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LocalIam.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("LocalIam.slnx not found above the test binaries");
    }
}
