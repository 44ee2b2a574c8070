using System.Globalization;
using LocalIam.Policy.Catalog;
using LocalIam.Policy.Evaluation;
using LocalIam.Policy.Model;

namespace LocalIam.Policy.Linting;

/// <summary>Resource ARNs against the catalogue's ARN formats: service, region, account and resource parts; redundant entries; variables.</summary>
internal static class ResourceChecks
{
    private static IamCatalog Catalog => IamCatalog.Current;

    public static void Check(LintContext context, Statement statement)
    {
        if (statement.Resources is not { } resources)
        {
            return;
        }

        foreach (var resource in resources.Values)
        {
            CheckOne(context, resource);
        }

        if (!resources.IsNegated)
        {
            Redundancy.ReportResources(context, resources.Values);
        }
    }

    private static void CheckOne(LintContext context, SpannedString resource)
    {
        var value = resource.Value;
        if (value.Contains("${", StringComparison.Ordinal))
        {
            // A variable may stand for any part (even an account); only its own syntax is checked.
            if (Variables.Problem(value) is { } problem)
            {
                context.Report(problem, resource.Span);
            }

            return;
        }

        var parts = value.Split(':', 6);
        if (parts.Length is > 2 and < 6 && parts[0] == "arn")
        {
            // IAM accepts some short ARNs (arn:aws:ec2, docs/policy-validation.md); none names a resource.
            context.Report("MISSING_ARN_FIELD", resource.Span, ("fields", "6"));
            return;
        }

        if (value == "*" || parts.Length != 6 || parts[0] != "arn" || Wildcard.HasWildcards(parts[2]) || parts[2].Length == 0)
        {
            return;
        }

        var service = parts[2];
        var formats = Catalog.ResourceTypesForArnService(service);
        if (formats.Count == 0)
        {
            if (Catalog.ResourceTypesForArnService(service.ToLowerInvariant()).Count > 0)
            {
                context.Report("INVALID_ARN_SERVICE_CASE", resource.Span, ("service", service));
            }
            else if (!Catalog.IsKnownService(service))
            {
                context.Report("INVALID_SERVICE", resource.Span, ("service", service));
            }

            return;
        }

        var (region, account) = (parts[3], parts[4]);
        // Only the resource types this ARN could name say what its region and account may be.
        var formatParts = formats.Select(f => f.ArnFormat.Split(':', 6))
            .Where(p => p.Length == 6 && ArnFormat.ResourcePartCanMatch(p[5], parts[5]))
            .ToList();
        if (formatParts.Count == 0)
        {
            return;
        }

        if (service != "iam" && region.Length > 0 && region != "*" && formatParts.All(p => p[3].Length == 0))
        {
            context.Report("ARN_REGION_NOT_ALLOWED", resource.Span, ("service", service));
            return;
        }

        if (region.Length == 0 && formatParts.All(p => p[3].Length > 0))
        {
            context.Report("MISSING_ARN_REGION", resource.Span, ("service", service));
            return;
        }

        if (account.Length > 0 && account != "*" && formatParts.All(p => p[4].Length == 0))
        {
            context.Report("ARN_ACCOUNT_NOT_ALLOWED", resource.Span, ("service", service));
            return;
        }

        // "aws" is the account of AWS managed policies (arn:aws:iam::aws:policy/...).
        if (account.Length > 0 && !Wildcard.HasWildcards(account) && account != "aws" && !IsAccountId(account) && formatParts.All(p => p[4].Length > 0))
        {
            context.Report("INVALID_ARN_ACCOUNT", resource.Span, ("account", account));
        }

        // INVALID_ARN_RESOURCE is not reported: the reference's ARN formats are fewer than the
        // resources AWS's own managed policies name (docs/lint.md), and an error must be certain.
    }

    private static bool IsAccountId(string account) =>
        account.Length == 12 && account.All(char.IsAsciiDigit) && long.TryParse(account, NumberStyles.None, CultureInfo.InvariantCulture, out _);
}
