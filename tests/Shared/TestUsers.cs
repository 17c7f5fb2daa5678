using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using VisualRecSys.Web.Features.Accounts;

namespace VisualRecSys.Testing;

/// <summary>
/// Signed-in test users, one per role, made through the app's own <see cref="UserAccounts"/> and signed in through the
/// real sign-in form (antiforgery token and all), so tests exercise the same cookie a person gets.
/// </summary>
public static partial class TestUsers
{
    /// <summary>The test users' password: they exist only in the temporary databases of tests.</summary>
    public const string Password = "tests only, never deployed";

    public static string EmailOf(string role) => $"{role.ToLowerInvariant()}@tests.invalid";

    /// <summary>Creates the user of <paramref name="role"/> (or resets its password) in the app's database.</summary>
    public static async Task EnsureAsync(IServiceProvider services, string role)
    {
        var result = await services.GetRequiredService<UserAccounts>().AddAsync(EmailOf(role), role, Password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(result.Message);
        }
    }

    /// <summary>A client of <paramref name="factory"/>'s app signed in as the test user of <paramref name="role"/>; redirects are not followed.</summary>
    public static async Task<HttpClient> CreateSignedInClientAsync(this WebApplicationFactory<Program> factory, string role)
    {
        ArgumentNullException.ThrowIfNull(factory);
        await EnsureAsync(factory.Services, role);
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await SignInAsync(client, EmailOf(role), Password);
        return client;
    }

    /// <summary>Posts the sign-in form the way a browser does; the client must keep cookies.</summary>
    public static async Task SignInAsync(HttpClient client, string email, string password)
    {
        ArgumentNullException.ThrowIfNull(client);
        var form = await client.GetStringAsync("/account/login");
        var token = AntiforgeryField().Match(form);
        if (!token.Success)
        {
            throw new InvalidOperationException("The sign-in page has no antiforgery field.");
        }

        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["Email"] = email,
            ["Password"] = password,
            ["ReturnUrl"] = "/",
        });
        using var response = await client.PostAsync("/account/sign-in", content);
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString != "/")
        {
            throw new InvalidOperationException($"Signing in as {email} failed: {(int)response.StatusCode} to {response.Headers.Location}.");
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
