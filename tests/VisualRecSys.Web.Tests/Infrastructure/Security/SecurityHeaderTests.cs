using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace VisualRecSys.Web.Tests.Infrastructure.Security;

/// <summary>
/// Every response (each routable page, the API, images, static files, errors) carries the headers that keep browsers
/// from sniffing, framing, leaking referrers or running injected script; HSTS only over HTTPS to a real host name.
/// </summary>
public sealed partial class SecurityHeaderTests(ReadyAppFixture app) : IClassFixture<ReadyAppFixture>
{
    private static readonly string[] s_otherPaths = ["/api/products", "/api/status", "/health", "/images/1?size=128", "/assets/site.css", "/no-such-page", "/openapi/v1.json"];

    public static TheoryData<string> Paths()
    {
        var paths = new TheoryData<string>();
        foreach (var page in AppSurface.Pages())
        {
            paths.Add(page.Sample());
        }

        foreach (var path in s_otherPaths)
        {
            paths.Add(path);
        }

        return paths;
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        using var response = await app.Client.GetAsync(path);

        Assert.True((int)response.StatusCode < 500, $"{path}: {response.StatusCode}");
        var csp = Header(response, "Content-Security-Policy");
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        var scripts = csp.Split(';').Single(d => d.Trim().StartsWith("script-src", StringComparison.Ordinal));
        Assert.DoesNotContain("unsafe", scripts, StringComparison.Ordinal);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
        Assert.Contains("camera=()", Header(response, "Permissions-Policy"), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), "no HSTS over plain HTTP");
    }

    [Fact]
    public async Task A_page_may_run_its_import_map_and_no_other_inline_script()
    {
        using var response = await app.Client.GetAsync("/store");
        var html = await response.Content.ReadAsStringAsync();

        var inline = InlineScript().Matches(html).Select(m => m.Groups["body"].Value).ToList();
        var importMap = Assert.Single(inline);
        var hash = "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(importMap)));
        Assert.Contains($"'{hash}'", Header(response, "Content-Security-Policy"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Https_responses_to_a_real_host_carry_hsts_and_a_secure_session_cookie()
    {
        using var https = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://shop.example/") });
        using var response = await https.GetAsync("/store");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("max-age=", Header(response, "Strict-Transport-Security"), StringComparison.Ordinal);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("vrs-session=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Localhost_is_never_pinned_to_https()
    {
        using var https = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost/") });
        using var response = await https.GetAsync("/store");

        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"{response.RequestMessage?.RequestUri} has no {name} header");

    // Scripts without a src attribute: the ones a Content-Security-Policy must allow by hash.
    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>(?<body>.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex InlineScript();
}
