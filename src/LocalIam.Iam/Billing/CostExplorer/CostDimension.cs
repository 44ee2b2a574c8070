using LocalIam.Storage.Billing;

namespace LocalIam.Iam.Billing.CostExplorer;

/// <summary>
/// A Cost Explorer dimension (<c>SERVICE</c>, <c>REGION</c> …) and the value it gives each cost row,
/// as Cost Explorer shows it: SERVICE is <c>Tax</c> for tax records; REGION is <c>global</c> for
/// usage billed without a region and <c>NoRegion</c> for records that have none (tax, credits,
/// refunds); RECORD_TYPE names line-item types as Cost Explorer does (<c>Recurring reservation
/// fee</c> for RIFee). A dimension the data cannot say anything about (AZ, PLATFORM …) gives every
/// row Cost Explorer's "no value" form, <c>NoAZ</c>, <c>NoPlatform</c> (docs/billing.md).
/// </summary>
public sealed class CostDimension
{
    private static readonly Dictionary<string, CostDimension> ByName = new(StringComparer.Ordinal);

    public static readonly CostDimension Service = Add("SERVICE", r => r.LineItemType == "Tax" ? "Tax" : r.ServiceName);
    public static readonly CostDimension Region = Add("REGION", r => r.Region.Length > 0 ? r.Region : IsUsage(r.LineItemType) ? "global" : "NoRegion");
    public static readonly CostDimension UsageType = Add("USAGE_TYPE", r => r.UsageType.Length > 0 ? r.UsageType : "NoUsageType");
    public static readonly CostDimension Operation = Add("OPERATION", r => r.Operation.Length > 0 ? r.Operation : "NoOperation");
    public static readonly CostDimension LinkedAccount = Add("LINKED_ACCOUNT", r => r.LinkedAccountId);
    public static readonly CostDimension RecordType = Add("RECORD_TYPE", r => RecordTypeOf(r.LineItemType, r.ServiceCode));
    public static readonly CostDimension InstanceType = Add("INSTANCE_TYPE", r => InstanceTypeOf(r.UsageType) ?? "NoInstanceType");
    public static readonly CostDimension InstanceTypeFamily = Add("INSTANCE_TYPE_FAMILY", r => InstanceTypeOf(r.UsageType) is { } type ? type[..type.LastIndexOf('.')] : "NoInstanceTypeFamily");
    public static readonly CostDimension PurchaseType = Add("PURCHASE_TYPE", r => PurchaseTypeOf(r));
    public static readonly CostDimension ResourceId = Add("RESOURCE_ID", r => r.ResourceId.Length > 0 ? r.ResourceId : "NoResourceId");
    public static readonly CostDimension BillingEntity = Add("BILLING_ENTITY", _ => "AWS");
    public static readonly CostDimension LegalEntityName = Add("LEGAL_ENTITY_NAME", _ => "Amazon Web Services, Inc.");
    public static readonly CostDimension InvoicingEntity = Add("INVOICING_ENTITY", _ => "Amazon Web Services, Inc.");

    // Dimensions the cost rows do not carry: every row has Cost Explorer's "no value".
    public static readonly CostDimension Az = Add("AZ", _ => "NoAZ");
    public static readonly CostDimension UsageTypeGroup = Add("USAGE_TYPE_GROUP", _ => "NoUsageTypeGroup");
    public static readonly CostDimension Platform = Add("PLATFORM", _ => "NoPlatform");
    public static readonly CostDimension Tenancy = Add("TENANCY", _ => "NoTenancy");
    public static readonly CostDimension OperatingSystem = Add("OPERATING_SYSTEM", _ => "NoOperatingSystem");
    public static readonly CostDimension DeploymentOption = Add("DEPLOYMENT_OPTION", _ => "NoDeploymentOption");
    public static readonly CostDimension DatabaseEngine = Add("DATABASE_ENGINE", _ => "NoDatabaseEngine");
    public static readonly CostDimension CacheEngine = Add("CACHE_ENGINE", _ => "NoCacheEngine");
    public static readonly CostDimension ReservationId = Add("RESERVATION_ID", _ => "NoReservationId");
    public static readonly CostDimension SavingsPlansType = Add("SAVINGS_PLANS_TYPE", _ => "NoSavingsPlansType");
    public static readonly CostDimension SavingsPlanArn = Add("SAVINGS_PLAN_ARN", _ => "NoSavingsPlanArn");

    /// <summary>What GetCostAndUsage may group by, in the order AWS's error message lists them.</summary>
    public static readonly IReadOnlyList<CostDimension> Groupable =
    [
        Az, InstanceType, LinkedAccount, Operation, PurchaseType, Service, UsageType, Platform, Tenancy, RecordType, LegalEntityName,
        InvoicingEntity, DeploymentOption, DatabaseEngine, CacheEngine, InstanceTypeFamily, Region, BillingEntity, ReservationId,
        SavingsPlansType, SavingsPlanArn, OperatingSystem,
    ];

    private readonly Func<CostRow, string> _value;

    private CostDimension(string name, Func<CostRow, string> value) => (Name, _value) = (name, value);

    /// <summary>AWS's name: <c>SERVICE</c>.</summary>
    public string Name { get; }

    /// <summary>Every dimension a cost row has a value for.</summary>
    public static IReadOnlyCollection<CostDimension> All => ByName.Values;

    public static CostDimension? Find(string name) => ByName.GetValueOrDefault(name);

    public string ValueOf(CostRow row) => _value(row);

    public override string ToString() => Name;

    /// <summary><c>t3.medium</c> from <c>USE1-BoxUsage:t3.medium</c>, <c>db.t3.medium</c> from <c>InstanceUsage:db.t3.medium</c>; null for usage that is not instance hours.</summary>
    public static string? InstanceTypeOf(string usageType)
    {
        var colon = usageType.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || usageType.IndexOf('.', colon) < 0)
        {
            return null;
        }

        var kind = usageType[..colon];
        var dash = kind.LastIndexOf('-');
        kind = dash < 0 ? kind : kind[(dash + 1)..];
        return kind is "BoxUsage" or "SpotUsage" or "HeavyUsage" or "DedicatedUsage" or "InstanceUsage" or "Multi-AZUsage" ? usageType[(colon + 1)..] : null;
    }

    /// <summary>Cost Explorer's RECORD_TYPE for a report's line-item type.</summary>
    public static string RecordTypeOf(string lineItemType, string serviceCode = "") => lineItemType switch
    {
        "RIFee" => "Recurring reservation fee",
        "Fee" when serviceCode.StartsWith("AWSSupport", StringComparison.Ordinal) => "Support fee",
        "Fee" => "Upfront reservation fee",
        "EdpDiscount" => "Enterprise Discount Program Discount",
        "BundledDiscount" => "Bundled Discount",
        "SppDiscount" => "Solution Provider Program Discount",
        "DistributorDiscount" => "Distributor Discount",
        "" => "Usage",
        _ => lineItemType,
    };

    /// <summary>Line items of used resources, which carry a region when the service has one (the rest are charges of the bill itself).</summary>
    internal static bool IsUsage(string lineItemType) =>
        lineItemType is "Usage" or "DiscountedUsage" or "RIFee" or "SavingsPlanCoveredUsage" or "SavingsPlanNegation" or "SavingsPlanRecurringFee";

    private static string PurchaseTypeOf(CostRow row)
    {
        if (row.LineItemType is "DiscountedUsage" or "RIFee")
        {
            return "Standard Reserved Instances";
        }

        return row.UsageType.Contains("SpotUsage", StringComparison.Ordinal) ? "Spot Instances" : "On Demand Instances";
    }

    private static CostDimension Add(string name, Func<CostRow, string> value)
    {
        var dimension = new CostDimension(name, value);
        ByName.Add(name, dimension);
        return dimension;
    }
}
