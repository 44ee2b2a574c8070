namespace LocalIam.Iam.Billing.Import;

/// <summary>The column names a report uses: the legacy Cost and Usage Report's, or CUR 2.0's (Data Exports).</summary>
public enum CostReportForm
{
    Legacy,
    Cur2,
}

/// <summary>What the importer reads from a line item.</summary>
internal enum CostField
{
    UsageStartDate,
    ProductCode,
    ProductName,
    Region,
    UsageType,
    Operation,
    LineItemType,
    UsageAccountId,
    ResourceId,
    UsageAmount,
    PricingUnit,
    UnblendedCost,
    BlendedCost,
    NetUnblendedCost,
    ReservationArn,
    ReservationEffectiveCost,
    ReservationNetEffectiveCost,
    ReservationUnusedAmortizedUpfrontFee,
    ReservationNetUnusedAmortizedUpfrontFee,
    ReservationUnusedRecurringFee,
    ReservationNetUnusedRecurringFee,
    SavingsPlanEffectiveCost,
    SavingsPlanNetEffectiveCost,
    SavingsPlanTotalCommitmentToDate,
    SavingsPlanUsedCommitment,
}

/// <summary>One field's column names in each form; the first name is the one messages use.</summary>
internal sealed record CostColumn(CostField Field, bool Required, string[] Legacy, string[] Cur2);

/// <summary>
/// The columns of both forms, from AWS's data dictionaries (legacy CUR: "Line item details",
/// "Product details", "Pricing details", "Reservation details", "Savings Plans details"; CUR 2.0:
/// the Data Exports table dictionary). docs/billing.md shows the same mapping.
/// </summary>
internal static class CostReportColumns
{
    public const string LegacyName = "legacy CUR";
    public const string Cur2Name = "CUR 2.0";

    /// <summary>Legacy CSV: one column per user tag.</summary>
    public const string LegacyUserTagPrefix = "resourceTags/user:";

    /// <summary>CUR 2.0: the map of tags (JSON in CSV, MAP in Parquet); user tags' keys start with <c>user_</c>.</summary>
    public const string Cur2TagMap = "resource_tags";

    /// <summary>Athena-style flattened tag columns, as legacy Parquet and some CUR 2.0 queries name them.</summary>
    public const string Cur2UserTagPrefix = "resource_tags_user_";

    public const string Cur2UserTagKeyPrefix = "user_";

    /// <summary>CUR 2.0's map of product attributes (JSON in CSV, MAP in Parquet), where <c>product_name</c> lives.</summary>
    public const string Cur2ProductMap = "product";

    public const string Cur2ProductNameKey = "product_name";

    public static readonly CostColumn[] All =
    [
        new(CostField.UsageStartDate, true, ["lineItem/UsageStartDate"], ["line_item_usage_start_date"]),
        new(CostField.ProductCode, true, ["lineItem/ProductCode"], ["line_item_product_code"]),
        new(CostField.ProductName, false, ["product/ProductName"], ["product_product_name", "product['product_name']", "product.product_name"]),
        new(CostField.Region, false, ["product/regionCode", "product/region"], ["product_region_code", "product_region"]),
        new(CostField.UsageType, true, ["lineItem/UsageType"], ["line_item_usage_type"]),
        new(CostField.Operation, true, ["lineItem/Operation"], ["line_item_operation"]),
        new(CostField.LineItemType, true, ["lineItem/LineItemType"], ["line_item_line_item_type"]),
        new(CostField.UsageAccountId, true, ["lineItem/UsageAccountId"], ["line_item_usage_account_id"]),
        new(CostField.ResourceId, false, ["lineItem/ResourceId"], ["line_item_resource_id"]),
        new(CostField.UsageAmount, true, ["lineItem/UsageAmount"], ["line_item_usage_amount"]),
        new(CostField.PricingUnit, false, ["pricing/unit"], ["pricing_unit"]),
        new(CostField.UnblendedCost, true, ["lineItem/UnblendedCost"], ["line_item_unblended_cost"]),
        new(CostField.BlendedCost, false, ["lineItem/BlendedCost"], ["line_item_blended_cost"]),
        new(CostField.NetUnblendedCost, false, ["lineItem/NetUnblendedCost"], ["line_item_net_unblended_cost"]),
        new(CostField.ReservationArn, false, ["reservation/ReservationARN"], ["reservation_reservation_a_r_n"]),
        new(CostField.ReservationEffectiveCost, false, ["reservation/EffectiveCost"], ["reservation_effective_cost"]),
        new(CostField.ReservationNetEffectiveCost, false, ["reservation/NetEffectiveCost"], ["reservation_net_effective_cost"]),
        new(CostField.ReservationUnusedAmortizedUpfrontFee, false, ["reservation/UnusedAmortizedUpfrontFeeForBillingPeriod"], ["reservation_unused_amortized_upfront_fee_for_billing_period"]),
        new(CostField.ReservationNetUnusedAmortizedUpfrontFee, false, ["reservation/NetUnusedAmortizedUpfrontFeeForBillingPeriod"], ["reservation_net_unused_amortized_upfront_fee_for_billing_period"]),
        new(CostField.ReservationUnusedRecurringFee, false, ["reservation/UnusedRecurringFee"], ["reservation_unused_recurring_fee"]),
        new(CostField.ReservationNetUnusedRecurringFee, false, ["reservation/NetUnusedRecurringFee"], ["reservation_net_unused_recurring_fee"]),
        new(CostField.SavingsPlanEffectiveCost, false, ["savingsPlan/SavingsPlanEffectiveCost"], ["savings_plan_savings_plan_effective_cost"]),
        new(CostField.SavingsPlanNetEffectiveCost, false, ["savingsPlan/NetSavingsPlanEffectiveCost"], ["savings_plan_net_savings_plan_effective_cost"]),
        new(CostField.SavingsPlanTotalCommitmentToDate, false, ["savingsPlan/TotalCommitmentToDate"], ["savings_plan_total_commitment_to_date"]),
        new(CostField.SavingsPlanUsedCommitment, false, ["savingsPlan/UsedCommitment"], ["savings_plan_used_commitment"]),
    ];

    public static readonly int FieldCount = Enum.GetValues<CostField>().Length;

    public static string FormName(CostReportForm form) => form == CostReportForm.Legacy ? LegacyName : Cur2Name;

    public static string[] Names(CostColumn column, CostReportForm form) => form == CostReportForm.Legacy ? column.Legacy : column.Cur2;

    /// <summary>
    /// Which form <paramref name="header"/> uses (the one with more of its required columns present),
    /// or null when it has none of either.
    /// </summary>
    public static CostReportForm? Recognise(IReadOnlyCollection<string> header)
    {
        var names = new HashSet<string>(header, StringComparer.OrdinalIgnoreCase);
        int Count(CostReportForm form) => All.Count(c => c.Required && Names(c, form).Any(names.Contains));
        var (legacy, cur2) = (Count(CostReportForm.Legacy), Count(CostReportForm.Cur2));
        if (legacy == 0 && cur2 == 0)
        {
            return null;
        }

        return legacy >= cur2 ? CostReportForm.Legacy : CostReportForm.Cur2;
    }

    /// <summary>
    /// The index of each field's column in <paramref name="header"/> (-1 when absent), or the
    /// refusal naming the required columns that are missing.
    /// </summary>
    public static int[] Resolve(IReadOnlyList<string> header, CostReportForm form, string where)
    {
        var byName = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = header.Count - 1; i >= 0; i--)
        {
            byName[header[i]] = i;
        }

        var indices = new int[FieldCount];
        var missing = new List<string>();
        foreach (var column in All)
        {
            var names = Names(column, form);
            var found = names.Select(n => byName.GetValueOrDefault(n, -1)).FirstOrDefault(i => i >= 0, -1);
            indices[(int)column.Field] = found;
            if (found < 0 && column.Required)
            {
                missing.Add($"`{names[0]}`");
            }
        }

        if (missing.Count > 0)
        {
            var list = missing.Count == 1 ? $"the column {missing[0]} is missing" : $"the columns {string.Join(", ", missing)} are missing";
            throw new CostReportException($"{where}: {list} (the header has {FormName(form)} column names)");
        }

        return indices;
    }

    /// <summary>A message for a header with neither form's columns.</summary>
    public static CostReportException NotAReport(string where) => new(
        $"{where}: no Cost and Usage Report columns (a legacy CUR has `lineItem/UsageStartDate`, a CUR 2.0 export `line_item_usage_start_date`)");
}
