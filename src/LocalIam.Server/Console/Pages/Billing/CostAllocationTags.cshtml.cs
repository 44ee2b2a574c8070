using System.ComponentModel.DataAnnotations;
using LocalIam.Iam;
using LocalIam.Iam.Billing;
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

    public Task<IActionResult> OnPostAsync() => ChangeAsync(BillingPermissions.ViewCostAllocationTags, BillingPermissions.UpdateCostAllocationTags,
        () => Billing.SetCostAllocationTagStatusAsync(AccountId, TagKey, Activate), LoadAsync, "/console/billing/cost-allocation-tags");

    private async Task<IActionResult> LoadAsync()
    {
        Tags = await Billing.CostAllocationTagsAsync(AccountId);
        return Page();
    }
}
