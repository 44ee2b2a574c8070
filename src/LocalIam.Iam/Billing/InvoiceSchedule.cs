using System.Globalization;
using LocalIam.Storage.Billing;

namespace LocalIam.Iam.Billing;

/// <summary>
/// The invoices of closed months: issued on the second day of the next month for the month's total,
/// charged to the default payment method. Every month but the last closed one is paid; the last
/// one is paid from the fifth day of the month on, and due until then.
/// </summary>
public static class InvoiceSchedule
{
    public static List<Invoice> Build(string accountId, IReadOnlyDictionary<string, decimal> totalsByMonth, DateOnly today, string? defaultPaymentMethodId)
    {
        var current = new DateOnly(today.Year, today.Month, 1);
        var invoices = new List<Invoice>();
        foreach (var (period, total) in totalsByMonth.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var month = DateOnly.ParseExact(period + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (month >= current)
            {
                continue;
            }

            var issued = month.AddMonths(1).AddDays(1);
            var paid = month.AddMonths(1) < current || today.Day >= 5;
            invoices.Add(new Invoice
            {
                AccountId = accountId,
                InvoiceId = InvoiceId(accountId, period),
                BillingPeriod = period,
                IssuedOn = issued,
                DueOn = issued,
                Amount = Math.Round(total, 2),
                Currency = "USD",
                Status = total <= 0 ? "Paid" : paid ? "Paid" : "Unpaid",
                PaidOn = paid || total <= 0 ? issued.AddDays(2) : null,
                PaymentMethodId = defaultPaymentMethodId,
            });
        }

        return invoices;
    }

    /// <summary>Ten digits, as AWS's invoice numbers are, stable for the account and month.</summary>
    public static string InvoiceId(string accountId, string period)
    {
        var random = BillingGenerator.RandomFor(accountId, "invoice/" + period);
        return (2_000_000_000L + random.NextInt64(0, 7_999_999_999L)).ToString(CultureInfo.InvariantCulture);
    }
}
