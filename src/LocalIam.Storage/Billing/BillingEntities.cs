namespace LocalIam.Storage.Billing;

/// <summary>
/// An account's billing state: where its cost data comes from, how far generated data reaches, the
/// console action set it enforces, and its billing preferences. <see cref="Revision"/> moves with
/// every billing change, so caches of the account's costs know when to rebuild.
/// </summary>
public sealed class BillingAccount
{
    public required string AccountId { get; set; }

    public long Revision { get; set; }

    /// <summary>The last day generated data covers; null once a Cost and Usage Report replaced it.</summary>
    public DateOnly? GeneratedThrough { get; set; }

    /// <summary>The legacy <c>aws-portal:</c> actions instead of the fine-grained ones (a root-only choice).</summary>
    public bool UsesLegacyActions { get; set; }

    public required string Currency { get; set; }

    /// <summary>Billing preferences: "Receive PDF invoice by email".</summary>
    public bool PdfInvoiceByEmail { get; set; }

    /// <summary>"Receive AWS Free Tier alerts".</summary>
    public bool FreeTierAlerts { get; set; }

    /// <summary>"Receive CloudWatch billing alerts".</summary>
    public bool CloudWatchBillingAlerts { get; set; }

    public string? AlertEmail { get; set; }
}

/// <summary>
/// One day's cost and usage of one line-item kind: the Cost and Usage Report's lines summed per day
/// and per (service, region, usage type, operation, linked account, line item type, resource, tags).
/// <see cref="Id"/> is numbered per account by the writer that holds the account's lock.
/// </summary>
public sealed class CostRow
{
    public required string AccountId { get; set; }

    public long Id { get; set; }

    public DateOnly UsageDate { get; set; }

    public required string LinkedAccountId { get; set; }

    /// <summary>The product code (AmazonEC2); <see cref="ServiceName"/> is the name Cost Explorer shows.</summary>
    public required string ServiceCode { get; set; }

    public required string ServiceName { get; set; }

    /// <summary>The region code; empty for global charges.</summary>
    public required string Region { get; set; }

    public required string UsageType { get; set; }

    public required string Operation { get; set; }

    /// <summary>Usage, Tax, Credit, Refund, Fee, RIFee, DiscountedUsage …, as the report's lineItem/LineItemType.</summary>
    public required string LineItemType { get; set; }

    public required string ResourceId { get; set; }

    /// <summary>The resource's user tags, <c>key=value</c> pairs sorted by key and joined by newlines; empty for none.</summary>
    public required string Tags { get; set; }

    public decimal UsageAmount { get; set; }

    public required string UsageUnit { get; set; }

    public decimal UnblendedCost { get; set; }

    public decimal BlendedCost { get; set; }

    public decimal AmortizedCost { get; set; }

    public decimal NetUnblendedCost { get; set; }

    public decimal NetAmortizedCost { get; set; }
}

/// <summary>A month's invoice and the state of its payment.</summary>
public sealed class Invoice
{
    public required string AccountId { get; set; }

    public required string InvoiceId { get; set; }

    /// <summary>The billing period, <c>YYYY-MM</c>.</summary>
    public required string BillingPeriod { get; set; }

    public DateOnly IssuedOn { get; set; }

    public DateOnly DueOn { get; set; }

    public decimal Amount { get; set; }

    public required string Currency { get; set; }

    /// <summary>Paid, Unpaid or Pending.</summary>
    public required string Status { get; set; }

    public DateOnly? PaidOn { get; set; }

    public string? PaymentMethodId { get; set; }
}

/// <summary>A payment method: a card or a bank account. Only the last four digits are ever stored.</summary>
public sealed class PaymentMethod
{
    public required string AccountId { get; set; }

    public required string MethodId { get; set; }

    /// <summary>Card or BankAccount.</summary>
    public required string Kind { get; set; }

    /// <summary>Visa, Mastercard, American Express, or the bank's name.</summary>
    public required string Brand { get; set; }

    public required string Last4 { get; set; }

    public required string HolderName { get; set; }

    public int? ExpiryMonth { get; set; }

    public int? ExpiryYear { get; set; }

    public bool IsDefault { get; set; }

    public DateTime AddedAt { get; set; }
}

/// <summary>An AWS Budgets budget; its notifications and their subscribers hang from it.</summary>
public sealed class Budget
{
    public required string AccountId { get; set; }

    public required string Name { get; set; }

    /// <summary>COST, USAGE, RI_UTILIZATION …, as the Budgets API names them.</summary>
    public required string BudgetType { get; set; }

    public decimal LimitAmount { get; set; }

    public required string LimitUnit { get; set; }

    /// <summary>DAILY, MONTHLY, QUARTERLY or ANNUALLY.</summary>
    public required string TimeUnit { get; set; }

    public DateTime PeriodStart { get; set; }

    public DateTime PeriodEnd { get; set; }

    /// <summary>The Budgets API's CostFilters and CostTypes, as JSON objects; null for none.</summary>
    public string? CostFiltersJson { get; set; }

    public string? CostTypesJson { get; set; }

    public DateTime LastUpdated { get; set; }

    public List<BudgetNotification> Notifications { get; set; } = [];
}

/// <summary>An alert of a budget: actual or forecasted spend over a threshold.</summary>
public sealed class BudgetNotification
{
    public long Id { get; set; }

    public required string AccountId { get; set; }

    public required string BudgetName { get; set; }

    /// <summary>ACTUAL or FORECASTED.</summary>
    public required string NotificationType { get; set; }

    /// <summary>GREATER_THAN, LESS_THAN or EQUAL_TO.</summary>
    public required string ComparisonOperator { get; set; }

    public double Threshold { get; set; }

    /// <summary>PERCENTAGE or ABSOLUTE_VALUE.</summary>
    public required string ThresholdType { get; set; }

    /// <summary>OK or ALARM.</summary>
    public required string NotificationState { get; set; }

    public List<BudgetSubscriber> Subscribers { get; set; } = [];
}

/// <summary>Who hears of a notification: an email address or an SNS topic ARN.</summary>
public sealed class BudgetSubscriber
{
    public long Id { get; set; }

    public long NotificationId { get; set; }

    /// <summary>EMAIL or SNS.</summary>
    public required string SubscriptionType { get; set; }

    public required string Address { get; set; }
}

/// <summary>A tax registration (VAT, GST …) of the account or of one of its addresses.</summary>
public sealed class TaxRegistration
{
    public required string AccountId { get; set; }

    public required string RegistrationId { get; set; }

    public required string Country { get; set; }

    public required string RegistrationType { get; set; }

    public required string RegistrationNumber { get; set; }

    public required string LegalName { get; set; }

    public required string Address { get; set; }

    /// <summary>Verified, Pending or Rejected.</summary>
    public required string Status { get; set; }
}

/// <summary>A tag key that may be activated for cost allocation; an active key can be grouped by in Cost Explorer.</summary>
public sealed class CostAllocationTag
{
    public required string AccountId { get; set; }

    public required string TagKey { get; set; }

    /// <summary>UserDefined or AWSGenerated.</summary>
    public required string Type { get; set; }

    /// <summary>Active or Inactive.</summary>
    public required string Status { get; set; }

    public DateTime? LastUpdated { get; set; }

    public DateOnly? LastUsed { get; set; }
}

/// <summary>A Cost and Usage Report loaded into the account: what was read and what it replaced.</summary>
public sealed class CostImport
{
    public long Id { get; set; }

    public required string AccountId { get; set; }

    public required string FileName { get; set; }

    /// <summary>The report's columns: legacy CUR or CUR 2.0; and the file's form: csv, csv.gz, parquet.</summary>
    public required string Format { get; set; }

    public long LinesRead { get; set; }

    public long RowsStored { get; set; }

    public DateOnly FirstDay { get; set; }

    public DateOnly LastDay { get; set; }

    public DateTime ImportedAt { get; set; }
}
