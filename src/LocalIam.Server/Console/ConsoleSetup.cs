using LocalIam.Storage.Secrets;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace LocalIam.Server.Console;

/// <summary>The web console at /console: Razor Pages rendered on the server, cookie sessions, antiforgery on every form.</summary>
internal static class ConsoleSetup
{
    public const string CookieName = "localiam-console";
    public const string AntiforgeryCookieName = "localiam-console-af";

    /// <summary>The HKDF label of the console's key: a change of it ends every session.</summary>
    public const string DataProtectionPurpose = "LocalIam console data protection v1";

    public static IServiceCollection AddLocalIamConsole(this IServiceCollection services, SecretProtector secrets)
    {
        var assembly = typeof(ConsoleSetup).Assembly;
        services.AddRazorPages(pages => pages.RootDirectory = "/Console/Pages")
            // A field left out keeps its default (the page or the core decides); only a value that does not
            // parse makes the model state invalid, which ConsolePageModel refuses.
            .AddMvcOptions(mvc => mvc.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true)
            .ConfigureApplicationPartManager(parts =>
            {
                // Only this assembly's pages: never a page from whichever program hosts the server.
                parts.ApplicationParts.Clear();
                foreach (var part in ApplicationPartFactory.GetApplicationPartFactory(assembly).GetApplicationParts(assembly))
                {
                    parts.ApplicationParts.Add(part);
                }
            });
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = AntiforgeryCookieName;
            antiforgery.Cookie.Path = "/console";
            antiforgery.Cookie.HttpOnly = true;
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddAuthentication(ConsoleSession.Scheme).AddCookie(ConsoleSession.Scheme, cookie =>
        {
            cookie.Cookie.Name = CookieName;
            cookie.Cookie.Path = "/console";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.LoginPath = "/console";
            cookie.AccessDeniedPath = "/console";
            // AWS's console sessions end at a fixed time after sign-in: 1 hour for root, 12 for IAM users.
            cookie.SlidingExpiration = false;
            cookie.ExpireTimeSpan = ConsoleSession.UserLifetime;
            cookie.Events.OnValidatePrincipal = ValidateAsync;
        });
        services.AddAuthorization();
        services.AddSingleton<SignInLockout>();
        services.AddSingleton<ConsoleSignIn>();
        services.AddSingleton<ConsoleAuthorizer>();

        // Cookies and antiforgery tokens are protected with a key derived from the store's secret
        // key: no key ring on disk, every node of a store reads every other node's sessions.
        services.Replace(ServiceDescriptor.Singleton<IDataProtectionProvider>(new DerivedDataProtector(new SecretProtector(secrets.DeriveKey(DataProtectionPurpose)))));
        foreach (var hosted in services.Where(IsKeyRingStartup).ToList())
        {
            services.Remove(hosted);
        }

        return services;
    }

    /// <summary>Routes the console: security headers, sessions, the pages and their style sheet.</summary>
    public static void MapLocalIamConsole(this WebApplication app)
    {
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/console"), console =>
        {
            console.Use((http, next) =>
            {
                var headers = http.Response.Headers;
                headers.ContentSecurityPolicy = "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "same-origin";
                headers.CacheControl = "no-cache, no-store";
                headers.Pragma = "no-cache";
                return next(http);
            });
            console.UseAuthentication();
            console.UseAuthorization();
        });
        app.MapGet(ConsoleStyle.Path, () => Results.Text(ConsoleStyle.Css, "text/css; charset=utf-8"));
        app.MapGet(ConsoleScripts.PolicyEditorPath, () => Results.Text(ConsoleScripts.PolicyEditor, "text/javascript; charset=utf-8"));
        app.MapRazorPages();
    }

    /// <summary>Ends a session whose user, password or login profile changed or went away since sign-in.</summary>
    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var session = ConsoleSession.From(context.Principal);
        var signIn = context.HttpContext.RequestServices.GetRequiredService<ConsoleSignIn>();
        if (session is null || await signIn.CurrentStampAsync(session) != session.Stamp)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(ConsoleSession.Scheme);
        }
    }

    /// <summary>The data-protection key ring's start-up service: unused here, and it would write keys under $HOME.</summary>
    private static bool IsKeyRingStartup(ServiceDescriptor descriptor) =>
        descriptor.ServiceType == typeof(IHostedService)
        && descriptor.ImplementationType?.Namespace?.StartsWith("Microsoft.AspNetCore.DataProtection", StringComparison.Ordinal) == true;
}
