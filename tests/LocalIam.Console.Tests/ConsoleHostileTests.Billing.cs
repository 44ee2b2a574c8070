using LocalIam.Console.Tests.Support;
using LocalIam.E2E.Tests.Support;
using LocalIam.Iam.Billing;
using Microsoft.Extensions.DependencyInjection;

namespace LocalIam.Console.Tests;

/// <summary>The billing pages under the same attack: bad values refused with a message and nothing saved, every change authorized on its own.</summary>
public sealed partial class ConsoleHostileTests
{
    private static readonly string[] BillingPages =
    [
        "/console/billing", "/console/billing/bills", "/console/billing/payments", "/console/billing/payment-methods",
        "/console/billing/preferences", "/console/billing/tax", "/console/billing/cost-allocation-tags", "/console/billing/budgets",
        "/console/billing/cost-explorer",
    ];

    [Fact]
    public async Task BillingForms_ControlCharactersHugeAndForgedValues_RefusedAndNothingSaved()
    {
        await using var context = await console.FreshContextAsync();
        var http = await SignInAsync(context, null);
        var billing = console.Server.Services.GetRequiredService<BillingAccountService>();
        var token = await TokenAsync(http);
        var year = DateTime.UtcNow.Year + 2;

        string[] hostile = ["%01", "%00", "a%0D%0Ab", "%7F", "%ED%A0%80", new string('a', 5000), "%25"];
        foreach (var bad in hostile)
        {
            foreach (var url in BillingPages.Select(p => $"{p}?month={bad}&done={bad}&paid={bad}&updated={bad}&start={bad}&end={bad}&groupBy={bad}&granularity={bad}&metric={bad}&handler=Csv"))
            {
                await AssertNoServerErrorAsync(await http.GetAsync(url, new() { MaxRedirects = 0 }), url);
            }

            // A percent sign, and undecodable UTF-8 (kept as its literal %-text), are valid names: saved, not refused.
            if (bad is "%ED%A0%80" or "%25")
            {
                continue;
            }

            var posts = new (string Url, string Form)[]
            {
                ("/console/billing/payment-methods?handler=Add", $"CardNumber=4111111111111111&NameOnCard={bad}&ExpirationMonth=12&ExpirationYear={year}"),
                ("/console/billing/payment-methods?handler=Add", $"CardNumber={bad}&NameOnCard=Jane&ExpirationMonth=12&ExpirationYear={year}"),
                ("/console/billing/payment-methods?handler=Remove", $"MethodId={bad}"),
                ("/console/billing/payment-methods?handler=Default", $"MethodId={bad}"),
                ("/console/billing/payments?handler=Pay", $"InvoiceId={bad}"),
                ("/console/billing/tax?handler=Add", $"Country=IE&RegistrationNumber=IE1234567T&LegalName={bad}&Address=Dublin"),
                ("/console/billing/tax?handler=Add", $"Country={bad}&RegistrationNumber=IE1234567T&LegalName=Ltd&Address=Dublin"),
                ("/console/billing/tax?handler=Delete", $"RegistrationId={bad}"),
                ("/console/billing/cost-allocation-tags", $"TagKey={bad}&Activate=true"),
                ("/console/billing/preferences", $"AlertEmail={bad}&FreeTierAlerts=true"),
                ("/console/billing/budgets?handler=Create", $"BudgetName=ok&Period={bad}&Amount=10&Thresholds={bad}&Recipients={bad}"),
                ("/console/billing/budgets?handler=Delete", $"BudgetName={bad}"),
            };
            foreach (var (url, form) in posts)
            {
                var response = await PostAsync(http, url, form, token);
                await AssertNoServerErrorAsync(response, $"{url} {form[..Math.Min(form.Length, 80)]}");
                Assert.True(response.Status is 400 or 404, $"{url} {form[..Math.Min(form.Length, 80)]}: {response.Status}");
            }
        }

        // Empty fields (which bind as empty text, never as null) are refused with a message.
        foreach (var (url, form) in new[]
        {
            ("/console/billing/payment-methods?handler=Add", "CardNumber=&NameOnCard=&ExpirationMonth=12&ExpirationYear=2040"),
            ("/console/billing/payment-methods?handler=Remove", "MethodId="),
            ("/console/billing/payments?handler=Pay", "InvoiceId="),
            ("/console/billing/tax?handler=Add", "Country=&RegistrationNumber=&LegalName=&Address="),
            ("/console/billing/tax?handler=Delete", "RegistrationId="),
            ("/console/billing/cost-allocation-tags", "TagKey=&Activate=true"),
            ("/console/billing/budgets?handler=Create", "BudgetName=&Period=&Amount=10&Thresholds=&Recipients="),
            ("/console/billing/budgets?handler=Delete", "BudgetName="),
        })
        {
            var response = await PostAsync(http, url, form, token);
            await AssertNoServerErrorAsync(response, $"{url} {form}");
            Assert.True(response.Status is 400 or 404, $"{url} {form}: {response.Status}");
        }

        foreach (var url in new[] { "/console/billing/cost-explorer?groupBy=&granularity=&metric=&start=&end=", "/console/billing/cost-explorer?start=x&end=%00&groupBy=TAG:%01" })
        {
            await AssertNoServerErrorAsync(await http.GetAsync(url), url);
        }

        // Unparsable numbers are refused as the IAM pages' are, never saved as 0.
        var unparsable = await PostAsync(http, "/console/billing/payment-methods?handler=Add", "CardNumber=4111111111111111&NameOnCard=Jane&ExpirationMonth=abc&ExpirationYear=2030", token);
        Assert.Equal(400, unparsable.Status);

        Assert.Single(await billing.PaymentMethodsAsync(Account));
        Assert.Equal(2, (await billing.CostAllocationTagsAsync(Account)).Count(t => t.Status == "Active"));
        var account = await billing.AccountAsync(Account);
        Assert.Null(account.AlertEmail);
    }

    [Fact]
    public async Task BillingChanges_PostedByAReadOnlyUser_RefusedNamingTheAction()
    {
        await using var context = await console.FreshContextAsync();
        await console.Core.Accounts.SetBillingAccessAsync(ConsoleFixture.Root, true);
        await console.CreateUserAsync("reader", Password, managedPolicies: "AWSBillingReadOnlyAccess");
        var http = await SignInAsync(context, "reader");
        var token = await TokenAsync(http);
        var billing = console.Server.Services.GetRequiredService<BillingAccountService>();
        var method = (await billing.PaymentMethodsAsync(Account)).Single();
        var unpaid = (await billing.InvoicesAsync(Account))[0];

        var posts = new (string Url, string Form, string Action)[]
        {
            ("/console/billing/payment-methods?handler=Add", "CardNumber=4111111111111111&NameOnCard=Jane&ExpirationMonth=12&ExpirationYear=2040", "payments:CreatePaymentInstrument"),
            ("/console/billing/payment-methods?handler=Remove", $"MethodId={method.MethodId}", "payments:DeletePaymentInstrument"),
            ("/console/billing/payment-methods?handler=Default", $"MethodId={method.MethodId}", "payments:UpdatePaymentPreferences"),
            ("/console/billing/payments?handler=Pay", $"InvoiceId={unpaid.InvoiceId}", "payments:MakePayment"),
            ("/console/billing/tax?handler=Add", "Country=IE&RegistrationNumber=IE1234567T&LegalName=Ltd&Address=Dublin", "tax:BatchPutTaxRegistration"),
            ("/console/billing/cost-allocation-tags", "TagKey=Owner&Activate=true", "ce:UpdateCostAllocationTagsStatus"),
            ("/console/billing/preferences", "CloudWatchBillingAlerts=true", "billing:UpdateBillingPreferences"),
            ("/console/billing/preferences?handler=ActionSet", "UseLegacyActions=true", "aws-portal:UpdateConsoleActionSetEnforced"),
        };
        foreach (var (url, form, action) in posts)
        {
            var response = await PostAsync(http, url, form, token);
            Assert.True(response.Status == 403, $"{url}: {response.Status}");
            Assert.Contains(action, await response.TextAsync(), StringComparison.Ordinal);
        }

        Assert.Single(await billing.PaymentMethodsAsync(Account));
        var after = await billing.AccountAsync(Account);
        Assert.False(after.CloudWatchBillingAlerts);
        Assert.False(after.UsesLegacyActions);
        Assert.DoesNotContain(await billing.TaxRegistrationsAsync(Account), r => r.Country == "IE");
    }
}
