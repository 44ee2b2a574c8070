namespace LocalIam.Server.Console.Billing;

/// <summary>
/// What one Billing and Cost Management page or change needs: the fine-grained actions an account
/// enforces by default, and the legacy <c>aws-portal:</c> ones (with any service actions the old
/// pages also checked) when the account still enforces the legacy set. Every pair follows AWS's
/// mapping of old to new actions (tests/…/BillingPermissionsTests checks it against the mapping).
/// </summary>
public sealed record BillingActions(string[] FineGrained, string[] Legacy)
{
    public IReadOnlyList<string> For(bool legacyActions) => legacyActions ? Legacy : FineGrained;
}

/// <summary>Every billing page's and change's permission, by name, so a reader can grep for what a page needs.</summary>
public static class BillingPermissions
{
    private const string ViewBilling = "aws-portal:ViewBilling", ModifyBilling = "aws-portal:ModifyBilling";
    private const string ViewPaymentMethods = "aws-portal:ViewPaymentMethods", ModifyPaymentMethods = "aws-portal:ModifyPaymentMethods";

    public static readonly BillingActions ViewHome = new(["billing:GetBillingData", "ce:GetCostAndUsage"], [ViewBilling]);

    public static readonly BillingActions ViewForecast = new(["ce:GetCostForecast"], [ViewBilling]);

    public static readonly BillingActions ViewBills = new(["billing:GetBillingData", "billing:GetBillingDetails"], [ViewBilling]);

    public static readonly BillingActions ViewPayments = new(["payments:GetPaymentStatus", "invoicing:ListInvoiceSummaries"], [ViewBilling]);

    public static readonly BillingActions MakePayment = new(["payments:MakePayment"], [ModifyPaymentMethods]);

    public static readonly BillingActions ViewPaymentMethodsPage = new(["payments:ListPaymentPreferences", "payments:GetPaymentInstrument"], [ViewPaymentMethods]);

    public static readonly BillingActions AddPaymentMethod = new(["payments:CreatePaymentInstrument"], [ModifyPaymentMethods]);

    public static readonly BillingActions RemovePaymentMethod = new(["payments:DeletePaymentInstrument"], [ModifyPaymentMethods]);

    public static readonly BillingActions MakeDefaultPaymentMethod = new(["payments:UpdatePaymentPreferences"], [ModifyPaymentMethods]);

    public static readonly BillingActions ViewBudgets = new(["budgets:ViewBudget"], [ViewBilling, "budgets:ViewBudget"]);

    public static readonly BillingActions ModifyBudgets = new(["budgets:ModifyBudget"], [ModifyBilling, "budgets:ModifyBudget"]);

    public static readonly BillingActions ViewCostExplorer = new(["ce:GetCostAndUsage", "ce:GetDimensionValues", "ce:GetTags"], [ViewBilling]);

    public static readonly BillingActions ViewPreferences = new(["billing:GetBillingPreferences"], [ViewBilling]);

    public static readonly BillingActions UpdatePreferences = new(["billing:UpdateBillingPreferences"], [ModifyBilling]);

    public static readonly BillingActions ViewTax = new(["tax:ListTaxRegistrations"], [ViewBilling]);

    public static readonly BillingActions ChangeTax = new(["tax:BatchPutTaxRegistration"], [ModifyBilling]);

    public static readonly BillingActions DeleteTax = new(["tax:DeleteTaxRegistration"], [ModifyBilling]);

    public static readonly BillingActions ViewCostAllocationTags = new(["ce:ListCostAllocationTags"], [ViewBilling]);

    public static readonly BillingActions UpdateCostAllocationTags = new(["ce:UpdateCostAllocationTagsStatus"], [ModifyBilling]);

    /// <summary>Which action set the account enforces: both sets use aws-portal's own pair for it.</summary>
    public static readonly BillingActions ViewActionSet = new(["aws-portal:GetConsoleActionSetEnforced"], ["aws-portal:GetConsoleActionSetEnforced"]);

    public static readonly BillingActions ChangeActionSet = new(["aws-portal:UpdateConsoleActionSetEnforced"], ["aws-portal:UpdateConsoleActionSetEnforced"]);

    /// <summary>Every permission above, for the test that checks them against AWS's mapping.</summary>
    public static IEnumerable<(string Name, BillingActions Permission)> All() =>
        typeof(BillingPermissions).GetFields().Where(f => f.FieldType == typeof(BillingActions))
            .Select(f => (f.Name, (BillingActions)f.GetValue(null)!));
}
