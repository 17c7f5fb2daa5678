using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace VisualRecSys.Web.Features.Accounts;

/// <summary>
/// <c>POST /account/sign-in</c> and <c>POST /account/sign-out</c>: plain form posts (antiforgery-checked, since they bind a
/// form), so the cookie is set on an ordinary HTTP response rather than from inside a Blazor circuit.
/// </summary>
public static class AccountEndpoints
{
    /// <summary>The sign-in page (a Razor component); its form posts to <see cref="SignInPostPath"/>.</summary>
    public const string SignInPath = "/account/login";

    /// <summary>
    /// Where the sign-in form posts. Not the page's own path: Razor component pages take POSTs too (their forms), and two
    /// endpoints on one path and method are ambiguous.
    /// </summary>
    public const string SignInPostPath = "/account/sign-in";

    /// <summary>Where the app bar's sign-out form posts.</summary>
    public const string SignOutPath = "/account/sign-out";
    public const string AccessDeniedPath = "/account/denied";

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").WithTags("Account").ExcludeFromDescription().AllowAnonymous()
            // Checked by hand below: a bad token is a plain 400 here, where the automatic check throws from the form
            // binding and the error page's re-execution of the same POST fails again.
            .DisableAntiforgery();
        account.MapPost("/sign-in", SignInAsync);
        account.MapPost("/sign-out", SignOutAsync);
        return app;
    }

    private static async Task<IResult> SignInAsync(HttpContext http, IAntiforgery antiforgery, SignInManager<IdentityUser> signIn)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return InvalidForm();
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var email = form["Email"].ToString().Trim();
        var password = form["Password"].ToString();
        var returnUrl = LocalOrHome(form["ReturnUrl"].ToString());
        if (email.Length == 0 || password.Length == 0)
        {
            SignInEmailCookie.Remember(http, email);
            return Results.Redirect(SignInPage("missing", returnUrl));
        }

        var result = await signIn.PasswordSignInAsync(email, password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return Results.LocalRedirect(returnUrl);
        }

        SignInEmailCookie.Remember(http, email);
        return Results.Redirect(SignInPage(result.IsLockedOut ? "locked" : "failed", returnUrl));
    }

    private static async Task<IResult> SignOutAsync(HttpContext http, IAntiforgery antiforgery, SignInManager<IdentityUser> signIn)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return InvalidForm();
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        await signIn.SignOutAsync();
        return Results.LocalRedirect(LocalOrHome(form["ReturnUrl"].ToString()));
    }

    private static IResult InvalidForm() => Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid form",
        detail: "The form's antiforgery token is missing or expired: reload the page and send the form again.");

    private static string SignInPage(string error, string returnUrl) =>
        $"{SignInPath}?error={error}&returnUrl={Uri.EscapeDataString(returnUrl)}";

    /// <summary>Only a path on this site: an open redirect would let a link sign people in and send them elsewhere.</summary>
    public static string LocalOrHome(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : "/";
}
