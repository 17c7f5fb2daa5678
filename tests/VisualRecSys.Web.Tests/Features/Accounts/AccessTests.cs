using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using VisualRecSys.Testing;
using VisualRecSys.Web.Features.Accounts;

namespace VisualRecSys.Web.Tests.Features.Accounts;

/// <summary>Who may do what, through the real app: anonymous visitors, analysts and admins, signed in through the form.</summary>
public sealed class AccessTests(ReadyAppFixture app) : IClassFixture<ReadyAppFixture>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/store")]
    [InlineData("/products/1")]
    [InlineData("/account/login")]
    public async Task Store_pages_are_open_to_visitors(string path)
    {
        using var client = Anonymous();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/admin")]
    [InlineData("/admin/status")]
    [InlineData("/admin/catalog")]
    [InlineData("/quality")]
    [InlineData("/quality/feedback")]
    public async Task Visitors_are_sent_to_the_sign_in_page_from_the_consoles(string path)
    {
        using var client = Anonymous();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.Contains("/account/login", location, StringComparison.Ordinal);
        Assert.Contains("ReturnUrl=" + Uri.EscapeDataString(path), location, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "/api/admin/builds")]
    [InlineData("GET", "/api/admin/status")]
    [InlineData("GET", "/api/admin/jobs/1")]
    [InlineData("POST", "/api/admin/builds")]
    [InlineData("POST", "/api/admin/builds/1/activate")]
    [InlineData("POST", "/api/admin/builds/rollback")]
    [InlineData("POST", "/api/admin/imports")]
    [InlineData("POST", "/api/admin/heads")]
    [InlineData("DELETE", "/api/admin/builds/1")]
    [InlineData("GET", "/api/quality/feedback.csv")]
    public async Task The_admin_and_quality_api_answer_visitors_401_without_a_redirect(string method, string path)
    {
        using var client = Anonymous();

        var response = await client.SendAsync(Request(method, path));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Theory]
    [InlineData("GET", "/api/admin/builds")]
    [InlineData("GET", "/api/admin/status")]
    [InlineData("POST", "/api/admin/builds")]
    [InlineData("POST", "/api/admin/builds/rollback")]
    [InlineData("POST", "/api/admin/imports")]
    [InlineData("DELETE", "/api/admin/builds/1")]
    public async Task An_analyst_is_refused_the_admin_api_with_403(string method, string path)
    {
        using var client = await app.Factory.CreateSignedInClientAsync(AppRoles.Analyst);

        var response = await client.SendAsync(Request(method, path));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task An_analyst_reaches_the_quality_console_but_not_the_admin_console()
    {
        using var client = await app.Factory.CreateSignedInClientAsync(AppRoles.Analyst);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/quality")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/quality/feedback.csv")).StatusCode);
        var admin = await client.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, admin.StatusCode);
        Assert.Contains("/account/denied", admin.Headers.Location!.ToString(), StringComparison.Ordinal);
        var home = await client.GetStringAsync("/");
        Assert.Contains("nav-quality", home, StringComparison.Ordinal);
        Assert.DoesNotContain("nav-admin", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_reaches_both_consoles_and_the_admin_api()
    {
        using var client = await app.Factory.CreateSignedInClientAsync(AppRoles.Admin);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/status")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/quality")).StatusCode);
        var builds = await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/admin/builds");
        Assert.True(builds.GetProperty("activeBuildId").GetInt32() > 0);
        var home = await client.GetStringAsync("/");
        Assert.Contains("nav-admin", home, StringComparison.Ordinal);
        Assert.Contains(TestUsers.EmailOf(AppRoles.Admin), home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_goes_back_to_the_form_with_an_error_and_no_cookie()
    {
        await TestUsers.EnsureAsync(app.Factory.Services, AppRoles.Analyst);
        using var client = Anonymous();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => TestUsers.SignInAsync(client, TestUsers.EmailOf(AppRoles.Analyst), "not the password at all"));

        Assert.Contains("error=failed", error.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/quality")).StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_keeps_the_email_in_the_form_but_not_in_the_url()
    {
        await TestUsers.EnsureAsync(app.Factory.Services, AppRoles.Analyst);
        using var client = Anonymous();
        var email = TestUsers.EmailOf(AppRoles.Analyst);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => TestUsers.SignInAsync(client, email, "not the password at all"));
        // The message ends with the redirect's Location: the form's page, without the address.
        var location = error.Message[error.Message.LastIndexOf(" to ", StringComparison.Ordinal)..];
        Assert.Contains("error=failed", location, StringComparison.Ordinal);
        Assert.DoesNotContain(Uri.EscapeDataString(email), location, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(email, location, StringComparison.OrdinalIgnoreCase);

        var form = await client.GetStringAsync("/account/login?error=failed");
        Assert.Matches($"<input type=\"email\" name=\"Email\"[^>]*value=\"{System.Text.RegularExpressions.Regex.Escape(email)}\"", form);
        // Handed back once: a later visit shows an empty form.
        var again = await client.GetStringAsync("/account/login");
        Assert.DoesNotContain($"value=\"{email}\"", again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sign_in_without_the_antiforgery_token_is_refused()
    {
        await TestUsers.EnsureAsync(app.Factory.Services, AppRoles.Admin);
        using var client = Anonymous();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = TestUsers.EmailOf(AppRoles.Admin),
            ["Password"] = TestUsers.Password,
        });

        var response = await client.PostAsync("/account/sign-in", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        using var client = await app.Factory.CreateSignedInClientAsync(AppRoles.Admin);
        var page = await client.GetStringAsync("/");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token) });

        var response = await client.PostAsync("/account/sign-out", form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/admin/status")).StatusCode);
    }

    [Theory]
    [InlineData("/quality", "/quality")]
    [InlineData("//evil.example/", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData(null, "/")]
    public void Return_urls_stay_on_this_site(string? returnUrl, string expected) =>
        Assert.Equal(expected, AccountEndpoints.LocalOrHome(returnUrl));

    private HttpClient Anonymous() =>
        app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private static HttpRequestMessage Request(string method, string path) => new(new HttpMethod(method), path)
    {
        Content = method == "GET" ? null : JsonContent.Create(new { }),
    };
}
