namespace VisualRecSys.Web.Features.Accounts;

/// <summary>
/// The e-mail address of a failed sign-in, handed back to the form so a wrong password does not clear it. It travels in
/// a short-lived cookie scoped to the sign-in page, not in the redirect's URL, where logs and history would keep it.
/// </summary>
internal static class SignInEmailCookie
{
    private const string Name = "vrs-sign-in-email";
    private static readonly TimeSpan s_lifetime = TimeSpan.FromMinutes(5);

    /// <summary>Remembers <paramref name="email"/> for the sign-in page the failed attempt redirects to.</summary>
    public static void Remember(HttpContext http, string email)
    {
        if (email.Length is 0 or > 256)
        {
            return;
        }

        http.Response.Cookies.Append(Name, email, Options(http, s_lifetime));
    }

    /// <summary>The remembered address (forgotten at once: a reload after a success shows an empty form), or null.</summary>
    public static string? Take(HttpContext? http)
    {
        if (http?.Request.Cookies[Name] is not { Length: > 0 } email)
        {
            return null;
        }

        if (!http.Response.HasStarted)
        {
            http.Response.Cookies.Delete(Name, Options(http, null));
        }

        return email;
    }

    private static CookieOptions Options(HttpContext http, TimeSpan? maxAge) => new()
    {
        HttpOnly = true,
        Secure = http.Request.IsHttps,
        SameSite = SameSiteMode.Strict,
        Path = AccountEndpoints.SignInPath,
        MaxAge = maxAge,
    };
}
