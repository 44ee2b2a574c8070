namespace LocalIam.Iam.Billing;

/// <summary>One kind of usage a service bills: its usage type (without the region prefix), operation, unit and price.</summary>
internal sealed record UsageProfile(string UsageType, string Operation, string Unit, decimal DailyQuantity, decimal UnitPrice, bool Global = false);

/// <summary>A service as Cost Explorer names it, with the usage a small company's account runs on it.</summary>
internal sealed record ServiceProfile(string Code, string Name, double Chance, UsageProfile[] Usages, bool Tagged = false);

/// <summary>
/// What generated billing data is made of: the services a small company's account uses, at AWS's
/// published on-demand prices (us-east-1, 2026), and the regions' usage-type prefixes as AWS writes
/// them. Quantities are per day for an account of scale 1 (about 400 USD a month).
/// </summary>
internal static class BillingCatalog
{
    public static readonly ServiceProfile[] Services =
    [
        new("AmazonEC2", "Amazon Elastic Compute Cloud - Compute", 1.0,
        [
            new("BoxUsage:t3.medium", "RunInstances", "Hrs", 72, 0.0416m),
            new("BoxUsage:m6i.large", "RunInstances", "Hrs", 24, 0.096m),
            new("SpotUsage:c6i.xlarge", "RunInstances:SV001", "Hrs", 10, 0.0612m),
        ], Tagged: true),
        new("AmazonEC2", "EC2 - Other", 1.0,
        [
            new("EBS:VolumeUsage.gp3", "CreateVolume-Gp3", "GB-Mo", 20, 0.08m),
            new("NatGateway-Hours", "NatGateway", "Hrs", 24, 0.045m),
            new("DataTransfer-Out-Bytes", "RunInstances", "GB", 6, 0.09m),
        ]),
        new("AmazonS3", "Amazon Simple Storage Service", 1.0,
        [
            new("TimedStorage-ByteHrs", "StandardStorage", "GB-Mo", 40, 0.023m),
            new("Requests-Tier1", "PutObject", "Requests", 40_000, 0.000005m),
            new("Requests-Tier2", "GetObject", "Requests", 300_000, 0.0000004m),
        ], Tagged: true),
        new("AmazonRDS", "Amazon Relational Database Service", 0.8,
        [
            new("InstanceUsage:db.t3.medium", "CreateDBInstance:0014", "Hrs", 24, 0.072m),
            new("RDS:GP3-Storage", "CreateDBInstance:0014", "GB-Mo", 3.3m, 0.115m),
        ], Tagged: true),
        new("AWSLambda", "AWS Lambda", 0.9,
        [
            new("Lambda-GB-Second", "Invoke", "Lambda-GB-Second", 90_000, 0.0000166667m),
            new("Request", "Invoke", "Requests", 400_000, 0.0000002m),
        ]),
        new("AmazonDynamoDB", "Amazon DynamoDB", 0.6,
        [
            new("WriteRequestUnits", "PayPerRequestThroughput", "WriteRequestUnits", 800_000, 0.00000125m),
            new("ReadRequestUnits", "PayPerRequestThroughput", "ReadRequestUnits", 3_000_000, 0.00000025m),
            new("TimedStorage-ByteHrs", "PayPerRequestThroughput", "GB-Mo", 0.5m, 0.25m),
        ]),
        new("AmazonCloudWatch", "AmazonCloudWatch", 1.0,
        [
            new("CW:MetricMonitorUsage", "MetricStorage", "Metrics", 2.5m, 0.30m),
            new("DataProcessing-Bytes", "PutLogEvents", "GB", 0.8m, 0.50m),
        ]),
        new("awskms", "AWS Key Management Service", 1.0,
        [
            new("KMS-Keys", "CreateKey", "Keys", 0.1m, 1.00m),
            new("KMS-Requests", "Decrypt", "Requests", 30_000, 0.000003m),
        ]),
        new("AmazonVPC", "Amazon Virtual Private Cloud", 0.9,
        [
            new("PublicIPv4:InUseAddress", "AssociateAddressVPC", "Hrs", 48, 0.005m),
        ]),
        new("AWSCloudTrail", "AWS CloudTrail", 0.5,
        [
            new("PaidEventsRecorded", "None", "Events", 60_000, 0.000002m),
        ]),
        new("AmazonECR", "Amazon EC2 Container Registry (ECR)", 0.5,
        [
            new("TimedStorage-ByteHrs", "StoreImage", "GB-Mo", 0.6m, 0.10m),
        ]),
        new("AmazonSNS", "Amazon Simple Notification Service", 0.5,
        [
            new("Requests-Tier1", "Publish", "Requests", 50_000, 0.0000005m),
        ]),
        new("AmazonRoute53", "Amazon Route 53", 1.0,
        [
            new("DNS-Queries", "Query", "Queries", 200_000, 0.0000004m, Global: true),
        ]),
    ];

    /// <summary>Route 53's monthly charge per hosted zone, billed on the first day of the month.</summary>
    public static readonly UsageProfile HostedZone = new("HostedZone", "CreateHostedZone", "HostedZone", 1, 0.50m, Global: true);

    /// <summary>A reserved t3.medium: its monthly fee on the first day (RIFee) and its daily covered hours (DiscountedUsage).</summary>
    public static readonly UsageProfile ReservedInstance = new("HeavyUsage:t3.medium", "RunInstances", "Hrs", 24, 0.026m);

    public static readonly string[] Regions = ["us-east-1", "us-west-2", "eu-west-1", "ap-southeast-2"];

    /// <summary>The prefix AWS puts before a usage type in each region.</summary>
    public static string UsageTypePrefix(string region) => region switch
    {
        "us-east-1" => "USE1-",
        "us-west-2" => "USW2-",
        "eu-west-1" => "EU-",
        "ap-southeast-2" => "APS2-",
        _ => string.Empty,
    };

    public static readonly string[] Projects = ["storefront", "checkout", "analytics", "search"];

    /// <summary>Where a generated account is billed: its tax, and the registration AWS keeps (none for the United States).</summary>
    internal sealed record TaxHome(string Country, string CountryName, decimal Rate, string? RegistrationType, string? NumberPrefix, string City);

    public static readonly TaxHome[] TaxHomes =
    [
        new("US", "United States", 0.0825m, null, null, "Seattle, WA"),
        new("US", "United States", 0.06m, null, null, "Arlington, VA"),
        new("US", "United States", 0.0m, null, null, "Portland, OR"),
        new("DE", "Germany", 0.19m, "VAT", "DE", "Berlin"),
        new("GB", "United Kingdom", 0.20m, "VAT", "GB", "London"),
        new("AU", "Australia", 0.10m, "GST", "", "Sydney"),
    ];
}
