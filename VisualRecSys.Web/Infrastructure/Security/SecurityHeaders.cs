using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Components;

namespace VisualRecSys.Web.Infrastructure.Security;

/// <summary>
/// Response headers that tell browsers what the app's pages may do: a Content-Security-Policy that fits Blazor Server
/// and MudBlazor, no MIME sniffing, no framing, a modest referrer, no powerful features, and HSTS outside development.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// The policy without the import map's hash. Blazor Server needs scripts from the app only and a WebSocket to it
    /// ('self' covers ws: and wss: of the same host); MudBlazor sets <c>style</c> attributes on its components, which
    /// only 'unsafe-inline' in style-src allows (styles cannot run script). Images include data: URIs (MudBlazor's
    /// and Swagger UI's icons) and blob: (previews of files chosen for upload).
    /// </summary>
    internal const string BasePolicy =
        "default-src 'self'; " +
        "style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data: blob:; " +
        "font-src 'self' data:; " +
        "connect-src 'self'; " +
        "object-src 'none'; " +
        "base-uri 'self'; " +
        "form-action 'self'; " +
        "frame-ancestors 'none'";

    /// <summary>Features no page of the shop uses: a script injected into one cannot switch them on.</summary>
    internal const string PermissionsPolicy =
        "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()";

    // One hash per import map: the map is fixed for a build, so this is computed once, not per request.
    private static readonly ConditionalWeakTable<ImportMapDefinition, string> s_policies = [];

    /// <summary>Adds HSTS (outside development) and the security headers to every response, errors included.</summary>
    public static WebApplication UseVisualRecSysSecurityHeaders(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.Environment.IsDevelopment())
        {
            // HTTPS requests only, and never for localhost (HstsOptions.ExcludedHosts): a developer's browser is not pinned.
            app.UseHsts();
        }

        app.Use((context, next) =>
        {
            // Set when the response starts, so the headers survive the exception handler clearing the response and
            // the policy sees the endpoint that finally rendered (a re-executed error or not-found page).
            context.Response.OnStarting(() =>
            {
                Apply(context);
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }

    private static void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = PolicyFor(context.GetEndpoint()?.Metadata.GetMetadata<ImportMapDefinition>());
        headers.XContentTypeOptions = "nosniff";
        // Older browsers ignore frame-ancestors; DENY says the same to them.
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers["Permissions-Policy"] = PermissionsPolicy;
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
    }

    /// <summary>
    /// The policy for a page rendering <paramref name="importMap"/>: Blazor's <c>&lt;ImportMap /&gt;</c> writes it as an
    /// inline script, which script-src allows by its SHA-256 alone (no 'unsafe-inline' for scripts).
    /// </summary>
    internal static string PolicyFor(ImportMapDefinition? importMap) =>
        importMap is null
            ? $"script-src 'self'; {BasePolicy}"
            : s_policies.GetValue(importMap, map => $"script-src 'self' '{HashOf(map.ToString())}'; {BasePolicy}");

    /// <summary>A CSP hash source for an inline script's text.</summary>
    internal static string HashOf(string inlineScript) =>
        "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(inlineScript)));
}
