using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Identity;


namespace VisualRecSys.Web.Features.Accounts;

/// <summary>
/// Sign-in and who may do what: Identity's cookie, the roles' policies, the first administrator, and API requests
/// answered 401/403 instead of redirected to the sign-in page.
/// </summary>
internal static class AccessControl
{
    public static IServiceCollection AddAccessControl(this IServiceCollection services)
    {
        services.AddSharedDataProtectionKeys();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        new IdentityBuilder(typeof(IdentityUser), typeof(IdentityRole), services).AddSignInManager();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = AccountEndpoints.SignInPath;
            cookie.LogoutPath = AccountEndpoints.SignOutPath;
            cookie.AccessDeniedPath = AccountEndpoints.AccessDeniedPath;
            cookie.Cookie.Name = "vrs-auth";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
            cookie.Events = new CookieAuthenticationEvents
            {
                OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized),
                OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden),
            };
        });
        services.AddAuthorizationBuilder().AddPolicy(AdminAccess.Policy, AdminAccess.Configure).AddPolicy(QualityAccess.Policy, QualityAccess.Configure);
        services.AddCascadingAuthenticationState();
        services.AddHostedService<FirstAdminSeeder>();
        return services;
    }

    /// <summary>
    /// Who the caller is, then whether they may (call before antiforgery, as ASP.NET Core requires); and the sign-in and
    /// sign-out form posts.
    /// </summary>
    public static WebApplication UseAccessControl(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapAccountEndpoints();
        return app;
    }

    /// <summary>Pages get the sign-in page (302); the API gets a status code, which scripts and fetch calls can act on.</summary>
    private static Task RedirectOrStatus(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = status;
            // The app re-executes error statuses as its not-found page, which would turn a POST's 401 into the page's 400.
            if (context.HttpContext.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
            {
                statusPages.Enabled = false;
            }
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }
}
