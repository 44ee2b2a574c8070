using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using LocalIam.Aws.SigV4;
using LocalIam.Cli.Accounts;
using LocalIam.Cli.Commands;

namespace LocalIam.Cli.Labs;

/// <summary>What a call or a page did: allowed or refused, AWS's error code, and the message or the page's words.</summary>
internal sealed record LabOutcome(bool Allowed, string? Code, string Message)
{
    /// <summary>The response body (XML or JSON) of a call that succeeded, for the values later steps need.</summary>
    public string Body { get; init; } = string.Empty;
}

/// <summary>
/// One AWS API call as the AWS CLI would make it, signed with the actor's keys: the Query protocol
/// for IAM and STS, AWS JSON for the billing setting, Cost Explorer and Budgets. Parameters come
/// from the lab as YAML values: lists become <c>Name.member.N</c>, a <c>Tags</c> mapping becomes
/// Key/Value members, and a mapping under a document parameter (PolicyDocument, Policy,
/// AssumeRolePolicyDocument) is sent as its JSON text.
/// </summary>
internal static class AwsCall
{
    private sealed record Service(string SigningName, string? QueryVersion, string? TargetPrefix, string? JsonVersion);

    private static readonly Dictionary<string, Service> Services = new(StringComparer.Ordinal)
    {
        ["iam"] = new("iam", "2010-05-08", null, null),
        ["sts"] = new("sts", "2011-06-15", null, null),
        ["billing"] = new("billing", null, "AWSBilling", "1.0"),
        ["ce"] = new("ce", null, "AWSInsightsIndexService", "1.1"),
        ["budgets"] = new("budgets", null, "AWSBudgetServiceGateway", "1.1"),
    };

    public static IEnumerable<string> ServiceNames => Services.Keys;

    public static async Task<LabOutcome> SendAsync(HttpClient http, Uri endpoint, string operation, IReadOnlyDictionary<string, object?> parameters, AwsCredentials keys, CancellationToken cancellationToken)
    {
        var colon = operation.IndexOf(':', StringComparison.Ordinal);
        var (prefix, name) = (operation[..colon], operation[(colon + 1)..]);
        if (!Services.TryGetValue(prefix, out var service))
        {
            throw new CommandInputException($"`call: {operation}`: the lab runner calls {string.Join(", ", Services.Keys)} operations");
        }

        byte[] body;
        var headers = new List<KeyValuePair<string, string>>();
        if (service.QueryVersion is { } version)
        {
            var form = new List<KeyValuePair<string, string>> { new("Action", name), new("Version", version) };
            foreach (var (key, value) in parameters)
            {
                Flatten(form, key, value);
            }

            body = Encoding.UTF8.GetBytes(string.Join('&', form.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}")));
            headers.Add(new("content-type", "application/x-www-form-urlencoded; charset=utf-8"));
        }
        else
        {
            body = JsonSerializer.SerializeToUtf8Bytes(parameters);
            headers.Add(new("content-type", $"application/x-amz-json-{service.JsonVersion}"));
            headers.Add(new("x-amz-target", $"{service.TargetPrefix}.{name}"));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", headers[0].Value);
        foreach (var (header, value) in headers.Skip(1))
        {
            request.Headers.TryAddWithoutValidation(header, value);
        }

        foreach (var (header, value) in SigV4Signer.Sign("POST", endpoint, headers, body, keys.AccessKeyId, keys.SecretAccessKey, keys.SessionToken, "us-east-1", service.SigningName, DateTimeOffset.UtcNow))
        {
            request.Headers.TryAddWithoutValidation(header, value);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.IsSuccessStatusCode
            ? new LabOutcome(true, null, $"HTTP {(int)response.StatusCode}") { Body = text }
            : Refusal(response.StatusCode, text);
    }

    /// <summary>A value from an XML answer: the first element of that name (AccessKeyId, SecretAccessKey, SessionToken...).</summary>
    public static string? XmlValue(string xml, string element)
    {
        try
        {
            return XDocument.Parse(xml).Descendants().FirstOrDefault(e => e.Name.LocalName == element)?.Value;
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
    }

    private static LabOutcome Refusal(HttpStatusCode status, string text)
    {
        if (text.TrimStart().StartsWith('<'))
        {
            return new LabOutcome(false, XmlValue(text, "Code") ?? $"HTTP {(int)status}", XmlValue(text, "Message") ?? text);
        }

        try
        {
            using var json = JsonDocument.Parse(text);
            var code = json.RootElement.TryGetProperty("__type", out var type) ? type.GetString() : null;
            var message = json.RootElement.TryGetProperty("message", out var m) || json.RootElement.TryGetProperty("Message", out m) ? m.GetString() : null;
            return new LabOutcome(false, code?[(code.LastIndexOf('#') + 1)..] ?? $"HTTP {(int)status}", message ?? text);
        }
        catch (JsonException)
        {
            return new LabOutcome(false, $"HTTP {(int)status}", text);
        }
    }

    private static void Flatten(List<KeyValuePair<string, string>> form, string name, object? value)
    {
        switch (value)
        {
            case null:
                return;
            case string or bool or long or double:
                form.Add(new(name, Scalar(value)));
                return;
            case Dictionary<string, object?> tags when name is "Tags":
                var n = 0;
                foreach (var (key, tagValue) in tags)
                {
                    n++;
                    form.Add(new($"{name}.member.{n}.Key", key));
                    form.Add(new($"{name}.member.{n}.Value", Scalar(tagValue)));
                }

                return;
            case Dictionary<string, object?> document:
                // A policy document written as YAML: sent as the JSON text AWS expects.
                form.Add(new(name, JsonSerializer.Serialize(document)));
                return;
            case List<object?> list:
                for (var i = 0; i < list.Count; i++)
                {
                    if (list[i] is Dictionary<string, object?> member)
                    {
                        foreach (var (key, memberValue) in member)
                        {
                            Flatten(form, $"{name}.member.{i + 1}.{key}", memberValue);
                        }
                    }
                    else
                    {
                        form.Add(new($"{name}.member.{i + 1}", Scalar(list[i])));
                    }
                }

                return;
        }
    }

    private static string Scalar(object? value) => value switch
    {
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString(CultureInfo.InvariantCulture),
        _ => value?.ToString() ?? string.Empty,
    };
}
