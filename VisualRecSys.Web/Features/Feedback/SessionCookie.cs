namespace VisualRecSys.Web.Features.Feedback;

/// <summary>
/// An anonymous session id in a cookie, so a shopper's votes are "theirs" (one label per person) without an
/// account. Set on the first request; the Blazor pages receive it from the host page.
/// </summary>
public static class SessionCookie
{
    public const string Name = "vrs-session";
    private const string ItemKey = "VisualRecSys.Session";

    public static IApplicationBuilder UseSessionCookie(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!context.Request.Cookies.TryGetValue(Name, out var id) || !Guid.TryParseExact(id, "N", out _))
        {
            id = Guid.NewGuid().ToString("N");
            context.Response.Cookies.Append(Name, id, new CookieOptions
            {
                HttpOnly = true,
                // Over HTTPS the id never travels in clear text afterwards; plain HTTP (development, loopback) keeps working.
                Secure = context.Request.IsHttps,
                SameSite = SameSiteMode.Lax,
                IsEssential = true,
                MaxAge = TimeSpan.FromDays(365),
            });
        }

        context.Items[ItemKey] = id;
        await next(context);
    });

    /// <summary>The session id of this request (set by <see cref="UseSessionCookie"/>).</summary>
    public static string? Of(HttpContext? context) => context?.Items[ItemKey] as string;

    /// <summary>The user key feedback is stored under: the session id prefixed so user names can never collide with it.</summary>
    public static string UserKey(string sessionId) => $"session:{sessionId}";
}
