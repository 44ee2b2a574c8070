using System.ComponentModel.DataAnnotations;
using LocalIam.Iam;
using LocalIam.Iam.Billing;
using LocalIam.Iam.Errors;
using LocalIam.Server.Console.Billing;
using LocalIam.Storage.Billing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace LocalIam.Server.Console.Pages.Billing;

/// <summary>
/// /console/billing/cost-allocation-tags, AWS's "Cost allocation tags": user-defined and AWS-generated
/// tag keys with their status; "Activate" and "Deactivate" (ce:UpdateCostAllocationTagsStatus).
/// </summary>
[Authorize]
public sealed class CostAllocationTagsModel(IamCore core, ConsoleAuthorizer authorizer, BillingAccountService billing)
    : BillingPageModel(core, authorizer, billing)
{
    [BindProperty]
    [DisplayFormat(ConvertEmptyStringToNull = false)]
    public string TagKey { get; set; } = string.Empty;

    [BindProperty]
    public bool Activate { get; set; }

    public IReadOnlyList<CostAllocationTag> Tags { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() =>
        await PageRefusedAsync(BillingPermissions.ViewCostAllocationTags) ?? await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await PageRefusedAsync(BillingPermissions.ViewCostAllocationTags) is { } refused)
        {
            return refused;
        }

        if (await ChangeRefusedAsync(BillingPermissions.UpdateCostAllocationTags, LoadAsync) is { } denied)
        {
            return denied;
        }

        try
        {
            await Billing.SetCostAllocationTagStatusAsync(AccountId, TagKey, Activate);
        }
        catch (IamException ex)
        {
            await LoadAsync();
            return Failed(ex);
        }

        return Redirect("/console/billing/cost-allocation-tags");
    }

    private async Task<IActionResult> LoadAsync()
    {
        Tags = await Billing.CostAllocationTagsAsync(AccountId);
        return Page();
    }
}
