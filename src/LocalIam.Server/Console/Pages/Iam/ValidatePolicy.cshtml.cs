using System.ComponentModel.DataAnnotations;
using LocalIam.Iam;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace LocalIam.Server.Console.Pages.Iam;

/// <summary>One finding as the editor's script lists it.</summary>
public sealed record PolicyDiagnosticJson(int Line, int Column, string Message, string Severity, string Help);

/// <summary>
/// POST /console/iam/policies/validate: the live diagnostics of the policy editor. The document is
/// checked by the core exactly as saving checks it (<see cref="PolicyEditor.Checked"/>) and every
/// finding is answered as JSON. Only a console session may ask, with its antiforgery token (Razor
/// Pages refuse a post without one with 400); the request is bounded like the editor's form, and
/// the parser's own limits (depth, size) bound the work. It reads nothing of the account, so it
/// needs no IAM permission: AWS's editor checks as you type for anyone who may open it.
/// </summary>
[Authorize]
[RequestSizeLimit(PolicyEditor.MaxFormBytes)]
public sealed class ValidatePolicyModel(IamCore core) : ConsolePageModel(core)
{
    // A document of spaces is a document (AWS answers it as one), not a missing value.
    [BindProperty(Name = "document")]
    [DisplayFormat(ConvertEmptyStringToNull = false)]
    public string? Document { get; set; }

    public IActionResult OnGet() => NotFound();

    public IActionResult OnPost() =>
        new JsonResult(PolicyEditor.Checked(Document).Diagnostics.Select(d =>
            new PolicyDiagnosticJson(d.Span.Line, d.Span.Column, d.Message, d.IsError ? "error" : "warning", d.Help)));
}
