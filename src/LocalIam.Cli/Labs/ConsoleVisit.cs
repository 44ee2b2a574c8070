using System.Net;
using System.Text.RegularExpressions;

namespace LocalIam.Cli.Labs;

/// <summary>
/// The console as a browser without JavaScript uses it: the sign-in form (root by email, an IAM
/// user by account, name and password) with its antiforgery token, then the page. A page is
/// allowed when it answers 200 and refused when it answers 403 ("You need permissions" /
/// "Access denied"), with the refusal's message and LocalIam's explanation as its words.
/// </summary>
internal sealed partial class ConsoleVisit : IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _endpoint;

    private ConsoleVisit(Uri endpoint)
    {
        _endpoint = endpoint;
        _http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true }) { BaseAddress = endpoint, Timeout = TimeSpan.FromSeconds(60) };
    }

    public static async Task<ConsoleVisit> SignInAsRootAsync(Uri endpoint, string email, string password, CancellationToken cancellationToken)
    {
        var visit = new ConsoleVisit(endpoint);
        await visit.SignInAsync("root", [new("Email", email), new("Password", password)], "Root", cancellationToken);
        return visit;
    }

    public static async Task<ConsoleVisit> SignInAsUserAsync(Uri endpoint, string accountId, string userName, string password, CancellationToken cancellationToken)
    {
        var visit = new ConsoleVisit(endpoint);
        await visit.SignInAsync("iam", [new("account", accountId), new("UserName", userName), new("Password", password)], "User", cancellationToken);
        return visit;
    }

    public async Task<LabOutcome> OpenAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri(_endpoint, path), cancellationToken);
        var html = await response.Content.ReadAsStringAsync(cancellationToken);
        return Outcome(response.StatusCode, html);
    }

    /// <summary>Submits the page's form as a browser would: the page's token, the fields, the handler (<c>?handler=ActionSet</c>).</summary>
    public async Task<LabOutcome> SubmitAsync(string path, string? handler, IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken)
    {
        var page = await _http.GetAsync(new Uri(_endpoint, path), cancellationToken);
        var html = await page.Content.ReadAsStringAsync(cancellationToken);
        if (page.StatusCode != HttpStatusCode.OK || TokenField().Match(html) is not { Success: true } match)
        {
            return await OpenAsync(path, cancellationToken);
        }

        var form = fields.ToList();
        form.Add(new("__RequestVerificationToken", WebUtility.HtmlDecode(match.Groups[1].Value)));
        var target = handler is null ? path : $"{path}{(path.Contains('?', StringComparison.Ordinal) ? '&' : '?')}handler={Uri.EscapeDataString(handler)}";
        using var response = await _http.PostAsync(new Uri(_endpoint, target), new FormUrlEncodedContent(form), cancellationToken);
        var answer = await response.Content.ReadAsStringAsync(cancellationToken);
        return Outcome(response.StatusCode, answer);
    }

    public void Dispose() => _http.Dispose();

    private static LabOutcome Outcome(HttpStatusCode status, string html) => status switch
    {
        HttpStatusCode.OK => new LabOutcome(true, null, Heading(html)) { Body = Text(html) },
        HttpStatusCode.Forbidden => new LabOutcome(false, "AccessDenied", Refusal(html)) { Body = Text(html) },
        _ => new LabOutcome(false, $"HTTP {(int)status}", Heading(html) is { Length: > 0 } h ? h : Alert(html)) { Body = Text(html) },
    };

    private async Task SignInAsync(string choice, List<KeyValuePair<string, string>> fields, string handler, CancellationToken cancellationToken)
    {
        var form = await _http.GetStringAsync($"/console?signin={choice}", cancellationToken);
        var token = TokenField().Match(form) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException("the console's sign-in page has no form token");
        fields.Add(new("__RequestVerificationToken", token));
        using var response = await _http.PostAsync($"/console?handler={handler}&signin={choice}", new FormUrlEncodedContent(fields), cancellationToken);
        var page = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.RequestMessage?.RequestUri?.AbsolutePath is "/console" && page.Contains("id=\"password\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"console sign-in refused: {Heading(page)} {Alert(page)}".Trim());
        }
    }

    /// <summary>The refusal's AWS-form message and LocalIam's explanation, as the denial block shows them.</summary>
    private static string Refusal(string html) =>
        DenialMessage().Match(html) is { Success: true } m
            ? $"{Clean(m.Groups[1].Value)} — {Clean(m.Groups[2].Value)}"
            : Heading(html);

    private static string Alert(string html) => AlertBlock().Match(html) is { Success: true } m ? Clean(m.Groups[1].Value) : string.Empty;

    private static string Heading(string html) => FirstHeading().Match(html) is { Success: true } m ? Clean(m.Groups[1].Value) : string.Empty;

    /// <summary>The page's words without markup, for `message:` expectations.</summary>
    private static string Text(string html) => Clean(Body().Match(html) is { Success: true } m ? m.Groups[1].Value : html);

    private static string Clean(string html) => Spaces().Replace(WebUtility.HtmlDecode(Tags().Replace(html, " ")), " ").Trim();

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]*)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("<dl class=\"facts\">.*?</dl>\\s*<p><code>(.*?)</code></p>\\s*<p>(.*?)</p>", RegexOptions.Singleline)]
    private static partial Regex DenialMessage();

    [GeneratedRegex("<div class=\"alert[^\"]*\"[^>]*>(.*?)</div>", RegexOptions.Singleline)]
    private static partial Regex AlertBlock();

    [GeneratedRegex("<h1[^>]*>(.*?)</h1>", RegexOptions.Singleline)]
    private static partial Regex FirstHeading();

    [GeneratedRegex("<main[^>]*>(.*?)</main>", RegexOptions.Singleline)]
    private static partial Regex Body();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex("\\s+")]
    private static partial Regex Spaces();
}
