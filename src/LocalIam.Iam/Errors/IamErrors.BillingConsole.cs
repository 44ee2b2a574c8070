using System.Globalization;

namespace LocalIam.Iam.Errors;

/// <summary>
/// LocalIam's words for the billing console's changes (payments, payment methods, preferences, tax
/// registrations, cost allocation tags, budgets made on the page): AWS's console texts for these
/// are not recorded, so they follow LocalIam's form (one sentence, the value in backticks).
/// </summary>
public static partial class IamErrors
{
    public static IamException InvoiceNotFound(string invoiceId) => new(IamErrorCode.NoSuchEntity, $"The invoice `{invoiceId}` does not exist");

    public static IamException InvoiceAlreadyPaid(string invoiceId) => new(IamErrorCode.ValidationError, $"The invoice `{invoiceId}` is already paid");

    public static IamException NoPaymentMethod() => new(IamErrorCode.ValidationError, "Add a payment method before making a payment");

    public static IamException CardNumberInvalid() => new(IamErrorCode.ValidationError, "The card number is not valid");

    public static IamException CardHolderInvalid() => new(IamErrorCode.ValidationError, "Enter the name on the card (up to 100 characters)");

    public static IamException CardExpired() => new(IamErrorCode.ValidationError, "The card has expired or its expiration date is not valid");

    public static IamException PaymentMethodLimit(int limit) =>
        new(IamErrorCode.ValidationError, $"An account can have at most {limit.ToString(CultureInfo.InvariantCulture)} payment methods");

    /// <summary>As AWS's console: the default payment method stays while others exist.</summary>
    public static IamException DefaultPaymentMethodRemoved() =>
        new(IamErrorCode.ValidationError, "You can't remove your default payment method: make another one the default first");

    public static IamException PaymentMethodNotFound(string methodId) => new(IamErrorCode.NoSuchEntity, $"The payment method `{methodId}` does not exist");

    public static IamException AlertEmailInvalid() => new(IamErrorCode.ValidationError, "Enter a valid email address for alerts");

    public static IamException TaxCountryInvalid(string country) => new(IamErrorCode.ValidationError, $"Choose a country from the list; `{country}` is not one");

    public static IamException TaxNumberInvalid() => new(IamErrorCode.ValidationError, "A tax registration number has 4 to 20 letters and digits");

    public static IamException TaxRegistrationExists(string country) =>
        new(IamErrorCode.ValidationError, $"The account already has a tax registration in {country}: delete it first");

    public static IamException TaxRegistrationNotFound(string registrationId) =>
        new(IamErrorCode.NoSuchEntity, $"The tax registration `{registrationId}` does not exist");

    public static IamException CostAllocationTagNotFound(string tagKey) =>
        new(IamErrorCode.NoSuchEntity, $"The tag key `{tagKey}` is not a cost allocation tag of this account");

    public static IamException BillingTextInvalid(string what, int max) =>
        new(IamErrorCode.ValidationError, $"Enter the {what} (up to {max.ToString(CultureInfo.InvariantCulture)} characters)");

    public static IamException BudgetThresholdInvalid(string threshold) =>
        new(IamErrorCode.ValidationError, $"`{threshold}` is not a threshold: give a percentage such as 80");

    public static IamException BudgetAlertNeedsRecipient() => new(IamErrorCode.ValidationError, "An alert needs at least one email recipient");

    /// <summary>What the API's model refuses before Budgets sees it (length 1–100, no colon or backslash), for a name typed on the page.</summary>
    public static IamException BudgetNameInvalid(string name) =>
        new(IamErrorCode.ValidationError, $"The budget name `{name}` must have 1 to 100 characters, none of them a colon or a backslash");

    public static IamException BudgetPeriodInvalid(string period) => new(IamErrorCode.ValidationError, $"`{period}` is not a budget period");

    public static IamException BudgetAmountInvalid() => new(IamErrorCode.ValidationError, "Enter a budgeted amount greater than 0");
}
