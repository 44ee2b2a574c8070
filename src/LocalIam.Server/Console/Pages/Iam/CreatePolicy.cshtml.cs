using System.ComponentModel.DataAnnotations;
using LocalIam.Iam;
using LocalIam.Iam.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace LocalIam.Server.Console.Pages.Iam;

/// <summary>
/// /console/iam/policies/create: "Policy editor", "Policy name", "Description", "Create policy".
/// Saving is the API's CreatePolicy: authorized as iam:CreatePolicy on the new policy's ARN, then the
/// core validates and stores it; a refusal shows AWS's error and, for a document, where the parser
/// found it.
/// </summary>
[Authorize]
[RequestSizeLimit(PolicyEditor.MaxFormBytes)]
public sealed class CreatePolicyModel(IamCore core, ConsoleAuthorizer authorizer) : ConsolePageModel(core, authorizer)
{
    public const string Action = "iam:CreatePolicy";

    [BindProperty]
    public string? PolicyName { get; set; }

    [BindProperty]
    public string? Description { get; set; }

    // A document of spaces is a document (AWS answers it as one), not a missing value.
    [BindProperty]
    [DisplayFormat(ConvertEmptyStringToNull = false)]
    public string? Document { get; set; }

    public PolicyEditor Editor { get; private set; } = PolicyEditor.Opened(PolicyEditor.NewDocument);

    /// <summary>AWS's error code and message when the core refused the policy.</summary>
    public IamException? Failure { get; private set; }

    public async Task<IActionResult> OnPostAsync()
    {
        var session = Session!;
        Editor = new PolicyEditor(Document ?? string.Empty, []);
        var name = PolicyName ?? string.Empty;
        if (await DeniedAsync(Action, ArnOf("policy", name)) is { } denial)
        {
            return await RefusedAsync(denial);
        }

        try
        {
            var policy = await Core.Policies.CreateAsync(session.Caller, name, Document ?? string.Empty, description: string.IsNullOrEmpty(Description) ? null : Description);
            return Redirect(PolicyKinds.Href(policy.Arn) + "?done=created");
        }
        catch (IamException ex)
        {
            Failure = ex;
            Editor = PolicyEditor.Checked(Document);
            Response.StatusCode = ex.HttpStatus;
            return Page();
        }
    }
}
