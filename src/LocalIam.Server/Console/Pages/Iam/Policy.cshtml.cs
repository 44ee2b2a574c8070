using System.ComponentModel.DataAnnotations;
using LocalIam.Iam;
using LocalIam.Iam.Authorization;
using LocalIam.Iam.Errors;
using LocalIam.Iam.Policies;
using LocalIam.Storage.Entities;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LocalIam.Server.Console.Pages.Iam;

/// <summary>
/// /console/iam/policies/{arn}: a managed policy's summary (iam:GetPolicy) and its tabs:
/// "Permissions" (the default version, iam:GetPolicyVersion), "Entities attached"
/// (iam:ListEntitiesForPolicy) and "Policy versions" (iam:ListPolicyVersions). A customer managed
/// policy can be edited (a new default version, iam:CreatePolicyVersion), its versions made the
/// default or deleted, and the policy deleted, detached first as AWS's console does. Every part is
/// authorized, on the policy's ARN as the API's rows do, before the core is called.
/// </summary>
[Authorize]
[RequestSizeLimit(PolicyEditor.MaxFormBytes)]
public sealed class PolicyModel(IamCore core, ConsoleAuthorizer authorizer) : ConsolePageModel(core, authorizer)
{
    public const string GetAction = "iam:GetPolicy";
    public const string GetVersionAction = "iam:GetPolicyVersion";
    public const string ListEntitiesAction = "iam:ListEntitiesForPolicy";
    public const string ListVersionsAction = "iam:ListPolicyVersions";
    public const string CreateVersionAction = "iam:CreatePolicyVersion";
    public const string SetDefaultAction = "iam:SetDefaultPolicyVersion";
    public const string DeleteVersionAction = "iam:DeletePolicyVersion";
    public const string DeleteAction = "iam:DeletePolicy";

    public static readonly (string Tab, string Label)[] Tabs =
    [
        ("permissions", "Permissions"),
        ("entities", "Entities attached"),
        ("versions", "Policy versions"),
    ];

    [BindProperty(SupportsGet = true, Name = "arn")]
    public string? ArnInPath { get; set; }

    [BindProperty(SupportsGet = true, Name = "tab")]
    public string? Tab { get; set; }

    [BindProperty(SupportsGet = true, Name = "version")]
    public string? VersionId { get; set; }

    [BindProperty(SupportsGet = true, Name = "edit")]
    public bool Editing { get; set; }

    [BindProperty(SupportsGet = true, Name = "delete")]
    public bool Deleting { get; set; }

    /// <summary>What the last change did, for the confirmation (created, edited, default, deleted-version).</summary>
    [BindProperty(SupportsGet = true, Name = "done")]
    public string? Done { get; set; }

    // A document of spaces is a document (AWS answers it as one), not a missing value.
    [BindProperty]
    [DisplayFormat(ConvertEmptyStringToNull = false)]
    public string? Document { get; set; }

    [BindProperty]
    public string? Confirmation { get; set; }

    public string Arn => PolicyKinds.ArnFromPath(ArnInPath);

    public ManagedPolicy? Policy { get; private set; }

    public string CurrentTab => Tabs.Any(t => t.Tab == Tab) ? Tab! : "permissions";

    /// <summary>The document shown: the default version's, or the version being viewed.</summary>
    public PolicyVersion? ShownVersion { get; private set; }

    public IReadOnlyList<PolicyEntity>? Entities { get; private set; }

    public IReadOnlyList<PolicyVersion>? Versions { get; private set; }

    /// <summary>A part of the page the principal may not see: the tab's (or the form's) refusal.</summary>
    public Denial? PartDenial { get; private set; }

    public PolicyEditor? Editor { get; private set; }

    /// <summary>After a create or an edit: Access Analyzer's findings for the version just saved, as warnings.</summary>
    public IReadOnlyList<LocalIam.Policy.Linting.LintFinding>? SavedFindings { get; private set; }

    /// <summary>The core refused: AWS's code and message.</summary>
    public IamException? Failure { get; private set; }

    /// <summary>"Delete" typed with another name than the policy's.</summary>
    public string? ConfirmationFailure { get; private set; }

    public string Href(string? query = null) => PolicyKinds.Href(Arn) + (query is null ? string.Empty : "?" + query);

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadPolicyAsync() is { } stop)
        {
            return stop;
        }

        await LoadPartAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostEditAsync()
    {
        if (await LoadPolicyAsync() is { } stop)
        {
            return stop;
        }

        Editing = true;
        Editor = new PolicyEditor(Document ?? string.Empty, []);
        if (await DeniedAsync(CreateVersionAction, Arn) is { } denial)
        {
            PartDenial = denial;
            return await RefusedAsync(denial);
        }

        try
        {
            // AWS's console saves an edit as a new version and makes it the default.
            await Core.Policies.CreateVersionAsync(Session!.Caller, Arn, Document ?? string.Empty, setAsDefault: true);
            return Redirect(Href("done=edited"));
        }
        catch (IamException ex)
        {
            Editor = PolicyEditor.Checked(Document);
            return Failed(ex);
        }
    }

    public Task<IActionResult> OnPostSetDefaultAsync() =>
        ChangeVersionAsync(SetDefaultAction, (caller, version) => Core.Policies.SetDefaultVersionAsync(caller, Arn, version), "default");

    public Task<IActionResult> OnPostDeleteVersionAsync() =>
        ChangeVersionAsync(DeleteVersionAction, (caller, version) => Core.Policies.DeleteVersionAsync(caller, Arn, version), "deleted-version");

    /// <summary>
    /// "Delete", as AWS's console does it: detach the policy from every user, group and role, delete
    /// its other versions, then delete it. Every one of those calls is authorized first, so a
    /// refusal changes nothing.
    /// </summary>
    public async Task<IActionResult> OnPostDeleteAsync()
    {
        if (await LoadPolicyAsync() is { } stop)
        {
            return stop;
        }

        var policy = Policy!;
        Deleting = true;
        if (await DeniedAsync(ListEntitiesAction, Arn, new AuthorizationCheck(ListVersionsAction, Arn), new AuthorizationCheck(DeleteAction, Arn)) is { } denial)
        {
            PartDenial = denial;
            return await RefusedAsync(denial);
        }

        var caller = Session!.Caller;
        try
        {
            Entities = await Core.Attachments.ListEntitiesAsync(caller, Arn);
            if (!string.Equals(Confirmation?.Trim(), policy.Name, StringComparison.Ordinal))
            {
                // The console's own check, not an AWS error: nothing was sent to the core.
                ConfirmationFailure = ConsoleTexts.DeleteConfirmationDiffers;
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            }

            var others = (await Core.Policies.ListVersionsAsync(caller, Arn)).Where(v => v.VersionId != policy.DefaultVersionId).ToList();
            var checks = Entities.Select(e => new AuthorizationCheck(DetachAction(e.Kind), ResourceName.Named(e.Kind.ToString().ToLowerInvariant(), e.Name), [("iam:PolicyARN", Arn)]))
                .Concat(others.Select(_ => new AuthorizationCheck(DeleteVersionAction, Arn)))
                .ToArray();
            if (checks.Length > 0 && await Authorizer.FirstDenialAsync(Session!, HttpContext, checks) is { } refused)
            {
                PartDenial = refused;
                return await RefusedAsync(refused);
            }

            foreach (var entity in Entities)
            {
                await Core.Attachments.DetachAsync(caller, entity.Kind, entity.Name, Arn);
            }

            foreach (var version in others)
            {
                await Core.Policies.DeleteVersionAsync(caller, Arn, version.VersionId);
            }

            await Core.Policies.DeleteAsync(caller, Arn);
        }
        catch (IamException ex)
        {
            return Failed(ex);
        }

        return Redirect("/console/iam/policies?deleted=" + Uri.EscapeDataString(policy.Name));
    }

    private static string DetachAction(OwnerKind kind) => kind switch
    {
        OwnerKind.User => "iam:DetachUserPolicy",
        OwnerKind.Group => "iam:DetachGroupPolicy",
        _ => "iam:DetachRolePolicy",
    };

    private async Task<IActionResult> ChangeVersionAsync(string action, Func<IamCaller, string, Task> change, string done)
    {
        if (await LoadPolicyAsync() is { } stop)
        {
            return stop;
        }

        Tab = "versions";
        if (await DeniedAsync(action, Arn) is { } denial)
        {
            PartDenial = denial;
            return await RefusedAsync(denial);
        }

        try
        {
            await change(Session!.Caller, VersionId ?? string.Empty);
        }
        catch (IamException ex)
        {
            await LoadPartAsync();
            return Failed(ex);
        }

        return Redirect(Href($"tab=versions&done={done}"));
    }

    /// <summary>The policy itself (iam:GetPolicy); a result when the page cannot go on.</summary>
    private async Task<IActionResult?> LoadPolicyAsync()
    {
        if (await DeniedAsync(GetAction, Arn) is { } denial)
        {
            return await RefusedAsync(denial);
        }

        try
        {
            Policy = await Core.Policies.GetAsync(Session!.Caller, Arn);
            return null;
        }
        catch (IamException ex)
        {
            return Failed(ex);
        }
    }

    /// <summary>The tab (or form) asked for, each authorized before the core reads it.</summary>
    private async Task LoadPartAsync()
    {
        var policy = Policy!;
        var caller = Session!.Caller;
        Editing &= !policy.IsAwsManaged;
        Deleting &= !policy.IsAwsManaged;
        try
        {
            if (Deleting)
            {
                PartDenial = await DeniedAsync(ListEntitiesAction, Arn);
                Entities = PartDenial is null ? await Core.Attachments.ListEntitiesAsync(caller, Arn) : null;
            }
            else if (Editing || CurrentTab == "permissions")
            {
                PartDenial = await DeniedAsync(GetVersionAction, Arn);
                if (PartDenial is null)
                {
                    ShownVersion = await Core.Policies.GetVersionAsync(caller, Arn, policy.DefaultVersionId);
                    Editor = Editing ? PolicyEditor.Opened(Document ?? PolicyJson.Pretty(ShownVersion.Document)) : null;
                    SavedFindings = Done is "created" or "edited" ? PolicyEditor.Validate(ShownVersion.Document) : null;
                }
            }
            else if (CurrentTab == "entities")
            {
                PartDenial = await DeniedAsync(ListEntitiesAction, Arn);
                Entities = PartDenial is null ? await Core.Attachments.ListEntitiesAsync(caller, Arn) : null;
            }
            else
            {
                PartDenial = await DeniedAsync(ListVersionsAction, Arn);
                Versions = PartDenial is null ? await Core.Policies.ListVersionsAsync(caller, Arn) : null;
                if (PartDenial is null && VersionId is not null)
                {
                    PartDenial = await DeniedAsync(GetVersionAction, Arn);
                    ShownVersion = PartDenial is null ? await Core.Policies.GetVersionAsync(caller, Arn, VersionId) : null;
                }
            }
        }
        catch (IamException ex)
        {
            Failed(ex);
        }
    }

    private PageResult Failed(IamException ex)
    {
        Failure = ex;
        Response.StatusCode = ex.HttpStatus;
        return Page();
    }
}
