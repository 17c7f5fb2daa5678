using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace VisualRecSys.Web.Accounts;

/// <summary>The sign-in form's fields.</summary>
public sealed class SignInForm
{
    public string? Email { get; set; }

    public string? Password { get; set; }

    public string? ReturnUrl { get; set; }
}

/// <summary>
/// <c>POST /account/login</c> and <c>POST /account/logout</c>: plain form posts (antiforgery-checked, since they bind a
/// form), so the cookie is set on an ordinary HTTP response rather than from inside a Blazor circuit.
/// </summary>
public static class AccountEndpoints
{
    public const string SignInPath = "/account/login";
    public const string SignOutPath = "/account/logout";
    public const string AccessDeniedPath = "/account/denied";

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").WithTags("Account").ExcludeFromDescription().AllowAnonymous();
        account.MapPost("/login", SignInAsync);
        account.MapPost("/logout", SignOutAsync);
        return app;
    }

    private static async Task<IResult> SignInAsync([FromForm] SignInForm form, SignInManager<IdentityUser> signIn)
    {
        var returnUrl = LocalOrHome(form.ReturnUrl);
        if (string.IsNullOrWhiteSpace(form.Email) || string.IsNullOrEmpty(form.Password))
        {
            return Results.Redirect(SignInPage("missing", returnUrl));
        }

        var result = await signIn.PasswordSignInAsync(form.Email.Trim(), form.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return Results.LocalRedirect(returnUrl);
        }

        return Results.Redirect(SignInPage(result.IsLockedOut ? "locked" : "failed", returnUrl));
    }

    private static async Task<IResult> SignOutAsync([FromForm] string? returnUrl, SignInManager<IdentityUser> signIn)
    {
        await signIn.SignOutAsync();
        return Results.LocalRedirect(LocalOrHome(returnUrl));
    }

    private static string SignInPage(string error, string returnUrl) =>
        $"{SignInPath}?error={error}&returnUrl={Uri.EscapeDataString(returnUrl)}";

    /// <summary>Only a path on this site: an open redirect would let a link sign people in and send them elsewhere.</summary>
    public static string LocalOrHome(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : "/";
}
