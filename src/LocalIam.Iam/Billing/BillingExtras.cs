using System.Globalization;
using LocalIam.Storage.Billing;

namespace LocalIam.Iam.Billing;

/// <summary>
/// Everything around a new account's costs: its card, where it pays tax, a monthly cost budget with
/// its alerts, the tags it may allocate costs by, and its billing preferences.
/// </summary>
internal static class BillingExtras
{
    public static void Add(BillingDbContext db, BillingGenerator generator, BillingAccount account, DateOnly today)
    {
        var id = account.AccountId;
        var added = today.AddMonths(-13).ToDateTime(new TimeOnly(9, 30), DateTimeKind.Utc);
        db.PaymentMethods.Add(new PaymentMethod
        {
            AccountId = id,
            MethodId = "pi-" + BillingGenerator.RandomFor(id, "card").NextInt64(0x1000_0000_0000, 0xFFFF_FFFF_FFFF).ToString("x12", CultureInfo.InvariantCulture),
            Kind = "Card",
            Brand = generator.CardBrand,
            Last4 = generator.CardLast4,
            HolderName = "Account owner",
            ExpiryMonth = 1 + (int.Parse(generator.CardLast4, CultureInfo.InvariantCulture) % 12),
            ExpiryYear = today.Year + 2,
            IsDefault = true,
            AddedAt = added,
        });

        var home = generator.TaxHome;
        if (home.RegistrationType is { } type)
        {
            var digits = BillingGenerator.RandomFor(id, "tax").NextInt64(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture);
            db.TaxRegistrations.Add(new TaxRegistration
            {
                AccountId = id,
                RegistrationId = "tr-" + digits,
                Country = home.Country,
                RegistrationType = type,
                RegistrationNumber = home.NumberPrefix + digits,
                LegalName = "Example Company Ltd",
                Address = "1 Example Street, " + home.City + ", " + home.CountryName,
                Status = "Verified",
            });
        }

        var budget = new Budget
        {
            AccountId = id,
            Name = "My Monthly Cost Budget",
            BudgetType = "COST",
            LimitAmount = 1000m,
            LimitUnit = "USD",
            TimeUnit = "MONTHLY",
            PeriodStart = new DateTime(today.Year, today.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(-12),
            PeriodEnd = new DateTime(2087, 6, 15, 0, 0, 0, DateTimeKind.Utc),
            LastUpdated = added,
        };
        foreach (var (kind, threshold) in new[] { ("ACTUAL", 85.0), ("FORECASTED", 100.0) })
        {
            budget.Notifications.Add(new BudgetNotification
            {
                AccountId = id,
                BudgetName = budget.Name,
                NotificationType = kind,
                ComparisonOperator = "GREATER_THAN",
                Threshold = threshold,
                ThresholdType = "PERCENTAGE",
                NotificationState = "OK",
                Subscribers = [new BudgetSubscriber { SubscriptionType = "EMAIL", Address = "billing@example.com" }],
            });
        }

        db.Budgets.Add(budget);
        foreach (var (key, kind, status) in new[]
        {
            ("Environment", "UserDefined", "Active"), ("Project", "UserDefined", "Active"), ("Owner", "UserDefined", "Inactive"),
            ("aws:createdBy", "AWSGenerated", "Inactive"), ("aws:cloudformation:stack-name", "AWSGenerated", "Inactive"),
        })
        {
            db.CostAllocationTags.Add(new CostAllocationTag
            {
                AccountId = id,
                TagKey = key,
                Type = kind,
                Status = status,
                LastUpdated = status == "Active" ? added : null,
                LastUsed = kind == "UserDefined" && key != "Owner" ? today : null,
            });
        }
    }
}
