using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using VisualRecSys.Testing;
using VisualRecSys.Web.Infrastructure.RateLimiting;

namespace VisualRecSys.Web.Tests.Infrastructure.RateLimiting;

/// <summary>Per-client limits on uploads and the API: 429 with Retry-After past the allowance, other clients unaffected.</summary>
public sealed class RateLimitTests : IAsyncDisposable
{
    private readonly AppFactory _factory = new();

    // No catalog: the limiter answers before any handler, so these hosts start in a second.
    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> Host(bool exemptLoopback = false, string? trustedProxy = null)
    {
        List<(string, string)> settings =
        [
            ("VisualRecSys:SeedCatalog", "none"),
            ("VisualRecSys:RateLimits:ExemptLoopback", exemptLoopback ? "true" : "false"),
            ("VisualRecSys:RateLimits:Uploads:PermitLimit", "2"),
            ("VisualRecSys:RateLimits:Uploads:WindowSeconds", "60"),
            ("VisualRecSys:RateLimits:Api:PermitLimit", "5"),
            ("VisualRecSys:RateLimits:Api:WindowSeconds", "60"),
        ];
        if (trustedProxy is not null)
        {
            settings.Add(("VisualRecSys:TrustedProxies:Addresses:0", trustedProxy));
        }

        return _factory.WithSettings([.. settings]);
    }

    private static async Task<HttpStatusCode> UploadAsync(HttpClient client)
    {
        using var form = UploadForms.One(UploadForms.QueryImage(2001));
        using var response = await client.PostAsync("/api/similar", form);
        return response.StatusCode;
    }

    [Fact]
    public async Task Uploads_past_the_allowance_get_429_with_retry_after_and_other_clients_are_unaffected()
    {
        await using var app = Host();
        using var greedy = app.ClientFrom("203.0.113.7");
        using var other = app.ClientFrom("203.0.113.8");

        Assert.NotEqual(HttpStatusCode.TooManyRequests, await UploadAsync(greedy));
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await UploadAsync(greedy));
        using var form = UploadForms.One(UploadForms.QueryImage(2001));
        using var refused = await greedy.PostAsync("/api/similar", form);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await UploadAsync(other));
        // Uploads have their own allowance: the greedy client may still read the API.
        Assert.Equal(HttpStatusCode.OK, (await greedy.GetAsync("/api/status")).StatusCode);
    }

    [Fact]
    public async Task Api_requests_past_the_allowance_get_429_but_pages_and_static_files_are_not_limited()
    {
        await using var app = Host();
        using var client = app.ClientFrom("2001:db8::1");

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/status")).StatusCode);
        }

        using var refused = await client.GetAsync("/api/products");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.Contains("Retry-After"));
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/store")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/assets/site.css")).StatusCode);
        }
    }

    private static HttpClient ForwardedBy(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> app, string proxy, string client)
    {
        var http = app.ClientFrom(proxy);
        http.DefaultRequestHeaders.Add("X-Forwarded-For", client);
        return http;
    }

    [Fact]
    public async Task Behind_a_trusted_local_proxy_each_forwarded_client_has_its_own_allowance()
    {
        // nginx on the same machine: every request comes from loopback, which is exempt by default.
        await using var app = Host(exemptLoopback: true, trustedProxy: "127.0.0.1");
        using var greedy = ForwardedBy(app, "127.0.0.1", "203.0.113.50");
        using var other = ForwardedBy(app, "127.0.0.1", "203.0.113.51");

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await greedy.GetAsync("/api/status")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await greedy.GetAsync("/api/status")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/status")).StatusCode);
    }

    [Fact]
    public async Task Forwarded_headers_from_an_untrusted_address_are_ignored()
    {
        // Not configured: a client that writes X-Forwarded-For itself is still judged by its own address.
        await using var app = Host(trustedProxy: null);
        using var liar = ForwardedBy(app, "198.51.100.20", "203.0.113.60");
        using var sameLiarAgain = ForwardedBy(app, "198.51.100.20", "203.0.113.61");

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await liar.GetAsync("/api/status")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await sameLiarAgain.GetAsync("/api/status")).StatusCode);
    }

    [Fact]
    public async Task A_trusted_proxy_that_is_not_an_address_stops_the_start_naming_it()
    {
        await using var app = Host(trustedProxy: "nginx.local");

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("'nginx.local' is not an IP address or network", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ipv4_and_its_ipv6_mapped_form_share_one_allowance()
    {
        await using var app = Host();
        using var v4 = app.ClientFrom("198.51.100.4");
        using var mapped = app.ClientFrom("::ffff:198.51.100.4");

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await (i % 2 == 0 ? v4 : mapped).GetAsync("/api/status")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await mapped.GetAsync("/api/status")).StatusCode);
    }

    [Fact]
    public async Task Loopback_clients_are_exempt_by_default_so_load_tests_on_the_host_are_not_throttled()
    {
        await using var app = Host(exemptLoopback: true);
        using var local = app.ClientFrom("127.0.0.1");
        using var remote = app.ClientFrom("203.0.113.9");

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await local.GetAsync("/api/status")).StatusCode);
        }

        for (var i = 0; i < 5; i++)
        {
            await remote.GetAsync("/api/status");
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await remote.GetAsync("/api/status")).StatusCode);
    }

    [Fact]
    public void The_defaults_are_generous_and_loopback_is_exempt()
    {
        var defaults = new ClientRateLimitOptions();

        Assert.True(defaults.Enabled && defaults.ExemptLoopback);
        Assert.True(defaults.Api.PermitLimit / defaults.Api.WindowSeconds >= 100, "at least 100 API requests a second per client");
        Assert.True(defaults.Uploads.PermitLimit / (double)defaults.Uploads.WindowSeconds >= 1, "at least one upload a second per client");
    }

    [Theory]
    [InlineData("VisualRecSys:RateLimits:Uploads:PermitLimit", "0")]
    [InlineData("VisualRecSys:RateLimits:Api:WindowSeconds", "-5")]
    public void A_bad_limit_stops_the_app_at_start_with_a_message_naming_the_key(string key, string value)
    {
        using var app = _factory.WithSettings(("VisualRecSys:SeedCatalog", "none"), (key, value));

        var e = StartRefusal.Of(() => app.CreateClient());
        Assert.Contains(key, e.Message, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();
}
