using LocalIam.Policy.Syntax;
using LocalIam.Policy.Text;

namespace LocalIam.Policy.Validation;

/// <summary>
/// The catalogue of policy diagnostics. Each id has a precedence that mirrors the order in which
/// AWS checks a document, so the first error reported is the one AWS would return.
/// </summary>
public static class PolicyDiagnostics
{
    // AWS's order of checks (docs/policy-validation.md): syntax, version, legacy parsing, Sids, actions
    // present, resource formats, action prefixes, resources present, principals.
    private static readonly Dictionary<string, int> Precedence = new(StringComparer.Ordinal)
    {
        ["LIP001"] = 0, ["LIP002"] = 0, ["LIP003"] = 1, ["LIP004"] = 1, ["LIP005"] = 1,
        ["LIP006"] = 1, ["LIP007"] = 1, ["LIP008"] = 1, ["LIP009"] = 1, ["LIP010"] = 1,
        ["LIP011"] = 2, ["LIP012"] = 3, ["LIP013"] = 3, ["LIP014"] = 3, ["LIP015"] = 4,
        ["LIP016"] = 4, ["LIP017"] = 5, ["LIP019"] = 6, ["LIP020"] = 6, ["LIP021"] = 6,
        ["LIP022"] = 6, ["LIP032"] = 6, ["LIP033"] = 6, ["LIP023"] = 8, ["LIP024"] = 8,
        ["LIP025"] = 8, ["LIP018"] = 9, ["LIP026"] = 10, ["LIP027"] = 10, ["LIP028"] = 10,
        ["LIP029"] = 10, ["LIP030"] = 10, ["LIP031"] = 1,
    };

    /// <summary>Errors in a resource's format, which AWS reports before any resource's legacy-parsing error.</summary>
    private static readonly HashSet<string> ResourceFormatIds = new(StringComparer.Ordinal) { "LIP019", "LIP020", "LIP021", "LIP022", "LIP032", "LIP033" };

    /// <summary>Lower comes first: AWS's order of checks.</summary>
    public static int PrecedenceOf(string id) => Precedence.GetValueOrDefault(id, 100);

    /// <summary>
    /// As <see cref="PrecedenceOf(string)"/>, but a resource's legacy-parsing error (LIP014) comes
    /// after the format errors when the document has one: AWS parses resources the legacy way only
    /// when every resource's format passed (`["arn:error:s3:::b", "arn:error:s3::b"]` names the partition).
    /// </summary>
    public static int PrecedenceOf(string id, bool hasResourceFormatError) =>
        id == "LIP014" && hasResourceFormatError ? 7 : PrecedenceOf(id);

    public static bool IsResourceFormatError(string id) => ResourceFormatIds.Contains(id);

    public static Diagnostic InvalidJson(string awsMessage, SourceSpan span, string detail) =>
        Error("LIP001", awsMessage, span, $"the document is not valid JSON: {detail}");

    public static Diagnostic DocumentTooLarge(string awsMessage) =>
        Error("LIP002", awsMessage, SourceSpan.None, $"the document is larger than {JsonSyntaxLimits.MaxDocumentBytes} bytes");

    public static Diagnostic UnexpectedShape(string awsMessage, SourceSpan span, string what, string expected, string found) =>
        Error("LIP003", awsMessage, span, $"`{what}` must be {expected}, not {found}") with { Arguments = [what, expected, found] };

    public static Diagnostic UnknownElement(string awsMessage, SourceSpan span, string name, string where) =>
        Error("LIP004", awsMessage, span, $"`{name}` is not an element of {where}; names are case-sensitive") with { Arguments = [name] };

    public static Diagnostic MissingStatement(string awsMessage, SourceSpan span) =>
        Error("LIP005", awsMessage, span, "a policy needs a `Statement` with at least one statement");

    public static Diagnostic InvalidEffect(string awsMessage, SourceSpan span, string? effect) =>
        Error(effect is null ? "LIP006" : "LIP007", awsMessage, span,
            effect is null ? "every statement needs `Effect`: `Allow` or `Deny`" : $"`Effect` is `{effect}`; it must be `Allow` or `Deny`, written exactly so") with { Arguments = effect is null ? [] : [effect] };

    public static Diagnostic BothElements(string awsMessage, SourceSpan span, string first, string second) =>
        Error("LIP008", awsMessage, span, $"a statement may have `{first}` or `{second}`, not both") with { Arguments = [first, second] };

    public static Diagnostic PrincipalNotAllowed(SourceSpan span, string element, PolicyKind kind) =>
        Error("LIP009", AwsPolicyMessages.PrincipalNotAllowed, span, $"`{element}` belongs in trust and resource-based policies, not in a {Describe(kind)}") with { Arguments = [element] };

    public static Diagnostic UnknownConditionOperator(string awsMessage, SourceSpan span, string op) =>
        Error("LIP010", awsMessage, span, $"`{op}` is not a condition operator") with { Arguments = [op] };

    public static Diagnostic InvalidVersion(string awsMessage, SourceSpan span, string? version) =>
        Error("LIP011", awsMessage, span, version is null
            ? "this kind of policy needs `\"Version\": \"2012-10-17\"`"
            : $"`Version` is `{version}`; use `2012-10-17` (or the older `2008-10-17`)") with { Arguments = version is null ? [] : [version] };

    public static Diagnostic EffectCase(SourceSpan span, string effect) =>
        Error("LIP012", AwsPolicyMessages.LegacyParsing, span, $"`Effect` is `{effect}`; write `Allow` or `Deny` with that exact case") with { Arguments = [effect] };

    public static Diagnostic InvalidDate(SourceSpan span, string value) =>
        Error("LIP013", AwsPolicyMessages.LegacyParsing, span, $"`{value}` is not an ISO 8601 date or a number of seconds since 1970") with { Arguments = [value] };

    public static Diagnostic ArnShape(SourceSpan span, string value) =>
        Error("LIP014", AwsPolicyMessages.LegacyParsing, span, $"`{value}` has an empty service, or an empty part in fewer than the six parts of an ARN (arn:partition:service:region:account:resource)") with { Arguments = [value] };

    public static Diagnostic DuplicateSid(SourceSpan span, string sid) =>
        Error("LIP015", AwsPolicyMessages.DuplicateSid, span, $"another statement already uses the Sid `{sid}`");

    public static Diagnostic SidNotAlphanumeric(SourceSpan span, string sid) =>
        Error("LIP016", AwsPolicyMessages.SidNotAlphanumeric, span, $"the Sid `{sid}` may contain only letters and digits in this kind of policy");

    public static Diagnostic MissingActions(SourceSpan span) =>
        Error("LIP017", AwsPolicyMessages.MustContainActions, span, "add `Action` (or `NotAction`) with at least one action");

    public static Diagnostic MissingResources(SourceSpan span) =>
        Error("LIP018", AwsPolicyMessages.MustContainResources, span, "add `Resource` (or `NotResource`), for example `\"Resource\": \"*\"`");

    public static Diagnostic ResourceNotArn(SourceSpan span, string value) =>
        Error("LIP019", AwsPolicyMessages.ResourceNotArn(value), span, $"`{value}` is neither `*` nor an ARN");

    /// <param name="parts">The parts after the partition: service, region, account, the rest (any may be missing).</param>
    public static Diagnostic PartitionNotValid(SourceSpan span, string value, string partition, string[] parts) =>
        Error("LIP020", AwsPolicyMessages.PartitionNotValid(partition, parts), span, $"`{partition}` in `{value}` is not an AWS partition such as `aws`")
            with { Arguments = [value, partition, parts.Length > 0 ? parts[0] : string.Empty] };

    public static Diagnostic ResourceVendor(SourceSpan span, string value) =>
        Error("LIP021", AwsPolicyMessages.ResourceVendorNotQualified, span, $"the service part of `{value}` must be a plain service name such as `iam` or `s3`");

    public static Diagnostic IamResourceRegion(SourceSpan span, string value) =>
        Error("LIP022", AwsPolicyMessages.IamResourceWithRegion(value), span, "IAM is global: leave the region part of an IAM ARN empty");

    public static Diagnostic IamResourcePath(SourceSpan span, string value) =>
        Error("LIP032", AwsPolicyMessages.IamResourcePath(ElementRules.IamResourcePaths), span,
            $"`{value}` names no IAM resource type: the part after the account starts with `user/`, `role/`, `policy/`... or is `*`") with { Arguments = [value] };

    public static Diagnostic S3ResourceRegion(SourceSpan span, string value) =>
        Error("LIP033", AwsPolicyMessages.S3ResourceWithRegion(value), span,
            "buckets and objects are named without a region (`arn:aws:s3:::bucket/key`); only access points, jobs, Storage Lens and Access Grants carry one") with { Arguments = [value] };

    public static Diagnostic ActionWithoutVendor(SourceSpan span, string value) =>
        Error("LIP023", AwsPolicyMessages.ActionWithoutVendor, span, $"`{value}` needs a service prefix, as in `iam:GetUser`");

    public static Diagnostic ActionTooManyColons(SourceSpan span, string value) =>
        Error("LIP024", AwsPolicyMessages.ActionTooManyColons, span, $"`{value}` has more than one colon");

    public static Diagnostic VendorNotValid(SourceSpan span, string vendor) =>
        Error("LIP025", AwsPolicyMessages.VendorNotValid(vendor), span, $"`{vendor}` is not a service prefix: use letters, digits, `-` and `.` only") with { Arguments = [vendor] };

    public static Diagnostic MissingPrincipal(SourceSpan span, PolicyKind kind) =>
        Error("LIP026", kind == PolicyKind.Trust ? AwsPolicyMessages.TrustMissingPrincipal : AwsPolicyMessages.ResourceMissingPrincipal, span,
            $"every statement of a {Describe(kind)} needs `Principal` (or `NotPrincipal`)");

    public static Diagnostic InvalidPrincipal(SourceSpan span, string type, string value) =>
        Error("LIP027", AwsPolicyMessages.InvalidPrincipal(type, value), span,
            $"`{value}` is not a valid `{type}` principal: use `*`, a 12-digit account id or an IAM ARN") with { Arguments = [type, value] };

    public static Diagnostic TrustStarPrincipal(SourceSpan span) =>
        Error("LIP028", AwsPolicyMessages.TrustStarPrincipal, span, "a trust policy may not say `\"Principal\": \"*\"`; name who may assume the role");

    public static Diagnostic TrustActionNotSts(SourceSpan span, string value) =>
        Error("LIP029", AwsPolicyMessages.TrustActionsOnlySts, span, $"`{value}` is not one of `sts:AssumeRole`, `sts:AssumeRoleWithSAML`, `sts:AssumeRoleWithWebIdentity`, `sts:TagSession`, `sts:SetSourceIdentity`, `sts:SetContext`; a trust policy only says who may assume the role");

    public static Diagnostic TrustResourceProhibited(SourceSpan span) =>
        Error("LIP030", AwsPolicyMessages.TrustResourceProhibited, span, "a trust policy applies to its role: remove `Resource`");

    public static Diagnostic UnknownPrincipalType(string awsMessage, SourceSpan span, string type) =>
        Error("LIP031", awsMessage, span, $"`{type}` is not a principal type: use `AWS`, `Service`, `Federated` or `CanonicalUser`") with { Arguments = [type] };

    // Warnings: AWS accepts these, but they rarely do what the author meant.
    public static Diagnostic DuplicateKey(string name, SourceSpan span) =>
        Warning("LIW001", $"Key `{name}` appears more than once; the last value is used", span, "remove the repeated key: AWS keeps only its last value");

    public static Diagnostic VariableWithoutVersion(SourceSpan span, string value) =>
        Warning("LIW002", $"Policy variables in `{value}` are read as plain text without Version 2012-10-17", span, "add `\"Version\": \"2012-10-17\"` to use policy variables");

    public static Diagnostic UnusableConditionValue(SourceSpan span, string op, string value, string expected) =>
        Warning("LIW003", $"Condition value `{value}` can never match with `{op}`", span, $"`{op}` compares {expected}") with { Arguments = [op, value] };

    public static Diagnostic ForAllValuesWithAllow(SourceSpan span, string op) =>
        Warning("LIW004", $"`{op}` in an Allow statement also matches a request without the key", span,
            "ForAllValues is true when the key is missing or empty; add a `Null` condition on the key, or use ForAnyValue");

    public static Diagnostic EmptyUnknownOperator(SourceSpan span, string op) =>
        Warning("LIW005", $"`{op}` is not a condition operator; its block is empty, so it has no effect", span, "remove the block or correct the operator name") with { Arguments = [op] };

    internal static string Describe(PolicyKind kind) => kind switch
    {
        PolicyKind.Identity => "identity-based policy",
        PolicyKind.Trust => "role trust policy",
        PolicyKind.Resource => "resource-based policy",
        PolicyKind.PermissionsBoundary => "permissions boundary",
        PolicyKind.Session => "session policy",
        _ => "service control policy",
    };

    private static Diagnostic Error(string id, string message, SourceSpan span, string help) => new(id, DiagnosticSeverity.Error, message, span, help);

    private static Diagnostic Warning(string id, string message, SourceSpan span, string help) => new(id, DiagnosticSeverity.Warning, message, span, help);
}
