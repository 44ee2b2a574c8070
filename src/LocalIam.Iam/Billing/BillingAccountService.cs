using System.Globalization;
using LocalIam.Iam.Errors;
using LocalIam.Storage.Billing;
using Microsoft.EntityFrameworkCore;

namespace LocalIam.Iam.Billing;

/// <summary>A card as the Payment methods page takes it; only its last four digits are kept.</summary>
public sealed record NewCard(string Number, string HolderName, int ExpiryMonth, int ExpiryYear);

/// <summary>Billing preferences, as the page shows and saves them.</summary>
public sealed record BillingPreferences(bool PdfInvoiceByEmail, bool FreeTierAlerts, bool CloudWatchBillingAlerts, string? AlertEmail);

/// <summary>A tax registration as the Tax settings page adds it.</summary>
public sealed record NewTaxRegistration(string Country, string RegistrationNumber, string LegalName, string Address);

/// <summary>
/// The account's billing records the console reads and changes: invoices and payments, payment
/// methods, preferences (and the console action set), tax registrations, cost allocation tags.
/// Like every core service it authorizes nothing: the page authorizes first, with the actions it declares.
/// </summary>
public sealed class BillingAccountService(BillingData data)
{
    private BillingStore Store => data.Store;

    public async Task<BillingAccount> AccountAsync(string accountId)
    {
        await data.EnsureAsync(accountId);
        return await Store.ReadAsync(db => db.Accounts.SingleAsync(a => a.AccountId == accountId));
    }

    public async Task<IReadOnlyList<Invoice>> InvoicesAsync(string accountId)
    {
        await data.EnsureAsync(accountId);
        return await Store.ReadAsync(db => db.Invoices.Where(i => i.AccountId == accountId).OrderByDescending(i => i.BillingPeriod).ToListAsync());
    }

    /// <summary>Pays an unpaid invoice with the default payment method.</summary>
    public Task MakePaymentAsync(string accountId, string invoiceId) => WriteAsync(accountId, async db =>
    {
        var invoice = await db.Invoices.SingleOrDefaultAsync(i => i.AccountId == accountId && i.InvoiceId == invoiceId)
            ?? throw IamErrors.InvoiceNotFound(invoiceId);
        if (invoice.Status == "Paid")
        {
            throw IamErrors.InvoiceAlreadyPaid(invoiceId);
        }

        var method = await db.PaymentMethods.SingleOrDefaultAsync(m => m.AccountId == accountId && m.IsDefault)
            ?? throw IamErrors.NoPaymentMethod();
        (invoice.Status, invoice.PaidOn, invoice.PaymentMethodId) = ("Paid", data.Today, method.MethodId);
    });

    public async Task<IReadOnlyList<PaymentMethod>> PaymentMethodsAsync(string accountId)
    {
        await data.EnsureAsync(accountId);
        return await Store.ReadAsync(db => db.PaymentMethods.Where(m => m.AccountId == accountId).OrderByDescending(m => m.IsDefault).ThenBy(m => m.AddedAt).ToListAsync());
    }

    /// <summary>Adds a card (checked as card networks do: length, Luhn digit, not expired); the first one becomes the default.</summary>
    public async Task<PaymentMethod> AddCardAsync(string accountId, NewCard card)
    {
        var digits = new string([.. card.Number.Where(c => c is not (' ' or '-'))]);
        if (digits.Length is < 12 or > 19 || !digits.All(char.IsAsciiDigit) || !LuhnValid(digits))
        {
            throw IamErrors.CardNumberInvalid();
        }

        var holder = card.HolderName.Trim();
        if (holder.Length is 0 or > 100 || !Printable(holder))
        {
            throw IamErrors.CardHolderInvalid();
        }

        var today = data.Today;
        if (card.ExpiryMonth is < 1 or > 12 || card.ExpiryYear < today.Year || card.ExpiryYear > today.Year + 20
            || (card.ExpiryYear == today.Year && card.ExpiryMonth < today.Month))
        {
            throw IamErrors.CardExpired();
        }

        var method = new PaymentMethod
        {
            AccountId = accountId,
            MethodId = "pi-" + Guid.NewGuid().ToString("N")[..12],
            Kind = "Card",
            Brand = digits[0] switch { '4' => "Visa", '5' or '2' => "Mastercard", '3' => "American Express", _ => "Card" },
            Last4 = digits[^4..],
            HolderName = holder,
            ExpiryMonth = card.ExpiryMonth,
            ExpiryYear = card.ExpiryYear,
            AddedAt = DateTime.UtcNow,
        };
        await WriteAsync(accountId, async db =>
        {
            if (await db.PaymentMethods.CountAsync(m => m.AccountId == accountId) >= MaxPaymentMethods)
            {
                throw IamErrors.PaymentMethodLimit(MaxPaymentMethods);
            }

            method.IsDefault = !await db.PaymentMethods.AnyAsync(m => m.AccountId == accountId);
            db.PaymentMethods.Add(method);
        });
        return method;
    }

    /// <summary>LocalIam's bound on payment methods per account (AWS's is not published).</summary>
    public const int MaxPaymentMethods = 20;

    /// <summary>Removes a payment method; the default one cannot be removed while others exist, as AWS's console says.</summary>
    public Task RemovePaymentMethodAsync(string accountId, string methodId) => WriteAsync(accountId, async db =>
    {
        var method = await FindMethodAsync(db, accountId, methodId);
        if (method.IsDefault && await db.PaymentMethods.CountAsync(m => m.AccountId == accountId) > 1)
        {
            throw IamErrors.DefaultPaymentMethodRemoved();
        }

        db.PaymentMethods.Remove(method);
    });

    public Task MakeDefaultAsync(string accountId, string methodId) => WriteAsync(accountId, async db =>
    {
        var chosen = await FindMethodAsync(db, accountId, methodId);
        foreach (var method in await db.PaymentMethods.Where(m => m.AccountId == accountId).ToListAsync())
        {
            method.IsDefault = method == chosen;
        }
    });

    public Task UpdatePreferencesAsync(string accountId, BillingPreferences preferences)
    {
        var email = preferences.AlertEmail?.Trim() is { Length: > 0 } given ? given : null;
        if (email is not null && (email.Length > 254 || !email.Contains('@', StringComparison.Ordinal) || email.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))))
        {
            throw IamErrors.AlertEmailInvalid();
        }

        return WriteAsync(accountId, (_, account) =>
        {
            (account.PdfInvoiceByEmail, account.FreeTierAlerts, account.CloudWatchBillingAlerts, account.AlertEmail) =
                (preferences.PdfInvoiceByEmail, preferences.FreeTierAlerts, preferences.CloudWatchBillingAlerts, email);
            return Task.CompletedTask;
        });
    }

    /// <summary>Which actions the billing console enforces: the legacy aws-portal set or the fine-grained one.</summary>
    public Task SetLegacyActionsAsync(string accountId, bool legacy) => WriteAsync(accountId, (_, account) =>
    {
        account.UsesLegacyActions = legacy;
        return Task.CompletedTask;
    });

    public async Task<IReadOnlyList<TaxRegistration>> TaxRegistrationsAsync(string accountId)
    {
        await data.EnsureAsync(accountId);
        return await Store.ReadAsync(db => db.TaxRegistrations.Where(t => t.AccountId == accountId).OrderBy(t => t.Country).ThenBy(t => t.RegistrationNumber).ToListAsync());
    }

    public async Task<TaxRegistration> AddTaxRegistrationAsync(string accountId, NewTaxRegistration registration)
    {
        var country = registration.Country.Trim().ToUpperInvariant();
        if (!TaxCountries.ContainsKey(country))
        {
            throw IamErrors.TaxCountryInvalid(registration.Country);
        }

        var number = new string([.. registration.RegistrationNumber.Where(c => !char.IsWhiteSpace(c))]).ToUpperInvariant();
        if (number.Length is < 4 or > 20 || !number.All(char.IsAsciiLetterOrDigit))
        {
            throw IamErrors.TaxNumberInvalid();
        }

        var legalName = Text(registration.LegalName, "legal name", 100);
        var address = Text(registration.Address, "address", 300);
        var added = new TaxRegistration
        {
            AccountId = accountId,
            RegistrationId = "tr-" + Guid.NewGuid().ToString("N")[..12],
            Country = country,
            RegistrationType = TaxCountries[country],
            RegistrationNumber = number,
            LegalName = legalName,
            Address = address,
            Status = "Pending",
        };
        await WriteAsync(accountId, async db =>
        {
            if (await db.TaxRegistrations.AnyAsync(t => t.AccountId == accountId && t.Country == country))
            {
                throw IamErrors.TaxRegistrationExists(country);
            }

            db.TaxRegistrations.Add(added);
        });
        return added;
    }

    public Task DeleteTaxRegistrationAsync(string accountId, string registrationId) => WriteAsync(accountId, async db =>
        db.TaxRegistrations.Remove(await db.TaxRegistrations.SingleOrDefaultAsync(t => t.AccountId == accountId && t.RegistrationId == registrationId)
            ?? throw IamErrors.TaxRegistrationNotFound(registrationId)));

    /// <summary>The countries whose registrations the Tax settings page takes, with the registration's kind.</summary>
    public static readonly IReadOnlyDictionary<string, string> TaxCountries = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["AU"] = "GST", ["BR"] = "CNPJ", ["CA"] = "GST", ["DE"] = "VAT", ["ES"] = "VAT", ["FR"] = "VAT", ["GB"] = "VAT", ["IE"] = "VAT",
        ["IN"] = "GST", ["IT"] = "VAT", ["JP"] = "JCT", ["KR"] = "VAT", ["NL"] = "VAT", ["NZ"] = "GST", ["SG"] = "GST", ["ZA"] = "VAT",
    };

    public async Task<IReadOnlyList<CostAllocationTag>> CostAllocationTagsAsync(string accountId)
    {
        await data.EnsureAsync(accountId);
        return await Store.ReadAsync(db => db.CostAllocationTags.Where(t => t.AccountId == accountId).OrderBy(t => t.Type).ThenBy(t => t.TagKey).ToListAsync());
    }

    public Task SetCostAllocationTagStatusAsync(string accountId, string tagKey, bool active) => WriteAsync(accountId, async db =>
    {
        var tag = await db.CostAllocationTags.SingleOrDefaultAsync(t => t.AccountId == accountId && t.TagKey == tagKey)
            ?? throw IamErrors.CostAllocationTagNotFound(tagKey);
        (tag.Status, tag.LastUpdated) = (active ? "Active" : "Inactive", DateTime.UtcNow);
    });

    private async Task WriteAsync(string accountId, Func<BillingDbContext, Task> work)
    {
        await data.EnsureAsync(accountId);
        await Store.WriteAsync(accountId, async (db, _) =>
        {
            await work(db);
            return 0;
        });
    }

    private async Task WriteAsync(string accountId, Func<BillingDbContext, BillingAccount, Task> work)
    {
        await data.EnsureAsync(accountId);
        await Store.WriteAsync(accountId, async (db, account) =>
        {
            await work(db, account);
            return 0;
        });
    }

    private static async Task<PaymentMethod> FindMethodAsync(BillingDbContext db, string accountId, string methodId) =>
        await db.PaymentMethods.SingleOrDefaultAsync(m => m.AccountId == accountId && m.MethodId == methodId)
            ?? throw IamErrors.PaymentMethodNotFound(methodId);

    private static string Text(string value, string what, int max)
    {
        var text = value.Trim();
        return text.Length is 0 || text.Length > max || !Printable(text)
            ? throw IamErrors.BillingTextInvalid(what, max)
            : text;
    }

    /// <summary>No control characters, and no U+FFFD or lone surrogate: what a form value that did not decode as UTF-8 becomes.</summary>
    private static bool Printable(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsControl(text[i]) || text[i] == '\uFFFD')
            {
                return false;
            }

            if (char.IsSurrogate(text[i]))
            {
                if (!char.IsSurrogatePair(text, i))
                {
                    return false;
                }

                i++;
            }
        }

        return true;
    }

    private static bool LuhnValid(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            sum += i % 2 == 1 ? (d * 2 > 9 ? (d * 2) - 9 : d * 2) : d;
        }

        return sum % 10 == 0;
    }
}
