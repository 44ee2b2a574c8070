using System.Globalization;
using LocalIam.Storage.Billing;

namespace LocalIam.Iam.Billing;

// TEMPORARY stand-in for the lead's InvoiceSchedule (same signature); removed before merging main.
public static class InvoiceSchedule
{
    public static List<Invoice> Build(string accountId, IReadOnlyDictionary<string, decimal> totalsByMonth, DateOnly today, string? defaultPaymentMethodId)
    {
        var current = new DateOnly(today.Year, today.Month, 1);
        return totalsByMonth.Where(p => DateOnly.ParseExact(p.Key + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture) < current)
            .Select(p => new Invoice
            {
                AccountId = accountId,
                InvoiceId = accountId + p.Key,
                BillingPeriod = p.Key,
                Amount = Math.Round(p.Value, 2),
                Currency = "USD",
                Status = "Paid",
                PaymentMethodId = defaultPaymentMethodId,
            }).ToList();
    }
}
